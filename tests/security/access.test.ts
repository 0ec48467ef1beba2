// Access, route by route from the route table (a new route is covered without editing this file):
// every kind of bad token is refused on every protected route (401: expired, another key,
// tampered, alg none or another algorithm, malformed; 403: a valid token of the wrong role or of
// another project), no answer tells whether a project or round exists, and an evaluator never
// writes: every write route answers 403 to the project's own evaluator with a body that an
// administrator's token then shows to be valid, and a scan of the table finds nothing changed.
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { sign } from 'hono/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, routes } from '../../functions/api/app.ts';
import { createTokenIssuer } from '../../functions/api/auth.ts';
import type { RouteSpec } from '../../functions/api/routeTable.ts';
import { builtInTemplate } from '../../functions/core/template.ts';
import { startTestApi, TEST_SECRET, type TestApi } from '../support/api.ts';

const areas = [{ id: 'a', name: 'A' }];
const answers = { q_nki_overall: 8, q_nki_expect: 7, q_nki_ideal: 6, area: 'a' };
const ids = {
  projectId: '',
  otherProjectId: '',
  questionnaireId: '',
  roundId: '',
  otherRoundId: '',
  tokenId: '',
  ideaId: '',
  activityId: '',
  goalId: '',
  reportId: '',
};
const UNKNOWN_ID = 'no-such-id-0000';
let api: TestApi;
let codes: string[] = [];

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const partsOf = (token: string) => token.split('.') as [string, string, string];
const payloadOf = (token: string) =>
  JSON.parse(Buffer.from(partsOf(token)[1], 'base64url').toString()) as Record<string, unknown>;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Every token that must get 401 on every protected route, by what is wrong with it. */
const unauthenticated: Record<string, string> = {};
/** Valid tokens of the wrong role or project, per route kind (filled in beforeAll). */
const tokens: Record<string, string> = {};

/** A body that an administrator's call of this write route accepts (2xx), by route. */
function validBody(spec: RouteSpec): unknown {
  const bodies: Record<string, unknown> = {
    'post /api/projects': { name: 'p', areas },
    'post /api/projects/:projectId/questionnaires': builtInTemplate(areas),
    'post /api/projects/:projectId/rounds': {
      kind: 'followup',
      name: 'f',
      questionnaireId: ids.questionnaireId,
      access: 'open',
    },
    'post /api/projects/:projectId/evaluators': {},
    'post /api/tokens/:tokenId/revoke': {},
    'post /api/rounds/:roundId/close': {},
    'post /api/rounds/:roundId/open': {},
    'post /api/rounds/:roundId/invitations': { count: 2 },
    'post /api/rounds/:roundId/removals': { code: codes[0] },
    'post /api/rounds/:roundId/removals/bulk': { addressHash: 'f'.repeat(32) },
    'post /api/projects/:projectId/ideas/settings': { open: true },
    'post /api/ideas/:ideaId/transitions': { to: 'published' },
    'post /api/ideas/:ideaId/undo': {},
    'delete /api/ideas/:ideaId/contact': null,
    'post /api/projects/:projectId/activities': { type: 'workshop', date: '2026-03-01', title: 'w' },
    'post /api/projects/:projectId/activities/:activityId/removal': { reason: 'dubblett' },
    'post /api/projects/:projectId/activity-types': {
      id: 'harvest_fair',
      label: { sv: 'Skördefest', en: 'Harvest fair' },
    },
    'post /api/projects/:projectId/goals': { title: 'g', kind: 'milestone' },
    'post /api/projects/:projectId/reports': {
      title: 'r',
      kind: 'interim',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
    },
    'put /api/reports/:reportId': { sections: { challenges: 'c' } },
    'put /api/reports/:reportId/goals/:goalId': { comment: 'c' },
    'post /api/reports/:reportId/lock': {},
  };
  return bodies[`${spec.method} ${spec.path}`];
}

