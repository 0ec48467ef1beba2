// Issued tokens: evaluator access (named, listed, revocable), revocation, and the exchange of a
// one-time sign-in code for a short-lived token (what printed links carry instead of a token).
import * as z from 'zod';
import { once } from '../../core/once.ts';
import { office } from '../lazy.ts';
import { lazy, route, type RouteSpec } from '../routeTable.ts';

const ADMIN = ['admin'] as const;
/** The handlers (actions/tokens.ts), loaded by the first call of any of these routes. */
const actions = once(() => office().then((m) => m.tokenActions));

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
    handler: lazy(actions, 'createEvaluator'),
  }),
  route({
    method: 'get',
    path: '/api/projects/:projectId/evaluators',
    summary: "The tokens issued for a project's evaluators (ids and names, never the tokens)",
    access: { kind: 'project', roles: ADMIN },
    responses: { 200: { description: 'issued tokens, newest first', schema: 'IssuedTokenList' } },
    handler: lazy(actions, 'listEvaluators'),
  }),
  route({
    method: 'get',
    path: '/api/tokens',
    summary: "The every-project (administrators') tokens issued",
    access: { kind: 'global', roles: ADMIN },
    responses: { 200: { description: 'issued tokens, newest first', schema: 'IssuedTokenList' } },
    handler: lazy(actions, 'listAdminTokens'),
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
    handler: lazy(actions, 'revokeToken'),
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
    handler: lazy(actions, 'signIn'),
  }),
];
