// An open round cannot be flooded from one address: submissions are counted per client address
// and round (SUBMISSIONS_PER_MINUTE_PER_ADDRESS, default 20; 0: no limit), past the limit the API
// answers 429 with Retry-After. A salted hash of the address (never the address) is kept with each
// response until the round closes, so that administrators can list bursts and remove them.
import { randomBytes } from 'node:crypto';
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.ts';
import { createTokenIssuer } from '../../functions/api/auth.ts';
import { DEFAULT_SUBMISSIONS_PER_MINUTE } from '../../functions/api/guessLimit.ts';
import type { ApiDeps } from '../../functions/api/routeTable.ts';
import { builtInTemplate } from '../../functions/core/template.ts';
import {
  ApiEnvironment,
  apiVariables,
  readVariables,
  SUBMISSIONS_PER_MINUTE_PER_ADDRESS,
} from '../../functions/handlers/variables.ts';
import type { Store } from '../../functions/store/index.ts';
import { TEST_SECRET } from '../support/api.ts';
import { startTestStore } from '../support/dynamo.ts';

const areas = [{ id: 'a', name: 'A' }];
const answers = { q_nki_overall: 8, q_nki_expect: 7, q_nki_ideal: 6, area: 'a' };

let store: Store;
let closeStore: () => Promise<void>;
let adminToken = '';
let projectId = '';
let questionnaireId = '';
const tokens = createTokenIssuer(TEST_SECRET);
/** A fresh key per run: the test needs none in particular. */
const codeKey = randomBytes(32).toString('hex');

function appWith(submissionsPerMinutePerAddress: number | undefined): Hono {
  const deps: ApiDeps = {
    store,
    tokens,
    codeSecret: codeKey,
    now: () => Date.now(),
    shardsPerRound: 2,
    settleMs: 0,
    submissionsPerMinutePerAddress,
    log: () => {},
  };
  return createApp(deps);
}

let limited: Hono;
let unlimited: Hono;

/** One request from a client address, as the Node server passes it to the app. */
async function call(app: Hono, method: string, path: string, options: { from?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = { authorization: `Bearer ${adminToken}` };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await app.request(
    path,
    { method, headers, ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }) },
    { incoming: { socket: { remoteAddress: options.from ?? '127.0.0.1' } } },
  );
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
}

async function openRound(app: Hono): Promise<string> {
  const round = await call(app, 'POST', `/api/projects/${projectId}/rounds`, {
    body: { kind: 'baseline', name: 'r', questionnaireId, access: 'open' },
  });
  expect(round.status).toBe(201);
  return round.json.id;
}

const submit = (app: Hono, roundId: string, from: string) =>
  call(app, 'POST', `/api/public/rounds/${roundId}/responses`, { from, body: { answers } });

