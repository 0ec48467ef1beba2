// A share's answers are read exactly as its definition spells them: `Yes`, `Y`, `Ja`, `yes ` or
// `DK` where the definition says `yes`/`dk` is an error naming the allowed answers (with "did you
// mean" for a near miss), never an answer that silently counts as not positive.
import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../functions/core/schemas.ts';
import { createScorer, parseTextAnswer, shareDefinitionProblems } from '../../functions/core/scoring.ts';
import { parseSurvey, withChoiceValues } from '../../functions/core/questionnaire/index.ts';
import { nearMiss } from '../../functions/core/spelling.ts';

const ruleOf = (defs: Indicator[], question: string) => {
  const scorer = createScorer(defs);
  return scorer.rules[scorer.questions.indexOf(question)]!;
};

describe('nearMiss', () => {
  it('finds an allowed answer that differs only by case or surrounding spaces', () => {
    expect(nearMiss('Yes', ['yes', 'no'])).toBe('yes');
    expect(nearMiss(' yes ', ['yes', 'no'])).toBe('yes');
    expect(nearMiss('DK', ['yes', 'no', 'dk'])).toBe('dk');
    expect(nearMiss('yes', ['yes', 'no'])).toBeNull();
    expect(nearMiss('Y', ['yes', 'no'])).toBeNull();
    expect(nearMiss('  ', ['yes', 'no'])).toBeNull();
  });
});

describe('the answers of a yes/no share without `values` (the reference cases)', () => {
  const rule = ruleOf([{ id: 'aware', kind: 'share', items: ['q'], positive: ['yes'] }], 'q');

  it('takes yes, no, dk and blank', () => {
    expect(parseTextAnswer(rule, 'yes')).toEqual({ answer: 'yes' });
    expect(parseTextAnswer(rule, 'no')).toEqual({ answer: 'no' });
    expect(parseTextAnswer(rule, 'dk')).toEqual({ answer: 'dk' });
    expect(parseTextAnswer(rule, '')).toEqual({ answer: null });
  });

  it.each([
    ['Yes', '"Yes" is not one of yes, no; did you mean "yes"?'],
    ['No', '"No" is not one of yes, no; did you mean "no"?'],
    ['yes ', '"yes " is not one of yes, no; did you mean "yes"?'],
    [' no', '" no" is not one of yes, no; did you mean "no"?'],
    ['YES', '"YES" is not one of yes, no; did you mean "yes"?'],
    ['Y', '"Y" is not one of yes, no'],
    ['N', '"N" is not one of yes, no'],
    ['Ja', '"Ja" is not one of yes, no'],
    ['Nej', '"Nej" is not one of yes, no'],
    ['DK', '"DK" is not one of yes, no; did you mean "dk"?'],
    ['Dk', '"Dk" is not one of yes, no; did you mean "dk"?'],
    [' dk', '" dk" is not one of yes, no; did you mean "dk"?'],
  ])('refuses %j naming the allowed answers', (raw, error) => {
    expect(parseTextAnswer(rule, raw)).toEqual({ error });
  });

  it('implies false for a share whose positive value is true', () => {
    const yes = ruleOf([{ id: 'member', kind: 'share', items: ['q'], positive: [true] }], 'q');
    expect(parseTextAnswer(yes, 'false')).toEqual({ answer: 'false' });
    expect(parseTextAnswer(yes, 'True')).toEqual({ error: '"True" is not one of true, false; did you mean "true"?' });
  });
});

describe('the answers of a share with declared `values`', () => {
  const rule = ruleOf(
    [{ id: 'agree', kind: 'share', items: ['q'], positive: ['agree'], values: ['agree', 'neutral', 'disagree'] }],
    'q',
  );

  it('takes its values and refuses a near miss with "did you mean"', () => {
    expect(parseTextAnswer(rule, 'neutral')).toEqual({ answer: 'neutral' });
    expect(parseTextAnswer(rule, 'Disagree')).toEqual({
      error: '"Disagree" is not one of agree, neutral, disagree; did you mean "disagree"?',
    });
  });

  it('takes Yes/No when the definition spells them so', () => {
    const capital = ruleOf([{ id: 'a', kind: 'share', items: ['q'], positive: ['Yes'], values: ['Yes', 'No'] }], 'q');
    expect(parseTextAnswer(capital, 'No')).toEqual({ answer: 'No' });
    expect(parseTextAnswer(capital, 'no')).toEqual({ error: '"no" is not one of Yes, No; did you mean "No"?' });
  });
});

