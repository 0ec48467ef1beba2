// The demo project of a first start: a municipality with five villages, a closed baseline round
// and an open follow-up round with a few hundred generated, plausible responses, and three dozen
// residents' ideas in every state (demoIdeas.ts), goals with two years of activities and three
// funder reports (demoGoals.ts), marked as demo data. Created through the API
// itself, so it passes every check real data passes; the ideas, given the store, with their past
// times.
import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { builtInTemplate } from '../core/template.ts';
import type { Store } from '../store/index.ts';
import { createDemoGoals } from './demoGoals.ts';
import { createDemoIdeas } from './demoIdeas.ts';
import { residentSource, VILLAGES } from './residents.ts';

async function call(app: Hono, token: string, method: string, path: string, body?: unknown): Promise<{ id: string }> {
  const response = await app.request(path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = await response.json();
  if (response.status >= 300)
    throw new Error(`demo setup: ${method} ${path} answered ${response.status}: ${JSON.stringify(json)}`);
  return json as { id: string };
}

export interface DemoProject {
  projectId: string;
  baselineRoundId: string;
  followupRoundId: string;
  /** The demo ideas' ids, by their keys in demoIdeas.ts. */
  ideaIds: Map<string, string>;
  /** The demo goals (demoGoals.ts) and its funder reports: two interim (the first locked), a final draft. */
  goalIds: string[];
  reportIds: string[];
}

const SEED = 20261123;

export async function createDemoProject(
  app: Hono,
  adminToken: string,
  options: {
    baseline?: number;
    followup?: number;
    /** The store the app runs on: the demo's ideas are then written with their past times. */
    store?: Store | undefined;
    now?: number;
  } = {},
): Promise<DemoProject> {
  const residents = residentSource(SEED);
  const { id: projectId } = await call(app, adminToken, 'POST', '/api/projects', {
    name: 'Demo: Söderköpings landsbygd (påhittade data)',
    areas: VILLAGES.map(({ id, name }) => ({ id, name })),
    minGroupSize: 5,
    groupBy: ['area'],
    weighting: { strata: ['area'], population: VILLAGES.map((v) => ({ area: v.id, population: v.population })) },
  });
  const template = builtInTemplate(VILLAGES);
  const { id: questionnaireId } = await call(
    app,
    adminToken,
    'POST',
    `/api/projects/${projectId}/questionnaires`,
    template,
  );
  const { id: baselineRoundId } = await call(app, adminToken, 'POST', `/api/projects/${projectId}/rounds`, {
    kind: 'baseline',
    name: 'Nollmätning 2025',
    questionnaireId,
    access: 'open',
  });
  const { id: followupRoundId } = await call(app, adminToken, 'POST', `/api/projects/${projectId}/rounds`, {
    kind: 'followup',
    name: 'Uppföljning 2026',
    questionnaireId,
    access: 'open',
  });
  const submit = async (roundId: string, count: number, lift: number) => {
    for (let i = 0; i < count; i++) {
      await call(app, adminToken, 'POST', `/api/public/rounds/${roundId}/responses`, {
        responseId: randomUUID(),
        answers: residents.next(lift),
      });
    }
  };
  await submit(baselineRoundId, options.baseline ?? 320, 0);
  await call(app, adminToken, 'POST', `/api/rounds/${baselineRoundId}/close`);
  await submit(followupRoundId, options.followup ?? 260, 0.5);
  const ideaIds = await createDemoIdeas(projectId, {
    call: (method, path, body) => call(app, adminToken, method, path, body),
    store: options.store,
    now: options.now ?? Date.now(),
    seed: SEED,
  });
  const { goalIds, reportIds } = await createDemoGoals(
    projectId,
    { baseline: baselineRoundId, followup: followupRoundId },
    (method, path, body) => call(app, adminToken, method, path, body),
    SEED,
  );
  return { projectId, baselineRoundId, followupRoundId, ideaIds, goalIds, reportIds };
}
