// A questionnaire must feed the project's breakdown and weighting: without `background` each
// variable is the question of its name; a mapping that lacks a variable the project's groupBy or
// weighting.strata needs is refused naming both. Share answers are compared exactly as spelt:
// choices Yes/No under a positive value "yes" are refused, and so is a resident's "Yes" to yes/no.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInTemplate } from '../../functions/core/template.ts';
import { startCheckedApi, type TestApi } from '../support/api.ts';

let api: TestApi;
const areas = [
  { id: 'gardeby', name: 'Gårdeby' },
  { id: 'bottna', name: 'Bottna' },
];
const template = builtInTemplate(areas);
const en = { 'accept-language': 'en' };

beforeAll(async () => {
  api = await startCheckedApi();
});
afterAll(async () => api.close());

async function newProject(settings: Record<string, unknown>): Promise<string> {
  const reply = await api.call('POST', '/api/projects', { body: { name: 'Mapping', areas, ...settings } });
  expect(reply.status).toBe(201);
  return reply.json.id;
}

const weightedByArea = {
  groupBy: ['area'],
  weighting: { strata: ['area'], population: areas.map((a) => ({ area: a.id, population: 100 })) },
};

/** The template's survey with one question changed. */
function surveyWith(name: string, change: (question: Record<string, unknown>) => void): Record<string, unknown> {
  const survey = structuredClone(template.survey) as { pages: { elements: Record<string, unknown>[] }[] };
  const question = survey.pages.flatMap((page) => page.elements).find((element) => element.name === name);
  if (!question) throw new Error(`no question ${name} in the template`);
  change(question);
  return survey;
}

const postQuestionnaire = (projectId: string, body: unknown) =>
  api.call('POST', `/api/projects/${projectId}/questionnaires`, { body, headers: en });

describe('the background mapping of a questionnaire', () => {
  it('maps each background variable to the question of its name when `background` is omitted', async () => {
    const projectId = await newProject(weightedByArea);
    const created = await postQuestionnaire(projectId, { survey: template.survey, indicators: template.indicators });
    expect(created.status).toBe(201);
    const stored = await api.call('GET', `/api/projects/${projectId}/questionnaires/${created.json.id}`);
    expect(stored.json.background).toEqual({ area: 'area', age_band: 'age_band', gender: 'gender' });
  });

  it('refuses a mapping without area under a project that groups and weights by area, naming both settings', async () => {
    const projectId = await newProject(weightedByArea);
    const refused = await postQuestionnaire(projectId, {
      survey: template.survey,
      indicators: template.indicators,
      background: { age_band: 'age_band', gender: 'gender' },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.errors).toEqual([
      {
        field: 'background.area',
        message: expect.stringContaining(
          "no question is mapped to area, which the project's groupBy and weighting.strata need",
        ),
      },
    ]);
    expect(refused.json.errors[0].message).toContain('the survey\'s question "area" is not mapped');
    expect((await api.call('GET', `/api/projects/${projectId}`)).json.questionnaires).toHaveLength(0);
  });

  it('refuses a survey with no question of the name when `background` is omitted, naming the one setting', async () => {
    const projectId = await newProject({ groupBy: ['area', 'gender'] });
    const survey = surveyWith('gender', (q) => {
      q.name = 'kon';
    });
    const refused = await postQuestionnaire(projectId, { survey, indicators: template.indicators });
    expect(refused.status).toBe(400);
    expect(refused.json.errors).toEqual([
      {
        field: 'background.gender',
        message:
          "no question is mapped to gender, which the project's groupBy needs: name the question that asks it under background.gender",
      },
    ]);
    // Named explicitly, the same survey is taken.
    const taken = await postQuestionnaire(projectId, {
      survey,
      indicators: template.indicators,
      background: { area: 'area', gender: 'kon' },
    });
    expect(taken.status).toBe(201);
  });

  it('takes a questionnaire without an area question under a project that neither groups nor weights by area', async () => {
    const projectId = await newProject({ groupBy: [] });
    const created = await postQuestionnaire(projectId, {
      survey: template.survey,
      indicators: template.indicators,
      background: {},
    });
    expect(created.status).toBe(201);
  });
});

describe('a round on a questionnaire stored before its project needed a background variable', () => {
  it("is refused naming the questionnaire's missing mapping", async () => {
    const projectId = await newProject(weightedByArea);
    const questionnaireId = randomUUID();
    // Stored directly, as a version from before the check was.
    await api.deps.store.questionnaires.create({
      id: questionnaireId,
      projectId,
      survey: template.survey,
      indicators: template.indicators,
      background: { age_band: 'age_band' },
      createdAt: new Date().toISOString(),
    });
    const refused = await api.call('POST', `/api/projects/${projectId}/rounds`, {
      body: { kind: 'baseline', name: 'Nollmätning', questionnaireId, access: 'open' },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.errors).toEqual([
      {
        field: 'questionnaireId',
        message: expect.stringContaining("the questionnaire's background.area: no question is mapped to area"),
      },
    ]);
  });
});

describe('share answers spelt otherwise', () => {
  it('refuses a share question with choices Yes/No where the positive value is "yes", with "did you mean"', async () => {
    const projectId = await newProject({});
    const survey = surveyWith('q_aware_project', (q) => {
      q.choices = ['Yes', 'No'];
    });
    const aware = template.indicators.findIndex((def) => def.id === 'aware');
    const refused = await postQuestionnaire(projectId, { survey, indicators: template.indicators });
    expect(refused.status).toBe(400);
    expect(refused.json.errors).toContainEqual({
      field: `indicators[${aware}].positive[0]`,
      message: 'positive value "yes" is not an answer "q_aware_project" allows ("Yes", "No"); did you mean "Yes"?',
    });
    expect(refused.json.errors).toContainEqual({
      field: `indicators[${aware}].values[1]`,
      message: 'value "no" is not an answer "q_aware_project" allows ("Yes", "No"); did you mean "No"?',
    });
  });

  it('refuses a resident\'s "Yes", "yes " or "Ja" to a question whose choices are yes/no, naming the question', async () => {
    const projectId = await newProject({});
    const questionnaireId = (await postQuestionnaire(projectId, template)).json.id;
    const roundId = (
      await api.call('POST', `/api/projects/${projectId}/rounds`, {
        body: { kind: 'baseline', name: 'Open', questionnaireId, access: 'open' },
      })
    ).json.id;
    const submit = (answer: string, headers: Record<string, string> = en) =>
      api.call('POST', `/api/public/rounds/${roundId}/responses`, {
        token: null,
        body: { responseId: randomUUID(), answers: { q_nki_overall: 8, area: 'bottna', q_aware_project: answer } },
        headers,
      });
    for (const [answer, message] of [
      ['Yes', 'The answer "Yes" is not one of the choices. Did you mean "yes"?'],
      ['yes ', 'The answer "yes " is not one of the choices. Did you mean "yes"?'],
      ['Ja', 'The answer "Ja" is not one of the choices.'],
    ] as const) {
      const refused = await submit(answer);
      expect(refused.status).toBe(400);
      expect(refused.json.errors).toEqual([{ field: 'q_aware_project', message }]);
    }
    const swedish = await submit('No', { 'accept-language': 'sv' });
    expect(swedish.json.errors).toEqual([
      { field: 'q_aware_project', message: 'Svaret ”No” finns inte bland svarsalternativen. Menade du ”no”?' },
    ]);
    expect((await submit('yes')).status).toBe(201);
  });
});
