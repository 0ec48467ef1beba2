// The page's own rules: checkbox limits, validators (numeric, text, regex, email, answercount,
// expression) and what the date, email and number inputs give. Each case is judged
// by survey-core's validate() too: the server accepts what the page accepts.
import { describe, expect, it } from 'vitest';
import { hasNestedQuantifier } from '../../functions/core/questionnaire/validatorRules.ts';
import {
  accepted,
  errorsOf,
  pageAccepts,
  refused,
  sameVerdict,
  serverVerdict,
  withElements,
} from './questionnaireHelpers.ts';

/** Every answer judged alike by the page and the server. */
function expectParity(json: unknown, cases: readonly Record<string, unknown>[]): void {
  for (const answers of cases) {
    const verdict = sameVerdict(json, answers);
    expect({ answers, ...verdict }).toEqual({ answers, page: verdict.page, server: verdict.page });
  }
}

const text = (validators: unknown[], extra: Record<string, unknown> = {}) =>
  withElements({ type: 'text', name: 't', validators, ...extra });

describe('validators', () => {
  it('numeric: minValue and maxValue, and a number at all', () => {
    const json = text([{ type: 'numeric', minValue: 10, maxValue: 100 }]);
    expectParity(json, [{ t: 50 }, { t: '50' }, { t: 5 }, { t: 101 }, { t: 'ten' }, { t: 100 }, {}]);
    expect(accepted(json, { t: '50' })).toEqual({ t: 50 });
    expect(refused(json, { t: 5 })).toEqual([{ field: 't', message: 'The value 5 is outside the range 10–100.' }]);
  });

  it('text: minLength, maxLength and allowDigits (survey-core refuses digits at the end only)', () => {
    const json = text([{ type: 'text', minLength: 3, maxLength: 8, allowDigits: false }]);
    expectParity(json, [{ t: 'abcd' }, { t: 'ab' }, { t: 'abcdefghij' }, { t: 'abc1' }, { t: '1abc' }]);
    expect(refused(json, { t: 'ab' }, 'sv')[0]!.message).toBe('Svaret är för kort: 2 tecken, minst 3 behövs.');
  });

  it('regex, case-sensitive or not', () => {
    const json = text([{ type: 'regex', regex: '^[a-z]{3}-\\d{2}$' }]);
    expectParity(json, [{ t: 'abc-12' }, { t: 'ABC-12' }, { t: 'abc12' }]);
    const insensitive = text([{ type: 'regex', regex: '^[a-z]+$', caseInsensitive: true }]);
    expectParity(insensitive, [{ t: 'ABC' }, { t: 'AB1' }]);
  });

  it('email, as a validator and as the input type', () => {
    for (const json of [text([{ type: 'email' }]), text([], { inputType: 'email' })])
      expectParity(json, [{ t: 'eva@example.se' }, { t: 'eva@' }, { t: 'not an address' }]);
  });

  it('answercount on a checkbox', () => {
    const json = withElements({
      type: 'checkbox',
      name: 'c',
      choices: [1, 2, 3, 4],
      validators: [{ type: 'answercount', minCount: 2, maxCount: 3 }],
    });
    expectParity(json, [{ c: [1] }, { c: [1, 2] }, { c: [1, 2, 3, 4] }]);
  });

  it('a warning or an info does not block, as on the page', () => {
    const json = text([{ type: 'regex', regex: '^[a-z]+$', notificationType: 'warning' }]);
    expect(pageAccepts(json, { t: '9' })).toBe(true);
    expect(serverVerdict(json, { t: '9' }).ok).toBe(true);
  });

  it("uses the questionnaire's own message for a validator, in the resident's language", () => {
    const json = text([{ type: 'numeric', maxValue: 5, text: { default: 'At most five', sv: 'Högst fem' } }]);
    expect(refused(json, { t: 9 }, 'sv')[0]!.message).toBe('Högst fem');
    expect(refused(json, { t: 9 }, 'en')[0]!.message).toBe('At most five');
  });

  it('refuses a document whose pattern does not compile or could take the server minutes', () => {
    expect(errorsOf(text([{ type: 'regex', regex: '([a-z' }]))[0]!.message).toBe(
      'this is not a valid regular expression',
    );
    expect(errorsOf(text([{ type: 'regex', regex: '^(a+)+$' }]))[0]!.field).toBe('elements[0].validators[0].regex');
  });

  it("expression: the expression must hold, even for an empty answer; its text, or the product's message", () => {
    const json = text([{ type: 'expression', expression: '{t} > 3' }]);
    expectParity(json, [{ t: '5' }, { t: '2' }, { t: 'x' }, {}]);
    expect(serverVerdict(json, { t: 'x' }).ok).toBe(false);
    expect(refused(json, { t: '2' }, 'sv')).toEqual([
      { field: 't', message: 'Svaret uppfyller inte villkoret för frågan.' },
    ]);
    const own = text([{ type: 'expression', expression: '{t} <= 3', text: { default: 'At most 3', sv: 'Högst 3' } }]);
    expectParity(own, [{ t: '3' }, { t: '4' }]);
    expect(refused(own, { t: '4' }, 'sv')).toEqual([{ field: 't', message: 'Högst 3' }]);
    expect(refused(own, { t: '4' }, 'en')).toEqual([{ field: 't', message: 'At most 3' }]);
  });

  it('expression: a malformed expression or an unknown function refuses the questionnaire, naming the question', () => {
    expect(errorsOf(text([{ type: 'expression', expression: '{t} >' }]))[0]!.message).toMatch(
      /question "t", expression validator: "\{t\} >" cannot read the expression/,
    );
    expect(errorsOf(text([{ type: 'expression', expression: 'isContainerReady("p")' }]))[0]!.message).toMatch(
      /isContainerReady\(\), which the server cannot evaluate/,
    );
  });
});

