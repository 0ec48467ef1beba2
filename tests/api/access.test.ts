// Walks the whole route table: no non-public route answers without the right token (401 without
// or with a bad one, 403 with a wrong role or another project's token).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign } from 'hono/jwt';
import { routes } from '../../functions/api/app.ts';
import { createTokenIssuer } from '../../functions/api/auth.ts';
import { builtInTemplate } from '../../functions/core/template.ts';
import { startCheckedApi, TEST_SECRET, type TestApi } from '../support/api.ts';

let api: TestApi;
const ids = { projectId: '', otherProjectId: '', roundId: '', questionnaireId: '', ideaId: '' };
let tokens: Record<string, string>;

beforeAll(async () => {
  api = await startCheckedApi();
  const areas = [{ id: 'a', name: 'A' }];
  for (const key of ['projectId', 'otherProjectId'] as const) {
    ids[key] = (await api.call('POST', '/api/projects', { body: { name: key, areas } })).json.id;
  }
  ids.questionnaireId = (
    await api.call('POST', `/api/projects/${ids.projectId}/questionnaires`, { body: builtInTemplate(areas) })
  ).json.id;
  ids.roundId = (
    await api.call('POST', `/api/projects/${ids.projectId}/rounds`, {
      body: { kind: 'baseline', name: 'r', questionnaireId: ids.questionnaireId, access: 'invite' },
    })
  ).json.id;
  ids.ideaId = (
    await api.call('POST', `/api/public/projects/${ids.projectId}/ideas`, {
      token: null,
      body: { title: 'A bench by the lake', text: 'Somewhere to sit.' },
    })
  ).json.id;
  const issuer = api.deps.tokens;
  const now = Math.floor(Date.now() / 1000);
  tokens = {
    admin: api.adminToken,
    adminOfProject: await issuer.issue('admin', ids.projectId),
    adminOfOther: await issuer.issue('admin', ids.otherProjectId),
    evaluator: await issuer.issue('evaluator', ids.projectId),
    evaluatorOfOther: await issuer.issue('evaluator', ids.otherProjectId),
    expired: await sign({ role: 'admin', project: '*', iat: now - 100, exp: now - 10 }, TEST_SECRET, 'HS256'),
    otherKey: await createTokenIssuer('another-signing-secret-of-enough-length-42').issue('admin', '*'),
    unknownRole: await sign({ role: 'superuser', project: '*', iat: now, exp: now + 100 }, TEST_SECRET, 'HS256'),
    noneAlg: `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify({ role: 'admin', project: '*', iat: now, exp: now + 100 })).toString('base64url')}.`,
  };
  const [header, payload, signature] = api.adminToken.split('.');
  const forged = Buffer.from(
    JSON.stringify({
      ...JSON.parse(Buffer.from(payload!, 'base64url').toString()),
      role: 'admin',
      project: '*',
      exp: now + 9999999,
    }),
  ).toString('base64url');
  tokens.tampered = `${header}.${forged}.${signature}`;
});
afterAll(async () => api.close());

const fill = (path: string) =>
  path
    .replace(':projectId', ids.projectId)
    .replace(':roundId', ids.roundId)
    .replace(':questionnaireId', ids.questionnaireId)
    .replace(':ideaId', ids.ideaId);

const protectedRoutes = routes.filter((r) => r.access.kind !== 'public');

describe('the route table', () => {
  it('declares a role for every route that is not public, and only health, the survey, its code check, submissions, sign-in and ideas are public', () => {
    const publicPaths = routes.filter((r) => r.access.kind === 'public').map((r) => `${r.method} ${r.path}`);
    expect(publicPaths.sort()).toEqual([
      'get /api/health',
      'get /api/public/projects/:projectId/ideas',
      'get /api/public/rounds/:roundId',
      'post /api/public/projects/:projectId/ideas',
      'post /api/public/rounds/:roundId/codes/check',
      'post /api/public/rounds/:roundId/responses',
      'post /api/public/signin',
    ]);
    for (const spec of protectedRoutes)
      expect(spec.access.kind === 'public' ? [] : spec.access.roles.length).toBeGreaterThan(0);
  });

  it.each(protectedRoutes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))(
    '%s answers 401 without a valid token',
    async (_name, spec) => {
      for (const token of [
        null,
        'garbage',
        tokens.expired,
        tokens.otherKey,
        tokens.tampered,
        tokens.unknownRole,
        tokens.noneAlg,
      ]) {
        const result = await api.call(spec.method.toUpperCase(), fill(spec.path), {
          token,
          body: spec.method === 'post' ? {} : undefined,
        });
        expect(result.status, `token ${String(token).slice(0, 12)}`).toBe(401);
        expect(result.headers.get('www-authenticate')).toBe('Bearer');
      }
    },
  );

  it.each(protectedRoutes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))(
    '%s answers 403 to a wrong role or another project',
    async (_name, spec) => {
      if (spec.access.kind === 'public') return;
      const forbidden: string[] = [];
      if (!spec.access.roles.includes('evaluator')) forbidden.push(tokens.evaluator!);
      if (spec.access.kind === 'global') forbidden.push(tokens.adminOfProject!, tokens.evaluator!);
      else forbidden.push(tokens.adminOfOther!, tokens.evaluatorOfOther!);
      for (const token of forbidden) {
        const result = await api.call(spec.method.toUpperCase(), fill(spec.path), {
          token,
          body: spec.method === 'post' ? {} : undefined,
        });
        expect(result.status).toBe(403);
      }
    },
  );

  it('lets an evaluator read but never write', async () => {
    const read = await api.call('GET', `/api/projects/${ids.projectId}`, { token: tokens.evaluator });
    expect(read.status).toBe(200);
    const writes = protectedRoutes.filter((r) => r.method !== 'get');
    for (const spec of writes) {
      const result = await api.call(spec.method.toUpperCase(), fill(spec.path), {
        token: tokens.evaluator,
        body: spec.method === 'post' ? {} : undefined,
      });
      expect(result.status).toBe(403);
    }
  });
});
