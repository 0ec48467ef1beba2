import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backgroundByName, checkQuestionnaire } from '../../functions/core/questionnaire/check.ts';
import {
  MAX_DEPTH,
  allowedAnswers,
  parseSurvey,
  questionTitle,
  validateResponse,
  type BackgroundMapping,
  type ChoiceValue,
  type ParsedSurvey,
  type Question,
} from '../../functions/core/questionnaire/index.ts';
import type { Indicator } from '../../functions/core/schemas.ts';

/** Parses a document that must be valid. */
function parsed(json: unknown): ParsedSurvey {
  const result = parseSurvey(json);
  if (!result.ok) throw new Error(`expected a valid survey, got ${JSON.stringify(result.errors)}`);
  return result.survey;
}

function errorsOf(json: unknown): { field: string; message: string }[] {
  const result = parseSurvey(json);
  if (result.ok) throw new Error('expected the survey to be refused');
  return result.errors;
}

const withElements = (...elements: unknown[]) => ({ pages: [{ name: 'p1', elements }] });
const questionOf = (json: unknown, name: string): Question => parsed(json).byName.get(name)!;
const valuesOf = (json: unknown, name: string) => allowedAnswers(questionOf(json, name));

/** The resident's errors, or a failure when the submission was accepted. */
function refusal(survey: ParsedSurvey, answers: unknown, lang: 'sv' | 'en' = 'en', background: BackgroundMapping = {}) {
  const result = validateResponse(survey, background, answers, lang);
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.answers)}`);
  return result.errors;
}

function acceptance(survey: ParsedSurvey, answers: unknown, background: BackgroundMapping = {}) {
  const result = validateResponse(survey, background, answers, 'en');
  if (!result.ok) throw new Error(`expected acceptance, got ${JSON.stringify(result.errors)}`);
  return result;
}

describe('parseSurvey: where questions are', () => {
  it('collects questions from every page, in document order', () => {
    const survey = parsed({
      pages: [
        {
          name: 'p1',
          elements: [
            { type: 'rating', name: 'a' },
            { type: 'comment', name: 'b' },
          ],
        },
        { name: 'p2', elements: [{ type: 'boolean', name: 'c' }] },
      ],
    });
    expect(survey.questions.map((q) => q.name)).toEqual(['a', 'b', 'c']);
    expect(survey.byName.get('c')!.path).toBe('pages[1].elements[0]');
  });

  it('reads a document with top-level elements and no pages', () => {
    const survey = parsed({ elements: [{ type: 'rating', name: 'a' }] });
    expect(survey.byName.get('a')!.path).toBe('elements[0]');
  });

  it('finds questions inside panels inside panels', () => {
    const survey = parsed(
      withElements({
        type: 'panel',
        name: 'outer',
        elements: [
          { type: 'rating', name: 'a' },
          { type: 'panel', name: 'inner', elements: [{ type: 'boolean', name: 'b' }] },
        ],
      }),
    );
    expect(survey.questions.map((q) => q.name)).toEqual(['a', 'b']);
    expect(survey.byName.get('b')!.path).toBe('pages[0].elements[0].elements[1].elements[0]');
  });

  it(`accepts panels nested ${MAX_DEPTH} levels deep and refuses one level more`, () => {
    const nest = (levels: number): unknown =>
      levels === 1
        ? { type: 'rating', name: 'deep' }
        : { type: 'panel', name: `p${levels}`, elements: [nest(levels - 1)] };
    expect(parsed(withElements(nest(MAX_DEPTH))).byName.has('deep')).toBe(true);
    const errors = errorsOf(withElements(nest(MAX_DEPTH + 1)));
    expect(errors).toEqual([
      {
        field: `pages[0]${'.elements[0]'.repeat(MAX_DEPTH)}.elements`,
        message: `panels nest at most ${MAX_DEPTH} levels deep`,
      },
    ]);
  });

  it('refuses more than 500 questions', () => {
    const many = Array.from({ length: 501 }, (_, i) => ({ type: 'boolean', name: `q${i}` }));
    expect(parsed(withElements(...many.slice(0, 500))).questions).toHaveLength(500);
    expect(errorsOf(withElements(...many))).toEqual([
      { field: 'pages[0].elements[500]', message: 'a survey has at most 500 questions' },
    ]);
  });

  it('refuses something that is not a survey document', () => {
    expect(errorsOf([])).toEqual([{ field: '', message: 'a survey is a JSON object with "pages" or "elements"' }]);
    expect(errorsOf('{"pages": []}')[0]!.field).toBe('');
    expect(errorsOf({})).toEqual([{ field: 'pages', message: 'a survey has "pages" or top-level "elements"' }]);
    expect(errorsOf({ pages: [], elements: [] })[0]!.field).toBe('elements');
    expect(errorsOf({ pages: 'p1' })[0]!.field).toBe('pages');
    expect(errorsOf(withElements('rating'))).toEqual([
      { field: 'pages[0].elements[0]', message: 'an element is an object with a type and a name' },
    ]);
    expect(errorsOf(withElements({ name: 'a' }))).toEqual([
      { field: 'pages[0].elements[0].type', message: 'every element needs a type' },
    ]);
  });

  it('refuses a survey with nothing to answer', () => {
    expect(errorsOf(withElements({ type: 'html', name: 'intro' }))).toEqual([
      { field: 'pages', message: 'the survey has no question that takes an answer' },
    ]);
  });
});

describe('parseSurvey: names and titles', () => {
  it('refuses a question without a name, with an empty name, or with a name over 200 characters', () => {
    expect(errorsOf(withElements({ type: 'rating' }))).toEqual([
      { field: 'pages[0].elements[0].name', message: 'every question needs a name' },
    ]);
    expect(errorsOf(withElements({ type: 'rating', name: '' }))[0]!.field).toBe('pages[0].elements[0].name');
    expect(errorsOf(withElements({ type: 'rating', name: '  ' }))[0]!.message).toBe('a name is not empty');
    expect(errorsOf(withElements({ type: 'rating', name: 'a'.repeat(201) }))[0]!.message).toBe(
      'a name is at most 200 characters',
    );
    expect(parsed(withElements({ type: 'rating', name: `_${'a'.repeat(199)}` })).questions).toHaveLength(1);
  });

  it('refuses the names __proto__, constructor and prototype', () => {
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      expect(errorsOf(withElements({ type: 'text', name }))).toEqual([
        { field: 'pages[0].elements[0].name', message: 'this name is reserved' },
      ]);
    }
  });

  it('refuses a name used twice, even in different panels', () => {
    const errors = errorsOf(
      withElements(
        { type: 'rating', name: 'a' },
        { type: 'panel', name: 'p', elements: [{ type: 'boolean', name: 'a' }] },
      ),
    );
    expect(errors).toEqual([
      {
        field: 'pages[0].elements[1].elements[0].name',
        message: 'the name "a" is already used by pages[0].elements[0]',
      },
    ]);
  });

  it('keeps titles as strings and as localized objects, and reads them per language', () => {
    const survey = parsed(
      withElements(
        { type: 'rating', name: 'a', title: 'Trivsel' },
        { type: 'rating', name: 'b', title: { default: 'Trivs du?', en: 'Do you like it here?' } },
        { type: 'rating', name: 'c' },
      ),
    );
    const [a, b, c] = survey.questions;
    expect(a!.title).toBe('Trivsel');
    expect(b!.title).toEqual({ default: 'Trivs du?', en: 'Do you like it here?' });
    expect(questionTitle(b!, 'en')).toBe('Do you like it here?');
    expect(questionTitle(b!, 'sv')).toBe('Trivs du?');
    expect(questionTitle(c!, 'sv')).toBe('c');
    expect(errorsOf(withElements({ type: 'rating', name: 'a', title: { sv: 5 } }))[0]!.field).toBe(
      'pages[0].elements[0].title',
    );
  });

  it('refuses a question named like the "other" text of another question', () => {
    const errors = errorsOf(
      withElements(
        { type: 'radiogroup', name: 'q', choices: ['a'], showOtherItem: true },
        { type: 'text', name: 'q-Comment' },
      ),
    );
    expect(errors).toEqual([
      {
        field: 'pages[0].elements[1].name',
        message: 'the name "q-Comment" holds the "other" text of pages[0].elements[0]',
      },
    ]);
  });
});

describe('parseSurvey: question types and what they allow', () => {
  it('reads a rating as 1..5 by default, as SurveyJS does', () => {
    expect(valuesOf(withElements({ type: 'rating', name: 'a' }), 'a')).toEqual([1, 2, 3, 4, 5]);
  });

  it('reads rateMin, rateMax and rateStep, and rateCount from either end', () => {
    expect(valuesOf(withElements({ type: 'rating', name: 'a', rateMin: 0, rateMax: 10, rateStep: 2 }), 'a')).toEqual([
      0, 2, 4, 6, 8, 10,
    ]);
    expect(valuesOf(withElements({ type: 'rating', name: 'a', rateCount: 10, rateMax: 10 }), 'a')).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    expect(valuesOf(withElements({ type: 'rating', name: 'a', rateCount: 3, rateMin: 0 }), 'a')).toEqual([0, 1, 2]);
    expect(valuesOf(withElements({ type: 'rating', name: 'a', rateCount: 3, rateMax: 7 }), 'a')).toEqual([5, 6, 7]);
    expect(valuesOf(withElements({ type: 'rating', name: 'a', rateMin: 1, rateMax: 6, rateStep: 2 }), 'a')).toEqual([
      1, 3, 5,
    ]);
  });

  it('reads a rating from its rateValues, plain or as {value, text}, unless autoGenerate is on', () => {
    const rateValues = [1, 2, { value: 3, text: { sv: 'Bra' } }, { value: 'dk', text: 'Vet ej' }];
    const question = questionOf(withElements({ type: 'rating', name: 'a', rateValues }), 'a');
    expect(allowedAnswers(question)).toEqual([1, 2, 3, 'dk']);
    expect(question.kind === 'single' && question.choices[2]).toEqual({ value: 3, text: { sv: 'Bra' } });
    expect(question.kind === 'single' && question.scale).toEqual({ min: 1, max: 3 });
    expect(
      valuesOf(withElements({ type: 'rating', name: 'a', rateValues, autoGenerate: true, rateMax: 3 }), 'a'),
    ).toEqual([1, 2, 3]);
  });

  it('refuses a rating whose range is upside down, not whole, or longer than SurveyJS shows', () => {
    expect(errorsOf(withElements({ type: 'rating', name: 'a', rateMin: 5, rateMax: 1 }))).toEqual([
      { field: 'pages[0].elements[0].rateMax', message: 'rateMax (1) is below rateMin (5)' },
    ]);
    expect(errorsOf(withElements({ type: 'rating', name: 'a', rateMax: 2.5 }))).toEqual([
      { field: 'pages[0].elements[0].rateMax', message: 'rateMax is a whole number' },
    ]);
    expect(errorsOf(withElements({ type: 'rating', name: 'a', rateStep: 0 }))[0]!.field).toBe(
      'pages[0].elements[0].rateStep',
    );
    expect(errorsOf(withElements({ type: 'rating', name: 'a', rateMin: 0, rateMax: 100 }))[0]).toEqual({
      field: 'pages[0].elements[0].rateMax',
      message: '0..100 in steps of 1 is 101 values; SurveyJS shows at most 20',
    });
    expect(errorsOf(withElements({ type: 'rating', name: 'a', rateMax: 11, rateType: 'smileys' }))[0]!.field).toBe(
      'pages[0].elements[0].rateType',
    );
  });

  it('reads radiogroup and dropdown choices in every item form, with "none" and "other"', () => {
    const choices = ['north', 7, { value: 'south', text: { default: 'South', sv: 'Söder' } }];
    expect(valuesOf(withElements({ type: 'radiogroup', name: 'a', choices }), 'a')).toEqual(['north', 7, 'south']);
    const question = questionOf(
      withElements({
        type: 'dropdown',
        name: 'a',
        choices,
        showNoneItem: true,
        showOtherItem: true,
        otherText: 'Annat',
      }),
      'a',
    );
    expect(allowedAnswers(question)).toEqual(['north', 7, 'south', 'none', 'other']);
    expect(question.kind === 'single' && question.otherItem).toBe(true);
    expect(
      valuesOf(withElements({ type: 'radiogroup', name: 'a', choices: ['x'], hasNone: true, hasOther: true }), 'a'),
    ).toEqual(['x', 'none', 'other']);
  });

  it('adds the numbers of a dropdown choicesMin..choicesMax', () => {
    expect(
      valuesOf(withElements({ type: 'dropdown', name: 'a', choices: ['dk'], choicesMin: 1, choicesMax: 3 }), 'a'),
    ).toEqual(['dk', 1, 2, 3]);
  });

  it('refuses a choice listed twice, bad choice items, and a question with no choices', () => {
    expect(errorsOf(withElements({ type: 'radiogroup', name: 'a', choices: ['1', 1] }))).toEqual([
      { field: 'pages[0].elements[0].choices[1]', message: 'the value 1 is listed twice' },
    ]);
    expect(errorsOf(withElements({ type: 'radiogroup', name: 'a', choices: ['none'], showNoneItem: true }))).toEqual([
      {
        field: 'pages[0].elements[0].showNoneItem',
        message: 'showNoneItem adds the value "none", which is already a choice',
      },
    ]);
    expect(errorsOf(withElements({ type: 'radiogroup', name: 'a', choices: [''] }))).toEqual([
      { field: 'pages[0].elements[0].choices[0]', message: 'a choice value is not empty' },
    ]);
    expect(errorsOf(withElements({ type: 'radiogroup', name: 'a', choices: [true] }))[0]!.field).toBe(
      'pages[0].elements[0].choices[0]',
    );
    expect(errorsOf(withElements({ type: 'radiogroup', name: 'a', choices: [{ value: null }] }))[0]!.field).toMatch(
      /^pages\[0\]\.elements\[0\]\.choices\[0\]/,
    );
    expect(errorsOf(withElements({ type: 'dropdown', name: 'a' }))).toEqual([
      { field: 'pages[0].elements[0].choices', message: 'question "a" has no choices' },
    ]);
  });

  it('reads a checkbox with its limits and its exclusive "none"', () => {
    const question = questionOf(
      withElements({
        type: 'checkbox',
        name: 'a',
        choices: ['x', 'y', 'z'],
        showNoneItem: true,
        minSelectedChoices: 1,
        maxSelectedChoices: 2,
      }),
      'a',
    );
    expect(question).toMatchObject({ kind: 'multiple', noneItem: true, minSelected: 1, maxSelected: 2 });
    expect(allowedAnswers(question)).toEqual(['x', 'y', 'z', 'none']);
    expect(
      errorsOf(
        withElements({ type: 'checkbox', name: 'a', choices: ['x'], minSelectedChoices: 3, maxSelectedChoices: 2 }),
      )[0]!.field,
    ).toBe('pages[0].elements[0].minSelectedChoices');
  });

  it('reads a boolean as true/false, or as its valueTrue/valueFalse', () => {
    expect(valuesOf(withElements({ type: 'boolean', name: 'a' }), 'a')).toEqual([true, false]);
    expect(valuesOf(withElements({ type: 'boolean', name: 'a', valueTrue: 'ja', valueFalse: 'nej' }), 'a')).toEqual([
      'ja',
      'nej',
    ]);
    expect(errorsOf(withElements({ type: 'boolean', name: 'a', valueTrue: 1, valueFalse: '1' }))[0]!.field).toBe(
      'pages[0].elements[0].valueFalse',
    );
  });

  it('reads text (1000 characters by default), comment (5000) and a typed number with its bounds', () => {
    const survey = parsed(
      withElements(
        { type: 'text', name: 't' },
        { type: 'text', name: 't5', maxLength: 5 },
        { type: 'comment', name: 'c' },
        { type: 'text', name: 'n', inputType: 'number', min: '0', max: 120 },
        { type: 'text', name: 'd', inputType: 'date', min: '2024-01-01' },
      ),
    );
    expect(survey.byName.get('t')).toMatchObject({ kind: 'text', maxLength: 1000 });
    expect(survey.byName.get('t5')).toMatchObject({ kind: 'text', maxLength: 5 });
    expect(survey.byName.get('c')).toMatchObject({ kind: 'text', type: 'comment', maxLength: 5000 });
    expect(survey.byName.get('n')).toMatchObject({ kind: 'number', min: 0, max: 120 });
    expect(survey.byName.get('d')).toMatchObject({ kind: 'text' });
    expect(parsed({ maxTextLength: 300, elements: [{ type: 'comment', name: 'c' }] }).byName.get('c')).toMatchObject({
      maxLength: 300,
    });
    expect(errorsOf(withElements({ type: 'comment', name: 'c', maxLength: 6000 }))[0]).toEqual({
      field: 'pages[0].elements[0].maxLength',
      message: 'maxLength is at most 5000',
    });
    expect(errorsOf(withElements({ type: 'text', name: 'n', inputType: 'number', min: 'low' }))[0]!.field).toBe(
      'pages[0].elements[0].min',
    );
  });

  it('reads html, image and expression elements as display only', () => {
    const survey = parsed(
      withElements(
        { type: 'html', name: 'h', html: '<p>Hej</p>' },
        { type: 'image', name: 'i' },
        { type: 'expression', name: 'e' },
        { type: 'boolean', name: 'b' },
      ),
    );
    expect(survey.questions.map((q) => q.kind)).toEqual(['display', 'display', 'display', 'boolean']);
  });

  it('refuses a question type it does not know, naming the question and the type', () => {
    const errors = errorsOf(withElements({ type: 'boolean', name: 'ok' }, { type: 'signaturepad', name: 'grid' }));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.field).toBe('pages[0].elements[1].type');
    expect(errors[0]!.message).toMatch(/^question "grid" has the type "signaturepad", which bygdpuls does not support/);
  });

  it('refuses SurveyJS features whose answers it could not check', () => {
    const refused = [
      { type: 'rating', name: 'a', valueName: 'shared' },
      { type: 'radiogroup', name: 'a', choicesByUrl: { url: 'https://example.org' } },
      { type: 'radiogroup', name: 'a', choices: ['x'], showDontKnowItem: true },
      { type: 'radiogroup', name: 'a', choices: ['x'], showOtherItem: true, storeOthersAsComment: false },
      { type: 'boolean', name: 'a', showCommentArea: true },
    ];
    for (const element of refused) expect(errorsOf(withElements(element))).toHaveLength(1);
    expect(
      errorsOf({
        storeOthersAsComment: false,
        elements: [{ type: 'radiogroup', name: 'a', choices: ['x'], showOtherItem: true }],
      })[0]!.field,
    ).toBe('storeOthersAsComment');
  });

  it('records isRequired, and enforces it only where the question is always shown', () => {
    const survey = parsed({
      pages: [
        {
          name: 'p1',
          elements: [
            { type: 'boolean', name: 'always', isRequired: true },
            { type: 'boolean', name: 'sometimes', isRequired: true, visibleIf: '{always} = true' },
            {
              type: 'panel',
              name: 'p',
              enableIf: '{always} = true',
              elements: [{ type: 'boolean', name: 'inPanel', isRequired: true }],
            },
            { type: 'boolean', name: 'optional' },
          ],
        },
        {
          name: 'p2',
          visibleIf: '{always} = false',
          elements: [{ type: 'boolean', name: 'onHiddenPage', isRequired: true }],
        },
      ],
    });
    const flags = survey.questions.map((q) => [q.name, q.isRequired, q.mustAnswer]);
    expect(flags).toEqual([
      ['always', true, true],
      ['sometimes', true, false],
      ['inPanel', true, false],
      ['optional', false, false],
      ['onHiddenPage', true, false],
    ]);
  });

  it('reports every problem of a document, at most 50', () => {
    const bad = Array.from({ length: 80 }, (_, i) => ({ type: 'rating', name: `q${i}`, rateMin: 9, rateMax: 1 }));
    const errors = errorsOf(withElements(...bad));
    expect(errors).toHaveLength(50);
    expect(errors[49]!.field).toBe('pages[0].elements[49].rateMax');
  });

  it('reads a document whose keys include __proto__ without touching Object.prototype', () => {
    const survey = parsed(
      JSON.parse(
        '{"__proto__": {"polluted": 1}, "elements": [{"type": "boolean", "name": "a", "__proto__": {"isRequired": true}}]}',
      ),
    );
    expect(survey.byName.get('a')!.isRequired).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('checkQuestionnaire', () => {
  const doc = withElements(
    { type: 'rating', name: 'trivsel', rateMax: 10 },
    {
      type: 'rating',
      name: 'service',
      rateMax: 10,
      rateValues: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, { value: 'dk', text: 'Vet ej' }],
    },
    { type: 'rating', name: 'stolthet', rateMax: 5 },
    { type: 'radiogroup', name: 'flytta', choices: ['yes', 'no', 'dk'] },
    { type: 'boolean', name: 'forening' },
    { type: 'dropdown', name: 'bygd', choices: ['north', 'south'] },
    { type: 'radiogroup', name: 'alder', choices: ['16-29', '30-64', '65+'] },
    { type: 'checkbox', name: 'aktiviteter', choices: ['x', 'y'] },
    { type: 'comment', name: 'ovrigt' },
    { type: 'html', name: 'intro' },
  );
  const survey = parsed(doc);
  const nki: Indicator = { id: 'nki', kind: 'index', items: ['trivsel', 'service'], scale: [1, 10] };
  const pride: Indicator = { id: 'pride', kind: 'mean', items: ['stolthet'], scale: [1, 5] };
  const stay: Indicator = { id: 'stay', kind: 'share', items: ['flytta'], positive: ['no'] };
  const member: Indicator = { id: 'member', kind: 'share', items: ['forening'], positive: [true] };
  const mapping: BackgroundMapping = { area: 'bygd', age_band: 'alder' };

  it('finds nothing wrong with a questionnaire that fits its indicators and areas', () => {
    expect(checkQuestionnaire(survey, [nki, pride, stay, member], mapping, ['south', 'north'])).toEqual([]);
  });

  it('reports an indicator item that is not a question of the survey', () => {
    const def: Indicator = { id: 'x', kind: 'mean', items: ['saknas'], scale: [1, 5] };
    expect(checkQuestionnaire(survey, [nki, def], {}, [])).toEqual([
      { field: 'indicators[1].items[0]', message: '"saknas" is not a question of the survey' },
    ]);
  });

  it('reports index and mean items whose values leave the scale', () => {
    const narrow: Indicator = { ...nki, scale: [1, 5] } as Indicator;
    expect(checkQuestionnaire(survey, [narrow], {}, [])).toEqual([
      {
        field: 'indicators[0].items[0]',
        message: `"trivsel" allows 6, 7, 8, 9, 10, outside the indicator's scale 1..5`,
      },
      {
        field: 'indicators[0].items[1]',
        message: `"service" allows 6, 7, 8, 9, 10, outside the indicator's scale 1..5`,
      },
    ]);
  });

  it('allows "dk" in a scale item and reports any other non-numeric or fractional value', () => {
    const mixed = parsed(withElements({ type: 'radiogroup', name: 'q', choices: [1, 2, 2.5, 'dk', 'none'] }));
    const def: Indicator = { id: 'm', kind: 'mean', items: ['q'], scale: [1, 5] };
    expect(checkQuestionnaire(mixed, [def], {}, [])).toEqual([
      { field: 'indicators[0].items[0]', message: '"q" allows 2.5, which are not whole numbers' },
      {
        field: 'indicators[0].items[0]',
        message: '"q" allows "none", which are not numbers (of the other answers only "dk" may be)',
      },
    ]);
    const yesNo: Indicator = { id: 'yn', kind: 'mean', items: ['forening'], scale: [0, 1] };
    expect(checkQuestionnaire(survey, [yesNo], {}, [])[0]!.message).toMatch(
      /allows true, false, which are not numbers/,
    );
  });

  it('refuses checkbox, free-text and display questions as indicator items', () => {
    const defs: Indicator[] = [
      { id: 'a', kind: 'share', items: ['aktiviteter'], positive: ['x'] },
      { id: 'b', kind: 'share', items: ['ovrigt'], positive: ['x'] },
      { id: 'c', kind: 'mean', items: ['intro'], scale: [1, 5] },
    ];
    const errors = checkQuestionnaire(survey, defs, {}, []);
    expect(errors.map((e) => e.field)).toEqual([
      'indicators[0].items[0]',
      'indicators[1].items[0]',
      'indicators[2].items[0]',
    ]);
    expect(errors[0]!.message).toMatch(/checkbox question with several answers/);
    expect(errors[1]!.message).toMatch(/takes a typed answer/);
    expect(errors[2]!.message).toMatch(/html element and takes no answer/);
  });

  it("reports a share's positive value that its item does not allow", () => {
    const def: Indicator = { id: 's', kind: 'share', items: ['flytta'], positive: ['no', 'nej'] };
    expect(checkQuestionnaire(survey, [def], {}, [])).toEqual([
      {
        field: 'indicators[0].positive[1]',
        message: 'positive value "nej" is not an answer "flytta" allows ("yes", "no", "dk")',
      },
    ]);
  });

  it("reports a share item that allows answers outside the share's values or scale", () => {
    const withValues: Indicator = {
      id: 's',
      kind: 'share',
      items: ['flytta'],
      positive: ['no'],
      values: ['yes', 'no'],
    };
    expect(checkQuestionnaire(survey, [withValues], {}, [])).toEqual([]);
    const tooFew: Indicator = { id: 's', kind: 'share', items: ['alder'], positive: ['65+'], values: ['30-64', '65+'] };
    expect(checkQuestionnaire(survey, [tooFew], {}, [])).toEqual([
      { field: 'indicators[0].values', message: `"alder" allows "16-29", which are not among the indicator's values` },
    ]);
    const topBox: Indicator = { id: 't', kind: 'share', items: ['trivsel'], positive: [4, 5], scale: [1, 5] };
    expect(checkQuestionnaire(survey, [topBox], {}, [])).toEqual([
      {
        field: 'indicators[0].items[0]',
        message: `"trivsel" allows 6, 7, 8, 9, 10, outside the indicator's scale 1..5`,
      },
    ]);
  });

  it('reports a share with numeric positive values on an item with non-numeric answers', () => {
    const mixed = parsed(withElements({ type: 'radiogroup', name: 'q', choices: [1, 2, 3, 'none'] }));
    const def: Indicator = { id: 's', kind: 'share', items: ['q'], positive: [3] };
    expect(checkQuestionnaire(mixed, [def], {}, [])).toEqual([
      {
        field: 'indicators[0].items[0]',
        message: '"q" allows "none"; with numeric positive values every answer is a whole number or "dk"',
      },
    ]);
  });

  it('reports a background mapping to a missing question or to a question that is not single-choice', () => {
    expect(checkQuestionnaire(survey, [], { gender: 'kon' }, [])).toEqual([
      { field: 'background.gender', message: '"kon" is not a question of the survey' },
    ]);
    expect(
      checkQuestionnaire(survey, [], { gender: 'forening', age_band: 'aktiviteter', area: 'trivsel' }, []),
    ).toEqual([
      {
        field: 'background.area',
        message: '"trivsel" is a rating question; a background question is a radiogroup or a dropdown',
      },
      {
        field: 'background.age_band',
        message: '"aktiviteter" is a checkbox question; a background question is a radiogroup or a dropdown',
      },
      {
        field: 'background.gender',
        message: '"forening" is a boolean question; a background question is a radiogroup or a dropdown',
      },
    ]);
  });

  it("reports areas the area question lacks and choices that are not the project's areas", () => {
    expect(checkQuestionnaire(survey, [], { area: 'bygd' }, ['north', 'east', 'west'])).toEqual([
      { field: 'background.area', message: `the area question "bygd" lacks the project's areas "east", "west"` },
      {
        field: 'background.area',
        message: 'the area question "bygd" offers "south", which are not areas of the project',
      },
    ]);
    const withOther = parsed(
      withElements({ type: 'radiogroup', name: 'bygd', choices: ['north'], showOtherItem: true }),
    );
    expect(checkQuestionnaire(withOther, [], { area: 'bygd' }, ['north'])[0]!.message).toMatch(/offers "other"/);
  });

  it('reports one question mapped to two background variables', () => {
    expect(checkQuestionnaire(survey, [], { area: 'bygd', gender: 'bygd' }, ['north', 'south'])).toEqual([
      { field: 'background.gender', message: '"bygd" already answers area' },
    ]);
  });

  it("names a share's positive value or declared value that misses a choice only by case or spaces", () => {
    const capital = parsed(withElements({ type: 'radiogroup', name: 'q', choices: ['Yes', 'No', 'dk'] }));
    const def: Indicator = { id: 's', kind: 'share', items: ['q'], positive: ['yes'], values: ['yes', 'No ', 'dk'] };
    expect(checkQuestionnaire(capital, [def], {}, [])).toEqual([
      {
        field: 'indicators[0].positive[0]',
        message: 'positive value "yes" is not an answer "q" allows ("Yes", "No", "dk"); did you mean "Yes"?',
      },
      {
        field: 'indicators[0].values[0]',
        message: 'value "yes" is not an answer "q" allows ("Yes", "No", "dk"); did you mean "Yes"?',
      },
      {
        field: 'indicators[0].values[1]',
        message: 'value "No " is not an answer "q" allows ("Yes", "No", "dk"); did you mean "No"?',
      },
      { field: 'indicators[0].values', message: `"q" allows "Yes", "No", which are not among the indicator's values` },
    ]);
    const other: Indicator = { id: 's', kind: 'share', items: ['q'], positive: ['Ja'] };
    expect(checkQuestionnaire(capital, [other], {}, [])[0]!.message).toBe(
      'positive value "Ja" is not an answer "q" allows ("Yes", "No", "dk")',
    );
  });

  it('maps a background variable to the question of its name, when there is one', () => {
    expect(backgroundByName(survey)).toEqual({});
    const named = parsed(
      withElements(
        { type: 'dropdown', name: 'area', choices: ['north'] },
        { type: 'radiogroup', name: 'gender', choices: ['kvinna', 'man'] },
      ),
    );
    expect(backgroundByName(named)).toEqual({ area: 'area', gender: 'gender' });
  });

  it("reports a variable the project's groupBy or weighting.strata needs that no question is mapped to", () => {
    const needs = { groupBy: ['area', 'gender'] as const, weighting: { strata: ['area', 'age_band'] as const } };
    expect(checkQuestionnaire(survey, [], { area: 'bygd', age_band: 'alder' }, ['north', 'south'], needs)).toEqual([
      {
        field: 'background.gender',
        message:
          "no question is mapped to gender, which the project's groupBy needs: name the question that asks it under background.gender",
      },
    ]);
    expect(checkQuestionnaire(survey, [], { gender: 'alder' }, [], needs).map((e) => e.message)).toEqual([
      "no question is mapped to area, which the project's groupBy and weighting.strata need: name the question that asks it under background.area",
      "no question is mapped to age_band, which the project's weighting.strata needs: name the question that asks it under background.age_band",
    ]);
    expect(checkQuestionnaire(survey, [], {}, [], { groupBy: [], weighting: null })).toEqual([]);
  });
});

