// Residents' ideas through the API on dynalite (issue 19): submission and its refusals, every state
// change and every refused one, undo (one's own only), merge, counts as of a day, pre-moderation on
// and off, contact details (administrators only, deletable), flooding and a closed collection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDEA_STATES, type IdeaState } from '../../functions/core/ideas.ts';
import { startCheckedApi, type TestApi } from '../support/api.ts';

let api: TestApi;
let now = Date.parse('2026-03-10T09:00:00Z');
const AREAS = [
  { id: 'gardeby', name: 'Gårdeby' },
  { id: 'bottna', name: 'Bottna' },
];
let projectId = '';
let evaluator = '';
let otherModerator = '';
let otherProjectAdmin = '';

beforeAll(async () => {
  api = await startCheckedApi({ now: () => now, submissionsPerMinutePerAddress: 5 });
  projectId = (await api.call('POST', '/api/projects', { body: { name: 'Idéer', areas: AREAS } })).json.id;
  const other = (await api.call('POST', '/api/projects', { body: { name: 'Annat', areas: AREAS } })).json.id;
  evaluator = await api.deps.tokens.issue('evaluator', projectId);
  otherModerator = await api.deps.tokens.issue('admin', projectId);
  otherProjectAdmin = await api.deps.tokens.issue('admin', other);
});
afterAll(async () => api.close());

let sequence = 0;
async function submit(overrides: Record<string, unknown> = {}, project = projectId): Promise<string> {
  sequence += 1;
  const result = await api.call('POST', `/api/public/projects/${project}/ideas`, {
    token: null,
    body: { title: `Idé ${sequence}: en badplats`, text: 'En brygga vid sjön.', area: 'gardeby', ...overrides },
  });
  expect(result.status, result.text).toBe(201);
  return result.json.id;
}

async function move(ideaId: string, to: IdeaState, extra: Record<string, unknown> = {}, token?: string) {
  now += 60_000;
  return api.call('POST', `/api/ideas/${ideaId}/transitions`, { body: { to, ...extra }, token });
}

async function stateOf(ideaId: string): Promise<IdeaState> {
  const list = await api.call('GET', `/api/projects/${projectId}/ideas`);
  return list.json.ideas.find((idea: { id: string }) => idea.id === ideaId).state;
}

describe('submitting an idea', () => {
  it('answers 201 {id, state: received} and keeps it from the public board until published', async () => {
    const result = await api.call('POST', `/api/public/projects/${projectId}/ideas`, {
      token: null,
      body: { title: 'Cykelväg till skolan', text: 'Säkrare väg för barnen.' },
    });
    expect(result.status).toBe(201);
    expect(result.json).toEqual({ id: expect.any(String), state: 'received' });
    const board = await api.call('GET', `/api/public/projects/${projectId}/ideas`, { token: null });
    expect(board.text).not.toContain(result.json.id);
  });

  it('refuses bad input with a message per field, in Swedish or English', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ title: 'ab', text: 'x' }, 'title'],
      [{ title: 'x'.repeat(121), text: 'x' }, 'title'],
      [{ title: 'En titel', text: '' }, 'text'],
      [{ title: 'En titel', text: 'x'.repeat(4001) }, 'text'],
      [{ title: 'En titel', text: 'x', area: 'nowhere' }, 'area'],
      [{ title: 'En titel', text: 'x', contact: { email: 'a@b.se' } }, 'consent'],
      [{ title: 'En titel', text: 'x', contact: { email: 'not an address' }, consent: true }, 'contact.email'],
      [{ title: 'En titel', text: 'x', consent: false }, 'consent'],
      [{ title: 'En titel', text: 'x', extra: 1 }, ''],
    ];
    for (const [body, field] of cases) {
      const sv = await api.call('POST', `/api/public/projects/${projectId}/ideas`, { token: null, body });
      expect(sv.status, JSON.stringify(body)).toBe(400);
      if (field) expect(sv.json.errors.map((e: { field: string }) => e.field)).toContain(field);
      const en = await api.call('POST', `/api/public/projects/${projectId}/ideas?lang=en`, { token: null, body });
      expect(en.status).toBe(400);
      expect(en.json.errors[0].message).not.toBe(sv.json.errors[0].message);
    }
    const area = await api.call('POST', `/api/public/projects/${projectId}/ideas`, {
      token: null,
      body: { title: 'En titel', text: 'x', area: 'nowhere' },
    });
    expect(area.json.errors[0].message).toBe('"nowhere" är inte ett av projektets områden.');
  });

  it('answers 404 for a project that does not exist', async () => {
    const result = await api.call('POST', '/api/public/projects/nosuchproject/ideas', {
      token: null,
      body: { title: 'En titel', text: 'x' },
    });
    expect(result.status).toBe(404);
  });

  it('answers 429 with Retry-After past the per-address limit, and other addresses go on', async () => {
    const flood = (await api.call('POST', '/api/projects', { body: { name: 'Flod', areas: AREAS } })).json.id;
    const send = (from: string) =>
      api.call('POST', `/api/public/projects/${flood}/ideas`, {
        token: null,
        from,
        body: { title: 'Samma idé igen', text: 'x' },
      });
    for (let i = 0; i < 5; i++) expect((await send('203.0.113.9')).status).toBe(201);
    const refused = await send('203.0.113.9');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await send('198.51.100.4')).status).toBe(201);
    const listed = await api.call('GET', `/api/projects/${flood}/ideas`);
    expect(listed.json.counts.total).toBe(6);
  });

  it('answers 410 once the collection is closed, and takes ideas again when it opens', async () => {
    const closed = (await api.call('POST', '/api/projects', { body: { name: 'Stängd', areas: AREAS } })).json.id;
    const settings = await api.call('POST', `/api/projects/${closed}/ideas/settings`, { body: { open: false } });
    expect(settings.json).toEqual({ ideas: { open: false, premoderation: true } });
    const refused = await api.call('POST', `/api/public/projects/${closed}/ideas`, {
      token: null,
      body: { title: 'En titel', text: 'x' },
    });
    expect(refused.status).toBe(410);
    const board = await api.call('GET', `/api/public/projects/${closed}/ideas`, { token: null });
    expect(board.json.project.open).toBe(false);
    await api.call('POST', `/api/projects/${closed}/ideas/settings`, { body: { open: true } });
    expect((await submit({}, closed)).length).toBeGreaterThan(0);
  });
});

