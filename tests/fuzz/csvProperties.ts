// The CSV reading behind `bygdpuls compare` under hostile files, as fast-check properties shared
// by the test (a few hundred runs) and `npm run fuzz` (ten thousand and more):
// - any bytes: readCsv and scanCsv return rows or throw an InputError naming the file, the line
//   and (inside a row) the column; never another exception, never a hang; they agree;
// - valid CSV however it is quoted, with any line ends, BOM and blank lines: both readers return
//   what a plain reference parser returns, with the same line numbers;
// - compare on a reference case: reformatted files (columns reordered, unknown columns, quoting,
//   line ends) give the same comparison; damaged files give an InputError at file, line, column.
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compareFiles, type CompareFiles } from '../../functions/cli/compare.ts';
import { readCsv, scanCsv } from '../../functions/cli/csv/index.ts';
import { InputError } from '../../functions/cli/errors.ts';

export interface CsvTally {
  cases: number;
  /** Outcomes: "rows", "InputError", and per property. */
  outcomes: Map<string, number>;
}

export const newCsvTally = (): CsvTally => ({ cases: 0, outcomes: new Map() });
const count = (tally: CsvTally, outcome: string) => tally.outcomes.set(outcome, (tally.outcomes.get(outcome) ?? 0) + 1);

class PropertyFailure extends Error {
  override readonly name = 'PropertyFailure';
}
function expect(condition: boolean, what: string): asserts condition {
  if (!condition) throw new PropertyFailure(what);
}

/** A folder for the generated files, removed by `close`. */
export function csvWorkspace(): { write(name: string, content: string | Buffer): string; close(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'bygdpuls-csvfuzz-'));
  let n = 0;
  return {
    write(name, content) {
      const file = path.join(dir, `${n++}-${name}`);
      writeFileSync(file, content);
      return file;
    },
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Rejects when `work` takes longer than `ms`: a hang is a failure. */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new PropertyFailure(`no result within ${ms} ms (a hang)`)), ms)),
  );
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// The reference: RFC 4180 as the readers document it, one character at a time, whole file.

export interface ParsedCsv {
  header: string[];
  rows: { fields: string[]; line: number }[];
}

/** Parses valid CSV text; throws on anything invalid (the generators only give it valid text). */
export function referenceParse(input: string): ParsedCsv {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const records: { fields: string[]; line: number }[] = [];
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const start = line;
    // A blank line (nothing, or only a CR before the newline) is no record.
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] === '\n') || (text[i] === '\r' && i + 1 === text.length)) {
      i += text[i] === '\r' ? 2 : 1;
      line++;
      continue;
    }
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) throw new Error('unclosed quote');
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (text[i] === '\n') line++;
          field += text[i++];
        }
      } else {
        while (i < text.length && text[i] !== ',' && text[i] !== '\n') field += text[i++];
        if (text[i] === '\n' && field.endsWith('\r')) field = field.slice(0, -1);
        else if (i === text.length && field.endsWith('\r')) field = field.slice(0, -1);
        if (field.includes('"')) throw new Error('quote in unquoted field');
      }
      fields.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '\r' && text[i + 1] === '\n') i++;
      else if (text[i] === '\r' && i + 1 === text.length) i++;
      if (i < text.length && text[i] !== '\n') throw new Error('character after closing quote');
      i++;
      line++;
      break;
    }
    records.push({ fields, line: start });
  }
  if (records.length === 0) throw new Error('empty');
  const [head, ...rows] = records;
  return { header: head!.fields, rows };
}

// ---------------------------------------------------------------------------------------------
// Generators.

const fieldText = fc.oneof(
  fc.constantFrom(
    '',
    '7',
    'dk',
    'yes',
    'Östra Ryd',
    'a"b',
    'x,y',
    'två\nrader',
    'ä\r\nö',
    '\r',
    ' ',
    '""',
    '"',
    'ﬀ',
    '💩',
    '\u2028',
    '\u0000',
    '\t',
    '\uFEFF',
    '\uFEFF7',
  ),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
);

