// Indicator items that name a row of a matrix ("attitudes.future"): which the questionnaire check
// accepts and why it refuses the others, how the scorer reads a row out of the stored matrix answer,
// what a removal keeps of a response, and a share's values taken from the row's columns.
import { describe, expect, it } from 'vitest';
import { aggregateResponses } from '../../functions/core/aggregates.ts';
import { checkQuestionnaire } from '../../functions/core/questionnaire/check.ts';
import { withChoiceValues } from '../../functions/core/questionnaire/index.ts';
import type { Answer, Indicator } from '../../functions/core/schemas.ts';
import { createScorer, indicatorAnswers, itemAnswer } from '../../functions/core/scoring.ts';
import { EventFolder } from '../../functions/fold/events.ts';
import type { RoundEvent } from '../../functions/store/types.ts';
import { accepted, parsed, withElements } from './questionnaireHelpers.ts';

const likert = [1, 2, 3, 4, 5].map((value) => ({ value, text: `${value}` }));
const attitudes = {
  type: 'matrix',
  name: 'attitudes',
  rows: ['future', 'proud', { value: 'schools.and.shops', text: 'Skolor och affärer' }],
  columns: [...likert, { value: 'dk', text: 'Vet ej' }],
};
const json = withElements(
  attitudes,
  { type: 'matrix', name: 'yesno', rows: ['shop'], columns: ['yes', 'no', 'dk'] },
  { type: 'matrix', name: 'ticks', cellType: 'checkbox', rows: ['a'], columns: [1, 2] },
  { type: 'matrix', name: 'wide', rows: ['a'], columns: [0, 5, 10] },
  { type: 'matrixdropdown', name: 'services', rows: ['school'], columns: [{ name: 'grade', cellType: 'rating' }] },
  { type: 'rating', name: 'trust' },
);

const messagesOf = (indicators: Indicator[], document: unknown = json) =>
  checkQuestionnaire(parsed(document), indicators, {}, []).map((problem) => `${problem.field}: ${problem.message}`);

describe('the questionnaire check', () => {
  it('accepts rows of a matrix whose columns fit the scale (dk aside), dots in row values included', () => {
    expect(
      messagesOf([
        {
          id: 'belief',
          kind: 'index',
          items: ['attitudes.future', 'attitudes.proud', 'attitudes.schools.and.shops'],
          scale: [1, 5],
        },
        { id: 'shop', kind: 'share', items: ['yesno.shop'], positive: ['yes'] },
        { id: 'top', kind: 'share', items: ['attitudes.future'], positive: [4, 5], scale: [1, 5] },
        { id: 'mix', kind: 'index', items: ['attitudes.future', 'trust'], scale: [1, 5] },
      ]),
    ).toEqual([]);
  });

  it('refuses unknown rows, rows of other questions, checkbox cells, matrixdropdown rows, and columns off the scale', () => {
    expect(
      messagesOf([
        { id: 'a', kind: 'mean', items: ['attitudes.Proud'], scale: [1, 5] },
        { id: 'b', kind: 'mean', items: ['attitudes.later'], scale: [1, 5] },
        { id: 'c', kind: 'mean', items: ['trust.x'], scale: [1, 5] },
        { id: 'd', kind: 'mean', items: ['ticks.a'], scale: [1, 2] },
        { id: 'e', kind: 'mean', items: ['services.school'], scale: [1, 5] },
        { id: 'f', kind: 'mean', items: ['wide.a'], scale: [1, 5] },
        { id: 'g', kind: 'share', items: ['yesno.shop'], positive: ['ja'] },
        { id: 'h', kind: 'mean', items: ['nothing.here'], scale: [1, 5] },
      ]),
    ).toEqual([
      'indicators[0].items[0]: the matrix "attitudes" has no row "Proud" (its rows: "future", "proud", "schools.and.shops"); did you mean "proud"?',
      'indicators[1].items[0]: the matrix "attitudes" has no row "later" (its rows: "future", "proud", "schools.and.shops")',
      'indicators[2].items[0]: "trust.x" is not a question of the survey, and "trust" is a rating question, not a matrix whose row "x" an item could name',
      'indicators[3].items[0]: "ticks.a" is the row "a" of the matrix "ticks", whose cells are checkboxes (several answers per row); an indicator reads one answer',
      'indicators[4].items[0]: "services.school" is the row "school" of the matrixdropdown "services", with an answer per column: indicators over matrixdropdown rows are not supported yet',
      `indicators[5].items[0]: "wide.a" allows 0, 10, outside the indicator's scale 1..5`,
      'indicators[6].positive[0]: positive value "ja" is not an answer "yesno.shop" allows ("yes", "no", "dk")',
      'indicators[7].items[0]: "nothing.here" is not a question of the survey',
    ]);
  });

  it('refuses an item name with two readings: a question named so and a matrix row', () => {
    const ambiguous = withElements(attitudes, { type: 'rating', name: 'attitudes.future' });
    expect(messagesOf([{ id: 'a', kind: 'mean', items: ['attitudes.future'], scale: [1, 5] }], ambiguous)).toEqual([
      'indicators[0].items[0]: "attitudes.future" names both the question "attitudes.future" and the row "future" of the matrix "attitudes": rename one of them',
    ]);
  });
});