describe('validateResponse', () => {
  const survey = parsed(
    withElements(
      { type: 'rating', name: 'trivsel', rateMax: 10, isRequired: true },
      { type: 'rating', name: 'udda', rateMin: 1, rateMax: 9, rateStep: 2 },
      { type: 'rating', name: 'service', rateValues: [1, 2, 3, { value: 'dk', text: 'Vet ej' }] },
      {
        type: 'panel',
        name: 'bakgrund',
        elements: [
          { type: 'dropdown', name: 'bygd', choices: ['north', 'south'], isRequired: true },
          { type: 'radiogroup', name: 'alder', choices: [1, 2, 3] },
        ],
      },
      { type: 'radiogroup', name: 'flytta', choices: ['yes', 'no'], showOtherItem: true },
      {
        type: 'checkbox',
        name: 'aktiviteter',
        choices: ['sport', 'kultur', 'natur'],
        showNoneItem: true,
        maxSelectedChoices: 2,
      },
      // Shown on a condition: left empty where it shows, survey-core refuses it (minSelectedChoices).
      {
        type: 'checkbox',
        name: 'minst2',
        choices: ['a', 'b', 'c'],
        minSelectedChoices: 2,
        visibleIf: '{forening} = false',
      },
      { type: 'boolean', name: 'forening' },
      { type: 'boolean', name: 'janej', valueTrue: 'ja', valueFalse: 'nej' },
      { type: 'text', name: 'ort', maxLength: 10 },
      { type: 'text', name: 'ar', inputType: 'number', min: 0, max: 120 },
      { type: 'text', name: 'lagst', inputType: 'number', min: 0 },
      { type: 'comment', name: 'ovrigt', isRequired: true, visibleIf: "{janej} = 'ja'" },
      { type: 'html', name: 'intro' },
    ),
  );
  const mapping: BackgroundMapping = { area: 'bygd', age_band: 'alder' };
  const minimal = { trivsel: 7, bygd: 'north' };

  it('accepts a complete submission and returns the answers and the background', () => {
    const answers = {
      trivsel: 7,
      udda: 3,
      service: 'dk',
      bygd: 'south',
      alder: 2,
      flytta: 'other',
      'flytta-Comment': 'Kanske',
      aktiviteter: ['natur', 'sport'],
      minst2: ['a', 'c'],
      forening: false,
      janej: 'ja',
      ort: 'Backe',
      ar: 42.5,
      lagst: 1e6,
      ovrigt: 'Bra bygd.',
    };
    const result = acceptance(survey, answers, mapping);
    expect(result.answers).toEqual(answers);
    expect(result.background).toEqual({ area: 'south', age_band: '2', gender: null });
  });

  it('returns only the answered questions, and null background for an unanswered one', () => {
    const result = acceptance(survey, { ...minimal, udda: null, ort: '   ', aktiviteter: [], ar: '' }, mapping);
    expect(result.answers).toEqual(minimal);
    expect(result.background).toEqual({ area: 'north', age_band: null, gender: null });
  });

  it('normalises numbers sent as text to numbers, and choices to their declared values', () => {
    const result = acceptance(survey, { ...minimal, trivsel: '8', alder: '3', ar: '17', aktiviteter: ['kultur'] });
    expect(result.answers).toEqual({ ...minimal, trivsel: 8, alder: 3, ar: 17, aktiviteter: ['kultur'] });
  });

  it('refuses a rating answer outside rateMin..rateMax, in Swedish', () => {
    expect(refusal(survey, { ...minimal, trivsel: 11 }, 'sv')).toEqual([
      { field: 'trivsel', message: 'Värdet 11 ligger utanför skalan 1–10.' },
    ]);
  });

  it('refuses a rating answer outside rateMin..rateMax, in English', () => {
    expect(refusal(survey, { ...minimal, trivsel: 0 }, 'en')).toEqual([
      { field: 'trivsel', message: 'The value 0 is outside the scale 1–10.' },
    ]);
  });

  it('refuses a rating answer that is not a whole number or not a step of the scale', () => {
    expect(refusal(survey, { ...minimal, trivsel: 7.5 }, 'sv')).toEqual([
      { field: 'trivsel', message: 'Värdet 7,5 är inte ett heltal.' },
    ]);
    expect(refusal(survey, { ...minimal, trivsel: 7.5 }, 'en')).toEqual([
      { field: 'trivsel', message: 'The value 7.5 is not a whole number.' },
    ]);
    expect(refusal(survey, { ...minimal, udda: 4 })).toEqual([
      { field: 'udda', message: 'The value 4 is not one of the steps of the scale 1–9.' },
    ]);
    expect(refusal(survey, { ...minimal, trivsel: 'sju' }, 'sv')).toEqual([
      { field: 'trivsel', message: 'Svaret ”sju” finns inte bland svarsalternativen.' },
    ]);
    expect(refusal(survey, { ...minimal, trivsel: true }, 'en')).toEqual([
      { field: 'trivsel', message: 'The answer must be a number on the scale 1–10.' },
    ]);
    expect(refusal(survey, { ...minimal, service: 'vet ej' })).toEqual([
      { field: 'service', message: 'The answer "vet ej" is not one of the choices.' },
    ]);
  });

  it('refuses a radiogroup or dropdown answer that is not one of the choices', () => {
    expect(refusal(survey, { ...minimal, bygd: 'east' }, 'sv')).toEqual([
      { field: 'bygd', message: 'Svaret ”east” finns inte bland svarsalternativen.' },
    ]);
    expect(refusal(survey, { ...minimal, alder: 4 }, 'en')).toEqual([
      { field: 'alder', message: 'The answer 4 is not one of the choices.' },
    ]);
    expect(refusal(survey, { ...minimal, bygd: { value: 'north' } }, 'en')).toEqual([
      { field: 'bygd', message: 'The answer must be one of the choices.' },
    ]);
    expect(refusal(survey, { ...minimal, bygd: ['north'] }, 'sv')).toEqual([
      { field: 'bygd', message: 'Svaret ska vara ett av svarsalternativen.' },
    ]);
  });

  it('names the choice an answer misses only by case or surrounding spaces', () => {
    expect(refusal(survey, { ...minimal, flytta: 'Yes' }, 'en')).toEqual([
      { field: 'flytta', message: 'The answer "Yes" is not one of the choices. Did you mean "yes"?' },
    ]);
    expect(refusal(survey, { ...minimal, flytta: ' No' }, 'sv')).toEqual([
      { field: 'flytta', message: 'Svaret ” No” finns inte bland svarsalternativen. Menade du ”no”?' },
    ]);
    expect(refusal(survey, { ...minimal, aktiviteter: ['Sport'] }, 'en')).toEqual([
      { field: 'aktiviteter', message: 'The answer "Sport" is not one of the choices. Did you mean "sport"?' },
    ]);
  });

  it('asks for the text of "other" and refuses that text without "other"', () => {
    expect(refusal(survey, { ...minimal, flytta: 'other' }, 'sv')).toEqual([
      { field: 'flytta-Comment', message: 'Skriv ditt eget svar i fältet för ”Annat”.' },
    ]);
    expect(refusal(survey, { ...minimal, flytta: 'yes', 'flytta-Comment': 'x' }, 'en')).toEqual([
      { field: 'flytta-Comment', message: 'This text belongs with the answer "Other", which is not chosen.' },
    ]);
    expect(refusal(survey, { ...minimal, flytta: 'other', 'flytta-Comment': 'x'.repeat(1001) }, 'en')).toEqual([
      { field: 'flytta-Comment', message: 'The answer is too long: 1001 characters, at most 1000 allowed.' },
    ]);
    expect(refusal(survey, { ...minimal, 'ort-Comment': 'x' })).toEqual([
      { field: 'ort-Comment', message: 'Unknown question.' },
    ]);
  });

  it('refuses a checkbox answer that is not a list of distinct choices', () => {
    expect(refusal(survey, { ...minimal, aktiviteter: 'sport' }, 'sv')).toEqual([
      { field: 'aktiviteter', message: 'Svaret ska vara en lista med svarsalternativ.' },
    ]);
    expect(refusal(survey, { ...minimal, aktiviteter: ['sport', 'sport'] }, 'en')).toEqual([
      { field: 'aktiviteter', message: 'The answer "sport" is chosen twice.' },
    ]);
    expect(refusal(survey, { ...minimal, aktiviteter: ['sport', 'golf'] }, 'en')).toEqual([
      { field: 'aktiviteter', message: 'The answer "golf" is not one of the choices.' },
    ]);
    expect(refusal(survey, { ...minimal, aktiviteter: ['sport', null] }, 'en')).toEqual([
      { field: 'aktiviteter', message: 'The answer must be a list of choices.' },
    ]);
  });

  it('refuses "none" with other choices, and too many or too few choices', () => {
    expect(refusal(survey, { ...minimal, aktiviteter: ['none', 'sport'] }, 'sv')).toEqual([
      { field: 'aktiviteter', message: 'Svaret ”none” kan inte kombineras med andra svar.' },
    ]);
    expect(acceptance(survey, { ...minimal, aktiviteter: ['none'] }).answers['aktiviteter']).toEqual(['none']);
    expect(refusal(survey, { ...minimal, aktiviteter: ['sport', 'kultur', 'natur'] }, 'en')).toEqual([
      { field: 'aktiviteter', message: 'Choose at most 2 answers.' },
    ]);
    expect(refusal(survey, { ...minimal, forening: false, minst2: ['a'] }, 'sv')).toEqual([
      { field: 'minst2', message: 'Välj minst 2 svar.' },
    ]);
  });

  it('refuses a boolean answer that is not yes or no', () => {
    expect(refusal(survey, { ...minimal, forening: 'true' }, 'en')).toEqual([
      { field: 'forening', message: 'The answer must be yes or no.' },
    ]);
    expect(refusal(survey, { ...minimal, janej: true }, 'sv')).toEqual([
      { field: 'janej', message: 'Svaret ska vara ja eller nej.' },
    ]);
    expect(acceptance(survey, { ...minimal, forening: true, janej: 'nej' }).answers).toMatchObject({
      forening: true,
      janej: 'nej',
    });
  });

  it('refuses text that is not a string or is longer than maxLength', () => {
    expect(refusal(survey, { ...minimal, ort: 42 }, 'sv')).toEqual([
      { field: 'ort', message: 'Svaret ska vara en text.' },
    ]);
    expect(refusal(survey, { ...minimal, ort: 'Långtbortistan' }, 'sv')).toEqual([
      { field: 'ort', message: 'Svaret är för långt: 14 tecken, högst 10 är tillåtna.' },
    ]);
  });

  it('refuses a typed number that is not a number or lies outside min..max', () => {
    expect(refusal(survey, { ...minimal, ar: 'fyrtio' }, 'sv')).toEqual([
      { field: 'ar', message: 'Svaret ska vara ett tal.' },
    ]);
    expect(refusal(survey, { ...minimal, ar: 121 }, 'en')).toEqual([
      { field: 'ar', message: 'The value 121 is outside the range 0–120.' },
    ]);
    expect(refusal(survey, { ...minimal, lagst: -0.5 }, 'sv')).toEqual([
      { field: 'lagst', message: 'Värdet -0,5 är mindre än 0.' },
    ]);
    expect(refusal(survey, { ...minimal, ar: Number.NaN }, 'en')).toEqual([
      { field: 'ar', message: 'The answer must be a number.' },
    ]);
  });

  it('refuses an answer to a display element', () => {
    expect(refusal(survey, { ...minimal, intro: 'hej' }, 'sv')).toEqual([
      { field: 'intro', message: 'Den här frågan tar inte emot något svar.' },
    ]);
    expect(acceptance(survey, { ...minimal, intro: null }).answers).toEqual(minimal);
  });

  it('requires an answer to a required question, missing or null, in both languages', () => {
    expect(refusal(survey, { bygd: 'north' }, 'sv')).toEqual([{ field: 'trivsel', message: 'Frågan måste besvaras.' }]);
    expect(refusal(survey, { trivsel: 5, bygd: null }, 'en')).toEqual([
      { field: 'bygd', message: 'This question must be answered.' },
    ]);
    const required = parsed(
      withElements(
        { type: 'checkbox', name: 'c', choices: ['a'], isRequired: true },
        { type: 'comment', name: 't', isRequired: true },
      ),
    );
    expect(refusal(required, { c: [], t: '  ' }).map((e) => e.field)).toEqual(['c', 't']);
  });

  it('requires a required question where its visibleIf shows it, and drops its answer where it is hidden', () => {
    expect(acceptance(survey, minimal).answers).toEqual(minimal);
    expect(refusal(survey, { ...minimal, janej: 'ja' }, 'en')).toEqual([
      { field: 'ovrigt', message: 'This question must be answered.' },
    ]);
    expect(acceptance(survey, { ...minimal, janej: 'nej', ovrigt: 'dropped' }).answers).toEqual({
      ...minimal,
      janej: 'nej',
    });
  });

  it('refuses an unknown question, in both languages', () => {
    expect(refusal(survey, { ...minimal, okand: 1 }, 'sv')).toEqual([{ field: 'okand', message: 'Okänd fråga.' }]);
    expect(refusal(survey, { ...minimal, okand: 1 }, 'en')).toEqual([{ field: 'okand', message: 'Unknown question.' }]);
  });

  it('refuses __proto__, constructor and prototype as unknown questions and leaves Object.prototype alone', () => {
    const hostile = JSON.parse(
      '{"trivsel": 7, "bygd": "north", "__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "prototype": 1}',
    );
    expect(refusal(survey, hostile, 'en')).toEqual([
      { field: '__proto__', message: 'Unknown question.' },
      { field: 'constructor', message: 'Unknown question.' },
      { field: 'prototype', message: 'Unknown question.' },
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('returns answers that hold nothing but the answered questions, not even inherited keys', () => {
    const { answers } = acceptance(survey, minimal);
    expect(Object.getPrototypeOf(answers)).toBeNull();
    expect('constructor' in answers).toBe(false);
    expect(Object.keys(answers)).toEqual(['trivsel', 'bygd']);
  });

  it('refuses answers that are not a plain object', () => {
    for (const answers of [[], [7], null, undefined, 'trivsel=7', 7, true, new Map([['trivsel', 7]]), new Date()]) {
      expect(refusal(survey, answers, 'en')).toEqual([
        { field: '', message: 'The answers must be an object with one answer per question.' },
      ]);
    }
    expect(refusal(survey, [], 'sv')).toEqual([
      { field: '', message: 'Svaren ska vara ett objekt med ett svar per fråga.' },
    ]);
  });

  it('reports every error at once, in question order, then unknown questions', () => {
    const errors = refusal(survey, { okand: 1, trivsel: 11, bygd: 'east', ort: 5 }, 'en');
    expect(errors.map((e) => e.field)).toEqual(['trivsel', 'bygd', 'ort', 'okand']);
  });

  it('reports at most 50 errors, and keeps a long unknown key short', () => {
    const flood = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`x${i}`, i]));
    expect(refusal(survey, { ...minimal, ...flood })).toHaveLength(50);
    const [error] = refusal(survey, { ...minimal, ['k'.repeat(10_000)]: 1 });
    expect(error!.field.length).toBeLessThanOrEqual(121);
  });

  it('gives numeric background choices as text', () => {
    const numbered = parsed(withElements({ type: 'radiogroup', name: 'omrade', choices: [1, 2] }));
    expect(acceptance(numbered, { omrade: 2 }, { area: 'omrade' }).background).toEqual({
      area: '2',
      age_band: null,
      gender: null,
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Property: any answer set the survey allows comes back unchanged.

const word = fc.stringMatching(/^[a-zåäö][a-zåäö0-9 ]{0,11}$/);
const choiceList = fc
  .uniqueArray(fc.oneof(fc.integer({ min: -50, max: 50 }), word), {
    minLength: 1,
    maxLength: 8,
    selector: (value) => String(value),
  })
  .filter((values) => !values.includes('none') && !values.includes('other'));
const withRequired = <T extends object>(element: fc.Arbitrary<T>) =>
  fc.tuple(element, fc.boolean()).map(([e, isRequired]) => ({ ...e, isRequired }));

const elementArbitrary: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  withRequired(
    fc
      .record({
        rateMin: fc.integer({ min: -5, max: 5 }),
        rateStep: fc.integer({ min: 1, max: 3 }),
        count: fc.integer({ min: 1, max: 20 }),
      })
      .map(({ rateMin, rateStep, count }) => ({
        type: 'rating',
        rateMin,
        rateStep,
        rateMax: rateMin + rateStep * (count - 1),
      })),
  ),
  withRequired(choiceList.map((rateValues) => ({ type: 'rating', rateValues }))),
  withRequired(
    fc.record({
      type: fc.constantFrom('radiogroup', 'dropdown'),
      choices: choiceList,
      showNoneItem: fc.boolean(),
      showOtherItem: fc.boolean(),
    }),
  ),
  withRequired(
    fc.record(
      {
        type: fc.constant('checkbox'),
        choices: choiceList,
        showNoneItem: fc.boolean(),
        showOtherItem: fc.boolean(),
        maxSelectedChoices: fc.integer({ min: 0, max: 4 }),
      },
      { requiredKeys: ['type', 'choices'] },
    ),
  ),
  withRequired(
    fc.constantFrom(
      { type: 'boolean' },
      { type: 'boolean', valueTrue: 'ja', valueFalse: 'nej' },
      { type: 'boolean', valueTrue: 1, valueFalse: 0 },
    ),
  ),
  withRequired(
    fc.record({ type: fc.constant('text'), maxLength: fc.integer({ min: 1, max: 40 }) }, { requiredKeys: ['type'] }),
  ),
  withRequired(fc.record({ type: fc.constant('comment') })),
  withRequired(
    fc
      .tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 1000 }), fc.boolean())
      .map(([min, span, bounded]) =>
        bounded ? { type: 'text', inputType: 'number', min, max: min + span } : { type: 'text', inputType: 'number' },
      ),
  ),
  fc.constant({ type: 'html', html: '<p>Hej</p>' }),
);

/** Questions, named q0..qn, some of them inside panels. */
const surveyArbitrary = fc
  .array(fc.tuple(elementArbitrary, fc.nat(2)), { minLength: 1, maxLength: 12 })
  .map((parts) => {
    const elements = parts.map(([element, depth], i) => {
      let wrapped: unknown = { ...element, name: `q${i}` };
      for (let d = 0; d < depth; d++) wrapped = { type: 'panel', name: `panel${i}_${d}`, elements: [wrapped] };
      return wrapped;
    });
    return { pages: [{ name: 'p1', elements: [{ type: 'rating', name: 'anchor' }, ...elements] }] };
  });

const text = (maxLength: number) => fc.string({ minLength: 1, maxLength }).filter((s) => s.trim() !== '');

/** The keys one question adds to a submission, with a value it allows. */
function allowedEntry(question: Question): fc.Arbitrary<Record<string, unknown>> {
  const { name } = question;
  const only = (value: unknown) => ({ [name]: value });
  switch (question.kind) {
    case 'single':
      return fc
        .constantFrom(...question.choices.map((choice) => choice.value))
        .chain((value) =>
          value === 'other' && question.otherItem
            ? text(1000).map((other) => ({ [name]: value, [`${name}-Comment`]: other }))
            : fc.constant(only(value)),
        );
    case 'multiple': {
      const plain = question.choices
        .map((choice) => choice.value)
        .filter((value) => !(question.noneItem && value === 'none'));
      const limit = Math.min(question.maxSelected ?? plain.length, plain.length);
      const some = fc.shuffledSubarray(plain, { minLength: 1, maxLength: limit });
      return (question.noneItem ? fc.oneof(fc.constant<ChoiceValue[]>(['none']), some) : some).chain((values) =>
        values.includes('other') && question.otherItem
          ? text(1000).map((other) => ({ [name]: values, [`${name}-Comment`]: other }))
          : fc.constant(only(values)),
      );
    }
    case 'boolean':
      return fc.constantFrom(question.valueTrue, question.valueFalse).map(only);
    case 'text':
      return text(question.maxLength).map(only);
    case 'number':
      return fc
        .double({ min: question.min ?? -1e9, max: question.max ?? 1e9, noNaN: true, noDefaultInfinity: true })
        .map((value) => (value === 0 ? 0 : value))
        .map(only);
    case 'display':
    case 'matrix':
    case 'matrixdropdown':
    case 'matrixdynamic':
    case 'multipletext':
    case 'paneldynamic':
      // The generated surveys hold none of these (tests/core/questionnaireMatrix.test.ts has them).
      return fc.constant({});
  }
}

describe('validateResponse, for any survey and any answers it allows', () => {
  it('accepts them and returns the same values', () => {
    const scenario = surveyArbitrary.chain((json) => {
      const survey = parsed(json);
      const areaQuestion = survey.questions.find((q) => q.kind === 'single' && q.type !== 'rating');
      const entries = survey.questions.map((question) => {
        const answered = allowedEntry(question);
        if (question.mustAnswer || question.kind === 'display') return answered;
        return fc.oneof(answered, fc.constant({}), fc.constant({ [question.name]: null }));
      });
      return fc
        .tuple(...entries)
        .map((parts) => ({ survey, areaQuestion, answers: Object.assign({}, ...parts) as Record<string, unknown> }));
    });
    fc.assert(
      fc.property(scenario, ({ survey, areaQuestion, answers }) => {
        const mapping: BackgroundMapping = areaQuestion ? { area: areaQuestion.name } : {};
        const result = validateResponse(survey, mapping, answers, 'sv');
        if (!result.ok) throw new Error(`refused ${JSON.stringify(answers)}: ${JSON.stringify(result.errors)}`);
        const answered = Object.fromEntries(Object.entries(answers).filter(([, value]) => value !== null));
        expect({ ...result.answers }).toEqual(answered);
        const area = areaQuestion ? answers[areaQuestion.name] : undefined;
        expect(result.background.area).toBe(area === undefined || area === null ? null : String(area));
      }),
      { numRuns: 300 },
    );
  });
});
