// Invitation codes cannot be enumerated: over a real HTTP server, wrong codes are counted per
// client address and per round, and past the limit the API answers 429 with Retry-After and a
// message in the resident's language, without looking the code up. Clients are told apart by
// their real socket address (127.0.0.x: all of 127/8 is loopback on Linux).
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Context, Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.ts';
import { createTokenIssuer } from '../../functions/api/auth.ts';
import { DEFAULT_GUESS_LIMITS, GuessLimiter, clientAddress } from '../../functions/api/guessLimit.ts';
import type { ApiDeps } from '../../functions/api/routeTable.ts';
import type { Store } from '../../functions/store/index.ts';
import { builtInTemplate } from '../../functions/core/template.ts';
import { startTestStore } from '../support/dynamo.ts';

const SECRET = 'guessing-test-signing-secret-of-enough-length-0123';
const areas = [{ id: 'a', name: 'A' }];
const answers = { q_nki_overall: 8, q_nki_expect: 7, q_nki_ideal: 6, area: 'a' };

let server: ServerType;
let base: string;
let adminToken: string;
let closeStore: () => Promise<void>;
let clockOffsetMs = 0;
let app: Hono;
let projectId = '';
let questionnaireId = '';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: any;
}

/** One HTTP request from a chosen loopback address. */
function call(
  method: string,
  path: string,
  options: { from?: string; body?: unknown; token?: string } = {},
): Promise<Reply> {
  const url = new URL(path, base);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method,
        localAddress: options.from ?? '127.0.0.1',
        headers: {
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, json: text ? JSON.parse(text) : null }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function newRound(access: 'invite' | 'open'): Promise<{ roundId: string; codes: string[] }> {
  const round = await call('POST', `/api/projects/${projectId}/rounds`, {
    token: adminToken,
    body: { kind: 'baseline', name: 'r', questionnaireId, access },
  });
  expect(round.status).toBe(201);
  if (access === 'open') return { roundId: round.json.id, codes: [] };
  const issued = await call('POST', `/api/rounds/${round.json.id}/invitations`, {
    token: adminToken,
    body: { count: 3 },
  });
  expect(issued.status).toBe(201);
  return { roundId: round.json.id, codes: issued.json.codes };
}

/** A well-formed code that was never issued: i in base 8 written with the digits 2..9. */
const wrongCode = (i: number) =>
  `ZZZZZ-${[...i.toString(8).padStart(5, '0')].map((d) => String(Number(d) + 2)).join('')}`;
const submit = (roundId: string, code: string, from = '127.0.0.1', lang = '') =>
  call('POST', `/api/public/rounds/${roundId}/responses${lang}`, { from, body: { code, answers } });
/** Responses stored in a round (the page's counts come from releases: ../shared/docs/METHOD.md). */
async function respondents(roundId: string): Promise<number> {
  let stored = 0;
  for (let shard = 0; shard < 2; shard++) for await (const _ of testStore.responses.responses(roundId, shard)) stored++;
  return stored;
}
let testStore: Store;

beforeAll(async () => {
  const store = await startTestStore();
  testStore = store.store;
  closeStore = store.close;
  const tokens = createTokenIssuer(SECRET);
  const deps: ApiDeps = {
    store: store.store,
    tokens,
    codeSecret: 'guessing-test-code-secret',
    now: () => Date.now() + clockOffsetMs,
    shardsPerRound: 2,
    settleMs: 0,
    log: () => {},
  };
  app = createApp(deps);
  server = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  adminToken = await tokens.issue('admin', '*');
  projectId = (await call('POST', '/api/projects', { token: adminToken, body: { name: 'guessing', areas } })).json.id;
  questionnaireId = (
    await call('POST', `/api/projects/${projectId}/questionnaires`, { token: adminToken, body: builtInTemplate(areas) })
  ).json.id;
}, 60_000);

afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await closeStore?.();
});

