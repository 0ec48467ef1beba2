// The CSV reading behind `bygdpuls compare` under hostile files: rows that match a reference
// parser, or an InputError naming file, line and column; never another exception or a hang.
// `npm run fuzz` runs the same properties 10,000+ times.
import fc from 'fast-check';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareFiles } from '../../functions/cli/compare.ts';
import { readCsv, scanCsv } from '../../functions/cli/csv/index.ts';
import { InputError } from '../../functions/cli/errors.ts';
import { compareProperties, csvReaderProperties, csvWorkspace, newCsvTally } from './csvProperties.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const workspace = csvWorkspace();
const tally = newCsvTally();
afterAll(() => workspace.close());

describe('reading CSV', () => {
  const readers = csvReaderProperties(workspace, tally);
  readers.forEach(({ name, property }, i) => {
    it(name, async () => {
      await fc.assert(property, { numRuns: RUNS, seed: 4242 + i });
    }, 120_000);
  });

  const compareNames = [
    'compare: damaged indicators files give a comparison or an InputError naming them',
    'compare: reformatted files give the same comparison',
    'compare: damaged files give a comparison or a located InputError',
  ];
  compareNames.forEach((name, index) => {
    it(name, async () => {
      const { property } = (await compareProperties(workspace, tally))[index]!;
      await fc.assert(property, { numRuns: Math.ceil(RUNS / 3), seed: 777 + index });
    }, 120_000);
  });
});

/** The bugs the fuzzing found, each as the file that showed it. */
describe('hostile CSV the fuzzing found read wrongly', () => {
  const failure = (work: Promise<unknown>) =>
    work.then(
      () => null,
      (error: unknown) => error as InputError,
    );
  const readText = (file: string) =>
    failure(
      readCsv(
        file,
        () => {},
        () => {},
      ),
    );
  const scanText = (file: string) =>
    failure(
      scanCsv<string>(
        file,
        (names) => ({ columns: names.map((_, i) => i), interners: names.map(() => (t: string) => t) }),
        () => {},
      ),
    );

  it('readCsv refuses bytes that are not UTF-8 at their line and column (it read them as U+FFFD)', async () => {
    const file = workspace.write(
      'latin1.csv',
      Buffer.concat([Buffer.from('area,population\nRamsberg,1190\nV'), Buffer.from([0xe4]), Buffer.from('stra,12\n')]),
    );
    const error = await readText(file);
    expect(error).toBeInstanceOf(InputError);
    expect([error!.line, error!.column]).toEqual([3, 1]);
  });

  it('scanCsv refuses bytes that are not UTF-8 inside a quoted field (it read them as U+FFFD)', async () => {
    const file = workspace.write(
      'quoted.csv',
      Buffer.concat([Buffer.from('a,b\n1,"x'), Buffer.from([0xff]), Buffer.from('y"\n')]),
    );
    const error = await scanText(file);
    expect(error).toBeInstanceOf(InputError);
    expect([error!.line, error!.column]).toEqual([2, 2]);
  });

  it('names the column of a quote in the wrong place and of a quoted field never closed', async () => {
    expect((await scanText(workspace.write('q1.csv', 'a,b,c\n1,x"y,3\n')))!.column).toBe(2);
    expect((await readText(workspace.write('q2.csv', 'a,b,c\n1,"x"y,3\n')))!.column).toBe(2);
    const open = await readText(workspace.write('q3.csv', 'a,b,c\n1,2,"never\nclosed\n'));
    expect([open!.line, open!.column]).toEqual([2, 3]);
  });

  it('keeps a U+FEFF at the start of a value (scanCsv dropped it: "\\uFEFF7" was read as 7)', async () => {
    const file = workspace.write('bom-value.csv', 'a,b\n\uFEFF7,\uFEFF\n');
    const rows: string[][] = [];
    await scanCsv<string>(
      file,
      (names) => ({ columns: names.map((_, i) => i), interners: names.map(() => (t: string) => t) }),
      (values) => rows.push([...values]),
    );
    expect(rows).toEqual([['\uFEFF7', '\uFEFF']]);
    const viaText: string[][] = [];
    await readCsv(
      file,
      () => {},
      (fields) => viaText.push(fields),
    );
    expect(viaText).toEqual(rows);
  });

  it('refuses a header whose quoted name runs over lines in both readers (readCsv took it)', async () => {
    const file = workspace.write('header.csv', '"a\nb",c\n1,2\n');
    expect((await readText(file))!.message).toContain(
      'line 1, column 1: a quoted field in the header runs past the end of the line',
    );
    expect((await scanText(file))!.message).toContain(
      'line 1, column 1: a quoted field in the header runs past the end of the line',
    );
  });

  it('reads population figures as plain decimals only (0x10, 1e3 and " 12" were taken as numbers)', async () => {
    const dir = path.resolve(import.meta.dirname, '../fixtures/reference/weighted-by-area');
    const population = workspace.write(
      'population.csv',
      'area,population\nRamsberg,0x10\nVedevåg,1340\nFellingsbro,1770\nFrövi,2480\nGuldsmedshyttan,610\n',
    );
    const error = await failure(
      compareFiles({
        indicators: path.join(dir, 'indicators.json'),
        baseline: path.join(dir, 'baseline.csv'),
        followup: path.join(dir, 'followup.csv'),
        population,
      }),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error!.message).toContain('line 2, column 2: population "0x10" is not a positive number');
  });
});
