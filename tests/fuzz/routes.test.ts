// Hostile input on every public route, the web pages and the tokens of the others, over the real
// local server: never a 5xx, a crash or a hang; every error specific, in the caller's language;
// nothing stored by a refused submission; residents' ideas moderated meanwhile, and no contact detail
// or unpublished idea in any public answer. `npm run fuzz` runs the same properties 10,000+ times.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendRaw, type RawRequest } from './rawHttp.ts';
import { checkIdeaTotals, ideaStates } from './ideaPrivacy.ts';
import { checkStoredTotals, newTally, routeProperties, type RouteTally } from './routeProperties.ts';
import { startFuzzTarget, type FuzzTarget } from './target.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
let target: FuzzTarget;
let tally: RouteTally;
const initial = new Map<string, number>();

beforeAll(async () => {
  target = await startFuzzTarget();
  tally = newTally();
  for (const round of [target.openRound, target.inviteRound, target.closedRound])
    initial.set(round, await target.storedCount(round));
}, 60_000);
afterAll(async () => target?.close());

describe('hostile requests', () => {
  for (const index of [0, 1, 2, 3]) {
    const name = ['submissions', 'paths, queries and methods', 'tokens on non-public routes', 'ideas and the board'][
      index
    ];
    it(`keep every promise: ${name}`, async () => {
      const { property } = routeProperties(target, tally)[index]!;
      await fc.assert(property, { numRuns: RUNS, seed: 20261123 + index });
    }, 120_000);
  }

  it('store exactly the submissions acknowledged with 201, and nothing else', async () => {
    expect(await checkStoredTotals(target, tally, initial)).toEqual([]);
    expect(tally.storedByRound.get(target.openRound) ?? 0).toBeGreaterThan(0);
  });

  it('store exactly the ideas acknowledged with 201, in the states the moderation left them, and nothing refused', async () => {
    expect(await checkIdeaTotals(target, tally.ideas)).toEqual([]);
    // The property had something to find: ideas public and unpublished, boards read, secrets sent.
    const states = ideaStates(tally.ideas);
    for (const state of ['received', 'published', 'rejected', 'withdrawn'])
      expect(states[state] ?? 0).toBeGreaterThan(0);
    expect(tally.boards).toBeGreaterThan(0);
    expect(tally.ideas.secret.size).toBeGreaterThan(0);
  });
});

