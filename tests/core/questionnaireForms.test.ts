// Questionnaires as people write them for SurveyJS: the old "questions" form, type names in any
// case, any question name, "value|text" choices, no indicators; each read as survey-core reads it.
import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { CreateQuestionnaireBody } from '../../functions/api/schemas.ts';
import { checkQuestionnaire } from '../../functions/core/questionnaire/check.ts';
import { surveyName, variableNames, type SingleChoiceQuestion } from '../../functions/core/questionnaire/index.ts';
import { accepted, errorsOf, parsed, refused, sameVerdict, withElements } from './questionnaireHelpers.ts';

/** The names survey-core gives the questions of a document, in order. */
const pageNames = (json: unknown) => new Model(json).getAllQuestions().map((question) => question.name);
const serverNames = (json: unknown) => parsed(json).questions.map((question) => question.name);

describe('the old "questions" form', () => {
  const forms = {
    top: { questions: [{ type: 'text', name: 'a' }] },
    page: { pages: [{ name: 'p', questions: [{ type: 'text', name: 'a' }] }] },
    panel: {
      pages: [{ elements: [{ type: 'panel', name: 'box', questions: [{ type: 'rating', name: 'a' }] }] }],
    },
    mixed: {
      pages: [
        { name: 'p1', elements: [{ type: 'boolean', name: 'a' }] },
        { name: 'p2', questions: [{ type: 'text', name: 'b' }] },
      ],
    },
    emptyElements: { pages: [{ elements: [], questions: [{ type: 'text', name: 'a' }] }] },
  };

  for (const [where, json] of Object.entries(forms)) {
    it(`reads questions written under "questions" (${where}) as survey-core does`, () => {
      expect(serverNames(json)).toEqual(pageNames(json));
    });
  }

  it('accepts the answers to questions of a document that mixes "elements" and "questions"', () => {
    expect(accepted(forms.mixed, { a: true, b: 'yes' })).toEqual({ a: true, b: 'yes' });
  });

  it('refuses a container that gives both lists, since SurveyJS would show only the last one', () => {
    const json = {
      pages: [{ elements: [{ type: 'text', name: 'a' }], questions: [{ type: 'text', name: 'b' }] }],
    };
    expect(pageNames(json)).toEqual(['b']);
    expect(errorsOf(json)).toEqual([
      {
        field: 'pages[0].questions',
        message:
          'give "elements" or "questions" (an older name of the same list), not both: SurveyJS shows only the one written last',
      },
    ]);
  });

  it('reads the template of a dynamic panel under "questions" too', () => {
    const json = withElements({ type: 'paneldynamic', name: 'kids', questions: [{ type: 'text', name: 'age' }] });
    const kids = parsed(json).byName.get('kids');
    expect(kids?.kind === 'paneldynamic' && kids.template.map((q) => q.name)).toEqual(['age']);
  });
});

describe('type names in any case', () => {
  it('reads radioGroup, Checkbox and RATING as survey-core does', () => {
    const json = withElements(
      { type: 'radioGroup', name: 'r', choices: ['a', 'b'] },
      { type: 'Checkbox', name: 'c', choices: ['x', 'y'] },
      { type: 'RATING', name: 't' },
      { type: 'Panel', name: 'p', elements: [{ type: 'Boolean', name: 'b' }] },
    );
    expect(new Model(json).getAllQuestions().map((q) => q.getType())).toEqual([
      'radiogroup',
      'checkbox',
      'rating',
      'boolean',
    ]);
    expect(parsed(json).questions.map((q) => q.type)).toEqual(['radiogroup', 'checkbox', 'rating', 'boolean']);
  });

  it('names the type as written when it does not know it', () => {
    expect(errorsOf(withElements({ type: 'SignaturePad', name: 's' }))[0]!.message).toMatch(
      /^question "s" has the type "SignaturePad", which bygdpuls does not support/,
    );
  });
});

describe('any question name', () => {
  const names = ['Care Provider', 'Are you happy?', 'Vård & omsorg', ' padded ', 'a|b', '{braced}', '#hash', '1st'];

  it('accepts every name SurveyJS accepts, under the name survey-core gives it', () => {
    const json = withElements(...names.map((name) => ({ type: 'text', name })));
    expect(serverNames(json)).toEqual(pageNames(json));
    expect(names.map(surveyName)).toEqual(pageNames(json));
  });

  it("names matrix columns, multiple text items and a dynamic panel's questions as survey-core does", () => {
    const json = withElements(
      { type: 'matrixdropdown', name: 'md', rows: ['r'], columns: [{ name: ' a b ', cellType: 'text' }] },
      { type: 'multipletext', name: 'mt', items: [{ name: '#k' }] },
      { type: 'paneldynamic', name: 'pd', templateElements: [{ type: 'text', name: 'x|y' }] },
    );
    expect(accepted(json, { md: { r: { 'a b': 'x' } }, mt: { k: 'y' }, pd: [{ xy: 'z' }] })).toEqual({
      md: { r: { 'a b': 'x' } },
      mt: { k: 'y' },
      pd: [{ xy: 'z' }],
    });
    const page = new Model(json);
    expect(page.getQuestionByName('md').columns[0].name).toBe('a b');
    expect(page.getQuestionByName('mt').items[0].name).toBe('k');
    expect(page.getQuestionByName('pd').templateElements[0].name).toBe('xy');
  });

  it('takes the answers under those names', () => {
    const json = withElements({ type: 'text', name: 'Care Provider' }, { type: 'rating', name: 'Are you happy?' });
    expect(accepted(json, { 'Care Provider': 'Dr. Berg', 'Are you happy?': 4 })).toEqual({
      'Care Provider': 'Dr. Berg',
      'Are you happy?': 4,
    });
  });

  it('still refuses a name that is empty once SurveyJS has cleaned it, and the reserved ones', () => {
    expect(errorsOf(withElements({ type: 'text', name: ' {} ' }))[0]!.message).toBe('a name is not empty');
    expect(errorsOf(withElements({ type: 'text', name: '__proto__' }))[0]!.message).toBe('this name is reserved');
  });

  it('refuses two names that SurveyJS makes one', () => {
    expect(errorsOf(withElements({ type: 'text', name: 'a' }, { type: 'text', name: ' a ' }))[0]!.message).toMatch(
      /already used/,
    );
  });
});

