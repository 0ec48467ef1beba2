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
import { attack, comparisonFacts, csvFacts, readingFacts, type Fact, type Truth } from './attacker.ts';
import { INDICATORS, scenarioArb, type Scenario } from './generate.ts';

/** Every published count of a scenario, as the API and the dashboard's CSV publish them. */
function publishedFacts(
  scenario: Scenario,
  secondarySuppression: boolean,
): { facts: Fact[]; truth: Truth; csv: ReturnType<typeof comparisonRows> } {
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
  if (secondarySuppression) {
    facts.push(
      ...readingFacts('baseline', roundIndicators(scorer, baseline, settings), truth),
      ...readingFacts('followup', roundIndicators(scorer, followup, settings), truth),
    );
  }
  return { facts, truth, csv };
}

const RUNS = Number(process.env.PRIVACY_RUNS ?? 300);

describe('secondary suppression against an attacker who subtracts', () => {
  it(`leaves no group under k recoverable from the comparison, the indicators and the CSV (${RUNS} random projects)`, () => {
    let secondary = 0;
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const { facts, truth, csv } = publishedFacts(scenario, true);
        expect(attack(truth, facts)).toEqual([]);
        // Differences are published for whole rounds only, never per group.
        expect(csv.filter((row) => row.round === 'difference' && row.group_variable)).toEqual([]);
        secondary += csv.filter((row) => row.suppressed === true && row.group_variable).length;
      }),
      { numRuns: RUNS, seed: 20240611 },
    );
    // The generated projects do make the rule work (it is not vacuously true).
    expect(secondary).toBeGreaterThan(RUNS / 4);
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
});
