// Finding 2: an evaluator must not single out one resident by reading before and after one new
// response. Evaluators read releases (METHOD.md, "Releases, not live figures"), taken by the fold
// when k responses net have come since the last one and when the round closes; free text only in
// the final release. Through the API on dynalite, with the answer check on.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRoundCounts } from '../../functions/api/counts.ts';
import { CLOSE_GRACE_MS } from '../../functions/core/releases.ts';
import { builtInTemplate } from '../../functions/core/template.ts';
import { foldAll } from '../../functions/fold/fold.ts';
import { startCheckedApi, type TestApi } from '../support/api.ts';

let api: TestApi;
let evaluator = '';
let projectId = '';
let baseline = '';
let followup = '';
const k = 5;
const areas = [
  { id: 'gardeby', name: 'Gårdeby' },
  { id: 'bottna', name: 'Bottna' },
];
const template = builtInTemplate(areas);

const answers = (i: number) => ({
  q_nki_overall: 1 + (i % 10),
  q_nki_expect: 1 + ((i * 3) % 10),
  q_nki_ideal: 1 + ((i * 7) % 10),
  q_aware_project: i % 2 === 0 ? 'yes' : 'no',
  area: i % 2 === 0 ? 'gardeby' : 'bottna',
  q_idea: `Idé nummer ${i}`,
});

let counter = 0;
async function submit(roundId: string): Promise<string> {
  const responseId = randomUUID();
  const result = await api.call('POST', `/api/public/rounds/${roundId}/responses`, {
    token: null,
    body: { responseId, answers: answers(counter++) },
  });
  expect(result.status).toBe(201);
  return responseId;
}
const submitMany = async (roundId: string, n: number) => {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(await submit(roundId));
  return ids;
};
/** The fold the schedule runs; `later` moves it past a close's grace time. */
const fold = (later = 0) => foldAll(api.deps.store, { now: Date.now() + later, settleMs: 0 });
const read = (path: string) => api.call('GET', path, { token: evaluator });
const indicators = (roundId: string) => read(`/api/rounds/${roundId}/indicators`);

beforeAll(async () => {
  api = await startCheckedApi();
  projectId = (await api.call('POST', '/api/projects', { body: { name: 'Releases', areas } })).json.id;
  expect((await api.call('GET', `/api/projects/${projectId}`)).json.project.settings.minGroupSize).toBe(k);
  const questionnaireId = (await api.call('POST', `/api/projects/${projectId}/questionnaires`, { body: template })).json
    .id;
  const round = async (kind: string) =>
    (
      await api.call('POST', `/api/projects/${projectId}/rounds`, {
        body: { kind, name: kind, questionnaireId, access: 'open' },
      })
    ).json.id as string;
  baseline = await round('baseline');
  followup = await round('followup');
  evaluator = await api.deps.tokens.issue('evaluator', projectId);
});
afterAll(async () => api.close());