describe('a share whose answers that count as not positive are unknown', () => {
  const def: Indicator = { id: 'agree', kind: 'share', items: ['q'], positive: ['agree', 'fully agree'] };

  it('is a definition problem for compare', () => {
    expect(shareDefinitionProblems([def])).toEqual([
      { id: 'agree', message: 'share "agree": declare `values`, the answers that count as not positive' },
    ]);
    expect(shareDefinitionProblems([{ id: 'a', kind: 'share', items: ['q'], positive: ['yes'] }])).toEqual([]);
    expect(shareDefinitionProblems([{ id: 't', kind: 'share', items: ['q'], positive: [8, 9, 10] }])).toEqual([]);
    expect(
      shareDefinitionProblems([{ id: 'v', kind: 'share', items: ['q'], positive: ['a'], values: ['a', 'b'] }]),
    ).toEqual([]);
  });

  it('takes its positive values and refuses every other answer, saying why', () => {
    const rule = ruleOf([def], 'q');
    expect(parseTextAnswer(rule, 'agree')).toEqual({ answer: 'agree' });
    expect(parseTextAnswer(rule, 'disagree')).toEqual({
      error:
        '"disagree" is not one of agree, fully agree (the positive values of share "agree", which declares no `values`, the answers that count as not positive)',
    });
  });
});

describe('numeric shares', () => {
  it('keep the whole-number check, with "did you mean" for "dk" and a number in spaces', () => {
    const rule = ruleOf([{ id: 'top', kind: 'share', items: ['q'], positive: [8, 9, 10] }], 'q');
    expect(parseTextAnswer(rule, '7')).toEqual({ answer: 7 });
    expect(parseTextAnswer(rule, 'DK')).toEqual({ error: '"DK" is not a whole number; did you mean "dk"?' });
    expect(parseTextAnswer(rule, ' 7')).toEqual({ error: '" 7" is not a whole number; did you mean "7"?' });
    const scaled = ruleOf([{ id: 'top', kind: 'share', items: ['q'], positive: [8, 9, 10], scale: [1, 10] }], 'q');
    expect(parseTextAnswer(scaled, 'Dk')).toEqual({
      error: '"Dk" is not a whole number on the scale 1..10; did you mean "dk"?',
    });
  });
});

describe('withChoiceValues (what `bygdpuls export` writes for compare)', () => {
  it("declares a text share's question choices as its values, dk aside, and leaves other definitions alone", () => {
    const parsed = parseSurvey({
      elements: [
        { type: 'radiogroup', name: 'q', choices: ['yes', 'no', 'maybe', 'dk'] },
        { type: 'boolean', name: 'b' },
        { type: 'rating', name: 'r', rateValues: [1, 2, 3, 4, 5] },
      ],
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const defs: Indicator[] = [
      { id: 'q', kind: 'share', items: ['q'], positive: ['yes'] },
      { id: 'b', kind: 'share', items: ['b'], positive: [true] },
      { id: 'r', kind: 'share', items: ['r'], positive: [4, 5], scale: [1, 5] },
      { id: 'd', kind: 'share', items: ['q'], positive: ['yes'], values: ['yes', 'no'] },
    ];
    const [q, b, r, d] = withChoiceValues(defs, parsed.survey);
    expect(q).toMatchObject({ values: ['yes', 'no', 'maybe'] });
    expect(b).toMatchObject({ values: [true, false] });
    expect(r).toEqual(defs[2]);
    expect(d).toEqual(defs[3]);
    // compare then takes "maybe" as not positive and still refuses "Maybe".
    const rule = ruleOf([q!], 'q');
    expect(parseTextAnswer(rule, 'maybe')).toEqual({ answer: 'maybe' });
    expect(parseTextAnswer(rule, 'Maybe')).toHaveProperty('error');
  });
});
