// Tokens can be named, listed and revoked; printed links carry one-time sign-in codes instead of
// tokens; a static ADMIN_TOKEN is long; the signing secret can rotate without voiding letters.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sign } from 'hono/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenIssuer, REVOCATION_CACHE_MS } from '../../functions/api/auth.ts';
import { createSignInCode, hashSignInCode } from '../../functions/api/issuedTokens.ts';
import { main } from '../../functions/cli/main.ts';
import { TABLE_NAME } from '../../functions/local/dataDir.ts';
import { startDynalite } from '../../functions/local/dynalite.ts';
import { createDynamoClient } from '../../functions/store/client.ts';
import { ensureTable } from '../../functions/store/table.ts';
import { openStore } from '../../functions/cli/storeAccess.ts';
import { EnvironmentError } from '../../functions/core/settings.ts';
import { apiDepsFromEnv } from '../../functions/handlers/environment.ts';
import { optionsFromEnv } from '../../functions/local/start.ts';
import { startTestApi, TEST_SECRET, type TestApi } from '../support/api.ts';

let api: TestApi;
let projectId = '';

beforeAll(async () => {
  api = await startTestApi();
  projectId = (await api.call('POST', '/api/projects', { body: { name: 'Tokens', areas: [{ id: 'a', name: 'A' }] } }))
    .json.id;
});
afterAll(() => api?.close());

describe('issued tokens', () => {
  it('names evaluator tokens and lists them by id and name, never the token', async () => {
    const created = await api.call('POST', `/api/projects/${projectId}/evaluators?name=Kommunens%20utv%C3%A4rderare`);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: 'Kommunens utvärderare', id: expect.any(String) });
    const listed = await api.call('GET', `/api/projects/${projectId}/evaluators`);
    expect(listed.status).toBe(200);
    const entry = listed.json.tokens.find((t: { id: string }) => t.id === created.json.id);
    expect(entry).toMatchObject({
      name: 'Kommunens utvärderare',
      role: 'evaluator',
      project: projectId,
      revokedAt: null,
    });
    expect(listed.text).not.toContain(created.json.token);
  });

  it('refuses a revoked token with 401 at once, and lists it as revoked', async () => {
    const { json } = await api.call('POST', `/api/projects/${projectId}/evaluators?name=Revoked`);
    expect((await api.call('GET', `/api/projects/${projectId}`, { token: json.token })).status).toBe(200);
    const revoked = await api.call('POST', `/api/tokens/${json.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.json.token.revokedAt).toEqual(expect.any(String));
    expect((await api.call('GET', `/api/projects/${projectId}`, { token: json.token })).status).toBe(401);
    const listed = await api.call('GET', `/api/projects/${projectId}/evaluators`);
    expect(listed.json.tokens.find((t: { id: string }) => t.id === json.id).revokedAt).toEqual(expect.any(String));
  });

  it('lets only administrators revoke, and answers 404 for a token that was never issued', async () => {
    const { json } = await api.call('POST', `/api/projects/${projectId}/evaluators?name=Evaluator`);
    expect((await api.call('POST', `/api/tokens/${json.id}/revoke`, { token: json.token })).status).toBe(403);
    expect((await api.call('POST', '/api/tokens/no-such-token/revoke')).status).toBe(404);
  });

  it(`refuses a token revoked on another instance once that instance's cache (${REVOCATION_CACHE_MS / 1000} s) has passed`, async () => {
    let now = Date.now();
    const store = api.deps.store;
    const other = createTokenIssuer(TEST_SECRET, { now: () => now, isRevoked: (id) => store.tokens.isRevoked(id) });
    const { json } = await api.call('POST', `/api/projects/${projectId}/evaluators?name=Elsewhere`);
    expect(await other.check(json.token)).not.toBeNull();
    await api.call('POST', `/api/tokens/${json.id}/revoke`);
    expect(await other.check(json.token)).not.toBeNull(); // still cached there
    now += REVOCATION_CACHE_MS + 1;
    expect(await other.check(json.token)).toBeNull();
  });

  it('refuses a signed token without an id (jti), which could not be revoked', async () => {
    const iat = Math.floor(Date.now() / 1000);
    const token = await sign({ role: 'admin', project: '*', iat, exp: iat + 3600 }, TEST_SECRET, 'HS256');
    expect((await api.call('GET', '/api/projects', { token })).status).toBe(401);
  });
});

