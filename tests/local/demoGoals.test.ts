// The demo project's goals (functions/local/demoGoals.ts) on dynalite: goals of every kind, two
// years of activities over the villages, two interim reports (the first locked) and a final draft;
// the verdicts of today and of the locked report differ as the records say they should.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.ts';
import { createTokenIssuer } from '../../functions/api/auth.ts';
import { GOAL_KINDS } from '../../functions/core/goals.ts';
import { foldAll } from '../../functions/fold/fold.ts';
import { createDemoProject } from '../../functions/local/demo.ts';
import { VILLAGES } from '../../functions/local/residents.ts';
import type { Store } from '../../functions/store/index.ts';
import { startTestStore } from '../support/dynamo.ts';

let store: Store;
let close: () => Promise<void>;
let call: (method: string, path: string) => Promise<any>;
let app: ReturnType<typeof createApp>;
let token: string;

beforeAll(async () => {
  ({ store, close } = await startTestStore());
  const tokens = createTokenIssuer('demo-goals-test-signing-secret-0123456789abcdef', {
    isRevoked: (id) => store.tokens.isRevoked(id),
  });
  app = createApp(
    {
      store,
      tokens,
      codeSecret: randomBytes(32).toString('hex'),
      now: () => Date.now(),
      shardsPerRound: 2,
      settleMs: 0,
      submissionsPerMinutePerAddress: 0,
      log: () => {},
    },
    { checkResponses: true },
  );
  token = await tokens.issue('admin', '*');
  call = async (method, path) =>
    (await app.request(path, { method, headers: { authorization: `Bearer ${token}` } })).json();
}, 60_000);
afterAll(async () => close?.());

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