describe('variableNames: a safe variable per question for exports', () => {
  it('folds a name to letters, digits and _, in lower case, starting with a letter', () => {
    expect(variableNames(['Care Provider', 'Are you happy?', 'Vård & omsorg', '1st', '___', 'Ålder'])).toEqual([
      'care_provider',
      'are_you_happy',
      'vard_omsorg',
      'q_1st',
      'q',
      'alder',
    ]);
  });

  it("makes every variable distinct without regard to case, and never takes another name's variable", () => {
    expect(variableNames(['Care provider', 'care_provider', 'CARE PROVIDER'])).toEqual([
      'care_provider',
      'care_provider_2',
      'care_provider_3',
    ]);
    expect(variableNames(['a', 'A', 'a_2'])).toEqual(['a', 'a_3', 'a_2']);
  });

  it('keeps to 32 characters (Stata) by default and to 64 at most, and avoids reserved words', () => {
    const long = 'How satisfied are you with the services of the municipality in your village';
    const [short] = variableNames([long]);
    expect(short!.length).toBeLessThanOrEqual(32);
    const [spss] = variableNames([long], 64);
    expect(spss!.length).toBeLessThanOrEqual(64);
    expect(variableNames([long, long]).every((name) => name.length <= 32)).toBe(true);
    expect(variableNames(['with', 'in', 'and'])).toEqual(['with_q', 'in_q', 'and_q']);
  });

  it('gives names Stata and SPSS take, for any input', () => {
    const inputs = ['', ' ', '?', '9', 'ÅÄÖ', 'x'.repeat(300), '_a', 'a__b', '😀', 'München', 'a.b-c'];
    for (const name of variableNames(inputs)) expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_]{0,31}$/);
    expect(new Set(variableNames(inputs)).size).toBe(inputs.length);
  });
});

describe('choices as "value|text"', () => {
  const json = withElements({
    type: 'radiogroup',
    name: 'price',
    choices: ['low|Too low', 'high|Too high', 'ok|Just right|really', { value: 'x|Text X' }, { text: 'only' }, 7],
  });

  it('splits at the first "|", as survey-core\'s ItemValue does', () => {
    const page = new Model(json)
      .getQuestionByName('price')
      .choices.map((c: { value: unknown; text: string }) => [c.value, c.text]);
    const question = parsed(json).byName.get('price') as SingleChoiceQuestion;
    const server = question.choices.map((c) => [c.value, c.text ?? String(c.value)]);
    expect(server).toEqual(page);
  });

  it('takes the value as the answer, and refuses the whole string', () => {
    expect(accepted(json, { price: 'high' })).toEqual({ price: 'high' });
    expect(refused(json, { price: 'high|Too high' })[0]!.field).toBe('price');
    expect(sameVerdict(json, { price: 'high' })).toEqual({ page: true, server: true });
  });

  it('reads the shorthand in rateValues, matrix rows and columns too', () => {
    const grid = withElements(
      { type: 'rating', name: 'r', rateValues: ['1|Bad', '2|Good'] },
      { type: 'matrix', name: 'm', rows: ['future|Has a future'], columns: ['1|Disagree', '2|Agree'] },
    );
    expect(accepted(grid, { r: '2', m: { future: '1' } })).toEqual({ r: '2', m: { future: '1' } });
    expect(refused(grid, { m: { 'future|Has a future': '1' } })[0]!.field).toBe('m');
  });
});

describe('a questionnaire with no indicators', () => {
  it('is a valid body, with the indicators left out or empty', () => {
    const survey = { elements: [{ type: 'text', name: 'a' }] };
    expect(CreateQuestionnaireBody.safeParse({ survey, indicators: [] }).success).toBe(true);
    const parsedBody = CreateQuestionnaireBody.safeParse({ survey });
    expect(parsedBody.success && parsedBody.data.indicators).toEqual([]);
  });

  it('fits its survey', () => {
    expect(checkQuestionnaire(parsed({ elements: [{ type: 'text', name: 'a' }] }), [], {}, [])).toEqual([]);
  });
});
