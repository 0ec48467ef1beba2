// The demo project's residents' ideas (functions/local/demoIdeas.ts) on dynalite: three dozen, in
// every state, over the villages and the past months, a few with contact details, one undo; the
// same every time; and the public board shows none of what it must not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { IDEA_STATES, PUBLIC_STATES } from '../../functions/core/ideas.ts';
import { createDemoProject } from '../../functions/local/demo.ts';
import { DEMO_IDEAS } from '../../functions/local/demoIdeaList.ts';
import { VILLAGES } from '../../functions/local/residents.ts';
import type { Store } from '../../functions/store/index.ts';
import { startCheckedApi, type TestApi } from '../support/api.ts';

const NOW = Date.parse('2026-06-15T10:00:00Z');
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

const small = { baseline: 10, followup: 10 };

describe('the demo ideas', () => {
  it('are three dozen in every state, over every village and half a year, with past times from the store', async () => {
    const demo = await createDemoProject(app, token, { ...small, store, now: NOW });
    const list = await call('GET', `/api/projects/${demo.projectId}/ideas`);
    expect(list.counts.total).toBe(DEMO_IDEAS.length);
    expect(list.counts.total).toBeGreaterThanOrEqual(30);
    for (const state of IDEA_STATES) expect(list.counts.byState[state], state).toBeGreaterThanOrEqual(1);
    for (const village of VILLAGES) expect(list.counts.byArea[village.id], village.id).toBeGreaterThanOrEqual(3);
    expect(list.waiting).toBe(list.counts.byState.received);

    const times = list.ideas.flatMap((idea: any) => [Date.parse(idea.submittedAt), Date.parse(idea.updatedAt)]);
    expect(Math.max(...times)).toBeLessThan(NOW);
    expect(NOW - Math.min(...times)).toBeGreaterThan(150 * 86_400_000);

    // Reasons where they are needed; merged ones point at public ideas; contact details fictional.
    for (const idea of list.ideas) {
      if (idea.state === 'rejected' || idea.state === 'not_prioritised') expect(idea.lastChange.reason).toBeTruthy();
      if (idea.state === 'merged') {
        const into = list.ideas.find((other: any) => other.id === idea.mergedInto);
        expect(PUBLIC_STATES.has(into.state)).toBe(true);
        expect(into.merged.map((m: any) => m.id)).toContain(idea.id);
      }
    }
    const contacts = list.ideas.filter((idea: any) => idea.contact);
    expect(contacts.length).toBeGreaterThanOrEqual(4);
    for (const { contact } of contacts) if (contact.email) expect(contact.email).toMatch(/@example\.se$/);

    // One change undone, by the moderator who made it.
    const undone = demo.ideaIds.get('utegym')!;
    const { events } = await call('GET', `/api/ideas/${undone}/events`);
    expect(events.map((e: any) => e.kind)).toEqual(['submitted', 'transition', 'transition', 'undo']);
    expect(events[3].byId).toBe(events[2].byId);
    expect(list.ideas.find((idea: any) => idea.id === undone).state).toBe('published');

    // The counts as of three months ago are those of then.
    const asOf = new Date(NOW - 90 * 86_400_000).toISOString().slice(0, 10);
    const then = await call('GET', `/api/projects/${demo.projectId}/ideas/counts?asOf=${asOf}`);
    const today = await call('GET', `/api/projects/${demo.projectId}/ideas/counts?asOf=2026-06-15`);
    expect(then.identified).toBeGreaterThan(0);
    expect(then.identified).toBeLessThan(today.identified);
    expect(today.carried_out).toBe(list.counts.byState.carried_out);

    // The public board: public ideas only, no contact details, no reasons.
    const board = await (await app.request(`/api/public/projects/${demo.projectId}/ideas`)).text();
    const shown = JSON.parse(board).ideas;
    expect(shown).toHaveLength(list.ideas.filter((idea: any) => PUBLIC_STATES.has(idea.state)).length);
    for (const idea of list.ideas) {
      if (!PUBLIC_STATES.has(idea.state)) expect(board).not.toContain(idea.id);
      if (idea.contact?.email) expect(board).not.toContain(idea.contact.email);
      if (idea.contact?.name) expect(board).not.toContain(idea.contact.name);
      if (idea.lastChange?.reason) expect(board).not.toContain(idea.lastChange.reason);
    }
  }, 60_000);

  it('are the same every time, and the same states when made through the API (without the store)', async () => {
    const summary = async (projectId: string) =>
      (await call('GET', `/api/projects/${projectId}/ideas`)).ideas.map((idea: any) => [
        idea.title,
        idea.area,
        idea.state,
        idea.submittedAt,
      ]);
    const first = await createDemoProject(app, token, { ...small, store, now: NOW });
    const second = await createDemoProject(app, token, { ...small, store, now: NOW });
    expect(await summary(second.projectId)).toEqual(await summary(first.projectId));

    const viaApi = await createDemoProject(app, token, small);
    const states = async (projectId: string) =>
      Object.fromEntries((await summary(projectId)).map(([title, , state]: string[]) => [title, state]));
    expect(await states(viaApi.projectId)).toEqual(await states(first.projectId));
  }, 60_000);
});