/** The bugs the fuzzing found, each as the request that showed it. */
describe('hostile requests the fuzzing found answered wrongly', () => {
  const submit = (
    body: string | Buffer,
    headers: [string, string][] = [['Content-Type', 'application/json']],
    query = '',
  ): RawRequest => ({
    method: 'POST',
    target: `/api/public/rounds/${target.openRound}/responses${query}`,
    headers,
    body: Buffer.isBuffer(body) ? body : Buffer.from(body),
    contentLength: true,
  });
  const send = (request: RawRequest) => sendRaw(target.host, target.port, request);
  const id = () => crypto.randomUUID();

  it('refuses "__proto__" among the answers (zod made it the prototype and dropped it: 201)', async () => {
    const before = await target.storedCount(target.openRound);
    const response = await send(
      submit(`{"responseId":"${id()}","answers":{"q_nki_overall":5,"__proto__":{"q_nki_expect":1}}}`),
    );
    expect(response.status).toBe(400);
    expect(response.json).toEqual({
      errors: [{ field: 'answers.__proto__', message: 'Namnet är reserverat och kan inte användas.' }],
    });
    const escaped = await send(
      submit(`{"responseId":"${id()}","answers":{"q_nki_overall":5,"\\u005f_proto__":{}}}`, undefined, '?lang=en'),
    );
    expect(escaped.json).toEqual({
      errors: [{ field: 'answers.__proto__', message: 'this name is reserved and cannot be used' }],
    });
    expect(await target.storedCount(target.openRound)).toBe(before);
  });

  it('refuses a body that is not UTF-8 (it was stored with U+FFFD in place of the bytes: 201)', async () => {
    const body = Buffer.concat([
      Buffer.from(`{"responseId":"${id()}","answers":{"q_idea":"Caf`),
      Buffer.from([0xe9]),
      Buffer.from('"}}'),
    ]);
    const response = await send(submit(body));
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ errors: [{ field: 'body', message: 'Innehållet är inte giltig UTF-8.' }] });
  });

  it('refuses free text with half a surrogate pair, which UTF-8 cannot store', async () => {
    const response = await send(submit(`{"responseId":"${id()}","answers":{"q_idea":"x\\ud800y"}}`));
    expect(response.status).toBe(400);
    expect(response.json.errors[0].field).toBe('q_idea');
  });

  it("explains a malformed submission in the product's words, Swedish by default and English on request", async () => {
    const sv = await send(submit('{"answers":5}'));
    expect(sv.json).toEqual({
      errors: [{ field: 'answers', message: 'Svaren ska vara ett objekt ({ … }).' }],
    });
    const en = await send(submit('{"answers":5}', undefined, '?lang=en'));
    expect(en.json.errors[0].message).toBe('the answers must be an object ({ … })');
    const notJson = await send(submit('{"answers":', [['Content-Type', 'application/json']]));
    expect(notJson.json.errors[0].message).toMatch(/^Innehållet är inte giltig JSON/);
  });

  it('takes only JSON in UTF-8: another charset is a 415', async () => {
    const response = await send(submit('{"answers":{}}', [['Content-Type', 'application/json; charset=latin1']]));
    expect(response.status).toBe(415);
    expect(response.json.error).toBe('unsupported_media_type');
  });

  it('lets ?lang=en choose the language on a route with its own query (it was an unknown key: 400)', async () => {
    const response = await sendRaw(target.host, target.port, {
      method: 'GET',
      target: `/api/projects/${target.projectId}/comparison?baseline=${target.openRound}&followup=${target.inviteRound}&lang=en`,
      headers: [['Authorization', `Bearer ${target.adminToken}`]],
    });
    expect(response.status).toBe(200);
  });

  it('answers requests Node cannot parse, and CONNECT, with a JSON error (they got a bare status line, or none)', async () => {
    for (const request of [
      { method: 'FOO', target: '/api/health' },
      { method: 'GET', target: Buffer.from([0x2f, 0xff, 0xfe]) },
      {
        method: 'POST',
        target: '/api/health',
        headers: [['Content-Length', '99999999999999999999999']] as [string, string][],
      },
      { method: 'CONNECT', target: '127.0.0.1:22' },
    ] satisfies RawRequest[]) {
      const response = await send(request);
      expect([400, 405]).toContain(response.status);
      expect(response.json).toBeTruthy();
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('answers an id too long for the store with 404 (DynamoDB refused the key: 500)', async () => {
    const long = 'x'.repeat(5000);
    const survey = await send({ method: 'GET', target: `/api/public/rounds/${long}?lang=en` });
    expect([survey.status, survey.json.message]).toEqual([404, 'There is no such survey.']);
    const post = await send({ ...submit('{"answers":{}}'), target: `/api/public/rounds/${long}/responses` });
    expect([post.status, post.json.message]).toEqual([404, 'Enkäten finns inte.']);
    const withToken = await send({
      method: 'GET',
      target: `/api/rounds/${long}/indicators`,
      headers: [['Authorization', `Bearer ${target.adminToken}`]],
    });
    expect(withToken.status).toBe(404);
    const withoutToken = await send({ method: 'GET', target: `/api/rounds/${long}/indicators` });
    expect(withoutToken.status).toBe(401);
  });

  it('logs no server error for a body cut short by the client', async () => {
    const errors = target.logs.filter((entry) => entry.level === 'error').length;
    await send({ ...submit('{"answers":{}}'), contentLength: '400', halfClose: true });
    await send({
      method: 'POST',
      target: `/api/public/rounds/${target.openRound}/responses`,
      headers: [['Content-Type', 'application/json']],
      chunks: [Buffer.from('{"answers"')],
      unterminated: true,
      halfClose: true,
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(target.logs.filter((entry) => entry.level === 'error').length).toBe(errors);
  });
});
