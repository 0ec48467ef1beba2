// `bygdpuls compare` reading its files on several threads (parts of big files side by side) gives
// what reading them one after the other on one thread gives: the same JSON, bit for bit, and the
// same first error (the baseline's before the follow-up's, the earliest line's in a file).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareFiles, loadDefinitions, type CompareFiles } from '../../functions/cli/compare.ts';
import { cutPoints } from '../../functions/cli/csv/split.ts';
import { InputError } from '../../functions/cli/errors.ts';
import type { ParallelReadOptions } from '../../functions/cli/parallelRead.ts';
import { readRound, readRoundPart } from '../../functions/cli/roundReader.ts';
import { RoundAccumulator } from '../../functions/core/aggregates.ts';
import { createScorer } from '../../functions/core/scoring.ts';

const root = path.resolve(import.meta.dirname, '../..');
const reference = path.join(root, 'tests/fixtures/reference');

/** The comparison as JSON, or the error's message: what must not depend on the threads. */
async function outcome(files: CompareFiles, reading: ParallelReadOptions): Promise<string> {
  try {
    return JSON.stringify(await compareFiles(files, reading));
  } catch (error) {
    if (error instanceof InputError) return `error: ${error.message}`;
    throw error;
  }
}

async function expectSameOnThreads(files: CompareFiles, partBytes: number): Promise<string> {
  const one = await outcome(files, { threads: 1 });
  for (const threads of [2, 3]) expect(await outcome(files, { threads, partBytes })).toBe(one);
  return one;
}

const AREAS = ['Långsele', 'Junsele', 'Ramsele', 'Näsåker', 'Resele'];
const INDICATORS = {
  minGroupSize: 5,
  groupBy: ['area'],
  weighting: { strata: ['area'], population: 'population.csv' },
  indicators: [
    { id: 'nki', label: 'NKI', kind: 'index', items: ['q1', 'q2', 'q3'], scale: [1, 10] },
    // Not exact: its moments are floating-point sums, which must not depend on the parts either.
    {
      id: 'nki_w',
      label: 'NKI weighted',
      kind: 'index',
      items: ['q1', 'q2', 'q3'],
      weights: [0.5, 0.3, 0.2],
      scale: [1, 10],
    },
    { id: 'top', label: 'Top', kind: 'share', items: ['q1'], positive: [8, 9, 10] },
    { id: 'pride', label: 'Pride', kind: 'mean', items: ['q_pride'], scale: [1, 5] },
    { id: 'aware', label: 'Aware', kind: 'share', items: ['q_aware'], positive: ['yes'] },
  ],
};

/** A seeded round: quoted comments (some over two lines), CRLF now and then, a byte-order mark. */
function roundCsv(rows: number, seed: number, row: (i: number) => string | null = () => null): string {
  let state = seed >>> 0;
  const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const scale = (hi: number) => {
    const u = random();
    return u < 0.03 ? '' : u < 0.05 ? 'dk' : String(1 + Math.floor(random() * hi));
  };
  const lines = ['\uFEFFrespondent,area,age_band,gender,q1,q2,q3,q_pride,q_aware,comment\n'];
  for (let i = 0; i < rows; i++) {
    const u = random();
    const comment = u < 0.9 ? '' : u < 0.995 ? '"bra, ""mycket"" bra"' : '"två\nrader"';
    const fields = [
      `r${i}`,
      random() < 0.01 ? '' : AREAS[Math.floor(random() * AREAS.length)],
      ['16-29', '30-49', '50-64', '65+'][Math.floor(random() * 4)],
      random() < 0.5 ? 'kvinna' : 'man',
      scale(10),
      scale(10),
      scale(10),
      scale(5),
      random() < 0.4 ? 'yes' : random() < 0.9 ? 'no' : 'dk',
      comment,
    ];
    lines.push(`${row(i) ?? fields.join(',')}${random() < 0.05 ? '\r\n' : '\n'}`);
  }
  return lines.join('');
}

function makeCase(baseline: string, followup: string, indicators: object = INDICATORS): CompareFiles {
  const dir = mkdtempSync(path.join(tmpdir(), 'bygdpuls-parallel-'));
  writeFileSync(path.join(dir, 'indicators.json'), JSON.stringify(indicators));
  writeFileSync(path.join(dir, 'population.csv'), `area,population\n${AREAS.map((a) => `${a},1000\n`).join('')}`);
  writeFileSync(path.join(dir, 'baseline.csv'), baseline);
  writeFileSync(path.join(dir, 'followup.csv'), followup);
  return {
    indicators: path.join(dir, 'indicators.json'),
    baseline: path.join(dir, 'baseline.csv'),
    followup: path.join(dir, 'followup.csv'),
  };
}

