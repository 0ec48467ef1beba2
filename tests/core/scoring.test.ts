import { describe, expect, it } from 'vitest';
import { createScorer, parseTextAnswer } from '../../functions/core/scoring.ts';
import type { Answer, Indicator } from '../../functions/core/schemas.ts';
import { IndicatorList } from '../../functions/core/schemas.ts';

function scoreOf(def: Indicator, answers: Record<string, Answer>): number | null {
  const scorer = createScorer([def]);
  const compiled = scorer.indicators[0]!;
  const stored = compiled.score(scorer.questions.map((q) => answers[q] ?? null));
  return stored === null ? null : stored * compiled.factor;
}

const nki: Indicator = { id: 'nki', kind: 'index', items: ['a', 'b', 'c'], scale: [1, 10] };

describe('index indicators', () => {
  it('maps 1 to 0 and 10 to 100 on a 1..10 scale', () => {
    expect(scoreOf(nki, { a: 1, b: 1, c: 1 })).toBe(0);
    expect(scoreOf(nki, { a: 10, b: 10, c: 10 })).toBe(100);
    expect(scoreOf(nki, { a: 8, b: 6, c: 7 })).toBeCloseTo(((7 + 5 + 6) / 3) * (100 / 9), 12);
  });

  it('scores a respondent who skipped one of three items on the other two', () => {
    expect(scoreOf(nki, { a: 8, b: null, c: 6 })).toBeCloseTo(((7 + 5) / 2) * (100 / 9), 12);
  });

  it('leaves out a respondent who skipped two of three items (partial non-response), not as zero', () => {
    expect(scoreOf(nki, { a: 8, b: null, c: null })).toBeNull();
  });

  it('counts "dk" as an unanswered item, for minItems too', () => {
    expect(scoreOf(nki, { a: 8, b: 'dk', c: 6 })).toBeCloseTo(((7 + 5) / 2) * (100 / 9), 12);
    expect(scoreOf(nki, { a: 8, b: 'dk', c: 'dk' })).toBeNull();
  });

  it('needs every item when there are one or two, and honours an explicit minItems', () => {
    const two: Indicator = { id: 'two', kind: 'index', items: ['a', 'b'], scale: [1, 10] };
    expect(scoreOf(two, { a: 5, b: null })).toBeNull();
    const lenient: Indicator = { ...nki, minItems: 1 } as Indicator;
    expect(scoreOf(lenient, { a: 10, b: null, c: null })).toBe(100);
  });

  it('renormalises item weights over the items answered', () => {
    const weighted: Indicator = { ...nki, id: 'w', weights: [0.5, 0.3, 0.2] } as Indicator;
    expect(scoreOf(weighted, { a: 10, b: 1, c: 1 })).toBeCloseTo(50, 12);
    expect(scoreOf(weighted, { a: 10, b: null, c: 1 })).toBeCloseTo((0.5 / 0.7) * 100, 12);
  });

  it('keeps equal-weight index values as whole numbers in stored units (exact sums)', () => {
    const scorer = createScorer([nki]);
    const compiled = scorer.indicators[0]!;
    expect(compiled.exact).toBe(true);
    expect(Number.isInteger(compiled.score([8, null, 7]))).toBe(true);
    expect(Number.isInteger(compiled.score([8, 5, 7]))).toBe(true);
  });
});

describe('mean and share indicators', () => {
  it('gives a mean respondent no value for "dk" or no answer', () => {
    const pride: Indicator = { id: 'p', kind: 'mean', items: ['q'], scale: [1, 5] };
    expect(scoreOf(pride, { q: 4 })).toBe(4);
    expect(scoreOf(pride, { q: 'dk' })).toBeNull();
    expect(scoreOf(pride, { q: null })).toBeNull();
  });

  it('scores a share 1 in the positive set, 0 outside it, and leaves "dk" out of the denominator', () => {
    const top: Indicator = { id: 't', kind: 'share', items: ['q'], positive: [8, 9, 10] };
    expect(scoreOf(top, { q: 9 })).toBe(1);
    expect(scoreOf(top, { q: 7 })).toBe(0);
    expect(scoreOf(top, { q: 'dk' })).toBeNull();
    const aware: Indicator = { id: 'a', kind: 'share', items: ['q'], positive: ['yes'] };
    expect(scoreOf(aware, { q: 'yes' })).toBe(1);
    expect(scoreOf(aware, { q: 'no' })).toBe(0);
  });
});

describe('reading text answers', () => {
  const scorer = createScorer([
    nki,
    { id: 'a', kind: 'share', items: ['yn'], positive: ['yes'], values: ['yes', 'no'] },
  ]);
  const rule = (name: string) => scorer.rules[scorer.questions.indexOf(name)]!;

  it('accepts scale values, "dk" and blanks', () => {
    expect(parseTextAnswer(rule('a'), '7')).toEqual({ answer: 7 });
    expect(parseTextAnswer(rule('a'), 'dk')).toEqual({ answer: 'dk' });
    expect(parseTextAnswer(rule('a'), '')).toEqual({ answer: null });
  });

  it('names what is wrong with a value off the scale or not a number', () => {
    expect(parseTextAnswer(rule('a'), '11')).toEqual({ error: 'value 11 is outside the scale 1..10' });
    expect(parseTextAnswer(rule('a'), '7.5')).toEqual({ error: '"7.5" is not a whole number on the scale 1..10' });
    expect(parseTextAnswer(rule('yn'), 'kanske')).toEqual({ error: '"kanske" is not one of yes, no' });
  });
});

describe('indicator definitions', () => {
  it('refuses duplicate ids, weights of the wrong length and minItems above the item count', () => {
    expect(IndicatorList.safeParse([nki, nki]).success).toBe(false);
    expect(IndicatorList.safeParse([{ ...nki, weights: [1, 2] }]).success).toBe(false);
    expect(IndicatorList.safeParse([{ ...nki, minItems: 4 }]).success).toBe(false);
    expect(IndicatorList.safeParse([{ ...nki, scale: [5, 1] }]).success).toBe(false);
    expect(
      IndicatorList.safeParse([{ id: 's', kind: 'share', items: ['q'], positive: [11], scale: [1, 10] }]).success,
    ).toBe(false);
    expect(IndicatorList.safeParse([nki]).success).toBe(true);
  });
});
