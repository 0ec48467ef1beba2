import { describe, expect, it } from 'vitest';
import { aggregateResponses } from '../../functions/core/aggregates.ts';
import { compareRounds } from '../../functions/core/compare.ts';
import { ProjectSettings, type Answer, type Background, type Indicator } from '../../functions/core/schemas.ts';
import { createScorer } from '../../functions/core/scoring.ts';
import { UnknownStratumError } from '../../functions/core/stats/weighting.ts';

const indicators: Indicator[] = [
  { id: 'pride', kind: 'mean', items: ['q'], scale: [1, 5] },
  { id: 'aware', kind: 'share', items: ['y'], positive: ['yes'] },
];
const scorer = createScorer(indicators);

function responses(
  list: [string | null, Answer, Answer][],
): { background: Background; answers: Record<string, Answer> }[] {
  return list.map(([area, q, y]) => ({ background: { area, age_band: null, gender: null }, answers: { q, y } }));
}

const many = (area: string, count: number, q: Answer, y: Answer) =>
  Array.from({ length: count }, () => [area, q, y] as [string, Answer, Answer]);

describe('compareRounds', () => {
  it('gives null figures, says why, and leaves the indicator out of the Holm family when a round is under k', () => {
    const baseline = aggregateResponses(scorer, responses([...many('A', 3, 4, 'yes'), ...many('A', 10, null, 'no')]));
    const followup = aggregateResponses(scorer, responses([...many('A', 6, 3, 'yes'), ...many('A', 6, 5, 'no')]));
    const result = compareRounds(indicators, ProjectSettings.parse({}), baseline, followup);
    const pride = result.indicators.pride!;
    expect(pride.baseline).toEqual({ suppressed: true, n: null });
    expect(pride.diff).toBeNull();
    expect(pride.pValue).toBeNull();
    expect(pride.pHolm).toBeNull();
    expect(pride.significant).toBeNull();
    expect(pride.notes?.[0]).toMatch(/fewer than 5/);
    // aware is the only member of the Holm family: its adjusted p equals its p.
    expect(result.indicators.aware!.pHolm).toBe(result.indicators.aware!.pValue);
  });

  it('lists a group seen in only one round, suppressed in the other', () => {
    const baseline = aggregateResponses(scorer, responses([...many('A', 6, 4, 'yes'), ...many('B', 5, 3, 'no')]));
    const followup = aggregateResponses(scorer, responses([...many('A', 7, 5, 'yes'), ['C', 4, 'yes']]));
    const result = compareRounds(indicators, ProjectSettings.parse({}), baseline, followup);
    const groups = result.indicators.pride!.groups.area!;
    expect(Object.keys(groups)).toEqual(['A', 'B', 'C']);
    expect(groups.B!.baseline.n).toBe(5);
    expect(groups.B!.followup).toEqual({ suppressed: true, n: null });
    expect(groups.C!.followup).toEqual({ suppressed: true, n: null });
  });

  it('counts a respondent without an area in the whole round and in no area group', () => {
    const baseline = aggregateResponses(scorer, responses([...many('A', 5, 4, 'yes'), [null, 2, 'no']]));
    const result = compareRounds(indicators, ProjectSettings.parse({}), baseline, baseline);
    expect(result.indicators.pride!.baseline.n).toBe(6);
    expect(result.indicators.pride!.groups.area!.A!.baseline.n).toBe(5);
  });

  it('refuses a stratum value that the population figures lack, naming it', () => {
    const settings = ProjectSettings.parse({
      weighting: { strata: ['area'], population: [{ area: 'A', population: 100 }] },
    });
    const round = aggregateResponses(scorer, responses([...many('A', 5, 4, 'yes'), ...many('Z', 5, 4, 'yes')]));
    expect(() => compareRounds(indicators, settings, round, round)).toThrow(UnknownStratumError);
    expect(() => compareRounds(indicators, settings, round, round)).toThrow(/"area":"Z"/);
  });

  it('weights strata by population and spreads an empty stratum over the others', () => {
    const settings = ProjectSettings.parse({
      weighting: {
        strata: ['area'],
        population: [
          { area: 'A', population: 100 },
          { area: 'B', population: 300 },
          { area: 'C', population: 600 },
        ],
      },
    });
    const baseline = aggregateResponses(
      scorer,
      responses([...many('A', 5, 1, 'yes'), ...many('B', 5, 5, 'no'), ...many('B', 1, 3, 'no'), [null, 2, 'no']]),
    );
    const result = compareRounds(indicators, settings, baseline, baseline);
    const weighted = result.indicators.pride!.weighted!.baseline;
    const meanB = (5 * 5 + 3) / 6;
    expect(weighted.mean).toBeCloseTo(0.25 * 1 + 0.75 * meanB, 12);
    expect(weighted.strataEmpty).toEqual([{ area: 'C' }]);
    expect(weighted.excluded).toBe(1);
    const varianceB = (5 * (5 - meanB) ** 2 + (3 - meanB) ** 2) / 5;
    expect(weighted.se).toBeCloseTo(Math.sqrt((0.75 ** 2 * varianceB) / 6), 12);
  });
});
