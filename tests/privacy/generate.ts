// Random projects for the privacy properties: areas with small (0..k-ish) and large groups, people
// with no area, random age bands and genders (some rare), random missing and "dk" answers, a random
// minimum group size, breakdowns by one or several variables, with or without weighting.
import fc from 'fast-check';
import type {
  Answer,
  BackgroundVariable,
  Indicator,
  PopulationRow,
  ProjectSettingsInput,
} from '../../functions/core/schemas.ts';
import type { Respondent, Which } from './attacker.ts';

export const AREAS = ['a0', 'a1', 'a2', 'a3', 'a4'] as const;
export const AGE_BANDS = ['young', 'middle', 'old'] as const;
export const GENDERS = ['f', 'm', 'x'] as const;

/** The indicators every generated project has: an index over three items, a mean, a share. */
export const INDICATORS: Indicator[] = [
  { id: 'place', label: 'Place', kind: 'index', items: ['q1', 'q2', 'q3'], scale: [1, 10] },
  { id: 'pride', label: 'Pride', kind: 'mean', items: ['q4'], scale: [1, 5] },
  { id: 'aware', label: 'Aware', kind: 'share', items: ['q5'], positive: ['yes'], values: ['yes', 'no'] },
];

function answerOf<T extends Answer>(value: fc.Arbitrary<T>): fc.Arbitrary<T | 'dk' | null> {
  return fc.oneof(
    { weight: 8, arbitrary: value },
    { weight: 1, arbitrary: fc.constant('dk' as const) },
    { weight: 1, arbitrary: fc.constant(null) },
  );
}

const person = fc.record({
  age_band: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...AGE_BANDS) },
    { weight: 1, arbitrary: fc.constant(null) },
  ),
  // "x" is rare, so that small gender groups are common.
  gender: fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom('f', 'm') },
    { weight: 1, arbitrary: fc.constant('x') },
    { weight: 1, arbitrary: fc.constant(null) },
  ),
  q1: answerOf(fc.integer({ min: 1, max: 10 })),
  q2: answerOf(fc.integer({ min: 1, max: 10 })),
  q3: answerOf(fc.integer({ min: 1, max: 10 })),
  q4: answerOf(fc.integer({ min: 1, max: 5 })),
  q5: answerOf(fc.constantFrom('yes', 'no')),
});

/** Group sizes: small ones (under any k) and large ones. */
const groupSize = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 5, max: 22 }));

export const roundArb: fc.Arbitrary<Respondent[]> = fc
  .record({
    areaSizes: fc.array(groupSize, { minLength: 1, maxLength: AREAS.length }),
    noArea: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 })),
  })
  .chain(({ areaSizes, noArea }) => {
    const areas = [
      ...areaSizes.flatMap((size, i) => Array.from({ length: size }, () => AREAS[i]!)),
      ...Array.from({ length: noArea }, () => null),
    ];
    return fc.array(person, { minLength: areas.length, maxLength: areas.length }).map((people) =>
      people.map((p, i): Respondent => {
        const answers: Record<string, Answer> = {};
        for (const q of ['q1', 'q2', 'q3', 'q4', 'q5'] as const) if (p[q] !== null) answers[q] = p[q];
        return { background: { area: areas[i]!, age_band: p.age_band, gender: p.gender }, answers };
      }),
    );
  });

export interface Scenario {
  rounds: Record<Which, Respondent[]>;
  settings: ProjectSettingsInput;
}

const groupByArb = fc.subarray(['area', 'age_band', 'gender'] as BackgroundVariable[], { minLength: 1 });

/** Population per stratum for weighting by one variable (every value listed, so none is unknown). */
function population(variable: BackgroundVariable, sizes: number[]): NonNullable<ProjectSettingsInput['weighting']> {
  const values: readonly string[] = variable === 'area' ? AREAS : variable === 'age_band' ? AGE_BANDS : GENDERS;
  return {
    strata: [variable],
    population: values.map(
      (value, i) => ({ [variable]: value, population: sizes[i % sizes.length]! }) as PopulationRow,
    ),
  };
}

export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    baseline: roundArb,
    followup: roundArb,
    k: fc.integer({ min: 3, max: 8 }),
    groupBy: groupByArb,
    weighting: fc.option(
      fc.record({
        variable: fc.constantFrom<BackgroundVariable>('area', 'age_band', 'gender'),
        sizes: fc.array(fc.integer({ min: 50, max: 5000 }), { minLength: 1, maxLength: 5 }),
      }),
      { nil: null },
    ),
  })
  .map(({ baseline, followup, k, groupBy, weighting }) => ({
    rounds: { baseline, followup },
    settings: {
      minGroupSize: k,
      groupBy,
      weighting: weighting ? population(weighting.variable, weighting.sizes) : null,
    },
  }));