describe('guessing invitation codes over HTTP', () => {
  it('answers 429 with Retry-After after 10 wrong codes a minute from one address, even to a right code, in Swedish or English', async () => {
    const { roundId, codes } = await newRound('invite');
    const from = '127.0.0.2';
    for (let i = 0; i < DEFAULT_GUESS_LIMITS.perClient; i++) {
      const reply = await submit(roundId, wrongCode(i), from);
      expect(reply.status).toBe(403);
      expect(reply.json.error).toBe('invalid_code');
    }
    const blocked = await submit(roundId, codes[0]!, from);
    expect(blocked.status).toBe(429);
    expect(blocked.json).toEqual({
      error: 'too_many_guesses',
      message: expect.stringMatching(/^För många felaktiga koder har skickats\. Försök igen om \d+ sekunder\.$/),
    });
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(blocked.headers['x-content-type-options']).toBe('nosniff');
    const english = await submit(roundId, codes[0]!, from, '?lang=en');
    expect(english.status).toBe(429);
    expect(english.json.message).toMatch(/^Too many wrong codes have been sent\. Try again in \d+ seconds\.$/);
    // The blocked requests looked nothing up and stored nothing.
    expect(await respondents(roundId)).toBe(0);

    // Another address is not blocked by this one's guesses.
    expect((await submit(roundId, codes[1]!, '127.0.0.3')).status).toBe(201);

    // When the window has passed, the resident's right code is taken.
    clockOffsetMs += retryAfter * 1000;
    expect((await submit(roundId, codes[0]!, from)).status).toBe(201);
    expect(await respondents(roundId)).toBe(2);
  });

  it('counts unknown and used codes, not malformed codes or retries with the same responseId', async () => {
    const { roundId, codes } = await newRound('invite');
    const from = '127.0.0.4';
    const responseId = '4b0c2a56-52f4-4d0e-9a51-3f1f1b0f6f4e';
    const retry = () =>
      call('POST', `/api/public/rounds/${roundId}/responses`, { from, body: { responseId, code: codes[0], answers } });
    expect((await retry()).status).toBe(201);
    for (let i = 0; i < 15; i++) {
      expect((await submit(roundId, 'not a code', from)).status).toBe(400);
      expect((await retry()).status).toBe(200);
    }
    // A used code without its responseId is a guess (tests/security/answerGuessing.test.ts).
    for (let i = 0; i < DEFAULT_GUESS_LIMITS.perClient; i++)
      expect((await submit(roundId, codes[0]!, from)).status).toBe(409);
    expect((await submit(roundId, codes[1]!, from)).status).toBe(429);
  });

  it('bounds a round over many addresses: past 60 wrong codes a minute, every address that guessed gets 429, and residents with right codes still get in', async () => {
    const { roundId, codes } = await newRound('invite');
    const other = await newRound('invite');
    let sent = 0;
    // Nine wrong codes from each address: no single address reaches its own limit.
    for (let address = 10; sent < DEFAULT_GUESS_LIMITS.perRound; address++) {
      for (let i = 0; i < 9 && sent < DEFAULT_GUESS_LIMITS.perRound; i++, sent++) {
        expect((await submit(roundId, wrongCode(sent), `127.0.1.${address}`)).status).toBe(403);
      }
    }
    // An address that guessed is stopped, even with a right code.
    const guesser = await submit(roundId, codes[0]!, '127.0.1.10');
    expect(guesser.status).toBe(429);
    expect(Number(guesser.headers['retry-after'])).toBeGreaterThan(0);
    // A resident from an address that sent no wrong code is not locked out by the guessers.
    expect((await submit(roundId, codes[1]!, '127.0.2.1')).status).toBe(201);
    // A new address gets one guess in, then is stopped too.
    expect((await submit(roundId, wrongCode(999), '127.0.2.2')).status).toBe(403);
    expect((await submit(roundId, codes[2]!, '127.0.2.2')).status).toBe(429);
    // Another round of the same project is not affected.
    expect((await submit(other.roundId, other.codes[0]!, '127.0.1.10')).status).toBe(201);
    clockOffsetMs += 61_000;
    expect((await submit(roundId, codes[0]!, '127.0.1.10')).status).toBe(201);
  });

  it('counts no guesses on open rounds, which take no codes (their bound is per submission: flooding.test.ts)', async () => {
    const { roundId } = await newRound('open');
    for (let i = 0; i < 15; i++) {
      const reply = await call('POST', `/api/public/rounds/${roundId}/responses`, {
        from: '127.0.0.5',
        body: { code: wrongCode(i), answers },
      });
      expect(reply.status).toBe(400);
    }
    expect(
      (await call('POST', `/api/public/rounds/${roundId}/responses`, { from: '127.0.0.5', body: { answers } })).status,
    ).toBe(201);
  });
});

