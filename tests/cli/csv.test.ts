// The streaming CSV readers against a straightforward reference, on generated files: quotes,
// commas and newlines inside fields, CRLF, a byte-order mark, blank lines, any chunk boundary.
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv, scanCsv } from '../../functions/cli/csv/index.ts';
import { InputError } from '../../functions/cli/errors.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'bygdpuls-csv-'));
let fileCount = 0;
function writeTemp(content: string | Buffer): string {
  const file = path.join(dir, `f${fileCount++}.csv`);
  writeFileSync(file, content);
  return file;
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) || field === '' ? `"${field.replace(/"/g, '""')}"` : field;
}

async function scanAll(
  file: string,
  chunkSize?: number,
): Promise<{ header: string[]; rows: { values: string[]; line: number }[] }> {
  let header: string[] = [];
  const rows: { values: string[]; line: number }[] = [];
  await scanCsv<string>(
    file,
    (names) => {
      header = names;
      return { columns: names.map((_, i) => i), interners: names.map(() => (text: string) => text) };
    },
    (values, line) => rows.push({ values: [...values], line }),
    chunkSize === undefined ? {} : { chunkSize },
  );
  return { header, rows };
}

const fieldArb = fc.oneof(
  fc.constantFrom('', '7', 'dk', 'yes', 'Östra Ryd', 'Gårdeby', '65+', 'a"b', 'x,y', 'två\nrader', 'ä\r\nö'),
  fc.string({ maxLength: 6 }),
);

describe('scanCsv and readCsv', () => {
  it('read back exactly what was written, whatever the quoting, line ends and chunk size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }).chain((width) =>
          fc.record({
            header: fc.uniqueArray(fc.constantFrom('respondent', 'area', 'q1', 'q2', 'q3', 'q4'), {
              minLength: width,
              maxLength: width,
            }),
            rows: fc.array(fc.array(fieldArb, { minLength: width, maxLength: width }), { maxLength: 30 }),
            crlf: fc.boolean(),
            bom: fc.boolean(),
            trailingNewline: fc.boolean(),
            chunkSize: fc.integer({ min: 1, max: 64 }),
          }),
        ),
        async ({ header, rows, crlf, bom, trailingNewline, chunkSize }) => {
          // A row whose only field is empty would be a blank line, which readers skip.
          const kept = rows.filter((row) => !(row.length === 1 && row[0] === ''));
          const eol = crlf ? '\r\n' : '\n';
          const lines = [header.join(','), ...kept.map((row) => row.map(quote).join(','))];
          const text = (bom ? '\uFEFF' : '') + lines.join(eol) + (trailingNewline ? eol : '');
          const file = writeTemp(text);
          const result = await scanAll(file, chunkSize);
          expect(result.header).toEqual(header);
          expect(result.rows.map((r) => r.values)).toEqual(kept);
          const viaStrings: string[][] = [];
          await readCsv(
            file,
            () => {},
            (fields) => viaStrings.push(fields),
          );
          expect(viaStrings).toEqual(kept);
          // Line numbers: where each row starts in the file.
          let line = 2;
          kept.forEach((row, i) => {
            expect(result.rows[i]!.line).toBe(line);
            line += row.join(',').split('\n').length;
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('agrees with readCsv on the same file', async () => {
    const file = writeTemp('a,b,c\n1,"x,y",3\n\n4,5,"six\nlines"\r\n7,8,9');
    const strings: string[][] = [];
    await readCsv(
      file,
      () => {},
      (fields) => strings.push(fields),
    );
    expect((await scanAll(file, 3)).rows.map((r) => r.values)).toEqual(strings);
  });

  it('names the line and column of a row with too few fields', async () => {
    const file = writeTemp('a,b,c\n1,2,3\n4,5\n');
    await expect(scanAll(file)).rejects.toThrow(/line 3, column 3: this row has 2 fields, the header has 3/);
  });

  it('refuses bytes that are not UTF-8, naming line and column', async () => {
    const file = writeTemp(
      Buffer.concat([Buffer.from('area,q\nBottna,1\n'), Buffer.from([0xc3, 0x28]), Buffer.from(',2\n')]),
    );
    const error = await scanAll(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/line 3, column "area": the value is not valid UTF-8/);
  });

  it('reports a quoted field that never closes', async () => {
    const file = writeTemp('a,b\n1,"open\n2,3\n');
    await expect(scanAll(file)).rejects.toThrow(/line 2, column 2: a quoted field is never closed/);
  });

  it('says a file with nothing in it is empty', async () => {
    await expect(scanAll(writeTemp(''))).rejects.toThrow(/line 1: the file is empty/);
    await expect(scanAll(writeTemp('\n\n'))).rejects.toThrow(/the file is empty/);
  });

  it('interns each distinct value of a column once', async () => {
    const file = writeTemp(`q\n${Array.from({ length: 1000 }, (_, i) => String(i % 7)).join('\n')}\n`);
    let calls = 0;
    await scanCsv<string>(
      file,
      () => ({
        columns: [0],
        interners: [
          (t) => {
            calls++;
            return t;
          },
        ],
      }),
      () => {},
    );
    expect(calls).toBe(7);
  });
});
