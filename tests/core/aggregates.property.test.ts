// The algebra of aggregates and the suppression promise, checked on generated data (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aggregateResponses,
  emptyRound,
  mergeRounds,
  RoundAccumulator,
  subtractRounds,
  type RoundAggregate,
} from '../../functions/core/aggregates.ts';
import { compareRounds } from '../../functions/core/compare.ts';
import { ProjectSettings, type Answer, type Background, type Indicator } from '../../functions/core/schemas.ts';
import { createScorer } from '../../functions/core/scoring.ts';

const indicators: Indicator[] = [
  { id: 'nki', kind: 'index', items: ['q1', 'q2', 'q3'], scale: [1, 10] },
  { id: 'nki_w', kind: 'index', items: ['q1', 'q2', 'q3'], weights: [0.5, 0.3, 0.2], scale: [1, 10] },
  { id: 'top', kind: 'share', items: ['q1'], positive: [8, 9, 10] },
  { id: 'pride', kind: 'mean', items: ['q4'], scale: [1, 5] },
  { id: 'aware', kind: 'share', items: ['q5'], positive: ['yes'] },
];
const scorer = createScorer(indicators);
const exactIds = new Set(scorer.indicators.filter((c) => c.exact).map((c) => c.def.id));

interface TestResponse {
  background: Background;
  answers: Record<string, Answer>;
}

const maybe = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 5, arbitrary: arb });
const scaleAnswer = (hi: number) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom<Answer>('dk', null) },
    { weight: 6, arbitrary: fc.integer({ min: 1, max: hi }) },
  );

const responseArb: fc.Arbitrary<TestResponse> = fc.record({
  background: fc.record({
    area: maybe(fc.constantFrom('Gårdeby', 'Bottna', 'Mogata', 'Östra Ryd')),
    age_band: maybe(fc.constantFrom('16-29', '30-49', '50-64', '65+')),
    gender: maybe(fc.constantFrom('kvinna', 'man', 'annat')),
  }),
  answers: fc.record({
    q1: scaleAnswer(10),
    q2: scaleAnswer(10),
    q3: scaleAnswer(10),
    q4: scaleAnswer(5),
    q5: fc.constantFrom<Answer>('yes', 'no', 'dk', null),
  }),
});

/** Counts must be equal; sums exact for exact indicators, within 1e-9 relative otherwise. */
function expectSameAggregate(actual: RoundAggregate, expected: RoundAggregate): void {
  expect(Object.keys(actual.cells).sort()).toEqual(Object.keys(expected.cells).sort());
  for (const [key, cell] of Object.entries(expected.cells)) {
    const other = actual.cells[key]!;
    expect(other.respondents).toBe(cell.respondents);
    expect(other.answers).toEqual(cell.answers);
    expect(Object.keys(other.indicators).sort()).toEqual(Object.keys(cell.indicators).sort());
    for (const [id, m] of Object.entries(cell.indicators)) {
      const o = other.indicators[id]!;
      expect(o.n).toBe(m.n);
      if (exactIds.has(id)) {
        expect(o.sum).toBe(m.sum);
        expect(o.sumSq).toBe(m.sumSq);
      } else {
        expect(Math.abs(o.sum - m.sum)).toBeLessThanOrEqual(1e-9 * Math.abs(m.sum) + 1e-12);
        expect(Math.abs(o.sumSq - m.sumSq)).toBeLessThanOrEqual(1e-9 * Math.abs(m.sumSq) + 1e-12);
      }
    }
  }
}

/** Splits a list into consecutive chunks at the given cut points. */
function chunk<T>(items: T[], cuts: number[]): T[][] {
  const points = [...new Set(cuts.map((c) => c % (items.length + 1)))].sort((a, b) => a - b);
  const chunks: T[][] = [];
  let start = 0;
  for (const point of [...points, items.length]) {
    chunks.push(items.slice(start, point));
    start = point;
  }
  return chunks;
}

/** Merges a list of aggregates following a random binary tree (any grouping). */
function mergeTree(parts: RoundAggregate[], choices: number[]): RoundAggregate {
  const work = [...parts];
  let i = 0;
  while (work.length > 1) {
    const at = (choices[i++ % Math.max(choices.length, 1)] ?? 0) % (work.length - 1);
    const merged = mergeRounds(work[at]!, work[at + 1]!);
    work.splice(at, 2, merged);
  }
  return work[0] ?? emptyRound();
}

