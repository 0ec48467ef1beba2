// Matrices, multiple texts and dynamic panels: read, their answers checked part by part, judged
// as survey-core's page judges them (where the server is stricter, the test says so), stored, and
// folded without disturbing the counts indicators read.
import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { aggregateResponses } from '../../functions/core/aggregates.ts';
import { checkQuestionnaire } from '../../functions/core/questionnaire/check.ts';
import { Answer, type Indicator } from '../../functions/core/schemas.ts';
import { createScorer } from '../../functions/core/scoring.ts';
import { accepted, errorsOf, pageAccepts, parsed, refused, sameVerdict, withElements } from './questionnaireHelpers.ts';

const attitudes = {
  type: 'matrix',
  name: 'attitudes',
  title: 'How much do you agree?',
  rows: [
    { value: 'future', text: 'My village has a future' },
    { value: 'proud', text: 'I am proud of my village' },
  ],
  columns: [
    { value: 1, text: 'Disagree' },
    { value: 2, text: 'Neither' },
    { value: 3, text: 'Agree' },
  ],
};

describe('matrix (a Likert grid)', () => {
  it('takes an object of row -> column value, each checked', () => {
    const json = withElements(attitudes);
    expect(accepted(json, { attitudes: { future: 3, proud: '1' } })).toEqual({ attitudes: { future: 3, proud: 1 } });
    expect(refused(json, { attitudes: { future: 4 } })).toEqual([
      { field: 'attitudes', message: 'Row "future": The answer 4 is not one of the choices.' },
    ]);
    expect(refused(json, { attitudes: { later: 1 } })).toEqual([
      { field: 'attitudes', message: 'The row "later" is not in the question.' },
    ]);
    expect(refused(json, { attitudes: [1, 2] })[0]!.message).toBe(
      'The answer must be an object with one answer per row.',
    );
    expect(refused(json, { attitudes: { future: 9 } }, 'sv')[0]!.message).toBe(
      'Rad ”future”: Svaret 9 finns inte bland svarsalternativen.',
    );
  });

  it('requires every row with eachRowRequired (isAllRowRequired), one row with isRequired, as survey-core does', () => {
    const all = withElements({ ...attitudes, isAllRowRequired: true });
    const one = withElements({ ...attitudes, isRequired: true });
    for (const answers of [{}, { attitudes: { future: 1 } }, { attitudes: { future: 1, proud: 2 } }]) {
      expect(sameVerdict(all, answers)).toEqual({ page: pageAccepts(all, answers), server: pageAccepts(all, answers) });
      expect(sameVerdict(one, answers)).toEqual({ page: pageAccepts(one, answers), server: pageAccepts(one, answers) });
    }
    expect(refused(all, { attitudes: { future: 1 } })).toEqual([
      { field: 'attitudes', message: 'Please answer every row.' },
    ]);
    expect(accepted(one, { attitudes: { proud: 2 } })).toEqual({ attitudes: { proud: 2 } });
  });

  it('refuses the same answer in two rows with eachRowUnique', () => {
    const json = withElements({ ...attitudes, eachRowUnique: true });
    expect(sameVerdict(json, { attitudes: { future: 1, proud: 1 } })).toEqual({ page: false, server: false });
    expect(sameVerdict(json, { attitudes: { future: 1, proud: 2 } })).toEqual({ page: true, server: true });
  });

  it('is stricter than the page about a cell outside the columns, which survey-core does not check', () => {
    const json = withElements(attitudes);
    expect(pageAccepts(json, { attitudes: { future: 7 } })).toBe(true);
    expect(refused(json, { attitudes: { future: 7 } })[0]!.field).toBe('attitudes');
  });

  it('takes a list of columns per row with cellType checkbox', () => {
    const json = withElements({ ...attitudes, cellType: 'checkbox' });
    expect(accepted(json, { attitudes: { future: [1, 3] } })).toEqual({ attitudes: { future: [1, 3] } });
    expect(refused(json, { attitudes: { future: [1, 1] } })[0]!.message).toBe(
      'Row "future": The answer 1 is chosen twice.',
    );
  });

  it('refuses a matrix without rows or columns', () => {
    expect(errorsOf(withElements({ type: 'matrix', name: 'm', columns: [1] }))[0]!.message).toBe(
      'the matrix "m" has no rows',
    );
  });
});