describe('hasNestedQuantifier', () => {
  it('finds a repeated group that itself repeats', () => {
    for (const pattern of ['(a+)+', '(\\w*)*', '((ab)*)+', '(a+){2,}', '(?:x+y?)*', '(a|aa)+', '^(\\d|\\w)*$'])
      expect(hasNestedQuantifier(pattern), pattern).toBe(true);
  });

  it('lets ordinary patterns through', () => {
    for (const pattern of [
      '^[a-z]+$',
      '^\\d{3}-\\d{2}$',
      '(ab)+',
      '^(\\+46|0)7\\d{8}$',
      '[(+*)]+',
      '\\(a+\\)+',
      'a|b+',
    ])
      expect(hasNestedQuantifier(pattern), pattern).toBe(false);
  });
});

describe('checkbox limits', () => {
  const json = withElements({
    type: 'checkbox',
    name: 'c',
    choices: [1, 2, 3, 4],
    minSelectedChoices: 2,
    maxSelectedChoices: 2,
  });

  it('refuses fewer than minSelectedChoices, none at all included, as the page does', () => {
    expectParity(json, [{ c: [1] }, { c: [1, 2] }, {}, { c: [] }]);
  });

  it('takes "none" alone as enough, and a hidden checkbox as unanswered, as the page does', () => {
    const withNone = withElements({
      type: 'checkbox',
      name: 'c',
      choices: [1, 2, 3],
      minSelectedChoices: 2,
      showNoneItem: true,
    });
    expectParity(withNone, [{ c: ['none'] }, { c: [1] }]);
    const hidden = withElements(
      { type: 'text', name: 'x' },
      { type: 'checkbox', name: 'c', choices: [1, 2, 3], minSelectedChoices: 2, visibleIf: '{x} = 1' },
    );
    expectParity(hidden, [{}, { x: '2' }]);
  });

  it('refuses more than maxSelectedChoices, which the page does not let a resident tick', () => {
    // survey-core's validate() does not check it: the page disables the other boxes at the limit.
    expect(pageAccepts(json, { c: [1, 2, 3] })).toBe(true);
    expect(refused(json, { c: [1, 2, 3] })).toEqual([{ field: 'c', message: 'Choose at most 2 answers.' }]);
  });
});

describe('tagbox', () => {
  it('is read as a checkbox in a dropdown: a list of choices, with its limits', () => {
    const json = withElements({ type: 'tagbox', name: 'tags', choices: ['a', 'b', 'c'], minSelectedChoices: 2 });
    expectParity(json, [{ tags: ['a'] }, { tags: ['a', 'b'] }]);
    expect(accepted(json, { tags: ['c', 'a'] })).toEqual({ tags: ['c', 'a'] });
  });
});

describe('input types', () => {
  it('date: yyyy-mm-dd, a real day, within min and max', () => {
    const json = withElements({ type: 'text', name: 'd', inputType: 'date', min: '2020-01-01', max: '2030-12-31' });
    expectParity(json, [{ d: '2024-05-17' }, { d: '2019-12-31' }, { d: '2031-01-01' }]);
    // The page's date input never gives anything else; survey-core alone does not check it.
    for (const day of ['igår', '17/05/2024', '2024-02-30', '2024-5-17'])
      expect(refused(json, { d: day })[0]!.message, day).toMatch(/^The answer must be a date/);
    expect(refused(json, { d: 'igår' }, 'sv')[0]!.message).toBe('Svaret ska vara ett datum (åååå-mm-dd).');
    expect(errorsOf(withElements({ type: 'text', name: 'd', inputType: 'date', min: 'today' }))[0]!.field).toBe(
      'elements[0].min',
    );
  });

  it('number: min and max', () => {
    const json = withElements({ type: 'text', name: 'n', inputType: 'number', min: 1, max: 10 });
    expectParity(json, [{ n: 5 }, { n: 0 }, { n: 11 }]);
  });

  it('number: a step, as survey-core counts it (a multiple of the step, decimals included)', () => {
    const json = withElements({ type: 'text', name: 'n', inputType: 'number', step: 0.5 });
    expectParity(json, [{ n: 1.5 }, { n: 1.25 }, { n: 3 }, { n: -2.5 }]);
    const whole = withElements({ type: 'text', name: 'n', inputType: 'number', step: 5, min: 1 });
    expectParity(whole, [{ n: 10 }, { n: 11 }, { n: 6 }]);
    expect(refused(whole, { n: 11 }, 'sv')[0]!.message).toBe('Värdet 11 är inte en multipel av 5.');
  });

  it('url: not checked by survey-core, so not by the server', () => {
    const json = withElements({ type: 'text', name: 'u', inputType: 'url' });
    expectParity(json, [{ u: 'not a url' }, { u: 'https://example.se' }]);
  });
});
