// No output gives away a group under the minimum size, directly or by subtraction: random projects
// (small and large groups, people with no group, missing and "dk" answers, random k, breakdowns by
// one or several variables, weighted or not) through what the API serves - the comparison, each
// round's indicators (groups and answer distributions) - and the dashboard's CSV download, all read
// together by an independent attacker (attacker.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundIndicators } from '../../functions/core/roundIndicators.ts';
import { aggregateResponses } from '../../functions/core/aggregates.ts';
import { compareRounds } from '../../functions/core/compare.ts';
import { ProjectSettings } from '../../functions/core/schemas.ts';
import { createScorer } from '../../functions/core/scoring.ts';
import { comparisonRows } from '../../web/src/dashboard/csv.ts';
import type { DashboardData } from '../../web/src/dashboard/data.ts';
import {
  attack,
  attackWeighted,
  comparisonFacts,
  csvFacts,
  readingFacts,
  weightedFact,
  measureOf,
  type Fact,
  type Truth,
  type WeightedFact,
} from './attacker.ts';
import { INDICATORS, scenarioArb, type Scenario } from './generate.ts';

/** Every published count of a scenario, as the API and the dashboard's CSV publish them. */
function publishedFacts(
  scenario: Scenario,
  secondarySuppression: boolean,
): { facts: Fact[]; weighted: WeightedFact[]; truth: Truth; csv: ReturnType<typeof comparisonRows> } {
  const settings = ProjectSettings.parse(scenario.settings);
  const scorer = createScorer(INDICATORS);
  const baseline = aggregateResponses(scorer, scenario.rounds.baseline);
  const followup = aggregateResponses(scorer, scenario.rounds.followup);
  const truth: Truth = { rounds: scenario.rounds, indicators: INDICATORS, k: settings.minGroupSize };
  const comparison = compareRounds(INDICATORS, settings, baseline, followup, { secondarySuppression });
  const csv = comparisonRows({
    comparison,
    baseline: { name: 'B' },
    followup: { name: 'F' },
    indicators: INDICATORS,
    project: { areas: [] },
  } as unknown as Pick<DashboardData, 'comparison' | 'baseline' | 'followup' | 'indicators' | 'project'>);
  const facts = [...comparisonFacts(comparison, truth), ...csvFacts(csv, truth)];
  const weighted: WeightedFact[] = [];
  const variable = settings.weighting?.strata[0];
  if (secondarySuppression) {
    const readings = {
      baseline: roundIndicators(scorer, baseline, settings),
      followup: roundIndicators(scorer, followup, settings),
    };
    for (const which of ['baseline', 'followup'] as const) {
      facts.push(...readingFacts(which, readings[which], truth));
      if (!variable) continue;
      for (const [id, reading] of Object.entries(readings[which]))
        if (reading.weighted) weighted.push(weightedFact(which, id, variable, reading.weighted, 'indicators'));
      for (const [id, ind] of Object.entries(comparison.indicators))
        weighted.push(weightedFact(which, id, variable, ind.weighted![which], 'comparison'));
    }
  }
  return { facts, weighted, truth, csv };
}

const RUNS = Number(process.env.PRIVACY_RUNS ?? 300);