describe('moderation', () => {
  it('allows exactly the changes of the state machine, and answers 409 naming the allowed ones', async () => {
    const allowed: Record<IdeaState, IdeaState[]> = {
      received: ['published', 'rejected', 'withdrawn'],
      published: ['prioritised', 'not_prioritised', 'merged', 'withdrawn'],
      rejected: ['withdrawn'],
      prioritised: ['planned', 'withdrawn'],
      not_prioritised: ['withdrawn'],
      merged: ['withdrawn'],
      planned: ['in_progress', 'withdrawn'],
      in_progress: ['carried_out', 'withdrawn'],
      carried_out: ['withdrawn'],
      withdrawn: [],
    };
    const target = await submit();
    await move(target, 'published');
    /** The shortest path from received to each state. */
    const paths: Record<IdeaState, [IdeaState, Record<string, unknown>?][]> = {
      received: [],
      published: [['published']],
      rejected: [['rejected', { reason: 'Personangrepp' }]],
      prioritised: [['published'], ['prioritised']],
      not_prioritised: [['published'], ['not_prioritised', { reason: 'Utanför projektet' }]],
      merged: [['published'], ['merged', { mergedInto: target }]],
      planned: [['published'], ['prioritised'], ['planned']],
      in_progress: [['published'], ['prioritised'], ['planned'], ['in_progress']],
      carried_out: [['published'], ['prioritised'], ['planned'], ['in_progress'], ['carried_out']],
      withdrawn: [['withdrawn']],
    };
    const extra = (to: IdeaState): Record<string, unknown> =>
      to === 'rejected' || to === 'not_prioritised'
        ? { reason: 'skäl' }
        : to === 'merged'
          ? { mergedInto: target }
          : {};
    for (const from of IDEA_STATES) {
      for (const to of IDEA_STATES) {
        const idea = await submit();
        for (const [step, body] of paths[from]) expect((await move(idea, step, body)).status).toBe(200);
        const result = await move(idea, to, extra(to));
        if (allowed[from].includes(to)) {
          expect(result.status, `${from} -> ${to}`).toBe(200);
          expect(result.json.idea.state).toBe(to);
        } else {
          expect(result.status, `${from} -> ${to}`).toBe(409);
          expect(result.json.error).toBe('not_allowed');
          for (const next of allowed[from]) expect(result.json.message).toContain(next);
          expect(await stateOf(idea)).toBe(from);
        }
      }
    }
  }, 120_000);

  it('wants a reason to reject or not prioritise, and a published idea to merge into', async () => {
    const idea = await submit();
    expect((await move(idea, 'rejected')).status).toBe(400);
    expect((await move(idea, 'rejected', { reason: '   ' })).status).toBe(400);
    expect((await move(idea, 'published')).status).toBe(200);
    expect((await move(idea, 'not_prioritised')).status).toBe(400);
    expect((await move(idea, 'merged')).status).toBe(400);
    expect((await move(idea, 'merged', { mergedInto: idea })).status).toBe(400);
    const unpublished = await submit();
    const refused = await move(idea, 'merged', { mergedInto: unpublished });
    expect(refused.status).toBe(400);
    expect(refused.json.errors[0].field).toBe('mergedInto');
    const elsewhere = await submit(
      { area: undefined },
      (await api.call('POST', '/api/projects', { body: { name: 'X', areas: AREAS } })).json.id,
    );
    expect((await move(idea, 'merged', { mergedInto: elsewhere })).status).toBe(400);
    expect((await move(idea, 'prioritised', { mergedInto: unpublished })).status).toBe(400);
    expect(await stateOf(idea)).toBe('published');
  });

  it("is for the project's administrators: evaluators and other projects get 403, no token 401", async () => {
    const idea = await submit();
    expect((await move(idea, 'published', {}, evaluator)).status).toBe(403);
    expect((await move(idea, 'published', {}, otherProjectAdmin)).status).toBe(403);
    const anonymous = await api.call('POST', `/api/ideas/${idea}/transitions`, {
      token: null,
      body: { to: 'published' },
    });
    expect(anonymous.status).toBe(401);
    expect((await api.call('POST', '/api/ideas/nosuchidea/transitions', { body: { to: 'published' } })).status).toBe(
      404,
    );
  });

  it("lets a moderator undo their own last change (an event too), never another moderator's", async () => {
    const idea = await submit();
    await move(idea, 'published');
    await move(idea, 'prioritised');
    const notMine = await api.call('POST', `/api/ideas/${idea}/undo`, { token: otherModerator });
    expect(notMine.status).toBe(409);
    expect(notMine.json.message).toContain('only they can undo it');
    const undone = await api.call('POST', `/api/ideas/${idea}/undo`);
    expect(undone.status).toBe(200);
    expect(undone.json.idea.state).toBe('published');
    expect((await api.call('POST', `/api/ideas/${idea}/undo`)).json.idea.state).toBe('received');
    expect((await api.call('POST', `/api/ideas/${idea}/undo`)).status).toBe(409);
    // Another moderator's change is theirs to undo.
    await move(idea, 'published', {}, otherModerator);
    expect((await api.call('POST', `/api/ideas/${idea}/undo`)).status).toBe(409);
    expect((await api.call('POST', `/api/ideas/${idea}/undo`, { token: otherModerator })).json.idea.state).toBe(
      'received',
    );
    const events = (await api.call('GET', `/api/ideas/${idea}/events`)).json.events;
    expect(events.map((e: { kind: string }) => e.kind)).toEqual([
      'submitted',
      'transition',
      'transition',
      'undo',
      'undo',
      'transition',
      'undo',
    ]);
    expect(new Set(events.slice(1).map((e: { byId: string }) => e.byId)).size).toBe(2);
  });

  it('records who did what, when and why, in order', async () => {
    const idea = await submit();
    await move(idea, 'rejected', { reason: 'Personangrepp' });
    const { events } = (await api.call('GET', `/api/ideas/${idea}/events`)).json;
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({
      seq: 1,
      kind: 'transition',
      from: 'received',
      to: 'rejected',
      reason: 'Personangrepp',
    });
    expect(Date.parse(events[1].at)).toBeGreaterThan(Date.parse(events[0].at));
    expect((await api.call('GET', `/api/ideas/${idea}/events`, { token: evaluator })).status).toBe(403);
  });

  it('lets only one of two moderators who change the same state at once succeed', async () => {
    const idea = await submit();
    const [a, b] = await Promise.all([
      api.call('POST', `/api/ideas/${idea}/transitions`, { body: { to: 'published' } }),
      api.call('POST', `/api/ideas/${idea}/transitions`, { body: { to: 'rejected', reason: 'Dubblett' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const { events } = (await api.call('GET', `/api/ideas/${idea}/events`)).json;
    expect(events).toHaveLength(2);
  });

  it('keeps a merged idea visible in the one it joined', async () => {
    const kept = await submit({ title: 'Badplats vid Ljusnan' });
    const joined = await submit({ title: 'Brygga vid älven' });
    await move(kept, 'published');
    await move(joined, 'published');
    expect((await move(joined, 'merged', { mergedInto: kept })).json.idea.mergedInto).toBe(kept);
    const board = (await api.call('GET', `/api/public/projects/${projectId}/ideas`, { token: null })).json;
    const keptIdea = board.ideas.find((idea: { id: string }) => idea.id === kept);
    expect(keptIdea.merged).toEqual([{ id: joined, title: 'Brygga vid älven', text: 'En brygga vid sjön.' }]);
    expect(board.ideas.find((idea: { id: string }) => idea.id === joined).state).toBe('merged');
    // Withdrawn later, the idea it joined leaves the board, and nothing there names it any more.
    await move(kept, 'withdrawn');
    const after = await api.call('GET', `/api/public/projects/${projectId}/ideas`, { token: null });
    expect(after.text).not.toContain(kept);
    expect(after.json.ideas.find((idea: { id: string }) => idea.id === joined).mergedInto).toBeNull();
  });
});

describe('counts as of a day', () => {
  it('counts identified, prioritised and carried out as of the end of each day (Swedish time), per area', async () => {
    const project = (await api.call('POST', '/api/projects', { body: { name: 'Räkna', areas: AREAS } })).json.id;
    const at = (iso: string) => {
      now = Date.parse(iso);
    };
    const ideas: string[] = [];
    at('2026-03-30T08:00:00Z');
    for (let i = 0; i < 6; i++) ideas.push(await submit({ area: i % 2 ? 'bottna' : 'gardeby' }, project));
    const moveAt = async (iso: string, idea: string, to: IdeaState, extra: Record<string, unknown> = {}) => {
      at(iso);
      const result = await api.call('POST', `/api/ideas/${idea}/transitions`, { body: { to, ...extra } });
      expect(result.status, result.text).toBe(200);
    };
    // 31 March, 23:30 in Sweden (summer time, UTC+2) is 21:30 UTC: still the 31st.
    for (const idea of ideas.slice(0, 5)) await moveAt('2026-03-31T21:30:00Z', idea, 'published');
    await moveAt('2026-03-31T21:45:00Z', ideas[4]!, 'merged', { mergedInto: ideas[0] });
    // 1 April, 00:30 in Sweden is 22:30 UTC on the 31st: already the 1st.
    await moveAt('2026-03-31T22:30:00Z', ideas[0]!, 'prioritised');
    await moveAt('2026-04-02T10:00:00Z', ideas[1]!, 'prioritised');
    for (const to of ['planned', 'in_progress', 'carried_out'] as const)
      await moveAt('2026-04-03T10:00:00Z', ideas[0]!, to);
    await moveAt('2026-04-04T10:00:00Z', ideas[3]!, 'withdrawn');
    await moveAt('2026-04-05T10:00:00Z', ideas[1]!, 'planned');
    at('2026-04-05T10:05:00Z');
    expect((await api.call('POST', `/api/ideas/${ideas[1]}/undo`)).status).toBe(200);

    const counts = async (asOf: string) =>
      (await api.call('GET', `/api/projects/${project}/ideas/counts?asOf=${asOf}`)).json;
    expect(await counts('2026-03-30')).toMatchObject({ identified: 0, prioritised: 0, carried_out: 0 });
    expect(await counts('2026-03-31')).toMatchObject({ identified: 4, prioritised: 0, carried_out: 0 });
    expect(await counts('2026-04-01')).toMatchObject({ identified: 4, prioritised: 1, carried_out: 0 });
    expect(await counts('2026-04-03')).toMatchObject({ identified: 4, prioritised: 2, carried_out: 1 });
    const end = await counts('2026-04-05');
    expect(end).toMatchObject({ identified: 3, prioritised: 2, carried_out: 1 });
    expect(end.byArea).toEqual({
      gardeby: { identified: 2, prioritised: 1, carried_out: 1 },
      bottna: { identified: 1, prioritised: 1, carried_out: 0 },
    });
    expect(end.until).toBe('2026-04-05T21:59:59.999Z');
    const winter = await counts('2026-01-15');
    expect(winter.until).toBe('2026-01-15T22:59:59.999Z');
    expect((await api.call('GET', `/api/projects/${project}/ideas/counts?asOf=2026-13-01`)).status).toBe(400);
    expect((await api.call('GET', `/api/projects/${project}/ideas/counts`, { token: evaluator })).status).toBe(403);
  });
});

describe('pre-moderation', () => {
  it('publishes at once where the project turns it off', async () => {
    const open = (
      await api.call('POST', '/api/projects', {
        body: { name: 'Öppen', areas: AREAS, ideas: { premoderation: false } },
      })
    ).json.id;
    const result = await api.call('POST', `/api/public/projects/${open}/ideas`, {
      token: null,
      body: { title: 'Direkt publicerad', text: 'x' },
    });
    expect(result.json.state).toBe('published');
    const board = await api.call('GET', `/api/public/projects/${open}/ideas`, { token: null });
    expect(board.json.ideas.map((idea: { id: string }) => idea.id)).toEqual([result.json.id]);
    const counts = (await api.call('GET', `/api/projects/${open}/ideas/counts?asOf=2099-01-01`)).json;
    expect(counts.identified).toBe(1);
  });
});

describe('contact details', () => {
  it('are shown to administrators only, never on the board, and deleted on request (an event without them)', async () => {
    const idea = await submit({ contact: { name: 'Anna Berg', email: 'anna@example.se' }, consent: true });
    await move(idea, 'published');
    const board = await api.call('GET', `/api/public/projects/${projectId}/ideas`, { token: null });
    expect(board.text).not.toContain('anna@example.se');
    expect(board.text).not.toContain('Anna Berg');
    const admin = (await api.call('GET', `/api/projects/${projectId}/ideas`)).json.ideas.find(
      (i: { id: string }) => i.id === idea,
    );
    expect(admin.contact).toEqual({ name: 'Anna Berg', email: 'anna@example.se' });
    const seen = await api.call('GET', `/api/projects/${projectId}/ideas`, { token: evaluator });
    expect(seen.status).toBe(200);
    expect(seen.text).not.toContain('anna@example.se');

    const deleted = await api.call('DELETE', `/api/ideas/${idea}/contact`);
    expect(deleted.json).toEqual({ deleted: true });
    const after = await api.call('GET', `/api/projects/${projectId}/ideas`);
    expect(after.text).not.toContain('anna@example.se');
    expect(after.json.ideas.find((i: { id: string }) => i.id === idea).hasContact).toBe(false);
    const { events } = (await api.call('GET', `/api/ideas/${idea}/events`)).json;
    expect(events.at(-1).kind).toBe('contact_deleted');
    expect(JSON.stringify(events)).not.toContain('anna');
    expect((await api.call('DELETE', `/api/ideas/${idea}/contact`)).json).toEqual({ deleted: false });
    expect((await api.call('DELETE', `/api/ideas/${idea}/contact`, { token: evaluator })).status).toBe(403);
  });

  it("never puts an idea's text or its author in a log", async () => {
    const logs: unknown[] = [];
    const logged = await startCheckedApi({ log: (entry) => logs.push(entry) });
    try {
      const project = (await logged.call('POST', '/api/projects', { body: { name: 'Logg', areas: AREAS } })).json.id;
      const idea = await logged.call('POST', `/api/public/projects/${project}/ideas`, {
        token: null,
        body: { title: 'Hemlig titel', text: 'Hemlig text', contact: { email: 'hemlig@example.se' }, consent: true },
      });
      await logged.call('POST', `/api/ideas/${idea.json.id}/transitions`, {
        body: { to: 'rejected', reason: 'Hemligt skäl' },
      });
      const text = JSON.stringify(logs);
      for (const secret of ['Hemlig', 'hemlig@', 'skäl']) expect(text).not.toContain(secret);
    } finally {
      await logged.close();
    }
  });
});

describe('the lists', () => {
  it('list every idea with counts per state and area for administrators, and filter by state', async () => {
    const list = (await api.call('GET', `/api/projects/${projectId}/ideas`)).json;
    expect(list.counts.total).toBe(list.ideas.length);
    expect(Object.values(list.counts.byState).reduce((a: number, b) => a + (b as number), 0)).toBe(list.counts.total);
    expect(list.waiting).toBe(list.counts.byState.received);
    const received = (await api.call('GET', `/api/projects/${projectId}/ideas?state=received`)).json.ideas;
    expect(received.length).toBe(list.waiting);
    expect(received.every((idea: { state: string }) => idea.state === 'received')).toBe(true);
    const times = received.map((idea: { submittedAt: string }) => idea.submittedAt);
    expect(times).toEqual([...times].sort());
    expect((await api.call('GET', `/api/projects/${projectId}/ideas?state=lost`)).status).toBe(400);
  });

  it('show the public only what was published and what followed, never a reason', async () => {
    const board = (await api.call('GET', `/api/public/projects/${projectId}/ideas`, { token: null })).json;
    for (const idea of board.ideas) expect(['received', 'rejected', 'withdrawn']).not.toContain(idea.state);
    expect(JSON.stringify(board)).not.toMatch(/Personangrepp|Dubblett|skäl|reason|contact/);
    expect(board.project).toEqual({ id: projectId, name: 'Idéer', areas: AREAS, open: true });
  });
});