/** Every item of the table as JSON text. */
async function tableText(): Promise<string> {
  const items: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await store.client.send(
      new ScanCommand({ TableName: store.tableName, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return JSON.stringify(items);
}

async function liveResponses(roundId: string): Promise<number> {
  let n = 0;
  for (let shard = 0; shard < 2; shard++) for await (const _ of store.responses.responses(roundId, shard)) n++;
  return n;
}

beforeAll(async () => {
  const started = await startTestStore();
  store = started.store;
  closeStore = started.close;
  adminToken = await tokens.issue('admin', '*');
  limited = appWith(undefined); // the default
  unlimited = appWith(0);
  projectId = (await call(limited, 'POST', '/api/projects', { body: { name: 'flooding', areas } })).json.id;
  questionnaireId = (
    await call(limited, 'POST', `/api/projects/${projectId}/questionnaires`, { body: builtInTemplate(areas) })
  ).json.id;
}, 60_000);

afterAll(async () => {
  await closeStore?.();
});

describe('flooding an open round', () => {
  it('answers 429 with Retry-After when one address sends 60 submissions within 10 s; another address is unaffected', async () => {
    const roundId = await openRound(limited);
    const started = Date.now();
    const statuses: number[] = [];
    let blocked: Awaited<ReturnType<typeof submit>> | null = null;
    for (let i = 0; i < 60; i++) {
      const reply = await submit(limited, roundId, '127.0.0.2');
      statuses.push(reply.status);
      if (reply.status === 429) blocked ??= reply;
    }
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(statuses.filter((status) => status === 201)).toHaveLength(DEFAULT_SUBMISSIONS_PER_MINUTE);
    expect(statuses.filter((status) => status === 429)).toHaveLength(60 - DEFAULT_SUBMISSIONS_PER_MINUTE);
    expect(blocked?.json).toEqual({
      error: 'too_many_submissions',
      message: expect.stringMatching(/^För många svar har skickats från din adress\. Försök igen om \d+ sekunder\.$/),
    });
    const retryAfter = Number(blocked?.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another address is not blocked by this one's flood; the blocked submissions stored nothing.
    expect((await submit(limited, roundId, '127.0.0.3')).status).toBe(201);
    expect(await liveResponses(roundId)).toBe(DEFAULT_SUBMISSIONS_PER_MINUTE + 1);
  });

  it('has no limit with SUBMISSIONS_PER_MINUTE_PER_ADDRESS=0, and defaults to 20 in the Lambda environment', async () => {
    const roundId = await openRound(unlimited);
    for (let i = 0; i < 60; i++) expect((await submit(unlimited, roundId, '127.0.0.4')).status).toBe(201);
    expect(SUBMISSIONS_PER_MINUTE_PER_ADDRESS).toBe(DEFAULT_SUBMISSIONS_PER_MINUTE);
    const stack = {
      tableName: 't',
      settleMs: 0,
      stage: 'test',
      signingSecretArn: 'arn:a',
      adminTokenSecretArn: 'arn:b',
    };
    expect(apiVariables(stack).SUBMISSIONS_PER_MINUTE_PER_ADDRESS).toBe('20');
    expect(apiVariables({ ...stack, submissionsPerMinutePerAddress: 0 }).SUBMISSIONS_PER_MINUTE_PER_ADDRESS).toBe('0');
    expect(readVariables(ApiEnvironment, apiVariables(stack)).SUBMISSIONS_PER_MINUTE_PER_ADDRESS).toBe(20);
    expect(() =>
      readVariables(ApiEnvironment, { ...apiVariables(stack), SUBMISSIONS_PER_MINUTE_PER_ADDRESS: 'many' }),
    ).toThrow(/SUBMISSIONS_PER_MINUTE_PER_ADDRESS/);
  });

  it('keeps a salted hash of the address with each response, never the address, and drops the hashes when the round closes', async () => {
    const roundId = await openRound(unlimited);
    const other = await openRound(unlimited);
    for (let i = 0; i < 3; i++) expect((await submit(unlimited, roundId, '198.51.100.7')).status).toBe(201);
    expect((await submit(unlimited, other, '198.51.100.7')).status).toBe(201);
    const hashes = async (id: string) => {
      const found: string[] = [];
      for (let shard = 0; shard < 2; shard++)
        for await (const { addressHash } of store.responses.addressTimes(id, shard)) found.push(addressHash);
      return found;
    };
    const kept = await hashes(roundId);
    expect(kept).toHaveLength(3);
    expect(new Set(kept).size).toBe(1);
    expect(kept[0]).toMatch(/^[0-9a-f]{32}$/);
    // Salted per round: the same address gives another hash in another round.
    expect((await hashes(other))[0]).not.toBe(kept[0]);
    expect(await tableText()).not.toContain('198.51.100.7');

    expect((await call(unlimited, 'POST', `/api/rounds/${roundId}/close`)).status).toBe(200);
    expect(await hashes(roundId)).toEqual([]);
    expect(await tableText()).not.toContain(kept[0]);
    const bursts = await call(unlimited, 'GET', `/api/rounds/${roundId}/bursts?minCount=2`);
    expect(bursts.json).toMatchObject({ hashed: 0, bursts: [] });
    expect(await liveResponses(roundId)).toBe(3);
  });

  it('lists bursts by address hash and time window (counts, never answers) and removes them by hash or window', async () => {
    const roundId = await openRound(unlimited);
    for (let i = 0; i < 30; i++) expect((await submit(unlimited, roundId, '203.0.113.9')).status).toBe(201);
    for (let i = 0; i < 5; i++) expect((await submit(unlimited, roundId, `203.0.113.${20 + i}`)).status).toBe(201);

    const listed = await call(unlimited, 'GET', `/api/rounds/${roundId}/bursts?windowMinutes=10&minCount=10`);
    expect(listed.status).toBe(200);
    expect(listed.json.hashed).toBe(35);
    expect(listed.json.bursts).toHaveLength(1);
    const [burst] = listed.json.bursts;
    expect(burst).toEqual({
      addressHash: expect.stringMatching(/^[0-9a-f]{32}$/),
      from: expect.any(String),
      to: expect.any(String),
      count: 30,
    });
    expect(Date.parse(burst.to) - Date.parse(burst.from)).toBe(10 * 60_000);
    expect(JSON.stringify(listed.json)).not.toMatch(/q_nki|answers/);
    // Evaluators do not see it.
    const evaluator = await tokens.issue('evaluator', projectId);
    const asEvaluator = await unlimited.request(`/api/rounds/${roundId}/bursts`, {
      headers: { authorization: `Bearer ${evaluator}` },
    });
    expect(asEvaluator.status).toBe(403);

    const removed = await call(unlimited, 'POST', `/api/rounds/${roundId}/removals/bulk`, {
      body: { addressHash: burst.addressHash },
    });
    expect(removed.status).toBe(200);
    expect(removed.json).toEqual({ removed: 30 });
    expect(await liveResponses(roundId)).toBe(5);
    // Removals as before: a removal event per response, folded as a negative contribution.
    expect((await tableText()).match(/"S":"X#I\./g)).toHaveLength(30);
    // Again: nothing left to remove.
    expect(
      (
        await call(unlimited, 'POST', `/api/rounds/${roundId}/removals/bulk`, {
          body: { addressHash: burst.addressHash },
        })
      ).json,
    ).toEqual({ removed: 0 });

    // By time window: everything from the last minute.
    const now = Date.now();
    const window = { from: new Date(now - 60_000).toISOString(), to: new Date(now + 1000).toISOString() };
    expect((await call(unlimited, 'POST', `/api/rounds/${roundId}/removals/bulk`, { body: window })).json).toEqual({
      removed: 5,
    });
    expect(await liveResponses(roundId)).toBe(0);
    // Neither a hash nor a window: refused, naming the field.
    const empty = await call(unlimited, 'POST', `/api/rounds/${roundId}/removals/bulk`, { body: {} });
    expect(empty.status).toBe(400);
    expect(empty.json.errors[0].field).toBe('addressHash');
  });
});