/** Writes one field: quoted when it must be, and sometimes when it need not be. */
const written = (field: string, quoteAnyway: boolean) =>
  quoteAnyway || /[",\r\n]/.test(field) || field === '' ? `"${field.replace(/"/g, '""')}"` : field;

export const validCsv = fc
  .integer({ min: 1, max: 6 })
  .chain((width) =>
    fc.record({
      header: fc.uniqueArray(
        fc.string({ minLength: 1, maxLength: 6 }).filter((s) => !/[\r\n]/.test(s) && s.trim() === s),
        { minLength: width, maxLength: width },
      ),
      rows: fc.array(
        fc.tuple(
          fc.array(fc.tuple(fieldText, fc.boolean()), { minLength: width, maxLength: width }),
          fc.constantFrom('\n', '\r\n'),
          fc.constantFrom('', '', '', '\n', '\r\n', '\n\n'),
        ),
        { maxLength: 25 },
      ),
      quoteHeader: fc.boolean(),
      bom: fc.boolean(),
      end: fc.constantFrom('', '\n', '\r\n'),
      chunkSize: fc.constantFrom(1, 2, 3, 7, 64, 4096),
    }),
  )
  .map(({ header, rows, quoteHeader, bom, end, chunkSize }) => {
    // A record of one empty unquoted field would be a blank line: quote it.
    const lines = [header.map((h) => written(h, quoteHeader)).join(',')];
    for (const [fields, eol, blank] of rows) {
      const row = fields.map(([text, quoteAnyway]) => written(text, quoteAnyway || fields.length === 1)).join(',');
      lines.push(eol + blank + row);
    }
    const text = (bom ? '\uFEFF' : '') + lines.join('') + end;
    return { text, chunkSize };
  });

const INVALID_UTF8 = [
  [0xff],
  [0xc3],
  [0xc3, 0x28],
  [0xed, 0xa0, 0x80],
  [0xc0, 0xaf],
  [0xf4, 0x90, 0x80, 0x80],
  [0xe2, 0x82],
  [0xfe, 0xff],
];

/** Valid CSV, then damaged: bytes inserted, removed or replaced; or just random bytes. */
export const hostileCsv = fc.oneof(
  fc
    .tuple(
      validCsv,
      fc.array(
        fc.tuple(
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.oneof(
            fc.constantFrom(...INVALID_UTF8),
            fc.constantFrom([34], [44], [10], [13], [13, 10], [0xef, 0xbb, 0xbf], [34, 34], [0]),
            fc.uint8Array({ maxLength: 4 }).map((a) => [...a]),
          ),
          fc.nat(3),
        ),
        { minLength: 1, maxLength: 4 },
      ),
    )
    .map(([{ text, chunkSize }, edits]) => {
      let bytes = Buffer.from(text, 'utf8');
      for (const [where, insert, removeCount] of edits) {
        const at = Math.floor(where * bytes.length);
        bytes = Buffer.concat([
          bytes.subarray(0, at),
          Buffer.from(insert),
          bytes.subarray(Math.min(bytes.length, at + removeCount)),
        ]);
      }
      return { bytes, chunkSize };
    }),
  fc.record({
    bytes: fc.uint8Array({ maxLength: 400 }).map((a) => Buffer.from(a)),
    chunkSize: fc.constantFrom(1, 3, 64, 4096),
  }),
  fc.record({
    bytes: fc
      .array(fc.constantFrom('a', ',', '"', '\n', '\r', '\r\n', '""', 'x"', '\uFEFF', 'é', ' '), { maxLength: 80 })
      .map((parts) => Buffer.from(parts.join(''), 'utf8')),
    chunkSize: fc.constantFrom(1, 2, 5, 4096),
  }),
);

// ---------------------------------------------------------------------------------------------
// Reading both ways.

type ReadResult = { ok: true; parsed: ParsedCsv } | { ok: false; error: InputError };

async function read(reader: 'readCsv' | 'scanCsv', file: string, chunkSize: number): Promise<ReadResult> {
  let header: string[] = [];
  const rows: { fields: string[]; line: number }[] = [];
  try {
    if (reader === 'readCsv')
      await within(
        5_000,
        readCsv(
          file,
          (h) => (header = h),
          (fields, line) => rows.push({ fields, line }),
        ),
      );
    else {
      await within(
        5_000,
        scanCsv<string>(
          file,
          (names) => {
            header = names;
            return { columns: names.map((_, i) => i), interners: names.map(() => (value: string) => value) };
          },
          (values, line) => rows.push({ fields: [...values], line }),
          { chunkSize },
        ),
      );
    }
    return { ok: true, parsed: { header, rows } };
  } catch (error) {
    expect(
      error instanceof InputError,
      `${reader} threw something other than an InputError: ${String((error as Error)?.stack ?? error).slice(0, 600)}`,
    );
    return { ok: false, error };
  }
}

/** An InputError names the file and the line, and the column unless the whole file or header is meant. */
function expectLocated(error: InputError, file: string, who: string): void {
  expect(error.file === file, `${who}: the error names ${error.file}, not the file read`);
  expect(error.line !== null && error.line >= 1, `${who}: the error names no line: ${error.message}`);
  const wholeFile =
    /the file is empty|no column|no "population" column|neither a stratum|no population rows|not a stratum variable|named twice|appears twice|the settings group/.test(
      error.detail,
    );
  expect(error.column !== null || wholeFile, `${who}: the error names no column: ${error.message}`);
}

export interface NamedProperty {
  name: string;
  property: fc.IAsyncPropertyWithHooks<any>;
}

/** The reader properties: valid CSV against the reference, hostile bytes against the contract. */
export function csvReaderProperties(workspace: ReturnType<typeof csvWorkspace>, tally: CsvTally): NamedProperty[] {
  const validAgainstReference = fc.asyncProperty(validCsv, async ({ text, chunkSize }) => {
    tally.cases++;
    const file = workspace.write('valid.csv', text);
    const expected = referenceParse(text);
    for (const reader of ['readCsv', 'scanCsv'] as const) {
      const result = await read(reader, file, chunkSize);
      expect(
        result.ok,
        `${reader} refused valid CSV: ${result.ok ? '' : result.error.message}\n${JSON.stringify(text)}`,
      );
      expect(
        JSON.stringify(result.parsed) === JSON.stringify(expected),
        `${reader} read ${JSON.stringify(result.parsed)}, the reference ${JSON.stringify(expected)}\n${JSON.stringify(text)}`,
      );
    }
    count(tally, 'valid: same as the reference');
  });

  const hostileBytes = fc.asyncProperty(hostileCsv, async ({ bytes, chunkSize }) => {
    tally.cases++;
    const file = workspace.write('hostile.csv', bytes);
    const viaText = await read('readCsv', file, chunkSize);
    const viaBytes = await read('scanCsv', file, chunkSize);
    for (const [who, result] of [
      ['readCsv', viaText],
      ['scanCsv', viaBytes],
    ] as const)
      if (!result.ok) expectLocated(result.error, file, who);
    const describe = `\n${JSON.stringify(bytes.toString('latin1'))}`;
    if (viaText.ok && viaBytes.ok) {
      expect(
        JSON.stringify(viaText.parsed) === JSON.stringify(viaBytes.parsed),
        `the readers disagree: ${JSON.stringify(viaText.parsed)} vs ${JSON.stringify(viaBytes.parsed)}${describe}`,
      );
      // Whatever they accept is text: never a replacement character that was not in the file.
      const replaced =
        (viaText.parsed.header.join() + viaText.parsed.rows.map((r) => r.fields.join()).join()).split('\uFFFD').length -
        1;
      expect(
        replaced <= bytes.toString('utf8').split('\uFFFD').length - 1 && strictlyUtf8(bytes),
        `accepted bytes that are not UTF-8${describe}`,
      );
      count(tally, 'hostile: rows');
    } else if (!viaText.ok && !viaBytes.ok) {
      expect(
        viaText.error.line === viaBytes.error.line,
        `the readers fail at different lines: ${viaText.error.message} / ${viaBytes.error.message}${describe}`,
      );
      count(tally, 'hostile: InputError');
    } else {
      const refusal = viaText.ok ? (viaBytes as { error: InputError }).error : viaText.error;
      expect(false, `one reader accepts what the other refuses: ${refusal.message}${describe}`);
    }
  });

  return [
    { name: 'valid CSV reads as the reference parser reads it', property: validAgainstReference },
    { name: 'hostile bytes: rows or a located InputError, the same from both readers', property: hostileBytes },
  ];
}

function strictlyUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// compare on a reference case.

const CASE_DIR = path.resolve(import.meta.dirname, '../fixtures/reference/weighted-by-area');

interface CompareCase {
  definitions: { indicators: string; population: string };
  baseline: ParsedCsv;
  followup: ParsedCsv;
  /** The comparison of the files as they are. */
  expected: string;
}

async function loadCompareCase(): Promise<CompareCase> {
  const files: CompareFiles = {
    indicators: path.join(CASE_DIR, 'indicators.json'),
    baseline: path.join(CASE_DIR, 'baseline.csv'),
    followup: path.join(CASE_DIR, 'followup.csv'),
    population: path.join(CASE_DIR, 'population.csv'),
  };
  const { comparison } = await compareFiles(files);
  return {
    definitions: { indicators: files.indicators, population: files.population! },
    baseline: referenceParse(readFileSync(files.baseline, 'utf8')),
    followup: referenceParse(readFileSync(files.followup, 'utf8')),
    expected: JSON.stringify(comparison),
  };
}

interface Layout {
  order: number[];
  extraColumns: { name: string; values: string[] }[];
  quoteAll: boolean;
  crlf: boolean;
  bom: boolean;
}

const layout = (width: number): fc.Arbitrary<Layout> =>
  fc.record({
    order: fc.shuffledSubarray([...Array(width).keys()], { minLength: width, maxLength: width }),
    extraColumns: fc.array(
      fc.record({
        name: fc.constantFrom('note', 'comment', 'x1', 'Unnamed: 0', ' ', 'q_unknown'),
        values: fc.array(fieldText, { minLength: 1, maxLength: 5 }),
      }),
      { maxLength: 2 },
    ),
    quoteAll: fc.boolean(),
    crlf: fc.boolean(),
    bom: fc.boolean(),
  });

/** Writes a round's rows in another layout: same data, so the same comparison. */
function render(csv: ParsedCsv, lay: Layout): string {
  const extras = lay.extraColumns.filter(
    (extra, i, all) => all.findIndex((e) => e.name === extra.name) === i && !csv.header.includes(extra.name),
  );
  const header = [...lay.order.map((i) => csv.header[i]!), ...extras.map((e) => e.name)];
  const eol = lay.crlf ? '\r\n' : '\n';
  const lines = [header.map((h) => written(h, lay.quoteAll)).join(',')];
  csv.rows.forEach((row, r) => {
    const fields = [...lay.order.map((i) => row.fields[i]!), ...extras.map((e) => e.values[r % e.values.length]!)];
    lines.push(fields.map((f) => written(f, lay.quoteAll)).join(','));
  });
  return (lay.bom ? '\uFEFF' : '') + lines.join(eol) + eol;
}

const cellValues = fc.oneof(
  fc.constantFrom(
    '11',
    '0',
    '-1',
    '-0',
    '5.5',
    '1e309',
    '1e1',
    'NaN',
    'Infinity',
    '0x10',
    ' 7',
    '7 ',
    '٣',
    '５',
    'DK',
    'dk ',
    'ja',
    '9999999999',
    '-2147483649',
    '',
    'none',
    '__proto__',
    'constructor',
    'x'.repeat(101),
    'y'.repeat(200_000),
  ),
  fieldText,
);

type Damage =
  | { kind: 'cell'; round: 'baseline' | 'followup'; row: number; column: number; value: string }
  | { kind: 'population'; row: number; column: number; value: string }
  | { kind: 'ragged'; round: 'baseline' | 'followup'; row: number; extra: boolean }
  | { kind: 'rename'; round: 'baseline' | 'followup'; column: number; name: string }
  | { kind: 'bytes'; round: 'baseline' | 'followup'; where: number; bytes: number[] };

const damage = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('cell' as const),
      round: fc.constantFrom('baseline' as const, 'followup' as const),
      row: fc.nat(),
      column: fc.nat(),
      value: cellValues,
    }),
    weight: 5,
  },
  fc.record({
    kind: fc.constant('population' as const),
    row: fc.nat(),
    column: fc.constant(1),
    value: fc.oneof(
      cellValues,
      fc.constantFrom('0', '-5', '1e400', '0x10', '1_000', '1,5', '12abc', '  ', '1e3', 'Infinity', ' 12'),
    ),
  }),
  fc.record({
    kind: fc.constant('population' as const),
    row: fc.nat(),
    column: fc.constant(0),
    value: fc.oneof(cellValues, fc.constantFrom('Ramsberg', 'Vedevåg', 'Frövi', '')),
  }),
  fc.record({
    kind: fc.constant('ragged' as const),
    round: fc.constantFrom('baseline' as const, 'followup' as const),
    row: fc.nat(),
    extra: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('rename' as const),
    round: fc.constantFrom('baseline' as const, 'followup' as const),
    column: fc.nat(),
    name: fc.constantFrom('area', 'q_nki_overall', 'AREA', '', 'q_nki_overall ', '\uFEFFrespondent', '__proto__'),
  }),
  fc.record({
    kind: fc.constant('bytes' as const),
    round: fc.constantFrom('baseline' as const, 'followup' as const),
    where: fc.double({ min: 0, max: 1, noNaN: true }),
    bytes: fc.constantFrom(...INVALID_UTF8, [34], [13], [10, 10, 34]),
  }),
);

/** The compare properties over one reference case (loaded once). */
export async function compareProperties(
  workspace: ReturnType<typeof csvWorkspace>,
  tally: CsvTally,
): Promise<NamedProperty[]> {
  const reference = await loadCompareCase();
  const population = referenceParse(readFileSync(reference.definitions.population, 'utf8'));
  const width = reference.baseline.header.length;

  const reformatted = fc.asyncProperty(layout(width), layout(width), async (baseLayout, followLayout) => {
    tally.cases++;
    const files: CompareFiles = {
      ...reference.definitions,
      baseline: workspace.write('baseline.csv', render(reference.baseline, baseLayout)),
      followup: workspace.write('followup.csv', render(reference.followup, followLayout)),
    };
    const { comparison } = await within(10_000, compareFiles(files));
    expect(JSON.stringify(comparison) === reference.expected, 'a reformatted file gives another comparison');
    count(tally, 'compare: reformatted, same comparison');
  });

  const damaged = fc.asyncProperty(fc.array(damage, { minLength: 1, maxLength: 3 }), async (damages) => {
    tally.cases++;
    const rounds = { baseline: structuredClone(reference.baseline), followup: structuredClone(reference.followup) };
    const populationCopy = structuredClone(population);
    const byteEdits: Extract<Damage, { kind: 'bytes' }>[] = [];
    for (const d of damages) {
      if (d.kind === 'cell')
        rounds[d.round].rows[d.row % rounds[d.round].rows.length]!.fields[d.column % width] = d.value;
      else if (d.kind === 'population')
        populationCopy.rows[d.row % populationCopy.rows.length]!.fields[d.column] = d.value;
      else if (d.kind === 'ragged') {
        const fields = rounds[d.round].rows[d.row % rounds[d.round].rows.length]!.fields;
        if (d.extra) fields.push('1');
        else fields.pop();
      } else if (d.kind === 'rename') rounds[d.round].header[d.column % width] = d.name;
      else byteEdits.push(d);
    }
    const identity: Layout = {
      order: [...Array(width).keys()],
      extraColumns: [],
      quoteAll: false,
      crlf: false,
      bom: false,
    };
    const contents = {
      baseline: Buffer.from(renderRagged(rounds.baseline, identity), 'utf8'),
      followup: Buffer.from(renderRagged(rounds.followup, identity), 'utf8'),
    };
    for (const edit of byteEdits) {
      const content = contents[edit.round];
      const at = Math.floor(edit.where * content.length);
      contents[edit.round] = Buffer.concat([content.subarray(0, at), Buffer.from(edit.bytes), content.subarray(at)]);
    }
    const files: CompareFiles = {
      indicators: reference.definitions.indicators,
      population: workspace.write('population.csv', renderRagged(populationCopy, { ...identity, order: [0, 1] })),
      baseline: workspace.write('baseline.csv', contents.baseline),
      followup: workspace.write('followup.csv', contents.followup),
    };
    try {
      await within(10_000, compareFiles(files));
      count(tally, 'compare: damaged, still a comparison');
    } catch (error) {
      expect(
        error instanceof InputError,
        `compare threw something other than an InputError: ${String((error as Error)?.stack ?? error).slice(0, 600)}`,
      );
      expect([files.baseline, files.followup, files.population].includes(error.file), `the error names ${error.file}`);
      expectLocated(error, error.file, 'compare');
      count(tally, 'compare: damaged, InputError');
    }
  });

  const indicatorsText = readFileSync(reference.definitions.indicators, 'utf8');
  const damagedIndicators = fc.asyncProperty(
    fc.oneof(
      fc
        .tuple(
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.oneof(
            fc.constantFrom(...INVALID_UTF8, [0xef, 0xbb, 0xbf], [44], [93], [125], [34], [0], [92]),
            fc.uint8Array({ maxLength: 3 }).map((a) => [...a]),
          ),
          fc.nat(4),
        )
        .map(([where, insert, remove]) => {
          const bytes = Buffer.from(indicatorsText, 'utf8');
          const at = Math.floor(where * bytes.length);
          return Buffer.concat([bytes.subarray(0, at), Buffer.from(insert), bytes.subarray(at + remove)]);
        }),
      fc
        .tuple(fc.constantFrom(1_000, 100_000, 300_000), fc.constantFrom('[', '{"a":', '{"indicators":'))
        .map(([depth, open]) => Buffer.from(open.repeat(depth))),
      fc
        .constantFrom(
          `\uFEFF${indicatorsText}`,
          indicatorsText.replace('0.05', '1e309'),
          indicatorsText.replace('"minGroupSize": 5', '"minGroupSize": -0'),
          indicatorsText.replace('"alpha"', '"__proto__": {"x": 1}, "alpha"'),
          '',
          ' ',
          'null',
          '[]',
          '"x"',
        )
        .map((t) => Buffer.from(t, 'utf8')),
    ),
    async (bytes) => {
      tally.cases++;
      const files: CompareFiles = {
        indicators: workspace.write('indicators.json', bytes),
        population: reference.definitions.population,
        baseline: path.join(CASE_DIR, 'baseline.csv'),
        followup: path.join(CASE_DIR, 'followup.csv'),
      };
      try {
        await within(10_000, compareFiles(files));
        count(tally, 'compare: damaged indicators, still a comparison');
      } catch (error) {
        expect(
          error instanceof InputError,
          `compare threw something other than an InputError: ${String((error as Error)?.stack ?? error).slice(0, 600)}`,
        );
        // A changed but valid definition (a narrower scale) can make the data wrong: then the data file is named.
        if (error.file !== files.indicators) {
          expect(
            [files.baseline, files.followup, files.population].includes(error.file),
            `the error names ${error.file}`,
          );
          expectLocated(error, error.file, 'compare');
        }
        // JSON and UTF-8 errors have a place; a JSON file that parses but does not fit names the setting.
        if (/not valid JSON|not valid UTF-8/.test(error.detail))
          expect(error.line !== null && error.column !== null, `no line and column: ${error.message}`);
        count(tally, 'compare: damaged indicators, InputError');
      }
    },
  );

  return [
    {
      name: 'compare: damaged indicators files give a comparison or an InputError naming them',
      property: damagedIndicators,
    },
    { name: 'compare: reordered, extra and quoted columns, any line ends: the same comparison', property: reformatted },
    { name: 'compare: damaged files give a comparison or a located InputError', property: damaged },
  ];
}

/** Like render, but rows may have any number of fields. */
function renderRagged(csv: ParsedCsv, lay: Layout): string {
  const lines = [
    csv.header.map((h) => written(h, false)).join(','),
    ...csv.rows.map((row) => row.fields.map((f) => written(f, lay.quoteAll)).join(',')),
  ];
  return `${lines.join('\n')}\n`;
}
