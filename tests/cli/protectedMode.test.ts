// `compare --protect` (alias --secondary-suppression) on the command line: the weighting's own
// minStratumSize collapses more strata, exactly as METHOD.md's collapsed-strata section computes,
// and a text share that does not say which answers count as not positive is refused up front.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { caseFileArgs, runCli } from '../support/cli.ts';
import { mismatches } from '../support/closeTo.ts';
import { collapsedEstimate } from '../support/collapsedStrata.ts';
import { readCase } from '../support/referenceCase.ts';

const source = path.resolve(import.meta.dirname, '../fixtures/reference/weighted-by-area');
const work = mkdtempSync(path.join(tmpdir(), 'bygdpuls-protect-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the weighted case with its indicators file changed. */
function caseWith(name: string, change: (json: any) => void): string {
  const dir = path.join(work, name);
  cpSync(source, dir, { recursive: true });
  const file = path.join(dir, 'indicators.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  change(json);
  writeFileSync(file, JSON.stringify(json));
  return dir;
}

const cli = runCli;
const filesOf = caseFileArgs;

describe('compare --protect', () => {
  it('is the same as --secondary-suppression, and differs from the raw method', async () => {
    const protectedRun = await cli('compare', ...filesOf(source), '--protect');
    const alias = await cli('compare', ...filesOf(source), '--secondary-suppression');
    const raw = await cli('compare', ...filesOf(source));
    expect(protectedRun.code).toBe(0);
    expect(alias.stdout).toBe(protectedRun.stdout);
    expect(raw.stdout).not.toBe(protectedRun.stdout);
    expect(JSON.parse(raw.stdout).indicators.nki.weighted.baseline.strataCollapsed).toBeUndefined();
  });

  it("collapses strata under the weighting's minStratumSize, as the method computes it", async () => {
    const dir = caseWith('min-stratum', (json) => {
      json.weighting.minStratumSize = 80;
    });
    const run = await cli('compare', ...filesOf(dir), '--protect');
    expect(run.code, run.stderr).toBe(0);
    const comparison = JSON.parse(run.stdout);
    const data = await readCase(dir);
    const definitions = JSON.parse(readFileSync(path.join(dir, 'indicators.json'), 'utf8'));
    for (const def of definitions.indicators) {
      for (const which of ['baseline', 'followup'] as const) {
        const want = collapsedEstimate(def, data.rounds[which], ['area'], data.population!, 80)!;
        const got = comparison.indicators[def.id].weighted[which];
        const value = def.kind === 'share' ? got.p : got.mean;
        expect(
          mismatches(
            { estimate: value, se: got.se, ciLow: got.ciLow, ciHigh: got.ciHigh, strataCollapsed: got.strataCollapsed },
            want,
          ),
        ).toEqual([]);
      }
    }
    // More than the default k = 5 merges.
    expect(comparison.indicators.nki.weighted.followup.strataCollapsed.length).toBeGreaterThan(0);
  });

  it('refuses a text share without `values` (other than yes/no) naming where', async () => {
    const dir = caseWith('undeclared', (json) => {
      json.indicators[2].positive = ['agree'];
    });
    const run = await cli('compare', ...filesOf(dir));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('indicators[2].values');
    expect(run.stderr).toContain('declare `values`');
  });
});
