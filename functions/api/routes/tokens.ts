// Issued tokens: evaluator access (named, listed, revocable), revocation, and the exchange of a
// one-time sign-in code for a short-lived token (what printed links carry instead of a token).
import * as z from 'zod';
import { HttpError } from '../errors.ts';
import { hashSignInCode, issueRecordedToken, SIGNED_IN_TOKEN_SECONDS } from '../issuedTokens.ts';
import { route, type RouteSpec } from '../routeTable.ts';

const ADMIN = ['admin'] as const;
const TOKEN_ID = /^[A-Za-z0-9_-]{1,64}$/;

const EvaluatorQuery = z.lazy(() =>
  z.object({
    /** What the list shows: who holds it. */
    name: z.string().trim().min(1).max(100).optional(),
  }),
);
const SignInBody = z.lazy(() => z.object({ code: z.string().min(1).max(200) }));

export const tokenRoutes: RouteSpec[] = [
  route({
    method: 'post',
    path: '/api/projects/:projectId/evaluators',
    summary: 'Create read-only evaluator access to a project (?name= names it in the list)',
    access: { kind: 'project', roles: ADMIN },
    query: EvaluatorQuery,
    responses: { 201: { description: 'an evaluator token for the project, shown once', schema: 'EvaluatorToken' } },
    handler: async ({ c, deps, project, query }) => {
      const name = query.name ?? `Evaluator ${new Date(deps.now()).toISOString().slice(0, 10)}`;
      const { token, record } = await issueRecordedToken(deps, { role: 'evaluator', project: project.id, name });
      return c.json({ token, id: record.id, name, expiresAt: record.expiresAt }, 201);
    },
  }),
  route({
    method: 'get',
    path: '/api/projects/:projectId/evaluators',
    summary: "The tokens issued for a project's evaluators (ids and names, never the tokens)",
    access: { kind: 'project', roles: ADMIN },
    responses: { 200: { description: 'issued tokens, newest first', schema: 'IssuedTokenList' } },
    handler: async ({ c, deps, project }) => c.json({ tokens: await deps.store.tokens.listByProject(project.id) }),
  }),
  route({
    method: 'get',
    path: '/api/tokens',
    summary: "The every-project (administrators') tokens issued",
    access: { kind: 'global', roles: ADMIN },
    responses: { 200: { description: 'issued tokens, newest first', schema: 'IssuedTokenList' } },
    handler: async ({ c, deps }) => c.json({ tokens: await deps.store.tokens.listByProject('*') }),
  }),
  route({
    method: 'post',
    path: '/api/tokens/:tokenId/revoke',
    summary: 'Revoke an issued token: it is refused within 30 s everywhere, at once on this instance',
    access: { kind: 'global', roles: ADMIN },
    responses: {
      200: { description: 'the revoked token', schema: 'RevokedToken' },
      404: 'no issued token with this id',
    },
    handler: async ({ c, deps }) => {
      const tokenId = c.req.param('tokenId') ?? '';
      const revoked = TOKEN_ID.test(tokenId)
        ? await deps.store.tokens.revoke(tokenId, new Date(deps.now()).toISOString())
        : null;
      if (!revoked) throw new HttpError(404, 'not_found', 'no issued token with this id');
      deps.tokens.noteRevoked(tokenId);
      deps.log({ level: 'info', event: 'token_revoked', tokenId, role: revoked.role, project: revoked.project });
      return c.json({ token: revoked });
    },
  }),
  route({
    method: 'post',
    path: '/api/public/signin',
    summary: 'Exchange a one-time sign-in code (from a /admin#signin= or /dashboard link) for a 12-hour token',
    access: { kind: 'public' },
    body: SignInBody,
    responses: {
      200: { description: 'a token, for the page to keep in memory and sessionStorage', schema: 'SignedIn' },
      401: 'the code is unknown, used or expired',
    },
    handler: async ({ c, deps, body }) => {
      const grant = await deps.store.tokens.consumeSignIn(
        hashSignInCode(body.code),
        new Date(deps.now()).toISOString(),
      );
      if (!grant) throw new HttpError(401, 'unauthorized', 'this sign-in link is used, expired or unknown');
      const { token, record } = await issueRecordedToken(deps, {
        role: grant.role,
        project: grant.project,
        name: `${grant.name} (sign-in)`,
        lifetimeSeconds: SIGNED_IN_TOKEN_SECONDS,
      });
      return c.json({ token, role: record.role, project: record.project, expiresAt: record.expiresAt });
    },
  }),
];