const fill = (path: string, over: Partial<typeof ids> = {}) => {
  const values = { ...ids, ...over };
  return path
    .replace(':projectId', values.projectId)
    .replace(':roundId', values.roundId)
    .replace(':questionnaireId', values.questionnaireId)
    .replace(':tokenId', values.tokenId)
    .replace(':ideaId', values.ideaId)
    .replace(':activityId', values.activityId)
    .replace(':goalId', values.goalId)
    .replace(':reportId', values.reportId);
};
const queryOf = (spec: RouteSpec) =>
  spec.path.endsWith('/comparison') ? `?baseline=${ids.roundId}&followup=${ids.otherRoundId}` : '';
const callRoute = (spec: RouteSpec, token: string | null, options: { path?: string; body?: unknown } = {}) =>
  api.call(spec.method.toUpperCase(), `${options.path ?? fill(spec.path)}${queryOf(spec)}`, {
    token,
    body: spec.method === 'post' || spec.method === 'put' ? (options.body ?? validBody(spec) ?? {}) : undefined,
  });

/** Every item of the table, in key order, as JSON: the whole state that a request could change. */
async function tableState(): Promise<string> {
  const items: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await api.deps.store.client.send(
      new ScanCommand({ TableName: api.deps.store.tableName, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const key = (item: Record<string, AttributeValue>) => `${item.pk?.S}\u0000${item.sk?.S}`;
  return JSON.stringify(items.sort((a, b) => key(a).localeCompare(key(b))));
}

const protectedRoutes = routes.filter((r) => r.access.kind !== 'public');
const writeRoutes = protectedRoutes.filter((r) => r.method !== 'get');
const named = (list: RouteSpec[]) => list.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const);

beforeAll(async () => {
  api = await startTestApi();
  for (const key of ['projectId', 'otherProjectId'] as const)
    ids[key] = (await api.call('POST', '/api/projects', { body: { name: key, areas } })).json.id;
  ids.questionnaireId = (
    await api.call('POST', `/api/projects/${ids.projectId}/questionnaires`, { body: builtInTemplate(areas) })
  ).json.id;
  const round = (access: string, name: string) =>
    api.call('POST', `/api/projects/${ids.projectId}/rounds`, {
      body: { kind: 'baseline', name, questionnaireId: ids.questionnaireId, access },
    });
  ids.roundId = (await round('invite', 'r')).json.id;
  ids.otherRoundId = (await round('open', 'o')).json.id;
  codes = (await api.call('POST', `/api/rounds/${ids.roundId}/invitations`, { body: { count: 3 } })).json.codes;
  ids.tokenId = (await api.call('POST', `/api/projects/${ids.projectId}/evaluators`)).json.id;
  ids.ideaId = (
    await api.call('POST', `/api/public/projects/${ids.projectId}/ideas`, {
      token: null,
      body: { title: 'En brygga', text: 'Vid sjön.' },
    })
  ).json.id;
  ids.activityId = (
    await api.call('POST', `/api/projects/${ids.projectId}/activities`, {
      body: { type: 'workshop', date: '2026-02-01', title: 'w' },
    })
  ).json.id;
  ids.goalId = (
    await api.call('POST', `/api/projects/${ids.projectId}/goals`, { body: { title: 'g', kind: 'qualitative' } })
  ).json.id;
  ids.reportId = (
    await api.call('POST', `/api/projects/${ids.projectId}/reports`, {
      body: { title: 'r', kind: 'final', periodStart: '2026-01-01', periodEnd: '2026-12-31' },
    })
  ).json.id;
  expect(
    (
      await api.call('POST', `/api/public/rounds/${ids.roundId}/responses`, {
        token: null,
        body: { code: codes[0], answers },
      })
    ).status,
  ).toBe(201);

  const issuer = api.deps.tokens;
  const now = nowSeconds();
  Object.assign(tokens, {
    adminOfProject: await issuer.issue('admin', ids.projectId),
    adminOfOther: await issuer.issue('admin', ids.otherProjectId),
    adminOfUnknown: await issuer.issue('admin', UNKNOWN_ID),
    evaluator: await issuer.issue('evaluator', ids.projectId),
    evaluatorOfOther: await issuer.issue('evaluator', ids.otherProjectId),
  });
  const admin = api.adminToken;
  const evaluator = tokens.evaluator!;
  const [header, payload, signature] = partsOf(evaluator);
  const expired = await sign({ role: 'admin', project: '*', iat: now - 100, exp: now - 1 }, TEST_SECRET, 'HS256');
  Object.assign(unauthenticated, {
    none: '',
    garbage: 'garbage',
    expired,
    'expired just now': await sign({ role: 'admin', project: '*', iat: now - 100, exp: now }, TEST_SECRET, 'HS256'),
    'expired, exp moved on, signature kept': `${partsOf(expired)[0]}.${b64({ ...payloadOf(expired), exp: now + 3600 })}.${partsOf(expired)[2]}`,
    'another key': await createTokenIssuer('another-signing-secret-of-enough-length-42').issue('admin', '*'),
    'another key, right project': await createTokenIssuer('another-signing-secret-of-enough-length-42').issue(
      'admin',
      ids.projectId,
    ),
    'tampered: evaluator made admin': `${header}.${b64({ ...payloadOf(evaluator), role: 'admin' })}.${signature}`,
    'tampered: project made *': `${header}.${b64({ ...payloadOf(evaluator), project: '*' })}.${signature}`,
    'tampered: signature of another token': `${header}.${payload}.${partsOf(admin)[2]}`,
    'tampered: one signature bit flipped': `${header}.${payload}.${flipFirstBit(signature)}`,
    'tampered: signature removed': `${header}.${payload}.`,
    'tampered: two parts': `${header}.${payload}`,
    'alg none, no signature': `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ role: 'admin', project: '*', iat: now, exp: now + 100 })}.`,
    'alg None, no signature': `${b64({ alg: 'None', typ: 'JWT' })}.${b64({ role: 'admin', project: '*', iat: now, exp: now + 100 })}.`,
    'alg none, signature kept': `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.${signature}`,
    'alg HS512 with the right key': await sign(
      { role: 'admin', project: '*', iat: now, exp: now + 100 },
      TEST_SECRET,
      'HS512',
    ),
    'unknown role': await sign({ role: 'superuser', project: '*', iat: now, exp: now + 100 }, TEST_SECRET, 'HS256'),
    'no expiry': await sign({ role: 'admin', project: '*', iat: now }, TEST_SECRET, 'HS256'),
    'empty project': await sign({ role: 'admin', project: '', iat: now, exp: now + 100 }, TEST_SECRET, 'HS256'),
    // Signed with the right key, but no issuer makes one: evaluators read one project.
    'evaluator for every project': await sign(
      { role: 'evaluator', project: '*', iat: now, exp: now + 100 },
      TEST_SECRET,
      'HS256',
    ),
  });
}, 60_000);
afterAll(async () => api?.close());

function flipFirstBit(signature: string): string {
  const bytes = Buffer.from(signature, 'base64url');
  bytes[0] = bytes[0]! ^ 1;
  return bytes.toString('base64url');
}

describe('tokens that prove nothing', () => {
  it.each(named(protectedRoutes))('%s answers 401 to every bad token and changes nothing', async (_name, spec) => {
    const before = await tableState();
    for (const [kind, token] of Object.entries(unauthenticated)) {
      const result = await callRoute(spec, token);
      expect(result.status, kind).toBe(401);
      expect(result.json?.error, kind).toBe('unauthorized');
      expect(result.headers.get('www-authenticate'), kind).toBe('Bearer');
    }
    // A valid token anywhere but the Authorization header, or under another scheme, is no token.
    const admin = api.adminToken;
    for (const [kind, headers, path] of [
      ['Basic scheme', { authorization: `Basic ${admin}` }, fill(spec.path)],
      ['two tokens', { authorization: `Bearer ${admin} ${admin}` }, fill(spec.path)],
      ['token in the query', {}, `${fill(spec.path)}?token=${admin}&access_token=${admin}`],
      ['token in a cookie', { cookie: `token=${admin}` }, fill(spec.path)],
    ] as const) {
      const result = await api.call(spec.method.toUpperCase(), path, {
        token: null,
        headers,
        body: spec.method === 'post' || spec.method === 'put' ? (validBody(spec) ?? {}) : undefined,
      });
      expect(result.status, kind).toBe(401);
    }
    expect(await tableState()).toBe(before);
  });
});

describe('a static administrator token (ADMIN_TOKEN, or the secret on AWS)', () => {
  it('is accepted exactly, and a token of as many characters but other bytes is 401, not a crash', async () => {
    const staticToken = 'static-admin-token-for-the-access-test-01234';
    const app = createApp({ ...api.deps, tokens: createTokenIssuer(TEST_SECRET, { staticAdminToken: staticToken }) });
    const status = async (token: string) =>
      (await app.request('/api/projects', { headers: { authorization: `Bearer ${token}` } })).status;
    expect(await status(staticToken)).toBe(200);
    // Same length in characters, longer in bytes (HTTP header values may carry Latin-1 bytes).
    expect(await status(`${staticToken.slice(0, -1)}\u00e9`)).toBe(401);
    expect(await status(`${staticToken.slice(0, -1)}X`)).toBe(401);
    expect(await status(staticToken.slice(0, -1))).toBe(401);
  });
});

describe('valid tokens of the wrong role or project', () => {
  it.each(named(protectedRoutes))('%s answers 403 and changes nothing', async (_name, spec) => {
    if (spec.access.kind === 'public') return;
    const forbidden: [string, string][] = [];
    if (!spec.access.roles.includes('evaluator')) forbidden.push(['evaluator of the project', tokens.evaluator!]);
    if (spec.access.kind === 'global')
      forbidden.push(['admin of one project', tokens.adminOfProject!], ['evaluator', tokens.evaluator!]);
    else
      forbidden.push(
        ['admin of another project', tokens.adminOfOther!],
        ['evaluator of another project', tokens.evaluatorOfOther!],
        ['admin of an unknown project', tokens.adminOfUnknown!],
      );
    const before = await tableState();
    for (const [kind, token] of forbidden) {
      const result = await callRoute(spec, token);
      expect(result.status, kind).toBe(403);
      expect(result.json?.error, kind).toBe('forbidden');
    }
    expect(await tableState()).toBe(before);
  });

  it.each(named(protectedRoutes.filter((r) => r.access.kind !== 'global')))(
    '%s does not tell another project whether a project, round, idea or report exists',
    async (_name, spec) => {
      // The same 403 for an existing id of another project and for an id that exists nowhere.
      for (const token of [tokens.adminOfOther!, tokens.evaluatorOfOther!]) {
        const existing = await callRoute(spec, token);
        const unknown = await callRoute(spec, token, {
          path: fill(spec.path, {
            projectId: UNKNOWN_ID,
            roundId: UNKNOWN_ID,
            ideaId: UNKNOWN_ID,
            reportId: UNKNOWN_ID,
          }),
        });
        expect(existing.status).toBe(403);
        expect([unknown.status, unknown.json]).toEqual([existing.status, existing.json]);
      }
    },
  );
});

describe('an evaluator', () => {
  it('has an example body for every write route (add one to validBody for a new route)', () => {
    for (const spec of writeRoutes) expect(validBody(spec), `${spec.method} ${spec.path}`).toBeDefined();
  });

  it('reads every read route of its project, and not the list of issued tokens', async () => {
    for (const spec of protectedRoutes.filter((r) => r.method === 'get' && r.access.kind !== 'global')) {
      const expected = spec.access.kind !== 'public' && spec.access.roles.includes('evaluator') ? 200 : 403;
      expect((await callRoute(spec, tokens.evaluator!)).status, spec.path).toBe(expected);
    }
  });

  it.each(named(writeRoutes))(
    'never writes: %s answers 403 with a valid body, the table is unchanged, and the same call by an administrator succeeds',
    async (_name, spec) => {
      const before = await tableState();
      const refused = await callRoute(spec, tokens.evaluator!);
      expect(refused.status).toBe(403);
      expect(refused.json.error).toBe('forbidden');
      expect(await tableState()).toBe(before);
      // The body was fine: the role alone was refused.
      const admin = spec.access.kind === 'global' ? api.adminToken : tokens.adminOfProject!;
      const accepted = await callRoute(spec, admin);
      expect(accepted.status, JSON.stringify(accepted.json)).toBeGreaterThanOrEqual(200);
      expect(accepted.status).toBeLessThan(300);
    },
  );
});
