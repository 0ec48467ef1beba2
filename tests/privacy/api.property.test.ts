// The same attacker against the real API on dynalite: random projects submitted through the public
// route, then everything the dashboard and the report read (the comparison, both rounds'
// indicators and response counts, the CSV made from the comparison, the free-text listing), read
// from the rounds' final releases.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_GRACE_MS } from '../../functions/core/releases.ts';
import { foldRound } from '../../functions/fold/fold.ts';
import { comparisonRows } from '../../web/src/dashboard/csv.ts';
import type { DashboardData } from '../../web/src/dashboard/data.ts';
import { startTestApi, type TestApi } from '../support/api.ts';
import {
  attack,
  attackWeighted,
  comparisonFacts,
  countFacts,
  csvFacts,
  readingFacts,
  type Respondent,
  type Truth,
  type WeightedFact,
  type Which,
  weightedFact,
} from './attacker.ts';
import { AGE_BANDS, AREAS, GENDERS, INDICATORS, scenarioArb, type Scenario } from './generate.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api.close());

const rating = (name: string, hi: number) => ({
  type: 'rating',
  name,
  rateValues: [...Array.from({ length: hi }, (_, i) => i + 1), 'dk'],
});
const SURVEY = {
  pages: [
    {
      name: 'p1',
      elements: [
        { type: 'dropdown', name: 'area', choices: [...AREAS] },
        { type: 'dropdown', name: 'age_band', choices: [...AGE_BANDS] },
        { type: 'dropdown', name: 'gender', choices: [...GENDERS] },
        rating('q1', 10),
        rating('q2', 10),
        rating('q3', 10),
        rating('q4', 5),
        { type: 'radiogroup', name: 'q5', choices: ['yes', 'no', 'dk'] },
        { type: 'comment', name: 'idea', title: { sv: 'Din idé', en: 'Your idea' } },
        { type: 'text', name: 'wish', title: 'Önskan' },
      ],
    },
  ],
};

