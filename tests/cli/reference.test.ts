// Every reference case, through the real CLI in a child process, must match its expected.json.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { mismatches } from '../support/closeTo.ts';
import { expectedVerdicts, splitVerdicts } from '../support/referenceVerdict.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/bygdpuls.js');

// The shared reference cases (../shared/reference) when present, and the copy kept in the repo.
const folders = [path.resolve(root, '../shared/reference'), path.join(root, 'tests/fixtures/reference')];
const cases = new Map<string, string>();
for (const folder of folders) {
  if (!existsSync(folder)) continue;
  for (const name of readdirSync(folder)) {
    const dir = path.join(folder, name);
    if (!cases.has(name) && existsSync(path.join(dir, 'expected.json'))) cases.set(name, dir);
  }
}

describe('reference cases through `bygdpuls compare`', () => {
  it('finds the reference cases', () => {
    expect(cases.size).toBeGreaterThanOrEqual(4);
  });

  it.each([...cases])('%s matches expected.json', async (_name, dir) => {
    const args = [
      'compare',
      '--indicators',
      path.join(dir, 'indicators.json'),
      '--baseline',
      path.join(dir, 'baseline.csv'),
      '--followup',
      path.join(dir, 'followup.csv'),
    ];
    const { stdout } = await run(process.execPath, [bin, ...args]);
    const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8'));
    const definitions = JSON.parse(readFileSync(path.join(dir, 'indicators.json'), 'utf8'));
    const { verdicts, rest } = splitVerdicts(JSON.parse(stdout));
    expect(mismatches(rest, expected)).toEqual([]);
    // Every indicator carries the verdict METHOD.md's rule gives on the expected figures.
    expect(verdicts).toEqual(expectedVerdicts(expected, definitions.indicators, definitions.alpha));
  });
});