describe('secondary suppression against an attacker who subtracts', () => {
  it(`leaves no group under k recoverable from the comparison, the indicators and the CSV (${RUNS} random projects)`, () => {
    let secondary = 0;
    let weightedPublished = 0;
    let collapsed = 0;
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const { facts, weighted, truth, csv } = publishedFacts(scenario, true);
        expect(attack(truth, facts)).toEqual([]);
        expect(attackWeighted(truth, weighted, facts)).toEqual([]);
        weightedPublished += weighted.filter((w) => w.published).length;
        collapsed += weighted.filter((w) => w.strataCollapsed.length > 0).length;
        // Differences are published for whole rounds only, never per group.
        expect(csv.filter((row) => row.round === 'difference' && row.group_variable)).toEqual([]);
        secondary += csv.filter((row) => row.suppressed === true && row.group_variable).length;
      }),
      { numRuns: RUNS, seed: 20240611 },
    );
    // The generated projects do make the rule work (it is not vacuously true).
    expect(secondary).toBeGreaterThan(RUNS / 4);
    expect(weightedPublished).toBeGreaterThan(RUNS / 4);
    expect(collapsed).toBeGreaterThan(RUNS / 10);
  }, 600_000);

  it('catches the leak that primary suppression alone leaves (the attacker can fail)', () => {
    const findings: string[][] = [];
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const { facts, truth } = publishedFacts(scenario, false);
        findings.push(attack(truth, facts));
      }),
      { numRuns: 100, seed: 20240611 },
    );
    expect(findings.filter((f) => f.length > 0).length).toBeGreaterThan(10);
  });

  it('hides the smallest published area when one small area sits next to a total', () => {
    const people = (area: string | null, count: number) =>
      Array.from({ length: count }, (_, i) => ({
        background: { area, age_band: null, gender: null },
        answers: { q4: 1 + (i % 5) },
      }));
    const round = [...people('a0', 9), ...people('a1', 6), ...people('a2', 2)];
    const scorer = createScorer(INDICATORS);
    const settings = ProjectSettings.parse({ minGroupSize: 5, groupBy: ['area'] });
    const aggregate = aggregateResponses(scorer, round);
    const groups = compareRounds(INDICATORS, settings, aggregate, aggregate, { secondarySuppression: true }).indicators
      .pride!.groups.area!;
    expect(groups.a0!.baseline).toMatchObject({ n: 9 });
    expect(groups.a1!.baseline).toEqual({ suppressed: true, n: null, reason: 'secondary' });
    expect(groups.a2!.baseline).toEqual({ suppressed: true, n: null });
    // Two people with no area are a residual too: total minus both areas would give them away.
    const withNoArea = aggregateResponses(scorer, [...people('a0', 9), ...people('a1', 6), ...people(null, 2)]);
    const areas = compareRounds(INDICATORS, settings, withNoArea, withNoArea, { secondarySuppression: true }).indicators
      .pride!.groups.area!;
    expect(areas.a0!.baseline).toMatchObject({ n: 9 });
    expect(areas.a1!.baseline).toEqual({ suppressed: true, n: null, reason: 'secondary' });
    // Off by default: what `bygdpuls compare` and the reference cases define.
    expect(
      compareRounds(INDICATORS, settings, aggregate, aggregate).indicators.pride!.groups.area!.a1!.baseline,
    ).toMatchObject({ n: 6 });
  });

  it('withholds what a weighted estimate would let an attacker solve for (collapsed strata), and the attacker sees it', () => {
    const people = (area: string | null, count: number) =>
      Array.from({ length: count }, (_, i) => ({
        background: { area, age_band: null, gender: null },
        answers: { q4: 1 + (i % 5) },
      }));
    const weighting = { strata: ['area'], population: ['a0', 'a1', 'a2'].map((area) => ({ area, population: 1000 })) };
    const settings = ProjectSettings.parse({ minGroupSize: 5, groupBy: ['area'], weighting });
    const scorer = createScorer(INDICATORS);
    const pride = INDICATORS.find((d) => d.id === 'pride')!;
    const truthOf = (round: ReturnType<typeof people>): Truth => ({
      rounds: { baseline: round, followup: round },
      indicators: INDICATORS,
      k: 5,
    });
    // Two people without an area: the breakdown hides a1 to protect them; the estimate would then
    // solve a1 (the only unknown cell) and isolate the two, so a0 is withheld as well.
    const noArea = [...people('a0', 9), ...people('a1', 6), ...people(null, 2)];
    const aggregate = aggregateResponses(scorer, noArea);
    const ind = compareRounds(INDICATORS, settings, aggregate, aggregate, { secondarySuppression: true }).indicators
      .pride!;
    expect(ind.groups.area!.a0!.baseline).toEqual({ suppressed: true, n: null, reason: 'secondary' });
    expect(ind.groups.area!.a1!.baseline).toEqual({ suppressed: true, n: null, reason: 'secondary' });
    expect(ind.weighted!.baseline).toMatchObject({ excluded: null, strataCollapsed: [] });
    expect(ind.weighted!.baseline.mean).not.toBeNull();
    const weighted = [weightedFact('baseline', 'pride', 'area', ind.weighted!.baseline, 'comparison')];
    const facts = comparisonFacts({ indicators: { pride: ind } }, truthOf(noArea));
    expect(attackWeighted(truthOf(noArea), weighted, facts)).toEqual([]);
    // Had a0 been published, the attacker would have found the two.
    const a0 = { round: 'baseline' as const, measure: measureOf(pride), variable: 'area' as const, group: 'a0', n: 9 };
    expect(attackWeighted(truthOf(noArea), weighted, [...facts, { ...a0, source: 'what-if' }])).toHaveLength(1);

    // A small area merged into a published one: cell minus the published member would give it away.
    const small = [...people('a0', 9), ...people('a1', 6), ...people('a2', 2)];
    const merged = compareRounds(
      INDICATORS,
      settings,
      aggregateResponses(scorer, small),
      aggregateResponses(scorer, small),
      { secondarySuppression: true },
    ).indicators.pride!;
    expect(merged.weighted!.baseline.strataCollapsed).toEqual([[{ area: 'a1' }, { area: 'a2' }]]);
    const mergedFact = weightedFact('baseline', 'pride', 'area', merged.weighted!.baseline, 'comparison');
    const a1 = { ...a0, group: 'a1', n: 6, source: 'what-if' };
    expect(attackWeighted(truthOf(small), [mergedFact], [a1]).join()).toMatch(/minus its published groups leaves 2/);
  });
});