describe('the scorer', () => {
  const indicators: Indicator[] = [
    {
      id: 'belief',
      kind: 'index',
      items: ['attitudes.future', 'attitudes.proud', 'attitudes.schools.and.shops'],
      scale: [1, 5],
    },
    { id: 'trust', kind: 'mean', items: ['trust'], scale: [1, 5] },
  ];
  const scorer = createScorer(indicators);

  it("reads a row's answer out of the stored matrix answer, and a question's as before", () => {
    const stored = accepted(json, { attitudes: { future: 5, 'schools.and.shops': 'dk' }, trust: 4 });
    expect(itemAnswer(stored, 'attitudes.future')).toBe(5);
    expect(itemAnswer(stored, 'attitudes.proud')).toBeNull();
    expect(itemAnswer(stored, 'attitudes.schools.and.shops')).toBe('dk');
    expect(itemAnswer(stored, 'trust')).toBe(4);
    expect(itemAnswer({}, 'attitudes.future')).toBeNull();
    expect(itemAnswer({ attitudes: 3 }, 'attitudes.future')).toBeNull();
    expect(itemAnswer({}, 'constructor')).toBeNull(); // never Object's own properties
    expect(scorer.read(stored)).toEqual([5, null, 'dk', 4]);
  });

  it('scores an index over rows as one over questions, and counts each row as a question', () => {
    const background = { area: 'a', age_band: null, gender: null };
    const round = aggregateResponses(scorer, [
      { background, answers: { attitudes: { future: 5, proud: 4, 'schools.and.shops': 3 } } }, // 75
      { background, answers: { attitudes: { future: 3, proud: 'dk', 'schools.and.shops': 1 } } }, // 25
      { background, answers: { attitudes: { future: 2 } } }, // one row: no value
    ]);
    const cell = Object.values(round.cells)[0]!;
    const belief = scorer.indicators[0]!;
    expect(cell.indicators.belief!.n).toBe(2);
    expect(cell.indicators.belief!.sum * belief.factor).toBeCloseTo(100, 12);
    expect(cell.answers['attitudes.future']).toEqual({ '2': 1, '3': 1, '5': 1 });
    expect(cell.answers['attitudes.proud']).toEqual({ '4': 1, dk: 1 });
  });

  it('keeps for a removal only the rows indicators read, and the fold subtracts exactly what was added', () => {
    const keep = indicatorAnswers(indicators);
    const answers: Record<string, Answer> = {
      attitudes: { future: 5, proud: 4, extra: 1 },
      trust: 2,
      ideas: 'free text',
    };
    expect(keep(answers)).toEqual({ attitudes: { future: 5, proud: 4 }, trust: 2 });
    expect(keep({ ideas: 'x' })).toEqual({});
    const background = { area: 'a', age_band: null, gender: null };
    const event = (type: 'response' | 'removal', n: number, values: Record<string, Answer>): RoundEvent =>
      ({
        type,
        key: 'r1',
        tsKey: `t${n}`,
        ts: n,
        responseTsKey: 't1',
        background,
        answers: values,
      }) as unknown as RoundEvent;
    const folder = new EventFolder(scorer, '');
    folder.apply(event('response', 1, answers));
    folder.apply(event('response', 2, { attitudes: { future: 1, proud: 1 } }));
    folder.apply(event('removal', 3, keep(answers)));
    const cell = Object.values(folder.result(null).cells)[0]!;
    expect(cell.respondents).toBe(1);
    expect(cell.indicators.belief).toEqual({ n: 1, sum: 0, sumSq: 0 });
    expect(cell.answers['attitudes.future']).toEqual({ '1': 1 });
  });
});

describe('a share over a row, exported', () => {
  it("declares the row's columns as the share's values (dk aside)", () => {
    const [share] = withChoiceValues(
      [{ id: 'shop', kind: 'share', items: ['yesno.shop'], positive: ['yes'] }],
      parsed(json),
    );
    expect(share).toEqual({
      id: 'shop',
      kind: 'share',
      items: ['yesno.shop'],
      positive: ['yes'],
      values: ['yes', 'no'],
    });
  });
});
