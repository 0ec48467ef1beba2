// For any answers made of allowed values, some left out, the server and survey-core's page judge a
// questionnaire alike: one of matrices, a multiple text and a dynamic panel, and one of the simple
// questions with the rules the page checks (validators, limits, steps, dates).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pageAccepts, serverVerdict } from './questionnaireHelpers.ts';

const survey = {
  elements: [
    {
      type: 'matrix',
      name: 'attitudes',
      rows: ['future', 'proud', 'safe'],
      columns: ['1|Disagree', '2|Neither', '3|Agree'],
      eachRowRequired: true,
      eachRowUnique: false,
    },
    {
      type: 'matrixdropdown',
      name: 'services',
      rows: ['school', 'shop'],
      choices: [1, 2, 3],
      columns: [
        { name: 'grade', isRequired: true },
        { name: 'note', cellType: 'text', validators: [{ type: 'text', maxLength: 5 }] },
      ],
    },
    {
      type: 'multipletext',
      name: 'contact',
      items: [
        { name: 'name', isRequired: true },
        { name: 'age', inputType: 'number', validators: [{ type: 'numeric', minValue: 16, maxValue: 99 }] },
      ],
    },
    {
      type: 'matrixdynamic',
      name: 'trips',
      rowCount: 1,
      maxRowCount: 3,
      keyName: 'place',
      columns: [
        { name: 'place', cellType: 'text', isRequired: true },
        { name: 'mode', choices: ['car', 'bus'] },
      ],
    },
    { type: 'matrix', name: 'ranks', rows: ['a', 'b'], columns: [1, 2, 3], eachRowUnique: true },
    {
      type: 'paneldynamic',
      name: 'children',
      maxPanelCount: 4,
      templateElements: [
        { type: 'text', name: 'age', inputType: 'number', min: 0, max: 25, isRequired: true },
        { type: 'checkbox', name: 'ways', choices: ['walk', 'bus', 'car'], minSelectedChoices: 2 },
      ],
    },
  ],
};

/** A record, mostly complete, now and then with some of its keys left out. */
const some = <T>(entries: Record<string, fc.Arbitrary<T>>) =>
  fc.oneof(
    { arbitrary: fc.record(entries), weight: 5 },
    { arbitrary: fc.record(entries, { requiredKeys: [] }), weight: 1 },
  ) as fc.Arbitrary<Record<string, T>>;
const mostly = <T>(usual: T, rare: T) =>
  fc.oneof({ arbitrary: fc.constant(usual), weight: 6 }, { arbitrary: fc.constant(rare), weight: 1 });

const answers = some<unknown>({
  attitudes: some({
    future: fc.constantFrom('1', '2', '3'),
    proud: fc.constantFrom('1', '2', '3'),
    safe: fc.constantFrom('1', '2', '3'),
  }),
  services: some({
    school: some<unknown>({ grade: fc.constantFrom(1, 2, 3), note: mostly('ok', 'far too long') }),
    shop: some<unknown>({ grade: fc.constantFrom(1, 2, 3), note: mostly('ok', 'far too long') }),
  }),
  contact: some<unknown>({
    name: fc.constantFrom('Eva', 'Ali'),
    age: fc.oneof(fc.integer({ min: 16, max: 99 }), fc.integer({ min: 10, max: 110 })),
  }),
  // At least one row: the page's starting row; no rows is a state only removing rows reaches
  // (tests/core/questionnaireMatrix.test.ts).
  trips: fc.array(some<unknown>({ place: fc.constantFrom('Visby', 'Slite'), mode: fc.constantFrom('car', 'bus') }), {
    minLength: 1,
    maxLength: 3,
  }),
  ranks: some({ a: fc.constantFrom(1, 2, 3), b: fc.constantFrom(1, 2, 3) }),
  children: fc.array(
    some<unknown>({
      age: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 25 }), weight: 5 }, fc.integer({ min: -2, max: 30 })),
      ways: fc.subarray(['walk', 'bus', 'car'], { minLength: 1 }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
});

describe('matrices, multiple text and dynamic panels, for any answers of allowed values', () => {
  it('are accepted by the server exactly when the page accepts them', () => {
    fc.assert(
      fc.property(answers, (drawn) => {
        const given = { trips: [{ place: 'Visby' }], ...drawn };
        expect(serverVerdict(survey, given).ok).toBe(pageAccepts(survey, given));
      }),
      { numRuns: 120 },
    );
  }, 60_000);
});

const simple = {
  elements: [
    { type: 'radioGroup', name: 'price', choices: ['low|Too low', 'ok|Fine', 'high|Too high'], isRequired: true },
    { type: 'rating', name: 'trust', rateMin: 1, rateMax: 5 },
    {
      type: 'checkbox',
      name: 'ways',
      choices: ['walk', 'bus', 'car'],
      showNoneItem: true,
      minSelectedChoices: 2,
      maxSelectedChoices: 3,
    },
    { type: 'text', name: 'code', validators: [{ type: 'regex', regex: '^[A-Z]{2}\\d$' }] },
    { type: 'text', name: 'mail', inputType: 'email' },
    { type: 'text', name: 'word', validators: [{ type: 'text', minLength: 2, maxLength: 6, allowDigits: false }] },
    { type: 'text', name: 'n', inputType: 'number', min: 0, max: 50, step: 5 },
    { type: 'text', name: 'day', inputType: 'date', min: '2024-01-01', max: '2024-12-31' },
    { type: 'boolean', name: 'member', isRequired: true },
  ],
};

/** Mostly a value the page accepts, now and then one it refuses. */
const goodOrBad = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: good, weight: 8 }, { arbitrary: bad, weight: 1 });

const simpleAnswers = some<unknown>({
  price: fc.constantFrom('low', 'ok', 'high'),
  trust: fc.integer({ min: 1, max: 5 }),
  ways: goodOrBad(
    fc.oneof(fc.constant(['none']), fc.subarray(['walk', 'bus', 'car'], { minLength: 2 })),
    fc.subarray(['walk', 'bus', 'car'], { maxLength: 1 }),
  ),
  code: goodOrBad(fc.constantFrom('AB1', 'XY9'), fc.constantFrom('ab1', 'ABC', 'XY9 ')),
  mail: goodOrBad(fc.constantFrom('eva@example.se', ''), fc.constantFrom('eva@', 'eva example.se')),
  word: goodOrBad(fc.constantFrom('ok', 'abc', 'a1b'), fc.constantFrom('a', 'longword', 'abc1')),
  n: goodOrBad(fc.constantFrom(0, 5, 50), fc.integer({ min: -5, max: 55 })),
  day: goodOrBad(fc.constantFrom('2024-05-17', '2024-01-01'), fc.constantFrom('2023-12-31', '2025-01-01')),
  member: fc.boolean(),
});

describe('the simple questions, for any answers of allowed values', () => {
  it('are accepted by the server exactly when the page accepts them', () => {
    fc.assert(
      fc.property(simpleAnswers, (given) => {
        expect(serverVerdict(simple, given).ok).toBe(pageAccepts(simple, given));
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});
