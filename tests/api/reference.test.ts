// Every reference case loaded through the public submit route: the comparison endpoint gives the
// numbers `bygdpuls compare` gives on the same CSV files, before and after the fold. The API adds
// secondary suppression (docs/METHOD-NOTES.md), which the reference cases do not define: the only
// allowed differences are groups that `compare` publishes and the rule requires to be hidden.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareFiles } from '../../functions/cli/compare.ts';
import type { Comparison, RoundSummary } from '../../functions/core/compare.ts';
import { foldAll } from '../../functions/fold/fold.ts';
import { rebuildRound } from '../../functions/fold/rebuild.ts';
import { mismatches } from '../support/closeTo.ts';
import { startCheckedApi, type TestApi } from '../support/api.ts';
import { loadCaseThroughApi } from '../support/referenceCase.ts';

const root = path.resolve(import.meta.dirname, '../..');
const casesDir = path.join(root, 'tests/fixtures/reference');
const cases = readdirSync(casesDir).filter((name) => existsSync(path.join(casesDir, name, 'expected.json')));

/**
 * The groups the rule hides on top of `compare`'s output, worked out from that output alone: per
 * indicator, variable and round, while the published total minus the published groups is between
 * 1 and k - 1 respondents, the smallest published group (ties by name) is hidden too.
 */
function requiredSecondary(comparison: Comparison, k: number): string[] {
  const paths: string[] = [];
  for (const [id, ind] of Object.entries(comparison.indicators)) {
    for (const [variable, groups] of Object.entries(ind.groups)) {
      for (const which of ['baseline', 'followup'] as const) {
        const total = ind[which];
        if (total.n === null) continue;
        const published = Object.entries(groups!)
          .map(([value, pair]) => [value, pair[which]] as [string, RoundSummary])
          .filter(([, s]) => s.n !== null)
          .sort(([a, sa], [b, sb]) => sa.n! - sb.n! || (a < b ? -1 : 1));
        let residual = total.n - published.reduce((sum, [, s]) => sum + s.n!, 0);
        for (const [value, s] of published) {
          if (residual === 0 || residual >= k) break;
          paths.push(`${id}/${variable}/${value}/${which}`);
          residual += s.n!;
        }
      }
    }
  }
  return paths.sort();
}

/** The groups the API marks as secondarily suppressed. */
function markedSecondary(comparison: Comparison): string[] {
  const paths: string[] = [];
  for (const [id, ind] of Object.entries(comparison.indicators)) {
    for (const [variable, groups] of Object.entries(ind.groups)) {
      for (const [value, pair] of Object.entries(groups!)) {
        for (const which of ['baseline', 'followup'] as const) {
          const s = pair[which];
          if ('reason' in s && s.reason === 'secondary') paths.push(`${id}/${variable}/${value}/${which}`);
        }
      }
    }
  }
  return paths.sort();
}

/** `compare`'s output with the given groups replaced by the secondary-suppression marker. */
function withSecondary(comparison: Comparison, paths: string[]): Comparison {
  const copy = JSON.parse(JSON.stringify(comparison)) as Comparison;
  for (const path of paths) {
    const [id, variable, value, which] = path.split('/') as [string, 'area', string, 'baseline' | 'followup'];
    copy.indicators[id]!.groups[variable]![value]![which] = { suppressed: true, n: null, reason: 'secondary' };
  }
  return copy;
}

/**
 * Where the rule withholds a round's post-stratified estimate, worked out from `compare`'s output
 * alone (the cases weight by area and break down by area): an area suppressed as under k, a stratum
 * of one, or between 1 and k - 1 respondents left out for an unanswered area.
 */
