// The page's conditions on the server (functions/core/questionnaire/conditions.ts): what is
// dropped, required, kept and refused, each judged by survey-core's validate() too where the page
// has a verdict.
import { describe, expect, it } from 'vitest';
import { accepted, errorsOf, refused, sameVerdict, withElements } from './questionnaireHelpers.ts';

function expectParity(json: unknown, cases: readonly Record<string, unknown>[]): void {
  for (const answers of cases) {
    const verdict = sameVerdict(json, answers);
    expect({ answers, ...verdict }).toEqual({ answers, page: verdict.page, server: verdict.page });
  }
}

describe('conditions', () => {
  const json = {
    pages: [
      {
        name: 'one',
        elements: [
          { type: 'radiogroup', name: 'Has kids', choices: ['yes', 'no'] },
          { type: 'text', name: 'kids', inputType: 'number', isRequired: true, visibleIf: "{Has kids} = 'yes'" },
          { type: 'text', name: 'note', requiredIf: '{kids} >= 3' },
          { type: 'boolean', name: 'locked', isRequired: true, enableIf: "{Has kids} = 'no'" },
          {
            type: 'paneldynamic',
            name: 'children',
            templateElements: [
              { type: 'dropdown', name: 'school', choices: ['a', 'b'] },
              { type: 'text', name: 'grade', isRequired: true, visibleIf: "{panel.school} = 'b'" },
            ],
          },
        ],
      },
      { name: 'two', visibleIf: "{Has kids} = 'no'", elements: [{ type: 'comment', name: 'why', isRequired: true }] },
    ],
  };

  it('drops the answer to a hidden question or page, and requires a shown one', () => {
    expectParity(json, [
      { 'Has kids': 'no', locked: true, why: 'x' },
      { 'Has kids': 'no', kids: 2, locked: true, why: 'x' },
      { 'Has kids': 'yes' },
      { 'Has kids': 'yes', kids: 2, why: 'x' },
      { 'Has kids': 'no', locked: true },
    ]);
    expect(accepted(json, { 'Has kids': 'no', kids: 2, locked: true, why: 'x' })).toEqual({
      'Has kids': 'no',
      locked: true,
      why: 'x',
    });
    expect(refused(json, { 'Has kids': 'yes' })).toEqual([
      { field: 'kids', message: 'This question must be answered.' },
    ]);
  });

  it('requires where requiredIf holds, and not on a question enableIf disables', () => {
    expectParity(json, [
      { 'Has kids': 'yes', kids: 3 },
      { 'Has kids': 'yes', kids: 3, note: 'many' },
      { 'Has kids': 'yes', kids: 1, locked: false },
    ]);
    expect(refused(json, { 'Has kids': 'yes', kids: 3 })).toEqual([
      { field: 'note', message: 'This question must be answered.' },
    ]);
    expect(accepted(json, { 'Has kids': 'yes', kids: 1, locked: false })).toMatchObject({ locked: false });
  });

  it('evaluates a dynamic panel’s conditions per panel ({panel.q})', () => {
    const children = [{ school: 'a', grade: 'dropped' }, { school: 'b' }];
    expect(refused(json, { 'Has kids': 'yes', kids: 1, children })).toEqual([
      { field: 'children', message: 'Panel 2, "grade": This question must be answered.' },
    ]);
    expect(
      accepted(json, {
        'Has kids': 'yes',
        kids: 1,
        children: [
          { school: 'a', grade: '1' },
          { school: 'b', grade: '2' },
        ],
      }),
    ).toMatchObject({ children: [{ school: 'a' }, { school: 'b', grade: '2' }] });
  });

  it('refuses what it cannot evaluate when the questionnaire is read, naming the question', () => {
    const message = (element: Record<string, unknown>) => errorsOf(withElements(element))[0]!.message;
    expect(message({ type: 'text', name: 'a', visibleIf: "{b} = 'x' and" })).toMatch(
      /^question "a", visibleIf: "\{b\} = 'x' and" cannot read the expression at character \d+/,
    );
    expect(message({ type: 'text', name: 'a', visibleIf: "displayValue('b') = 'x'" })).toMatch(/displayValue\(\)/);
    expect(message({ type: 'text', name: 'a', enableIf: '{$a.isVisible}' })).toMatch(/property of the page/);
    expect(message({ type: 'checkbox', name: 'a', choices: ['x'], choicesVisibleIf: '{item} <> ' })).toMatch(
      /choicesVisibleIf/,
    );
  });
});
