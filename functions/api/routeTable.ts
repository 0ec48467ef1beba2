// The shape of a route: every route declares who may call it next to its path, and the table is
// what the app, the OpenAPI document and the access test all read. It also declares a schema for
// every JSON answer (functions/api/contract.ts), and types each handler's context by the access.
import type { Language } from '../core/language.ts';
import type { Context } from 'hono';
import type * as z from 'zod';
import type { AnswerName } from './contract.ts';
import type { Store } from '../store/index.ts';
import type { Project, Round } from '../store/types.ts';
import type { Role, TokenClaims, TokenIssuer } from './auth.ts';
import type { ApiInstance } from './instance.ts';

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
  /**
   * Submissions one client address may send to an open round in a minute (default 20; 0: no
   * bound, for tests, benchmarks and trusted bulk loading). SUBMISSIONS_PER_MINUTE_PER_ADDRESS.
   */
  submissionsPerMinutePerAddress?: number | undefined;
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
  | { kind: 'round'; roles: readonly Role[] }
  | { kind: 'idea'; roles: readonly Role[] }
  | { kind: 'report'; roles: readonly Role[] };

/** What a route knows of its caller, by its access: never null where the access guarantees it. */
export type CallerOf<A extends Access> = A extends { kind: 'public' }
  ? { claims: null; project: null; round: null }
  : A extends { kind: 'global' }
    ? { claims: TokenClaims; project: null; round: null }
    : A extends { kind: 'project' } | { kind: 'idea' } | { kind: 'report' }
      ? { claims: TokenClaims; project: Project; round: null }
      : { claims: TokenClaims; project: Project; round: Round };

/** The caller of any route: what the app's checks hand over. */
export type Caller = CallerOf<Access>;

export type RouteContext<Body = unknown, Query = unknown, A extends Access = Access> = {
  c: Context;
  deps: ApiDeps;
  body: Body;
  query: Query;
  /** The caller's language for messages meant for residents. */
  lang: Language;
  /** What this instance keeps between requests (read cache, guess limiter). */
  instance: ApiInstance;
} & CallerOf<A>;

/** The context of a route of one kind of access, as a handler kept in a module of its own declares it. */
type ContextOf<K extends Access['kind'], Body, Query> = RouteContext<Body, Query, Extract<Access, { kind: K }>>;
export type PublicContext<Body = undefined, Query = undefined> = ContextOf<'public', Body, Query>;
export type GlobalContext<Body = undefined, Query = undefined> = ContextOf<'global', Body, Query>;
export type ProjectContext<Body = undefined, Query = undefined> = ContextOf<'project', Body, Query>;
export type RoundContext<Body = undefined, Query = undefined> = ContextOf<'round', Body, Query>;
/** An idea's routes (/api/ideas/:ideaId/...): the project is the idea's. */
export type IdeaContext<Body = undefined, Query = undefined> = ContextOf<'idea', Body, Query>;
/** A report's routes (/api/reports/:reportId/...): the project is the report's. */
export type ReportContext<Body = undefined, Query = undefined> = ContextOf<'report', Body, Query>;

/**
 * A handler kept in a module of its own (functions/api/actions/), loaded with that module by the
 * first call of any of its routes. The route table declares every route at cold start, but only
 * the declarations are compiled then: an instance compiles the handlers of the routes it serves.
 * `load` should be made with `once` so that later calls do not go through the module loader.
 */
export function lazy<M, K extends keyof M>(load: () => Promise<M>, name: K): M[K] {
  const handler = async (ctx: RouteContext) => ((await load())[name] as (ctx: RouteContext) => Promise<Response>)(ctx);
  return handler as M[K];
}

/** A JSON answer: what it means, and the name of its schema in functions/api/contract.ts. */
export interface JsonAnswer {
  description: string;
  schema: AnswerName;
}

/**
 * Status -> answer. A success declares its schema; an error may be a description alone, whose
 * shape is the API's error shape (`{errors}` for a 400, `{error, message}` otherwise).
 */
/** An answer that is a file, not JSON (a Word document): its media type. */
export interface FileAnswer {
  description: string;
  mediaType: string;
}

export type Responses = {
  200?: JsonAnswer | FileAnswer;
  201?: JsonAnswer;
  [status: number]: JsonAnswer | FileAnswer | string | undefined;
};

/** The largest request body a route takes unless it declares its own (RouteSpec.maxBodyBytes). */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Hono path syntax: /api/projects/:projectId */
  path: string;
  summary: string;
  access: Access;
  body?: z.ZodType;
  /**
   * The largest body the route takes, in bytes (DEFAULT_MAX_BODY_BYTES when absent): larger is
   * refused with 413 before the body is read. Raise it only where a caller needs it (an
   * administrator's questionnaire), never on a resident's route.
   */
  maxBodyBytes?: number;
  query?: z.ZodType;
  responses: Responses;
  /** Method syntax: the table holds handlers of every body, query and access alike. */
  handler(ctx: RouteContext): Promise<Response>;
}

/** Declares a route with typed body and query, and a context typed by its access. */
export function route<Body = undefined, Query = undefined, A extends Access = Access>(spec: {
  method: RouteSpec['method'];
  path: string;
  summary: string;
  access: A;
  body?: z.ZodType<Body>;
  maxBodyBytes?: number;
  query?: z.ZodType<Query>;
  responses: Responses;
  /** The body, query and access come from the declaration alone, never from the handler. */
  handler: (ctx: RouteContext<NoInfer<Body>, NoInfer<Query>, NoInfer<A>>) => Promise<Response>;
}): RouteSpec {
  return spec as RouteSpec;
}

/** The largest body a route takes, in bytes. */
export function maxBodyBytesOf(spec: Pick<RouteSpec, 'maxBodyBytes'>): number {
  return spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
}

/** A body limit as people say it: "64 KB", "1 MB". */
export function sizeInWords(bytes: number): string {
  const mb = 1024 * 1024;
  return bytes >= mb && bytes % (mb / 4) === 0 ? `${bytes / mb} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** The name of the schema of a route's answer with this status: its own, or the API's error shape. */
export function answerSchemaName(spec: RouteSpec, status: number): AnswerName | null {
  const declared = spec.responses[status];
  if (typeof declared === 'object') return 'schema' in declared ? declared.schema : null;
  if (declared === undefined && status < 400) return null;
  return status === 400 ? 'ValidationErrorAnswer' : 'ErrorAnswer';
}