function requiredWithheld(comparison: Comparison, k: number): string[] {
  const paths: string[] = [];
  for (const [id, ind] of Object.entries(comparison.indicators)) {
    if (!ind.weighted) continue;
    for (const which of ['baseline', 'followup'] as const) {
      const round = ind.weighted[which];
      const smallArea = Object.values(ind.groups.area ?? {}).some(
        (group) => 'suppressed' in group[which] && !('reason' in group[which]),
      );
      if (smallArea || round.strataSingle.length > 0 || (round.excluded > 0 && round.excluded < k))
        paths.push(`${id}/${which}`);
    }
  }
  return paths.sort();
}

/** The comparison with those estimates withheld, as the API publishes it. */
function withWithheld(comparison: Comparison, paths: string[], k: number): Comparison {
  const copy = JSON.parse(JSON.stringify(comparison)) as Comparison;
  for (const id of new Set(paths.map((p) => p.split('/')[0]!))) {
    const ind = copy.indicators[id]!;
    const weighted = ind.weighted!;
    for (const which of ['baseline', 'followup'] as const) {
      if (!paths.includes(`${id}/${which}`)) continue;
      const round = weighted[which];
      for (const key of ['mean', 'p', 'se', 'ciLow', 'ciHigh'] as const) if (key in round) round[key] = null;
      round.strataSingle = [];
      if (round.excluded < k) round.excluded = 0;
    }
    Object.assign(weighted, { diff: null, diffCiLow: null, diffCiHigh: null, pValue: null });
    ind.notes = [
      ...(ind.notes ?? []),
      `weighted: withheld, a stratum has fewer than ${k} respondents (secondary suppression)`,
    ];
  }
  return copy;
}

let secondarySeen = 0;
let withheldSeen = 0;
let api: TestApi;
beforeAll(async () => {
  api = await startCheckedApi();
});
afterAll(async () => api.close());

describe('the comparison endpoint on the reference cases', () => {
  it.each(cases)(
    '%s: equals `bygdpuls compare` on the same files',
    async (name) => {
      const dir = path.join(casesDir, name);
      const ids = await loadCaseThroughApi(api, dir);
      const { comparison, definitions } = await compareFiles({
        indicators: path.join(dir, 'indicators.json'),
        baseline: path.join(dir, 'baseline.csv'),
        followup: path.join(dir, 'followup.csv'),
      });
      const secondary = requiredSecondary(comparison, definitions.settings.minGroupSize);
      secondarySeen += secondary.length;
      const withheld = definitions.settings.weighting
        ? requiredWithheld(comparison, definitions.settings.minGroupSize)
        : [];
      withheldSeen += withheld.length;
      const expected = withWithheld(withSecondary(comparison, secondary), withheld, definitions.settings.minGroupSize);
      const url = `/api/projects/${ids.projectId}/comparison?baseline=${ids.baseline}&followup=${ids.followup}`;
      // Nothing folded yet: no release, so no figures (../shared/docs/METHOD.md, "Releases, not live figures") ...
      const before = await api.call('GET', url);
      expect(before.status).toBe(200);
      expect(before.json.withheld?.reason).toBe('no_release');
      expect(before.json.indicators).toEqual({});
      // ... and after the fold, the release of every response, with the numbers of `compare`.
      await foldAll(api.deps.store, { now: Date.now() + 1000, settleMs: 0 });
      const after = await api.call('GET', url);
      const { releases, preliminary, ...figures } = after.json;
      expect(preliminary).toBe(true);
      expect(releases.baseline.n).toBeGreaterThan(0);
      expect(releases.followup.n).toBeGreaterThan(0);
      expect(markedSecondary(figures)).toEqual(secondary);
      expect(mismatches(figures, expected)).toEqual([]);
      for (const roundId of [ids.baseline, ids.followup]) {
        const round = (await api.deps.store.rounds.get(roundId))!;
        expect((await rebuildRound(api.deps.store, round)).differences).toEqual([]);
      }
    },
    120_000,
  );

  it('hides some groups and withholds some weighted estimates by secondary suppression in the reference cases (the check above is not vacuous)', () => {
    expect(secondarySeen).toBeGreaterThan(0);
    expect(withheldSeen).toBeGreaterThan(0);
  });
});
