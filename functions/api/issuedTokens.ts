// Tokens that are issued on purpose (sign-in, evaluator access, the command line) are recorded
// with an id and a name, so that administrators can list and revoke them; one-time sign-in codes
// stand in for tokens in printed links, so that no address carries a token.
import { createHash, randomBytes } from 'node:crypto';
import type { IssuedToken, SignInGrant } from '../store/tokens.ts';
import type { Store } from '../store/index.ts';
import type { Role, TokenIssuer } from './auth.ts';

/** What a sign-in code is exchanged for: a token for a working day, kept out of the address bar. */
export const SIGNED_IN_TOKEN_SECONDS = 12 * 60 * 60;
/** How long a printed or handed-out sign-in link works, if unused. */
export const SIGNIN_CODE_MS = 7 * 24 * 60 * 60 * 1000;

export const newSignInCode = (): string => randomBytes(32).toString('base64url');
/** Codes are random 256-bit values: an unkeyed hash is enough to keep them out of the table. */
export const hashSignInCode = (code: string): string => createHash('sha256').update(code).digest('base64url');

export interface RecordedToken {
  token: string;
  record: IssuedToken;
}

/** Signs a token and records it under its id and name. */
export async function issueRecordedToken(
  deps: { store: Store; tokens: TokenIssuer; now: () => number },
  grant: { role: Role; project: string; name: string; lifetimeSeconds?: number | undefined },
): Promise<RecordedToken> {
  const minted = await deps.tokens.mint(grant.role, grant.project, grant.lifetimeSeconds);
  const record: IssuedToken = {
    id: minted.id,
    name: grant.name,
    role: grant.role,
    project: grant.project,
    createdAt: new Date(deps.now()).toISOString(),
    expiresAt: minted.expiresAt.toISOString(),
    revokedAt: null,
  };
  await deps.store.tokens.record(record);
  return { token: minted.token, record };
}

/** A new one-time sign-in code (shown once, stored as a hash). */
export async function createSignInCode(
  store: Store,
  grant: Omit<SignInGrant, 'expiresAt'>,
  now: number,
  lifetimeMs = SIGNIN_CODE_MS,
): Promise<string> {
  const code = newSignInCode();
  await store.tokens.createSignIn(hashSignInCode(code), {
    ...grant,
    expiresAt: new Date(now + lifetimeMs).toISOString(),
  });
  return code;
}
