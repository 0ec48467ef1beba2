// Every reference case loaded through the public submit route: the comparison endpoint publishes
// exactly what `bygdpuls compare --protect` gives on the same CSV files; that equals expected.json
// wherever the protected mode withholds nothing, says why wherever it does, carries METHOD.md's
// verdicts, and its weighted headlines are all published and equal the collapsed-strata computation.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareFiles } from '../../functions/cli/compare.ts';
import type { Comparison } from '../../functions/core/compare.ts';
import { foldAll } from '../../functions/fold/fold.ts';
import { rebuildRound } from '../../functions/fold/rebuild.ts';
import { mismatches } from '../support/closeTo.ts';
import { startCheckedApi, type TestApi } from '../support/api.ts';
import { collapsedEstimate } from '../support/collapsedStrata.ts';
import { loadCaseThroughApi, readCase } from '../support/referenceCase.ts';
import { expectedVerdicts } from '../support/referenceVerdict.ts';

const root = path.resolve(import.meta.dirname, '../..');
const casesDir = path.join(root, 'tests/fixtures/reference');
const cases = readdirSync(casesDir).filter((name) => existsSync(path.join(casesDir, name, 'expected.json')));

type Which = 'baseline' | 'followup';
const ROUNDS = ['baseline', 'followup'] as const;

/**
 * `compare --protect` (what the API publishes) against the raw reference: every figure equal, or
 * withheld with its reason. Counts what is withheld beyond primary suppression: groups hidden to
 * protect another (reason "secondary") and weighted counts published as null. The weighted
 * estimates of rounds with collapsed strata differ from the raw reference by design and are
 * checked against the collapsed computation instead.
 */
function againstReference(
  published: Comparison,
  expected: Comparison,
  k: number,
): { problems: string[]; withheld: string[] } {
  const problems: string[] = [];
  const withheld: string[] = [];
  for (const [id, ind] of Object.entries(expected.indicators)) {
    const actual = published.indicators[id]!;
    const { groups, weighted, notes, verdict: _verdict, ...figures } = actual;
    const { groups: expectedGroups, weighted: expectedWeighted, ...expectedFigures } = ind;
    problems.push(...mismatches(figures, expectedFigures, `${id}`));
    for (const [variable, values] of Object.entries(expectedGroups)) {
      for (const [value, pair] of Object.entries(values!)) {
        for (const which of ROUNDS) {
          const got = groups[variable as 'area']![value]![which];
          const at = `${id}.groups.${variable}.${value}.${which}`;
          if ('reason' in got && got.reason === 'secondary' && !('suppressed' in pair[which])) withheld.push(at);
          else problems.push(...mismatches(got, pair[which], at));
        }
      }
    }
    if (!expectedWeighted) continue;
    for (const which of ROUNDS) {
      const got = weighted![which];
      const want = expectedWeighted[which];
      const at = `${id}.weighted.${which}`;
      for (const key of ['excluded', 'strataSingle'] as const) {
        if (got[key] === null) {
          const safe =
            key === 'excluded' ? want.excluded === 0 || want.excluded! >= k : want.strataSingle!.length === 0;
          if (safe) problems.push(`${at}.${key}: null, though ${JSON.stringify(want[key])} gives nobody away`);
          else withheld.push(`${at}.${key}`);
          if (!notes?.some((note) => note.startsWith(`weighted ${which}: ${key} withheld`)))
            problems.push(`${at}.${key}: withheld without a note saying why`);
        } else problems.push(...mismatches(got[key], want[key], `${at}.${key}`));
      }
      problems.push(...mismatches(got.strataEmpty, want.strataEmpty, `${at}.strataEmpty`));
      if (got.strataCollapsed!.length === 0) {
        const { excluded, strataSingle, strataEmpty, strataCollapsed, ...estimate } = got;
        const { excluded: _e, strataSingle: _s, strataEmpty: _m, ...wantEstimate } = want;
        problems.push(...mismatches(estimate, wantEstimate, at));
      }
    }
    if (ROUNDS.every((which) => weighted![which].strataCollapsed!.length === 0)) {
      const { baseline, followup, ...difference } = weighted!;
      const { baseline: _b, followup: _f, ...wantDifference } = expectedWeighted;
      problems.push(...mismatches(difference, wantDifference, `${id}.weighted`));
    }
  }
  return { problems, withheld };
}

const withheldPerCase: Record<string, number> = {};
let api: TestApi;
beforeAll(async () => {
  api = await startCheckedApi();
});
afterAll(async () => {
  await api.close();
  // For the closing note: what the protected mode withholds beyond primary suppression.
  console.info(`withheld beyond primary suppression, per case: ${JSON.stringify(withheldPerCase)}`);
});