const services = {
  type: 'matrixdropdown',
  name: 'services',
  rows: ['school', 'shop'],
  choices: [1, 2, 3, 4, 5],
  columns: [
    { name: 'grade', isRequired: true },
    { name: 'used', cellType: 'boolean' },
    { name: 'why', cellType: 'text', validators: [{ type: 'text', maxLength: 10 }] },
    { name: 'how', cellType: 'checkbox', choices: ['car', 'bus'] },
  ],
};

describe('matrixdropdown', () => {
  it("takes row -> column -> cell, each cell checked as its column's question", () => {
    const json = withElements(services);
    const answers = { services: { school: { grade: 4, used: true, how: ['bus'] }, shop: { grade: '2', why: 'far' } } };
    expect(accepted(json, answers)).toEqual({
      services: { school: { grade: 4, used: true, how: ['bus'] }, shop: { grade: 2, why: 'far' } },
    });
    expect(refused(json, { services: { school: { grade: 9 }, shop: { grade: 1, nope: 1 } } })).toEqual([
      { field: 'services', message: 'Row "school", column "grade": The answer 9 is not one of the choices.' },
      { field: 'services', message: 'Row "shop": The column "nope" is not in the question.' },
    ]);
    expect(
      refused(json, { services: { school: { grade: 1 }, shop: { grade: 1, why: 'much too far away' } } })[0]!.message,
    ).toBe('Row "shop", column "why": The answer is too long: 17 characters, at most 10 allowed.');
  });

  it('requires a required column in every row, the matrix answered or not, as survey-core does', () => {
    const json = withElements(services);
    for (const answers of [
      {},
      { services: { school: { grade: 1 } } },
      { services: { school: { grade: 1 }, shop: { grade: 5 } } },
    ]) {
      expect(sameVerdict(json, answers).server).toBe(pageAccepts(json, answers));
    }
    expect(refused(json, { services: { school: { grade: 1 } } })).toEqual([
      { field: 'services', message: 'Row "shop", column "grade": This question must be answered.' },
    ]);
  });

  it('refuses a column type it cannot check, naming it', () => {
    const json = withElements({ ...services, columns: [{ name: 'file', cellType: 'file' }] });
    expect(errorsOf(json)[0]!.message).toMatch(/^the column "file" has the cell type "file"/);
  });
});

describe('matrixdynamic', () => {
  const json = withElements({
    type: 'matrixdynamic',
    name: 'trips',
    maxRowCount: 3,
    keyName: 'place',
    columns: [
      { name: 'place', cellType: 'text', isRequired: true },
      { name: 'mode', choices: ['car', 'bus'] },
    ],
  });

  it('takes a list of rows, each checked as a matrixdropdown row', () => {
    expect(accepted(json, { trips: [{ place: 'Visby', mode: 'bus' }, { place: 'Slite' }] })).toEqual({
      trips: [{ place: 'Visby', mode: 'bus' }, { place: 'Slite' }],
    });
    expect(refused(json, { trips: [{ place: 'Visby', mode: 'boat' }] })).toEqual([
      { field: 'trips', message: 'Row 1, column "mode": The answer "boat" is not one of the choices.' },
    ]);
  });

  it('judges required cells and a repeated key as survey-core does', () => {
    for (const answers of [
      { trips: [{ place: 'Visby' }] },
      { trips: [{ mode: 'car' }] },
      { trips: [{ place: 'Visby' }, { place: 'Visby' }] },
      { trips: [{ place: 'Visby' }, { place: 'Slite' }] },
    ])
      expect(sameVerdict(json, answers).server, JSON.stringify(answers)).toBe(pageAccepts(json, answers));
  });

  it('takes no rows as no answer: the page sends none when the resident removed its starting rows', () => {
    const page = new Model(json);
    page.getQuestionByName('trips').removeRow(0);
    page.getQuestionByName('trips').removeRow(0);
    expect(page.validate(false, false)).toBe(true);
    expect(page.data).toEqual({});
    expect(accepted(json, page.data)).toEqual({});
    expect(accepted(json, { trips: [] })).toEqual({});
  });

  it('refuses more rows than maxRowCount, which the page cannot add', () => {
    const rows = ['a', 'b', 'c', 'd'].map((place) => ({ place }));
    expect(refused(json, { trips: rows })[0]!.message).toBe('At most 3 rows are allowed.');
  });
});

