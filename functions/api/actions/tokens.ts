// The handlers of the token routes (declared in routes/tokens.ts): evaluator access, revocation,
// and the exchange of a one-time sign-in code for a short-lived token.
import { HttpError } from '../errors.ts';
import { hashSignInCode, issueRecordedToken, SIGNED_IN_TOKEN_SECONDS } from '../issuedTokens.ts';
import type { GlobalContext, ProjectContext, PublicContext } from '../routeTable.ts';

const TOKEN_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** POST /api/projects/:projectId/evaluators */
export async function createEvaluator({
  c,
  deps,
  project,
  query,
}: ProjectContext<undefined, { name?: string | undefined }>): Promise<Response> {
  const name = query.name ?? `Evaluator ${new Date(deps.now()).toISOString().slice(0, 10)}`;
  const { token, record } = await issueRecordedToken(deps, { role: 'evaluator', project: project.id, name });
  return c.json({ token, id: record.id, name, expiresAt: record.expiresAt }, 201);
}

/** GET /api/projects/:projectId/evaluators */
export async function listEvaluators({ c, deps, project }: ProjectContext): Promise<Response> {
  return c.json({ tokens: await deps.store.tokens.listByProject(project.id) });
}

/** GET /api/tokens */
export async function listAdminTokens({ c, deps }: GlobalContext): Promise<Response> {
  return c.json({ tokens: await deps.store.tokens.listByProject('*') });
}

/** POST /api/tokens/:tokenId/revoke */
export async function revokeToken({ c, deps }: GlobalContext): Promise<Response> {
  const tokenId = c.req.param('tokenId') ?? '';
  const revoked = TOKEN_ID.test(tokenId)
    ? await deps.store.tokens.revoke(tokenId, new Date(deps.now()).toISOString())
    : null;
  if (!revoked) throw new HttpError(404, 'not_found', 'no issued token with this id');
  deps.tokens.noteRevoked(tokenId);
  deps.log({ level: 'info', event: 'token_revoked', tokenId, role: revoked.role, project: revoked.project });
  return c.json({ token: revoked });
}

/** POST /api/public/signin */
export async function signIn({ c, deps, body }: PublicContext<{ code: string }>): Promise<Response> {
  const grant = await deps.store.tokens.consumeSignIn(hashSignInCode(body.code), new Date(deps.now()).toISOString());
  if (!grant) throw new HttpError(401, 'unauthorized', 'this sign-in link is used, expired or unknown');
  const { token, record } = await issueRecordedToken(deps, {
    role: grant.role,
    project: grant.project,
    name: `${grant.name} (sign-in)`,
    lifetimeSeconds: SIGNED_IN_TOKEN_SECONDS,
  });
  return c.json({ token, role: record.role, project: record.project, expiresAt: record.expiresAt });
}