let counter = 0;
/** Response ids that sort in submission order (so that storage order would show through). */
function nextResponseId(): string {
  counter += 1;
  return `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
}

interface Loaded {
  projectId: string;
  rounds: Record<Which, string>;
  responseIds: string[];
  texts: Record<Which, Record<'idea' | 'wish', string[]>>;
}

/** Creates the scenario's project and submits every respondent, with free texts for some. */
async function load(scenario: Scenario, textRate: number): Promise<Loaded> {
  // The API takes no weighting as "no key" (null is refused).
  const { weighting, ...settings } = scenario.settings;
  const project = await api.call('POST', '/api/projects', {
    body: {
      name: 'privacy',
      areas: AREAS.map((id) => ({ id, name: `Area ${id}` })),
      ...settings,
      ...(weighting ? { weighting } : {}),
    },
  });
  expect(project.status, project.text).toBe(201);
  const projectId = project.json.id as string;
  const questionnaire = await api.call('POST', `/api/projects/${projectId}/questionnaires`, {
    body: {
      survey: SURVEY,
      indicators: INDICATORS,
      background: { area: 'area', age_band: 'age_band', gender: 'gender' },
    },
  });
  expect(questionnaire.status, questionnaire.text).toBe(201);
  const loaded: Loaded = {
    projectId,
    rounds: { baseline: '', followup: '' },
    responseIds: [],
    texts: { baseline: { idea: [], wish: [] }, followup: { idea: [], wish: [] } },
  };
  for (const kind of ['baseline', 'followup'] as const) {
    const round = await api.call('POST', `/api/projects/${projectId}/rounds`, {
      body: { kind, name: kind, questionnaireId: questionnaire.json.id, access: 'open' },
    });
    loaded.rounds[kind] = round.json.id;
    for (const [i, r] of scenario.rounds[kind].entries()) {
      const answers: Record<string, unknown> = { ...r.answers };
      for (const v of ['area', 'age_band', 'gender'] as const)
        if (r.background[v] !== null) answers[v] = r.background[v];
      // Deterministic per respondent: some answer the free-text questions, with a marker each.
      for (const q of ['idea', 'wish'] as const) {
        if ((i * (q === 'idea' ? 7 : 3)) % 10 < textRate * 10) {
          const text = `${q}-${kind}-${i} marker-${Math.random().toString(36).slice(2)}`;
          answers[q] = text;
          loaded.texts[kind][q].push(text);
        }
      }
      const responseId = nextResponseId();
      loaded.responseIds.push(responseId);
      const result = await api.call('POST', `/api/public/rounds/${loaded.rounds[kind]}/responses`, {
        token: null,
        body: { responseId, answers },
      });
      expect(result.status, result.text).toBe(201);
    }
    // Evaluators read releases; free text comes with the final one: close the round and fold past the close.
    expect((await api.call('POST', `/api/rounds/${loaded.rounds[kind]}/close`)).status).toBe(200);
    const stored = (await api.deps.store.rounds.get(loaded.rounds[kind]))!;
    await foldRound(api.deps.store, stored, { now: Date.now() + CLOSE_GRACE_MS + 100, settleMs: 0 });
  }
  return loaded;
}

async function get(path: string, token = api.adminToken) {
  const result = await api.call('GET', path, { token });
  expect(result.status, `${path}: ${result.text}`).toBe(200);
  return result;
}

const RUNS = Number(process.env.PRIVACY_API_RUNS ?? 8);

describe('what the dashboard and the report read, against the attacker', () => {
  it(`gives away no group under k and no free text next to background data (${RUNS} random projects through the API)`, async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, fc.constantFrom(0.2, 0.5, 0.9), async (scenario, textRate) => {
        const loaded = await load(scenario, textRate);
        const { projectId, rounds } = loaded;
        const evaluator = await api.deps.tokens.issue('evaluator', projectId);
        const truth: Truth = { rounds: scenario.rounds, indicators: INDICATORS, k: scenario.settings.minGroupSize! };
        const comparison = await get(
          `/api/projects/${projectId}/comparison?baseline=${rounds.baseline}&followup=${rounds.followup}`,
          evaluator,
        );
        const csv = comparisonRows({
          comparison: comparison.json,
          baseline: { name: 'baseline' },
          followup: { name: 'followup' },
          indicators: INDICATORS,
          project: { areas: AREAS.map((id) => ({ id, name: `Area ${id}` })) },
        } as unknown as Pick<DashboardData, 'comparison' | 'baseline' | 'followup' | 'indicators' | 'project'>);
        const facts = [...comparisonFacts(comparison.json, truth), ...csvFacts(csv, truth)];
        const variable = scenario.settings.weighting?.strata[0];
        const weighted: WeightedFact[] = [];
        const published: string[] = [comparison.text, JSON.stringify(csv)];
        for (const which of ['baseline', 'followup'] as const) {
          const indicators = await get(`/api/rounds/${rounds[which]}/indicators`, evaluator);
          const counts = await get(`/api/rounds/${rounds[which]}`, evaluator);
          facts.push(...readingFacts(which, indicators.json.indicators, truth), ...countFacts(which, counts.json));
          if (variable) {
            for (const [id, reading] of Object.entries<{ weighted?: Parameters<typeof weightedFact>[3] }>(
              indicators.json.indicators,
            ))
              if (reading.weighted) weighted.push(weightedFact(which, id, variable, reading.weighted, 'indicators'));
            for (const [id, ind] of Object.entries<{ weighted: Record<Which, Parameters<typeof weightedFact>[3]> }>(
              comparison.json.indicators,
            ))
              weighted.push(weightedFact(which, id, variable, ind.weighted[which], 'comparison'));
          }
          published.push(indicators.text, counts.text);

          // The free-text listing: the texts alone, all of them, or nothing under k.
          const texts = await get(`/api/rounds/${rounds[which]}/texts`, evaluator);
          expect(Object.keys(texts.json).sort()).toEqual([
            'minGroupSize',
            'preliminary',
            'questions',
            'release',
            'round',
          ]);
          expect(texts.json.release).toMatchObject({ final: true, n: scenario.rounds[which].length });
          expect(texts.json.questions.map((q: { question: string }) => q.question)).toEqual(['idea', 'wish']);
          for (const q of texts.json.questions) {
            expect(Object.keys(q).sort()).toEqual(['answers', 'n', 'question', 'suppressed', 'title']);
            const sent = loaded.texts[which][q.question as 'idea' | 'wish'];
            if (sent.length < truth.k) expect(q).toMatchObject({ suppressed: true, n: null, answers: [] });
            else {
              expect(q).toMatchObject({ suppressed: false, n: sent.length });
              expect([...q.answers].sort()).toEqual([...sent].sort());
            }
            for (const answer of q.answers) expect(typeof answer).toBe('string');
          }
          // No response id, time or background value anywhere in the listing.
          for (const id of loaded.responseIds) expect(texts.text).not.toContain(id);
          expect(texts.text).not.toMatch(/"(area|age_band|gender|receivedAt|ts|responseId|background)"/);
        }
        expect(attack(truth, facts, { countTotalsArePublic: true })).toEqual([]);
        expect(attackWeighted(truth, weighted, facts)).toEqual([]);
        // Free text appears in the listing only: not in figures, counts or the CSV.
        for (const text of published) expect(text).not.toContain('marker-');
      }),
      { numRuns: RUNS, seed: 424242 },
    );
  }, 120_000);

  it('lists free text in a random order, not in the order it was submitted or stored', async () => {
    const respondents: Respondent[] = Array.from({ length: 40 }, (_, i) => ({
      background: { area: AREAS[i % 2]!, age_band: null, gender: null },
      answers: { q4: 1 + (i % 5) },
    }));
    const loaded = await load(
      { rounds: { baseline: respondents, followup: respondents }, settings: { minGroupSize: 5, groupBy: ['area'] } },
      1,
    );
    const sent = loaded.texts.baseline.idea;
    expect(sent).toHaveLength(40);
    const listed: string[] = (await get(`/api/rounds/${loaded.rounds.baseline}/texts`)).json.questions[0].answers;
    // Unshuffled, the listing would be each write shard's answers in submission order (ids sort
    // that way): at most shards - 1 places where the order goes back. Shuffled, about half do.
    const position = new Map(sent.map((text, i) => [text, i]));
    const descents = listed.slice(1).filter((text, i) => position.get(text)! < position.get(listed[i]!)!).length;
    expect(descents).toBeGreaterThan(api.deps.shardsPerRound - 1 + 5);
    const again: string[] = (await get(`/api/rounds/${loaded.rounds.baseline}/texts`)).json.questions[0].answers;
    expect(again).not.toEqual(listed);
  });

  it('is for evaluators and administrators of the project only', async () => {
    const loaded = await load(
      { rounds: { baseline: [], followup: [] }, settings: { minGroupSize: 5, groupBy: ['area'] } },
      1,
    );
    const path = `/api/rounds/${loaded.rounds.baseline}/texts`;
    expect((await api.call('GET', path, { token: null })).status).toBe(401);
    const other = await api.call('POST', '/api/projects', { body: { name: 'other', areas: [{ id: 'z', name: 'Z' }] } });
    expect(
      (await api.call('GET', path, { token: await api.deps.tokens.issue('evaluator', other.json.id) })).status,
    ).toBe(403);
    const own = await api.call('GET', path, { token: await api.deps.tokens.issue('evaluator', loaded.projectId) });
    expect(own.status).toBe(200);
    expect(own.json.questions).toEqual([
      { question: 'idea', title: 'Din idé', n: null, suppressed: true, answers: [] },
      { question: 'wish', title: 'Önskan', n: null, suppressed: true, answers: [] },
    ]);
  });
});
