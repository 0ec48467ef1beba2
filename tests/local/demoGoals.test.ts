// The demo project's goals (functions/local/demoGoals.ts) on dynalite: goals of every kind, two
// years of activities over the villages, two interim reports (the first locked) and a final draft;
// the verdicts of today and of the locked report differ as the records say they should.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { GOAL_KINDS } from '../../functions/core/goals.ts';
import { foldAll } from '../../functions/fold/fold.ts';
import { createDemoProject } from '../../functions/local/demo.ts';
import { VILLAGES } from '../../functions/local/residents.ts';
import type { Store } from '../../functions/store/index.ts';
import { startCheckedApi, type TestApi } from '../support/api.ts';

let api: TestApi;
let store: Store;
let app: Hono;
let token: string;
const call = async (method: string, path: string) => (await api.call(method, path)).json;

beforeAll(async () => {
  api = await startCheckedApi({ shardsPerRound: 2 });
  ({ store } = api.deps);
  ({ app, adminToken: token } = api);
}, 60_000);
afterAll(async () => api?.close());

describe('the demo goals', () => {
  it('are of every kind, with two years of activities and three reports, the first locked', async () => {
    const demo = await createDemoProject(app, token, { baseline: 60, followup: 60, store });
    await foldAll(store, { now: Date.now() + 1000, settleMs: 0 });
    const { goals } = await call('GET', `/api/projects/${demo.projectId}/goals/status?asOf=2026-12-31`);
    expect(goals).toHaveLength(12);
    for (const kind of GOAL_KINDS)
      expect(
        goals.some((g: any) => g.kind === kind),
        kind,
      ).toBe(true);
    const verdicts = new Set(goals.map((g: any) => g.verdict));
    for (const verdict of ['achieved', 'partly', 'not_assessable']) expect(verdicts.has(verdict), verdict).toBe(true);
    expect(goals.find((g: any) => g.kind === 'indicator').basis.difference).not.toBeNull();

    const { activities } = await call('GET', `/api/projects/${demo.projectId}/activities`);
    expect(activities.length).toBeGreaterThanOrEqual(30);
    const dates = activities.map((a: any) => a.date).sort();
    expect(dates[0] < '2025-03-01' && dates.at(-1) > '2026-09-01').toBe(true);
    for (const village of VILLAGES)
      expect(
        activities.some((a: any) => a.area === village.id),
        village.id,
      ).toBe(true);

    const { reports } = await call('GET', `/api/projects/${demo.projectId}/reports`);
    expect(reports.map((r: any) => [r.kind, r.sequence, r.locked !== null])).toEqual([
      ['interim', 1, true],
      ['interim', 2, false],
      ['final', null, false],
    ]);
    const first = (await call('GET', `/api/reports/${reports[0].id}`)).report;
    expect(first.sections.challenges).toContain('Sankt Anna');
    expect(first.goals.some((g: any) => g.override?.reason)).toBe(true);
    // The locked half-year counts fewer workshops than today.
    const workshops = (list: any[]) => list.find((g: any) => g.title.startsWith('Mål 1')).actual;
    expect(workshops(first.goals)).toBeLessThan(workshops(goals));
  }, 120_000);
});