describe('the comparison endpoint on the reference cases', () => {
  it.each(cases)(
    '%s: publishes what `compare --protect` gives, the reference wherever nothing is withheld',
    async (name) => {
      const dir = path.join(casesDir, name);
      const ids = await loadCaseThroughApi(api, dir);
      const files = {
        indicators: path.join(dir, 'indicators.json'),
        baseline: path.join(dir, 'baseline.csv'),
        followup: path.join(dir, 'followup.csv'),
      };
      const { comparison, definitions } = await compareFiles({ ...files, secondarySuppression: true });
      const url = `/api/projects/${ids.projectId}/comparison?baseline=${ids.baseline}&followup=${ids.followup}`;
      // Nothing folded yet: no release, so no figures (../shared/docs/METHOD.md, "Releases, not live figures") ...
      const before = await api.call('GET', url);
      expect(before.status).toBe(200);
      expect(before.json.withheld?.reason).toBe('no_release');
      expect(before.json.indicators).toEqual({});
      // ... and after the fold, the release of every response: exactly `compare --protect`.
      await foldAll(api.deps.store, { now: Date.now() + 1000, settleMs: 0 });
      const after = await api.call('GET', url);
      const { releases, preliminary, ...figures } = after.json;
      expect(preliminary).toBe(true);
      expect(releases.baseline.n).toBeGreaterThan(0);
      expect(mismatches(figures, comparison)).toEqual([]);

      const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Comparison;
      const k = definitions.settings.minGroupSize;
      const { problems, withheld } = againstReference(figures as Comparison, expected, k);
      expect(problems).toEqual([]);
      withheldPerCase[name] = withheld.length;
      // Every verdict is METHOD.md's on the reference figures.
      expect(
        Object.fromEntries(Object.entries((figures as Comparison).indicators).map(([id, i]) => [id, i.verdict])),
      ).toEqual(expectedVerdicts(expected, definitions.indicators, definitions.settings.alpha));

      const weighting = definitions.settings.weighting;
      if (weighting) {
        // Every weighted headline is published, and equals the collapsed-strata computation.
        const files = await readCase(dir);
        const population = files.population!;
        const minSize = Math.max(k, weighting.minStratumSize ?? k);
        for (const def of definitions.indicators) {
          const published = (figures as Comparison).indicators[def.id]!.weighted!;
          const key = def.kind === 'share' ? 'p' : 'mean';
          for (const which of ROUNDS) {
            const want = collapsedEstimate(def, files.rounds[which as Which], weighting.strata, population, minSize);
            expect(want, `${def.id} ${which}`).not.toBeNull();
            const got = published[which];
            expect(got[key], `${def.id} ${which}: the weighted headline is published`).not.toBeNull();
            expect(
              mismatches(
                {
                  estimate: got[key],
                  se: got.se,
                  ciLow: got.ciLow,
                  ciHigh: got.ciHigh,
                  strataCollapsed: got.strataCollapsed,
                },
                want,
              ),
            ).toEqual([]);
          }
          const diff = published.followup[key]! - published.baseline[key]!;
          expect(mismatches(published.diff, diff)).toEqual([]);
        }
      }
      for (const roundId of [ids.baseline, ids.followup]) {
        const round = (await api.deps.store.rounds.get(roundId))!;
        expect((await rebuildRound(api.deps.store, round)).differences).toEqual([]);
      }
    },
    120_000,
  );

  it('withholds something beyond primary suppression in the reference cases (the check above is not vacuous)', () => {
    expect(Object.values(withheldPerCase).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it("takes the project's own minStratumSize: the API equals `compare --protect` with it", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bygdpuls-min-stratum-'));
    cpSync(path.join(casesDir, 'weighted-by-area'), dir, { recursive: true });
    const file = path.join(dir, 'indicators.json');
    writeFileSync(
      file,
      JSON.stringify({
        ...JSON.parse(readFileSync(file, 'utf8')),
        weighting: { strata: ['area'], population: 'population.csv', minStratumSize: 80 },
      }),
    );
    const ids = await loadCaseThroughApi(api, dir);
    await foldAll(api.deps.store, { now: Date.now() + 1000, settleMs: 0 });
    const { comparison } = await compareFiles({
      indicators: file,
      baseline: path.join(dir, 'baseline.csv'),
      followup: path.join(dir, 'followup.csv'),
      secondarySuppression: true,
    });
    const url = `/api/projects/${ids.projectId}/comparison?baseline=${ids.baseline}&followup=${ids.followup}`;
    const { releases: _r, preliminary: _p, ...figures } = (await api.call('GET', url)).json;
    expect(mismatches(figures, comparison)).toEqual([]);
    expect(figures.indicators.nki.weighted.followup.strataCollapsed.length).toBeGreaterThan(0);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