describe('one-time sign-in codes', () => {
  it('exchanges a code once for a 12-hour token that reaches what the code grants', async () => {
    const code = await createSignInCode(api.deps.store, { role: 'admin', project: '*', name: 'test' }, Date.now());
    const first = await api.call('POST', '/api/public/signin', { token: null, body: { code } });
    expect(first.status).toBe(200);
    expect(first.json.role).toBe('admin');
    const hours = (Date.parse(first.json.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);
    expect((await api.call('GET', '/api/projects', { token: first.json.token })).status).toBe(200);
    expect((await api.call('POST', '/api/public/signin', { token: null, body: { code } })).status).toBe(401);
  });

  it('gives one token for a code sent twice at once', async () => {
    const code = await createSignInCode(
      api.deps.store,
      { role: 'evaluator', project: projectId, name: 't' },
      Date.now(),
    );
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => api.call('POST', '/api/public/signin', { token: null, body: { code } })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401, 401, 401, 401]);
    const token = answers.find((a) => a.status === 200)!.json.token;
    // An evaluator's code gives an evaluator's token: it reads, it does not administer.
    expect((await api.call('GET', `/api/projects/${projectId}`, { token })).status).toBe(200);
    expect((await api.call('GET', '/api/projects', { token })).status).toBe(403);
  });

  it('refuses an expired or unknown code', async () => {
    const code = await createSignInCode(api.deps.store, { role: 'admin', project: '*', name: 't' }, Date.now(), -1);
    expect((await api.call('POST', '/api/public/signin', { token: null, body: { code } })).status).toBe(401);
    expect((await api.call('POST', '/api/public/signin', { token: null, body: { code: 'x'.repeat(43) } })).status).toBe(
      401,
    );
  });
});

describe('a static ADMIN_TOKEN', () => {
  it('is refused under 32 characters, naming ADMIN_TOKEN', () => {
    expect(() => createTokenIssuer(TEST_SECRET, { staticAdminToken: 'a' })).toThrow(/ADMIN_TOKEN/);
    expect(() => optionsFromEnv({ ADMIN_TOKEN: 'a' }, [])).toThrow(EnvironmentError);
    expect(() => optionsFromEnv({ ADMIN_TOKEN: 'a' }, [])).toThrow(/ADMIN_TOKEN/);
    expect(optionsFromEnv({ ADMIN_TOKEN: 'x'.repeat(32) }, []).adminToken).toHaveLength(32);
  });
});

describe('the secrets on AWS', () => {
  const env = { TABLE_NAME: 't', DYNAMODB_ENDPOINT: 'http://127.0.0.1:9', AWS_REGION: 'eu-north-1' };

  it('keeps the code key when the signing secret rotates, and voids the old tokens', async () => {
    // Not real secrets: what the stack would read from Secrets Manager.
    const [codes, first, second] = ['c', '1', '2'].map((c) => c.repeat(48));
    const before = await apiDepsFromEnv({ ...env, BYGDPULS_SECRET: codes, BYGDPULS_SIGNING_SECRET: first });
    const after = await apiDepsFromEnv({ ...env, BYGDPULS_SECRET: codes, BYGDPULS_SIGNING_SECRET: second });
    expect(after.codeSecret).toBe(before.codeSecret);
    const token = await before.tokens.issue('admin', '*');
    expect(await after.tokens.check(token)).toBeNull();
    // A deployment from before the split (one secret) keeps its code key: its letters still work.
    const legacy = await apiDepsFromEnv({ ...env, BYGDPULS_SECRET: codes });
    expect(legacy.codeSecret).toBe(before.codeSecret);
    for (const deps of [before, after, legacy]) deps.store.client.destroy();
  });
});

describe('the command line', () => {
  it('prints one-time sign-in links, and records the tokens it prints so that they can be revoked', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'bygdpuls-tokens-'));
    // A data folder as npm start leaves it: the local database with its table.
    const dynamo = await startDynalite({ path: path.join(dataDir, 'db') });
    const client = createDynamoClient({ tableName: TABLE_NAME, endpoint: dynamo.endpoint });
    await ensureTable(client, TABLE_NAME);
    client.destroy();
    await dynamo.close();
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: (text: string) => void out.push(text), stderr: (text: string) => void err.push(text) };
    expect(await main(['signin', '--role', 'admin', '--data-dir', dataDir, '--url', 'http://x.test'], io)).toBe(0);
    const code = /^http:\/\/x\.test\/admin#signin=([\w-]+)\n$/.exec(out.join(''))?.[1];
    expect(code).toBeDefined();
    expect(await main(['token', '--role', 'admin', '--name', 'backup job', '--data-dir', dataDir], io)).toBe(0);
    const tokenId = /token id (\S+) \("backup job"\)/.exec(err.join(''))?.[1];
    const { store, close } = await openStore({ dataDir });
    try {
      expect(await store.tokens.consumeSignIn(hashSignInCode(code!), new Date().toISOString())).toMatchObject({
        role: 'admin',
      });
      expect((await store.tokens.listByProject('*')).map((t) => t.name)).toContain('backup job');
      expect(await store.tokens.revoke(tokenId!, new Date().toISOString())).not.toBeNull();
    } finally {
      await close();
    }
  }, 60_000);
});
