// Access tokens: signed (HS256 JWT) with a role and a project scope. Administrators may hold a
// token for every project ('*'); evaluators hold a read-only token for one project.
import { timingSafeEqual } from 'node:crypto';
import { sign, verify } from 'hono/jwt';
import * as z from 'zod';

// Built on first use (see core/schemas.ts).
export const Role = z.lazy(() => z.enum(['admin', 'evaluator']));
export type Role = z.infer<typeof Role>;

const TokenClaims = z.lazy(() =>
  z.object({
    role: Role,
    /** A project id, or '*' for every project (administrators only). */
    project: z.string().min(1),
    iat: z.number(),
    exp: z.number(),
  }),
);
export type TokenClaims = z.infer<typeof TokenClaims>;

export interface TokenIssuer {
  issue(role: Role, project: string, lifetimeSeconds?: number): Promise<string>;
  /** The claims of a valid token, or null (bad signature, expired, malformed). */
  check(token: string): Promise<TokenClaims | null>;
}

const DAY = 24 * 60 * 60;

export function createTokenIssuer(
  secret: string,
  options: { staticAdminToken?: string | undefined; now?: () => number } = {},
): TokenIssuer {
  if (secret.length < 32) throw new Error('the signing secret must be at least 32 characters');
  const now = options.now ?? (() => Date.now());
  const staticAdmin = options.staticAdminToken ? Buffer.from(options.staticAdminToken) : null;
  return {
    async issue(role, project, lifetimeSeconds = role === 'admin' ? 30 * DAY : 365 * DAY) {
      if (role === 'evaluator' && project === '*') throw new Error('an evaluator token is for one project');
      const iat = Math.floor(now() / 1000);
      return sign({ role, project, iat, exp: iat + lifetimeSeconds }, secret, 'HS256');
    },
    async check(token) {
      // Bytes, not characters: a header with non-ASCII characters is longer in bytes than in characters.
      const given = Buffer.from(token);
      if (staticAdmin && given.length === staticAdmin.length && timingSafeEqual(given, staticAdmin)) {
        return { role: 'admin', project: '*', iat: 0, exp: Number.MAX_SAFE_INTEGER };
      }
      try {
        const payload = await verify(token, secret, { alg: 'HS256', iat: false });
        const claims = TokenClaims.safeParse(payload);
        if (!claims.success) return null;
        if (claims.data.exp * 1000 <= now()) return null;
        // Only administrators reach every project, whoever signed the token.
        if (claims.data.role === 'evaluator' && claims.data.project === '*') return null;
        return claims.data;
      } catch {
        return null;
      }
    },
  };
}

/** Whether a token's claims reach a project. */
export function reachesProject(claims: TokenClaims, projectId: string): boolean {
  return claims.project === '*' || claims.project === projectId;
}
