// The shape of a route: every route declares who may call it next to its path, and the table is
// what the app, the OpenAPI document and the access test all read.
import type { Language } from '../core/language.ts';
import type { Context } from 'hono';
import type * as z from 'zod';
import type { Store } from '../store/index.ts';
import type { Project, Round } from '../store/types.ts';
import type { Role, TokenClaims, TokenIssuer } from './auth.ts';
import type { ReadCache } from './readCache.ts';

export interface ApiDeps {
  store: Store;
  tokens: TokenIssuer;
  /** Key of the invitation-code hashes. */
  codeSecret: string;
  now: () => number;
  /** Write shards of a new round. */
  shardsPerRound: number;
  /** Events younger than this are not folded yet (the read path adds them from the tail). */
  settleMs: number;
  /** Origin used in survey links (defaults to the request's). */
  publicUrl?: string | undefined;
  /** One structured log line; never answers, never tokens. */
  log: (entry: Record<string, unknown>) => void;
}

/**
 * Who may call a route: everyone; an administrator or evaluator token, optionally limited to the
 * project named by :projectId, or to the project of the round named by :roundId.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'global'; roles: readonly Role[] }
  | { kind: 'project'; roles: readonly Role[] }
  | { kind: 'round'; roles: readonly Role[] };

export interface RouteContext<Body = unknown, Query = unknown> {
  c: Context;
  deps: ApiDeps;
  body: Body;
  query: Query;
  /** Set on routes that are not public. */
  claims: TokenClaims | null;
  /** Set on project-scoped routes (loaded and checked). */
  project: Project | null;
  /** Set on round-scoped routes (loaded and checked). */
  round: Round | null;
  /** The caller's language for messages meant for residents. */
  lang: Language;
  /** Rounds and questionnaires as the hot public routes read them. */
  cache: ReadCache;
}

export interface RouteSpec {
  method: 'get' | 'post';
  /** Hono path syntax: /api/projects/:projectId */
  path: string;
  summary: string;
  access: Access;
  body?: z.ZodType;
  query?: z.ZodType;
  /** Status -> description, for the OpenAPI document. */
  responses: Record<number, string>;
  handler: (ctx: RouteContext<any, any>) => Promise<Response>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Declares a route with typed body and query. */
export function route<Body = undefined, Query = undefined>(
  spec: Omit<RouteSpec, 'handler' | 'body' | 'query'> & {
    body?: z.ZodType<Body>;
    query?: z.ZodType<Query>;
    handler: (ctx: RouteContext<Body, Query>) => Promise<Response>;
  },
): RouteSpec {
  return spec as RouteSpec;
}