describe('multipletext', () => {
  const json = withElements({
    type: 'multipletext',
    name: 'contact',
    items: [
      { name: 'name', isRequired: true },
      { name: 'email', inputType: 'email' },
      { name: 'age', inputType: 'number', validators: [{ type: 'numeric', minValue: 16, maxValue: 120 }] },
    ],
  });

  it('takes item -> text, each item checked as a text question', () => {
    expect(accepted(json, { contact: { name: 'Eva', age: '42' } })).toEqual({ contact: { name: 'Eva', age: 42 } });
    expect(refused(json, { contact: { name: 'Eva', email: 'not an address' } })).toEqual([
      { field: 'contact', message: '"email": The answer must be an e-mail address.' },
    ]);
    expect(refused(json, { contact: { name: 'Eva', age: 12 } })[0]!.message).toBe(
      '"age": The value 12 is outside the range 16–120.',
    );
  });

  it('requires a required item, as survey-core does', () => {
    for (const answers of [
      {},
      { contact: { age: 30 } },
      { contact: { name: 'Eva' } },
      { contact: { name: 'Eva', age: 12 } },
    ])
      expect(sameVerdict(json, answers).server).toBe(pageAccepts(json, answers));
  });
});

describe('paneldynamic', () => {
  const json = withElements({
    type: 'paneldynamic',
    name: 'children',
    maxPanelCount: 3,
    templateElements: [
      { type: 'text', name: 'age', inputType: 'number', min: 0, max: 25, isRequired: true },
      { type: 'radiogroup', name: 'school', choices: ['here', 'elsewhere'] },
    ],
  });

  it("takes a list of panels keyed by the template's question names", () => {
    const answers = { children: [{ age: 7, school: 'here' }, { age: '15' }] };
    expect(accepted(json, answers)).toEqual({ children: [{ age: 7, school: 'here' }, { age: 15 }] });
    expect(sameVerdict(json, answers)).toEqual({ page: true, server: true });
  });

  it('checks each panel as the template says, as survey-core does', () => {
    for (const answers of [
      { children: [{ school: 'here' }] },
      { children: [{ age: 30 }] },
      { children: [{ age: 3 }, { age: 4, school: 'abroad' }] },
    ]) {
      const { page, server } = sameVerdict(json, answers);
      if (JSON.stringify(answers).includes('abroad'))
        expect(server).toBe(false); // the page does not check choices
      else expect(server).toBe(page);
    }
    expect(refused(json, { children: [{ age: 3 }, { school: 'here', pet: 'cat' }] })).toEqual([
      { field: 'children', message: 'Panel 2, "age": This question must be answered.' },
      { field: 'children', message: 'Panel 2, "pet": Unknown question.' },
    ]);
  });

  it('refuses more panels than maxPanelCount, which the page cannot add', () => {
    expect(refused(json, { children: [{ age: 1 }, { age: 2 }, { age: 3 }, { age: 4 }] })[0]!.message).toBe(
      'At most 3 panels are allowed.',
    );
    expect(refused(json, { children: { age: 1 } })[0]!.message).toBe(
      'The answer must be a list with one object per panel.',
    );
  });
});