describe('compare on several threads', () => {
  it.each(readdirSync(reference).filter((name) => existsSync(path.join(reference, name, 'expected.json'))))(
    'gives the one-thread JSON for the reference case %s, its files cut into parts of 2 KB',
    async (name) => {
      const dir = path.join(reference, name);
      const files = {
        indicators: path.join(dir, 'indicators.json'),
        baseline: path.join(dir, 'baseline.csv'),
        followup: path.join(dir, 'followup.csv'),
      };
      expect(await expectSameOnThreads(files, 2048)).not.toMatch(/^error/);
    },
  );

  let generated: CompareFiles;
  beforeAll(() => {
    generated = makeCase(roundCsv(20_000, 1), roundCsv(25_000, 2));
  });

  it('gives the one-thread JSON for generated rounds cut into many parts (quotes, CRLF, a BOM)', async () => {
    for (const partBytes of [40_000, 150_000, 1 << 20])
      expect(await expectSameOnThreads(generated, partBytes)).not.toMatch(/^error/);
  });

  it('starts reader threads from the TypeScript source too (no bundle)', async () => {
    const one = await outcome(generated, { threads: 1 });
    expect(await outcome(generated, { threads: 2, partBytes: 100_000, threadCode: 'source' })).toBe(one);
  });

  it('merges the parts of a file into its one-pass aggregate, bit for bit', async () => {
    const definitions = await loadDefinitions(generated);
    const scorer = createScorer(definitions.indicators);
    const whole = await readRound(generated.baseline, scorer, definitions.settings);
    const cuts = cutPoints(statSync(generated.baseline).size, 7);
    const merged = new RoundAccumulator(scorer);
    for (let k = 0; k < 7; k++) {
      const part = { from: cuts[k]!, to: cuts[k + 1]! };
      merged.mergePartial(
        (await readRoundPart(generated.baseline, scorer, definitions.settings, part)).accumulator.toPartial(),
      );
    }
    expect(JSON.stringify(merged.toAggregate())).toBe(JSON.stringify(whole));
  });

  it('notices a cut inside a quoted field that spans lines, and reads that file in one piece', async () => {
    const long = `"${'ett långt svar\n'.repeat(3000)}"`;
    const files = makeCase(
      roundCsv(2000, 3, (i) => (i === 1000 ? `r${i},Junsele,30-49,man,5,6,7,3,yes,${long}` : null)),
      roundCsv(2000, 4),
    );
    const definitions = await loadDefinitions(files);
    const scorer = createScorer(definitions.indicators);
    const size = statSync(files.baseline).size;
    const [from, middle, to] = cutPoints(size, 2) as [number, number, number];
    expect(readFileSync(files.baseline).subarray(0, middle).toString().split('"ett långt').length).toBe(2);
    await expect(readRoundPart(files.baseline, scorer, definitions.settings, { from, to: middle })).rejects.toThrow(
      /never closed/,
    );
    expect(await expectSameOnThreads(files, Math.ceil(size / 2))).not.toMatch(/^error/);
    expect(to).toBe(size);
  });
});

describe('the first error on several threads', () => {
  const bad = (at: number, text: string) => (i: number) => (i === at ? text : null);

  it("tells the baseline's error, though the follow-up's comes earlier in its file", async () => {
    const files = makeCase(
      roundCsv(20_000, 5, bad(19_000, 'r,Junsele,30-49,man,5,6,11,3,yes,')),
      roundCsv(20_000, 6, bad(10, 'r,Junsele,30-49,man,5,6,7,3,maybe,')),
    );
    const error = await expectSameOnThreads(files, 40_000);
    expect(error).toMatch(/^error: .*baseline\.csv, line \d+, column "q3": value 11 is outside the scale 1\.\.10/);
  });

  it('tells the earliest line of a file, with its line number in the whole file', async () => {
    const files = makeCase(
      roundCsv(20_000, 7),
      roundCsv(20_000, 8, (i) => (i === 17_000 || i === 6000 ? `r${i},Junsele,30-49,man,5,x${i},7,3,yes,` : null)),
    );
    const error = await expectSameOnThreads(files, 40_000);
    expect(error).toMatch(/followup\.csv, line \d+, column "q2": "x6000" is not a whole number/);
    const line = Number(/line (\d+)/.exec(error)![1]);
    const lines = readFileSync(files.followup, 'utf8').split('\n');
    expect(lines[line - 1]).toContain('x6000');
  });

  it('counts the distinct background values of all parts together (at most 1000)', async () => {
    const unweighted = { ...INDICATORS, groupBy: [], weighting: null };
    const files = makeCase(
      roundCsv(20_000, 9),
      roundCsv(20_000, 10, (i) => `r${i},a${Math.floor(i / 17)},30-49,man,5,6,7,3,yes,`),
      unweighted,
    );
    expect(await expectSameOnThreads(files, 40_000)).toMatch(
      /followup\.csv, line 17002, column "area": more than 1000 distinct values/,
    );
  });

  it('tells a stratum the population figures lack, met only in a late part', async () => {
    const files = makeCase(roundCsv(20_000, 11, bad(15_000, 'r,Nowhere,30-49,man,5,6,7,3,yes,')), roundCsv(100, 12));
    expect(await expectSameOnThreads(files, 40_000)).toMatch(/the population figures have no stratum area "Nowhere"/);
  });
});

describe('the command line on several threads', () => {
  it('prints what it prints on one thread, for a file big enough to be cut (bin/bygdpuls.js)', async () => {
    const files = makeCase(roundCsv(330_000, 13), roundCsv(5000, 14));
    expect(statSync(files.baseline).size).toBeGreaterThan(1.5 * (8 << 20)); // two parts of the default size
    const run = (threads: string) =>
      promisify(execFile)(
        process.execPath,
        [
          path.join(root, 'bin/bygdpuls.js'),
          'compare',
          '--indicators',
          files.indicators,
          '--baseline',
          files.baseline,
          '--followup',
          files.followup,
          '--format',
          'json',
        ],
        { env: { ...process.env, BYGDPULS_THREADS: threads }, maxBuffer: 1 << 26 },
      );
    const [one, two] = await Promise.all([run('1'), run('2')]);
    expect(two.stdout).toBe(one.stdout);
    expect(JSON.parse(one.stdout)).toBeTruthy();
  }, 60_000);
});
