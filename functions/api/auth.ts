// Access tokens: signed (HS256 JWT) with a role, a project scope and an id (jti). Administrators
// may hold a token for every project ('*'); evaluators hold a read-only token for one project.
// A token whose id is on the revocation list (store/tokens.ts) is refused.
import { randomUUID, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { office } from './lazy.ts';

/** hono's JWT, loaded by the first token this instance signs or checks (a resident's instance never does). */
const jwt = office;

// Built on first use (see core/schemas.ts).
export const Role = z.lazy(() => z.enum(['admin', 'evaluator']));
export type Role = z.infer<typeof Role>;

const TokenClaims = z.lazy(() =>
  z.object({
    role: Role,
    /** A project id, or '*' for every project (administrators only). */
    project: z.string().min(1),
    /** The token's id: what the revocation list names. */
    jti: z.string().min(1),
    iat: z.number(),
    exp: z.number(),
  }),
);
export type TokenClaims = z.infer<typeof TokenClaims>;

/** A token just signed, with what its record in the store needs. */
export interface MintedToken {
  token: string;
  id: string;
  expiresAt: Date;
}

export interface TokenIssuer {
  issue(role: Role, project: string, lifetimeSeconds?: number): Promise<string>;
  mint(role: Role, project: string, lifetimeSeconds?: number): Promise<MintedToken>;
  /** The claims of a valid token, or null (bad signature, expired, malformed, revoked). */
  check(token: string): Promise<TokenClaims | null>;
  /** Refuses a token id on this instance at once (the revoke route calls it; others wait for their cache). */
  noteRevoked(tokenId: string): void;
}

const DAY = 24 * 60 * 60;
/** A static administrator token must be at least this long (ADMIN_TOKEN). */
export const MIN_STATIC_TOKEN_LENGTH = 32;
/**
 * How long an instance trusts what it read of the revocation list: a token revoked elsewhere is
 * refused here within 30 s, at the cost of one read per token id and instance per 30 s.
 */
export const REVOCATION_CACHE_MS = 30_000;
const REVOCATION_CACHE_ENTRIES = 10_000;

export interface TokenIssuerOptions {
  staticAdminToken?: string | undefined;
  now?: () => number;
  /** Whether a token id is on the revocation list (the store's); without it nothing is revoked. */
  isRevoked?: ((tokenId: string) => Promise<boolean>) | undefined;
}

export function createTokenIssuer(secret: string, options: TokenIssuerOptions = {}): TokenIssuer {
  if (secret.length < 32) throw new Error('the signing secret must be at least 32 characters');
  if (options.staticAdminToken !== undefined && options.staticAdminToken.length < MIN_STATIC_TOKEN_LENGTH)
    throw new Error(`ADMIN_TOKEN must be at least ${MIN_STATIC_TOKEN_LENGTH} characters`);
  const now = options.now ?? (() => Date.now());
  const staticAdmin = options.staticAdminToken ? Buffer.from(options.staticAdminToken) : null;
  const revocations = new Map<string, { revoked: boolean; until: number }>();
  const revoked = async (tokenId: string): Promise<boolean> => {
    if (!options.isRevoked) return revocations.get(tokenId)?.revoked === true;
    const cached = revocations.get(tokenId);
    if (cached && (cached.revoked || cached.until > now())) return cached.revoked;
    const answer = await options.isRevoked(tokenId);
    if (revocations.size >= REVOCATION_CACHE_ENTRIES) revocations.clear();
    revocations.set(tokenId, { revoked: answer, until: now() + REVOCATION_CACHE_MS });
    return answer;
  };
  const mint = async (role: Role, project: string, lifetimeSeconds = role === 'admin' ? 30 * DAY : 365 * DAY) => {
    if (role === 'evaluator' && project === '*') throw new Error('an evaluator token is for one project');
    const iat = Math.floor(now() / 1000);
    const id = randomUUID();
    const exp = iat + lifetimeSeconds;
    const token = await (await jwt()).sign({ role, project, jti: id, iat, exp }, secret, 'HS256');
    return { token, id, expiresAt: new Date(exp * 1000) };
  };
  return {
    mint,
    async issue(role, project, lifetimeSeconds) {
      return (await mint(role, project, lifetimeSeconds)).token;
    },
    noteRevoked(tokenId) {
      revocations.set(tokenId, { revoked: true, until: Number.MAX_SAFE_INTEGER });
    },
    async check(token) {
      // Bytes, not characters: a header with non-ASCII characters is longer in bytes than in characters.
      const given = Buffer.from(token);
      if (staticAdmin && given.length === staticAdmin.length && timingSafeEqual(given, staticAdmin)) {
        return { role: 'admin', project: '*', jti: 'ADMIN_TOKEN', iat: 0, exp: Number.MAX_SAFE_INTEGER };
      }
      let claims: TokenClaims;
      try {
        const payload = await (await jwt()).verify(token, secret, { alg: 'HS256', iat: false });
        const parsed = TokenClaims.safeParse(payload);
        if (!parsed.success) return null;
        claims = parsed.data;
      } catch {
        return null;
      }
      if (claims.exp * 1000 <= now()) return null;
      // Only administrators reach every project, whoever signed the token.
      if (claims.role === 'evaluator' && claims.project === '*') return null;
      // Outside the try: a store that cannot answer is a 503, not a refused token.
      if (await revoked(claims.jti)) return null;
      return claims;
    },
  };
}

/** Whether a token's claims reach a project. */
export function reachesProject(claims: TokenClaims, projectId: string): boolean {
  return claims.project === '*' || claims.project === projectId;
}