describe('paneldynamic: minPanelCount and keyName', () => {
  const json = withElements({
    type: 'paneldynamic',
    name: 'people',
    keyName: 'name',
    minPanelCount: 2,
    templateElements: [
      { type: 'text', name: 'name' },
      { type: 'text', name: 'role', isRequired: true },
    ],
  });

  it('checks the panels sent, as survey-core does', () => {
    for (const answers of [
      { people: [{ name: 'a', role: 'x' }] },
      { people: [{ name: 'a' }] },
      { people: [{}] },
      {
        people: [
          { name: 'a', role: 'x' },
          { name: 'b', role: 'y' },
        ],
      },
    ])
      expect(sameVerdict(json, answers).server, JSON.stringify(answers)).toBe(pageAccepts(json, answers));
  });

  it('takes no panels as no answer: the page sends none when the resident removed its starting panels', () => {
    const page = new Model(json);
    const people = page.getQuestionByName('people');
    expect(page.validate(false, false)).toBe(false);
    while (people.panelCount > 0) people.removePanel(0);
    expect(page.validate(false, false)).toBe(true);
    expect(page.data).toEqual({});
    expect(accepted(json, page.data)).toEqual({});
  });

  it('refuses the same key in two panels, as survey-core does', () => {
    const answers = {
      people: [
        { name: 'a', role: 'x' },
        { name: 'a', role: 'y' },
      ],
    };
    expect(sameVerdict(json, answers)).toEqual({ page: false, server: false });
    expect(refused(json, answers)).toEqual([
      { field: 'people', message: 'Panel 2, "name": The answer "a" is already given in another panel.' },
    ]);
  });
});

describe('answers with parts, stored and folded', () => {
  const json = withElements({ type: 'rating', name: 'trust' }, attitudes, services);
  const answers = accepted(json, {
    trust: 4,
    attitudes: { future: 3, proud: 2 },
    services: { school: { grade: 4 }, shop: { grade: 2 } },
  });

  it("are stored in the question's order of rows and columns, whatever order they came in", () => {
    const reversed = accepted(json, {
      services: { shop: { grade: 2 }, school: { grade: 4 } },
      attitudes: { proud: 2, future: 3 },
      trust: 4,
    });
    expect(JSON.stringify(reversed.attitudes)).toBe(JSON.stringify(answers.attitudes));
    expect(JSON.stringify(reversed.services)).toBe(JSON.stringify(answers.services));
  });

  it('fit the stored answer shape', () => {
    for (const answer of Object.values(answers)) expect(Answer.safeParse(answer).success).toBe(true);
  });

  it('leave the counts of the items indicators read as they were', () => {
    const indicators: Indicator[] = [{ id: 'trust', kind: 'mean', items: ['trust'], scale: [1, 5] }];
    const background = { area: 'a', age_band: null, gender: null };
    const round = aggregateResponses(createScorer(indicators), [
      { background, answers },
      { background, answers: { trust: 2 } },
    ]);
    const cell = Object.values(round.cells)[0]!;
    expect(cell.respondents).toBe(2);
    expect(cell.indicators['trust']).toEqual({ n: 2, sum: 6, sumSq: 20 });
    expect(cell.answers).toEqual({ trust: { '2': 1, '4': 1 } });
  });

  it('are indicator items by row (tests/core/matrixIndicators.test.ts); the whole grid and a matrixdropdown are not', () => {
    const survey = parsed(json);
    const problems = checkQuestionnaire(
      survey,
      [
        { id: 'future', kind: 'mean', items: ['attitudes.future'], scale: [1, 3] },
        { id: 'grid', kind: 'mean', items: ['attitudes'], scale: [1, 3] },
        { id: 'svc', kind: 'mean', items: ['services'], scale: [1, 5] },
      ],
      {},
      [],
    );
    expect(problems.map((problem) => problem.message)).toEqual([
      '"attitudes" is a matrix with an answer per row: name one of its rows as the item, as "attitudes.future"',
      '"services" is a matrixdropdown question with several answers; an indicator reads one answer',
    ]);
  });
});
