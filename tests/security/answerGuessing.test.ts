// Whoever holds a resident's invitation letter cannot test guesses of what the resident answered:
// a resend counts as the same submission only with the same responseId (which the resident's own
// browser keeps), so the stored answers alone answer 409 like any other; and 409s for a used code
// are counted with wrong codes, so that repeated ones meet 429.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.ts';
import { createTokenIssuer } from '../../functions/api/auth.ts';
import { DEFAULT_GUESS_LIMITS } from '../../functions/api/guessLimit.ts';
import { builtInTemplate } from '../../functions/core/template.ts';
import { TEST_SECRET } from '../support/api.ts';
import { startTestStore } from '../support/dynamo.ts';

const areas = [{ id: 'a', name: 'A' }];
const answers = { q_nki_overall: 8, q_nki_expect: 7, q_nki_ideal: 6, area: 'a' };
const tokens = createTokenIssuer(TEST_SECRET);
/** A fresh key per run: the test needs none in particular. */
const codeKey = randomBytes(32).toString('hex');
let app: Hono;
let adminToken = '';
let roundId = '';
let codes: string[] = [];
let closeStore: () => Promise<void>;

async function call(method: string, path: string, body?: unknown, from = '127.0.0.1') {
  const response = await app.request(
    path,
    {
      method,
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    },
    { incoming: { socket: { remoteAddress: from } } },
  );
  const json: any = await response.json();
  return { status: response.status, headers: response.headers, json };
}

const submit = (body: unknown, from: string) => call('POST', `/api/public/rounds/${roundId}/responses`, body, from);

beforeAll(async () => {
  const started = await startTestStore();
  closeStore = started.close;
  app = createApp({
    store: started.store,
    tokens,
    codeSecret: codeKey,
    now: () => Date.now(),
    shardsPerRound: 2,
    settleMs: 0,
    log: () => {},
  });
  adminToken = await tokens.issue('admin', '*');
  const projectId = (await call('POST', '/api/projects', { name: 'p', areas })).json.id;
  const questionnaireId = (await call('POST', `/api/projects/${projectId}/questionnaires`, builtInTemplate(areas))).json
    .id;
  roundId = (
    await call('POST', `/api/projects/${projectId}/rounds`, {
      kind: 'baseline',
      name: 'r',
      questionnaireId,
      access: 'invite',
    })
  ).json.id;
  codes = (await call('POST', `/api/rounds/${roundId}/invitations`, { count: 2 })).json.codes;
}, 60_000);

afterAll(async () => {
  await closeStore?.();
});

describe("guessing a resident's answers with their invitation code", () => {
  it('answers a resend with the stored answers but without their responseId 409, like a wrong guess', async () => {
    const responseId = randomUUID();
    expect((await submit({ responseId, code: codes[0], answers }, '127.0.0.1')).status).toBe(201);
    const right = await submit({ code: codes[0], answers }, '127.0.0.2');
    const wrong = await submit({ code: codes[0], answers: { ...answers, q_nki_overall: 3 } }, '127.0.0.2');
    expect(right.status).toBe(409);
    expect(wrong.status).toBe(409);
    expect(right.json).toEqual(wrong.json);
    // Another responseId with the right answers: the same 409.
    expect((await submit({ responseId: randomUUID(), code: codes[0], answers }, '127.0.0.2')).status).toBe(409);
    // The resident's own retry (same responseId and answers) is still taken as the first answer.
    expect((await submit({ responseId, code: codes[0], answers }, '127.0.0.1')).status).toBe(200);
  });

  it('counts 409s for a used code as guesses: repeated ones meet 429 with Retry-After', async () => {
    const from = '127.0.0.3';
    const statuses: number[] = [];
    for (let i = 0; i <= DEFAULT_GUESS_LIMITS.perClient; i++)
      statuses.push(
        (await submit({ code: codes[0], answers: { ...answers, q_nki_overall: (i % 10) + 1, q_nki_expect: 1 } }, from))
          .status,
      );
    expect(statuses.slice(0, DEFAULT_GUESS_LIMITS.perClient).every((status) => status === 409)).toBe(true);
    const blocked = await submit({ code: codes[0], answers }, from);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another address, with its own unused code, is not affected.
    expect((await submit({ code: codes[1], answers }, '127.0.0.4')).status).toBe(201);
  });
});