describe('guessing through API Gateway and CloudFront (the Lambda adapter)', () => {
  /** An API Gateway HTTP API (payload 2.0) event from CloudFront's edge for one viewer. */
  const lambdaEvent = (roundId: string, code: string, viewer: string) => ({
    version: '2.0',
    routeKey: '$default',
    rawPath: `/api/public/rounds/${roundId}/responses`,
    rawQueryString: '',
    headers: {
      'content-type': 'application/json',
      host: 'abc123.execute-api.eu-north-1.amazonaws.com',
      'cloudfront-viewer-address': viewer,
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.eu-north-1.amazonaws.com',
      domainPrefix: 'abc123',
      // Every request comes from the same CloudFront edge.
      http: {
        method: 'POST',
        path: `/api/public/rounds/${roundId}/responses`,
        protocol: 'HTTP/1.1',
        sourceIp: '130.176.0.1',
        userAgent: 'Amazon CloudFront',
      },
      requestId: 'r',
      routeKey: '$default',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    isBase64Encoded: false,
    body: JSON.stringify({ code, answers }),
  });

  it('counts per viewer address, not per CloudFront edge', async () => {
    const lambda = handle(app) as unknown as (
      event: unknown,
      context: unknown,
    ) => Promise<{ statusCode: number; headers: Record<string, string> }>;
    const { roundId, codes } = await newRound('invite');
    const guesser = '203.0.113.9:50123';
    for (let i = 0; i < DEFAULT_GUESS_LIMITS.perClient; i++)
      expect((await lambda(lambdaEvent(roundId, wrongCode(i), guesser), {})).statusCode).toBe(403);
    const blocked = await lambda(lambdaEvent(roundId, codes[0]!, guesser), {});
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // A resident behind the same edge is not held back by the guesser.
    expect((await lambda(lambdaEvent(roundId, codes[1]!, '198.51.100.20:443'), {})).statusCode).toBe(201);
  });
});

describe('the guess limiter', () => {
  const fakeContext = (env: unknown, headers: Record<string, string> = {}) =>
    ({ env, req: { header: (name: string) => headers[name.toLowerCase()] } }) as unknown as Context;

  it('reads the client address from the Node socket, from API Gateway, or from CloudFront in front of it', () => {
    expect(clientAddress(fakeContext({ incoming: { socket: { remoteAddress: '203.0.113.7' } } }))).toBe('203.0.113.7');
    expect(clientAddress(fakeContext({ incoming: { socket: { remoteAddress: '::ffff:203.0.113.7' } } }))).toBe(
      '203.0.113.7',
    );
    const lambda = { event: { requestContext: { http: { sourceIp: '198.51.100.9' } } } };
    expect(clientAddress(fakeContext(lambda))).toBe('198.51.100.9');
    expect(clientAddress(fakeContext(lambda, { 'cloudfront-viewer-address': '203.0.113.7:46532' }))).toBe(
      '203.0.113.7',
    );
    expect(clientAddress(fakeContext(lambda, { 'cloudfront-viewer-address': '2001:db8:aa:bb:1:2:3:4:46532' }))).toBe(
      '2001:db8:aa:bb::/64',
    );
    expect(clientAddress(fakeContext(undefined))).toBeNull();
  });

  it('counts an IPv6 client per /64, so that cycling through its own block gives no more guesses', () => {
    const at = (address: string) => clientAddress(fakeContext({ incoming: { socket: { remoteAddress: address } } }));
    expect(at('2001:db8:0:1::1')).toBe('2001:db8:0:1::/64');
    expect(at('2001:0db8:0000:0001:ffff:eeee:dddd:cccc')).toBe('2001:db8:0:1::/64');
    expect(at('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(at('::1')).toBe('0:0:0:0::/64');
  });

  it('keeps its memory bounded however many addresses guess, and forgets windows that ended', () => {
    let now = 0;
    const limiter = new GuessLimiter({ perClient: 2, perRound: 1_000_000, windowMs: 1000, maxKeys: 100 }, () => now);
    for (let i = 0; i < 10_000; i++) limiter.recordFailure(`10.0.${i >> 8}.${i & 255}`, 'r');
    expect(limiter.entries.clients).toBeLessThanOrEqual(100);
    limiter.recordFailure('192.0.2.1', 'r');
    limiter.recordFailure('192.0.2.1', 'r');
    expect(limiter.retryAfterSeconds('192.0.2.1', 'r')).toBe(1);
    now = 1000;
    expect(limiter.retryAfterSeconds('192.0.2.1', 'r')).toBe(0);
  });
});