describe('aggregates', () => {
  it('merged in any order and grouping equal the aggregate of the union', () => {
    fc.assert(
      fc.property(
        fc.array(responseArb, { maxLength: 80 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.boolean(),
        (responses, cuts, choices, reverse) => {
          const parts = chunk(responses, cuts).map((part) => aggregateResponses(scorer, part));
          if (reverse) parts.reverse();
          expectSameAggregate(mergeTree(parts, choices), aggregateResponses(scorer, responses));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('subtracting a response undoes adding it', () => {
    fc.assert(
      fc.property(fc.array(responseArb, { minLength: 1, maxLength: 60 }), fc.nat(), (responses, pick) => {
        const index = pick % responses.length;
        const removed = responses[index]!;
        const rest = responses.filter((_, i) => i !== index);
        const all = aggregateResponses(scorer, responses);
        const without = subtractRounds(all, aggregateResponses(scorer, [removed]));
        expectSameAggregate(without, aggregateResponses(scorer, rest));
        // and adding it back gives the whole again
        expectSameAggregate(mergeRounds(without, aggregateResponses(scorer, [removed])), all);
      }),
      { numRuns: 300 },
    );
  });

  it('takes a response away when the accumulator adds it with sign -1 (a removal event)', () => {
    fc.assert(
      fc.property(fc.array(responseArb, { minLength: 1, maxLength: 40 }), fc.nat(), (responses, pick) => {
        const removed = responses[pick % responses.length]!;
        const accumulator = new RoundAccumulator(scorer);
        for (const r of responses)
          accumulator.add(
            r.background,
            scorer.questions.map((q) => r.answers[q] ?? null),
          );
        accumulator.add(
          removed.background,
          scorer.questions.map((q) => removed.answers[q] ?? null),
          -1,
        );
        expectSameAggregate(
          accumulator.toAggregate(),
          aggregateResponses(
            scorer,
            responses.filter((r) => r !== removed),
          ),
        );
      }),
      { numRuns: 100 },
    );
  });
});

describe('suppression', () => {
  const variables = ['area', 'age_band', 'gender'] as const;

  it('never publishes a group (or a round) with fewer than the minimum size, whatever the data', () => {
    fc.assert(
      fc.property(
        fc.array(responseArb, { maxLength: 60 }),
        fc.array(responseArb, { maxLength: 60 }),
        fc.integer({ min: 3, max: 12 }),
        fc.subarray([...variables], { minLength: 1 }),
        (baselineResponses, followupResponses, minGroupSize, groupBy) => {
          const settings = ProjectSettings.parse({ minGroupSize, groupBy });
          const rounds = { baseline: baselineResponses, followup: followupResponses };
          const result = compareRounds(
            indicators,
            settings,
            aggregateResponses(scorer, baselineResponses),
            aggregateResponses(scorer, followupResponses),
          );
          for (const compiled of scorer.indicators) {
            const id = compiled.def.id;
            const entry = result.indicators[id]!;
            // True n per round and group, counted directly from the responses.
            const trueN = (list: typeof baselineResponses, pick: (r: (typeof list)[number]) => boolean) =>
              list.filter((r) => pick(r) && compiled.score(scorer.questions.map((q) => r.answers[q] ?? null)) !== null)
                .length;
            for (const round of ['baseline', 'followup'] as const) {
              const n = trueN(rounds[round], () => true);
              const summary = entry[round];
              if (n < minGroupSize) expect(summary).toEqual({ suppressed: true, n: null });
              else expect(summary.n).toBe(n);
              for (const variable of groupBy) {
                for (const [value, pair] of Object.entries(entry.groups[variable] ?? {})) {
                  const groupN = trueN(rounds[round], (r) => r.background[variable] === value);
                  if (groupN < minGroupSize) expect(pair[round]).toEqual({ suppressed: true, n: null });
                  else expect(pair[round].n).toBe(groupN);
                }
              }
            }
            if (entry.baseline.n === null || entry.followup.n === null) {
              expect(entry.diff).toBeNull();
              expect(entry.pValue).toBeNull();
              expect(entry.notes?.length).toBeGreaterThan(0);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