describe('releases, not live figures', () => {
  it('answers a round with no release yet with no figures and the reason', async () => {
    await submitMany(baseline, k - 1);
    await fold();
    const reading = await indicators(baseline);
    expect(reading.status).toBe(200);
    expect(reading.json.release).toBeNull();
    expect(reading.json.withheld.reason).toBe('no_release');
    expect(reading.json.indicators).toEqual({});
    expect(reading.json.preliminary).toBe(true);
    const counts = await read(`/api/rounds/${baseline}`);
    expect(counts.json.release).toBeNull();
    expect(counts.json.areas.every((a: { responses: number | null }) => a.responses === null)).toBe(true);
  });

  it("shows no change on an evaluator's second read after one new response, folded or not", async () => {
    await submit(baseline); // the k-th: the first release is due
    await fold();
    const first = await indicators(baseline);
    expect(first.json.release).toMatchObject({ n: k, final: false });
    expect(first.json.preliminary).toBe(true);
    expect(first.json.responses).toBe(k);
    const firstCounts = await read(`/api/rounds/${baseline}`);

    await submit(baseline);
    const unfolded = await indicators(baseline);
    await fold();
    const folded = await indicators(baseline);
    expect(unfolded.json).toEqual(first.json);
    expect(folded.json).toEqual(first.json);
    expect((await read(`/api/rounds/${baseline}`)).json).toEqual(firstCounts.json);
  });

  it('shows the new release once k responses more have come and the fold has run', async () => {
    const before = await indicators(baseline);
    await submitMany(baseline, k - 2); // k - 1 since the release with the one above
    await fold();
    expect((await indicators(baseline)).json).toEqual(before.json);
    await submit(baseline); // the k-th since the release
    await fold();
    const after = await indicators(baseline);
    expect(after.json.release.n).toBe(2 * k);
    expect(after.json.release.at > before.json.release.at).toBe(true);
    expect(after.json.responses).toBe(2 * k);
    expect(after.json.indicators).not.toEqual(before.json.indicators);
  });

  it('shows a removal only in the next release', async () => {
    const before = await indicators(baseline);
    const removedId = await submit(baseline);
    const removal = await api.call('POST', `/api/rounds/${baseline}/removals`, { body: { responseId: removedId } });
    expect(removal.status).toBe(200);
    await fold();
    expect((await indicators(baseline)).json).toEqual(before.json);
    // Net of the removal, k more are needed: k + 1 new responses, one of them removed.
    await submitMany(baseline, k - 1);
    await fold();
    expect((await indicators(baseline)).json).toEqual(before.json);
    await submit(baseline);
    await fold();
    const after = await indicators(baseline);
    expect(after.json.release.n).toBe(3 * k);
  });

  it('releases free text only with the final release of a closed round', async () => {
    const open = await read(`/api/rounds/${baseline}/texts`);
    expect(open.status).toBe(200);
    expect(open.json.withheld.reason).toBe('not_final');
    expect(open.json.questions).toEqual([]);
    expect(open.json.preliminary).toBe(true);

    expect((await api.call('POST', `/api/rounds/${baseline}/close`)).status).toBe(200);
    // Closed, but the fold has not passed the close yet: still nothing.
    expect((await read(`/api/rounds/${baseline}/texts`)).json.withheld.reason).toBe('not_final');
    await fold(CLOSE_GRACE_MS + 100);
    const reading = await indicators(baseline);
    expect(reading.json.release.final).toBe(true);
    expect(reading.json.preliminary).toBe(false);
    const texts = await read(`/api/rounds/${baseline}/texts`);
    expect(texts.json.withheld).toBeUndefined();
    expect(texts.json.release).toEqual(reading.json.release);
    const idea = texts.json.questions.find((q: { question: string }) => q.question === 'q_idea');
    expect(idea.n).toBe(reading.json.release.n);
  });

  it('compares the two rounds from their releases, and says which', async () => {
    const path = `/api/projects/${projectId}/comparison?baseline=${baseline}&followup=${followup}`;
    const none = await read(path);
    expect(none.status).toBe(200);
    expect(none.json.withheld.reason).toBe('no_release');
    expect(none.json.indicators).toEqual({});
    await submitMany(followup, k);
    await fold();
    const first = await read(path);
    expect(first.json.releases.followup).toMatchObject({ n: k, final: false });
    expect(first.json.releases.baseline.final).toBe(true);
    expect(first.json.preliminary).toBe(true);
    await submit(followup);
    await fold();
    expect((await read(path)).json).toEqual(first.json);
  });

  it('reads one release item per round, whatever the number of responses (no query of the live shards)', async () => {
    const sent: string[] = [];
    const client = api.deps.store.client;
    const send = client.send.bind(client);
    client.send = ((command: { constructor: { name: string } }, ...rest: unknown[]) => {
      sent.push(command.constructor.name);
      return (send as (...args: unknown[]) => unknown)(command, ...rest);
    }) as typeof client.send;
    try {
      const measure = async () => {
        sent.length = 0;
        expect((await indicators(followup)).status).toBe(200);
        return [...sent];
      };
      const small = await measure();
      await submitMany(followup, 3 * k);
      await fold();
      const large = await measure();
      expect((await indicators(followup)).json.release.n).toBe(4 * k + 1);
      expect(large).toEqual(small);
      expect(large).not.toContain('QueryCommand');
      expect(large.filter((name) => name === 'GetItemCommand').length).toBeLessThanOrEqual(4);
    } finally {
      client.send = send;
    }
  });

  it('shows administrators the released figures too; only their response counts may be live', async () => {
    const admin = await api.call('GET', `/api/rounds/${followup}/indicators`);
    expect(admin.json).toEqual((await indicators(followup)).json);
    await submit(followup);
    const store = api.deps.store;
    const [project, round] = await Promise.all([store.projects.get(projectId), store.rounds.get(followup)]);
    const live = await readRoundCounts(store, project!, round!, { live: true });
    const released = await readRoundCounts(store, project!, round!);
    expect(live.responses).toBe(released.responses + 1);
    expect(live.release).toBeUndefined();
    expect(released.release?.n).toBe(released.responses);
    // Through the API: the counts route answers administrators live, evaluators from the release.
    const path = `/api/rounds/${followup}`;
    const fromApi = await api.call('GET', path);
    expect(fromApi.status).toBe(200);
    expect(fromApi.json.responses).toBe(live.responses);
    expect(fromApi.json.release).toBeUndefined();
    const evaluators = await read(path);
    expect(evaluators.json.responses).toBe(released.responses);
    expect(evaluators.json.release).toEqual(released.release);
  });
});
