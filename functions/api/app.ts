// The Hono app: every route of the route table behind the same checks, in this order: body size,
// token and role, project scope, JSON body and query against their schemas. One error shape.
import type { Language } from '../core/language.ts';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as z from 'zod';
import { reachesProject, type TokenClaims } from './auth.ts';
import { HttpError, ValidationError, zodIssueMessage, type FieldError } from './errors.ts';
import { API_HEADERS } from './headers.ts';
import { MAX_JSON_DEPTH, nestedDeeperThan } from './schemas.ts';
import { burstRoutes } from './routes/bursts.ts';
import { goalRoutes } from './routes/goals.ts';
import { ideaRoutes } from './routes/ideas.ts';
import { projectRoutes } from './routes/projects.ts';
import { publicRoutes } from './routes/public.ts';
import { resultRoutes } from './routes/results.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { createApiInstance } from './instance.ts';
import { office } from './lazy.ts';
import { ClientAbortedError, storeUnavailableAnswer } from './storeErrors.ts';
import { QuestionnaireTooLargeError } from '../store/questionnaires.ts';
import {
  answerSchemaName,
  DEFAULT_MAX_BODY_BYTES,
  maxBodyBytesOf,
  sizeInWords,
  type ApiDeps,
  type Caller,
  type CallerOf,
  type RouteSpec,
} from './routeTable.ts';

/** The body limit of every route that declares none (RouteSpec.maxBodyBytes). */
export const MAX_BODY_BYTES = DEFAULT_MAX_BODY_BYTES;
/** The residents' submit route, which the local server does not gzip. */
const SUBMIT_PATH = /^\/api\/public\/rounds\/[^/]+\/responses$/;

/** Every route of the API. */
export const routes: readonly RouteSpec[] = [
  ...publicRoutes,
  ...projectRoutes,
  ...burstRoutes,
  ...resultRoutes,
  ...tokenRoutes,
  ...ideaRoutes,
  ...goalRoutes,
];

function languageOf(c: Context): Language {
  const query = c.req.query('lang');
  if (query === 'en' || query === 'sv') return query;
  return /^en\b/i.test(c.req.header('accept-language') ?? '') ? 'en' : 'sv';
}

/** Bytes in whole KB, rounded up (a size just over a limit must not read as the limit). */
const kb = (bytes: number) => Math.ceil(bytes / 1024);

/** Messages of the checks every route shares, in the caller's language (residents see them too). */
const MESSAGES = {
  sv: {
    unsupportedType: 'Skicka innehållet som application/json med teckenkodningen UTF-8.',
    tooLarge: (max: number) => `Innehållet är större än ${sizeInWords(max)}.`,
    badLength: 'Ogiltig Content-Length.',
    cutShort: 'Innehållet tog slut innan det var komplett.',
    notUtf8: 'Innehållet är inte giltig UTF-8.',
    notJson: (at: number | null) =>
      at === null ? 'Innehållet är inte giltig JSON.' : `Innehållet är inte giltig JSON (fel vid tecken ${at + 1}).`,
    reservedKey: 'Namnet är reserverat och kan inte användas.',
    noBody: 'Den här adressen tar inte emot något innehåll.',
    noRoute: (method: string, path: string) => `Det finns ingen adress ${method} ${path}.`,
    noSuch: {
      roundId: 'Enkäten finns inte.',
      projectId: 'Projektet finns inte.',
      questionnaireId: 'Enkätversionen finns inte.',
    },
    tooDeep: (max: number) => `Innehållet är nästlat i mer än ${max} nivåer.`,
    questionnaireTooLarge: (stored: number, max: number) =>
      `Enkäten tar ${kb(stored)} KB komprimerad, och högst ${kb(max)} KB kan sparas. Korta texterna eller dela upp enkäten.`,
    internal: 'Något gick fel hos oss. Försök igen.',
  },
  en: {
    unsupportedType: 'send the body as application/json in UTF-8',
    tooLarge: (max: number) => `the body is over ${sizeInWords(max)}`,
    badLength: 'invalid Content-Length',
    cutShort: 'the body ended before it was complete',
    notUtf8: 'the body is not valid UTF-8',
    notJson: (at: number | null) =>
      at === null ? 'the body is not valid JSON' : `the body is not valid JSON (error at character ${at + 1})`,
    reservedKey: 'this name is reserved and cannot be used',
    noBody: 'this route takes no body',
    noRoute: (method: string, path: string) => `no route ${method} ${path}`,
    noSuch: {
      roundId: 'There is no such survey.',
      projectId: 'There is no such project.',
      questionnaireId: 'There is no such questionnaire version.',
    },
    tooDeep: (max: number) => `the body is nested more than ${max} levels deep`,
    questionnaireTooLarge: (stored: number, max: number) =>
      `the questionnaire takes ${kb(stored)} KB compressed, and at most ${kb(max)} KB can be stored; shorten its texts or split it`,
    internal: 'something went wrong on our side; try again',
  },
} as const;

/**
 * zod's issues in the product's words (functions/api/errors.ts), never zod's own: per parse in the
 * caller's language, and for every other parse in this process (a handler's own check, the
 * questionnaire reader) in English, as the administrators' routes speak. A schema's own message wins.
 */
const ZOD_MESSAGES: Record<Language, z.core.$ZodErrorMap> = {
  sv: (issue) => zodIssueMessage(issue, 'sv'),
  en: (issue) => zodIssueMessage(issue, 'en'),
};
z.config({ customError: ZOD_MESSAGES.en });

function parseWith<T>(schema: z.ZodType<T>, value: unknown, lang: Language) {
  return schema.safeParse(value, { error: ZOD_MESSAGES[lang] });
}

function issues(error: z.ZodError, prefix: string): FieldError[] {
  // A message may name unknown keys or echo a value: a hostile one must not flood the answer.
  const short = (text: string) => (text.length > 300 ? `${text.slice(0, 299)}…` : text);
  // A value of the wrong type gets one message: zod also measures an array where a text was
  // wanted ("at least 1" of a list), which only confuses.
  const at = (issue: z.core.$ZodIssue) => issue.path.map(String).join('\u0000');
  const wrongType = new Set(error.issues.filter((issue) => issue.code === 'invalid_type').map(at));
  const kept = error.issues.filter((issue) => issue.code === 'invalid_type' || !wrongType.has(at(issue)));
  return kept.slice(0, 50).map((issue) => ({
    field: shortField([prefix, ...issue.path.map(String)].filter(Boolean).join('.') || prefix),
    message: short(issue.message),
  }));
}

/** Only application/json, and only in UTF-8 (the default; a charset parameter may say so). */
const JSON_MEDIA_TYPE = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The body's bytes as text: invalid UTF-8 is refused, never replaced; a cut-off body is a 400. */
async function readBodyText(c: Context, lang: Language): Promise<string> {
  let bytes: ArrayBuffer;
  try {
    bytes = await c.req.arrayBuffer();
  } catch (error) {
    // The client closed the connection before sending the body its Content-Length announced.
    if (error instanceof HttpError) throw error;
    throw new ClientAbortedError({ cause: error });
  }
  try {
    return strictUtf8.decode(bytes); // also drops a leading byte-order mark
  } catch {
    throw new ValidationError([{ field: 'body', message: MESSAGES[lang].notUtf8 }]);
  }
}

/**
 * Where a parsed body holds the key "__proto__" (JSON.parse makes it an own property, but zod's
 * records and any copy by assignment would turn it into the object's prototype and drop it).
 * Iterative, so that nesting depth cannot overflow the stack.
 */
function reservedKeyPath(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (!Array.isArray(node) && Object.hasOwn(node, '__proto__'))
      return shortField(path ? `${path}.__proto__` : '__proto__');
    for (const [key, child] of Object.entries(node))
      if (typeof child === 'object' && child !== null) stack.push([child, path ? `${path}.${key}` : key]);
  }
  return null;
}

/** A field path as long as a message can show: its end, where the problem is. */
function shortField(path: string): string {
  return path.length > 200 ? `…${path.slice(-199)}` : path;
}

async function readJsonBody(c: Context, lang: Language): Promise<unknown> {
  const say = MESSAGES[lang];
  if (!JSON_MEDIA_TYPE.test(c.req.header('content-type') ?? ''))
    throw new HttpError(415, 'unsupported_media_type', say.unsupportedType);
  const text = await readBodyText(c, lang);
  // Before parsing: a deep document costs every recursive step after it (zod, the store's marshalling).
  if (nestedDeeperThan(text, MAX_JSON_DEPTH))
    throw new ValidationError([{ field: 'body', message: say.tooDeep(MAX_JSON_DEPTH) }]);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const position = /at position (\d+)/.exec((error as Error).message);
    throw new ValidationError([{ field: 'body', message: say.notJson(position ? Number(position[1]) : null) }]);
  }
  // Cheap first: the key can only be there if its name or an escape is in the text.
  if (text.includes('__proto__') || text.includes('\\u')) {
    const at = reservedKeyPath(json);
    if (at !== null) throw new ValidationError([{ field: at, message: say.reservedKey }]);
  }
  return json;
}

/**
 * Ids in paths look like newId's (with room to spare). Anything else names nothing and must not
 * reach the store: DynamoDB refuses a key over 2 KB with an error, which would be a 500.
 */
const PATH_ID = /^[A-Za-z0-9_-]{1,64}$/;

function checkPathIds(c: Context, lang: Language): void {
  for (const name of ['roundId', 'projectId', 'questionnaireId'] as const) {
    const value = c.req.param(name);
    if (value !== undefined && !PATH_ID.test(value)) throw new HttpError(404, 'not_found', MESSAGES[lang].noSuch[name]);
  }
}

/** What a public route knows of its caller: nothing. */
const PUBLIC_ACCESS: CallerOf<{ kind: 'public' }> = Object.freeze({
  claims: null,
  project: null,
  round: null,
});

async function authorize(c: Context, deps: ApiDeps, spec: RouteSpec, lang: Language): Promise<Caller> {
  const access = spec.access;
  if (access.kind === 'public') return { claims: null, project: null, round: null };
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const claims: TokenClaims | null = match ? await deps.tokens.check(match[1]!) : null;
  if (!claims)
    throw new HttpError(401, 'unauthorized', 'this route needs a valid token: Authorization: Bearer <token>');
  if (!access.roles.includes(claims.role))
    throw new HttpError(403, 'forbidden', `this route is for the ${access.roles.join(' or ')} role`);
  if (access.kind === 'global') {
    if (claims.project !== '*') throw new HttpError(403, 'forbidden', 'this route needs a token for every project');
    return { claims, project: null, round: null };
  }
  checkPathIds(c, lang); // after the token: without one, every route answers 401 alike
  const round = access.kind === 'round' ? await deps.store.rounds.get(c.req.param('roundId') ?? '') : null;
  if (access.kind === 'round' && !round) {
    if (claims.project !== '*') throw new HttpError(403, 'forbidden', 'this token is for another project');
    throw new HttpError(404, 'not_found', 'no such round');
  }
  // An idea or a report names its project through a reference read by its id.
  const owner =
    access.kind === 'idea'
      ? await deps.store.ideas.projectOf(c.req.param('ideaId') ?? '')
      : access.kind === 'report'
        ? await deps.store.goals.projectOfReport(c.req.param('reportId') ?? '')
        : null;
  if ((access.kind === 'idea' || access.kind === 'report') && !owner) {
    if (claims.project !== '*') throw new HttpError(403, 'forbidden', 'this token is for another project');
    throw new HttpError(404, 'not_found', `no such ${access.kind}`);
  }
  const projectId = round ? round.projectId : (owner ?? c.req.param('projectId') ?? '');
  if (!reachesProject(claims, projectId)) throw new HttpError(403, 'forbidden', 'this token is for another project');
  const project = await deps.store.projects.get(projectId);
  if (!project) throw new HttpError(404, 'not_found', 'no such project');
  return round ? { claims, project, round } : { claims, project, round: null };
}

/** The opt-in check of AppOptions.checkResponses. */
async function checkResponse(spec: RouteSpec, response: Response): Promise<void> {
  if (!(response.headers.get('content-type') ?? '').startsWith('application/json')) return;
  const where = `${spec.method.toUpperCase()} ${spec.path} answered ${response.status}`;
  const name = answerSchemaName(spec, response.status);
  if (!name) throw new Error(`${where}, a status its route does not declare`);
  const { ANSWERS } = await office(); // never loaded where the check is off
  const checked = ANSWERS[name].safeParse(await response.clone().json());
  if (!checked.success) throw new Error(`${where} off its schema: ${z.prettifyError(checked.error)}`);
}

/** Refuses a body over `max` bytes with 413 (by its Content-Length, or by counting a stream without one). */
function bodyLimiter(max: number): MiddlewareHandler {
  const tooLarge = (c: Context) =>
    c.json({ error: 'payload_too_large', message: MESSAGES[languageOf(c)].tooLarge(max) }, 413);
  const streamedLimit = bodyLimit({ maxSize: max, onError: tooLarge });
  return async (c, next) => {
    // With a Content-Length the header decides; counting the stream (bodyLimit) makes the Node
    // adapter build a full web Request per call, which costs a fifth of a submission's time.
    const length = c.req.header('content-length');
    if (length === undefined) {
      // The limit reads the whole body here: a client that drops it fails this read, not the store.
      let reached = false;
      try {
        return await streamedLimit(c, () => {
          reached = true;
          return next();
        });
      } catch (error) {
        if (reached || error instanceof HttpError) throw error;
        throw new ClientAbortedError({ cause: error });
      }
    }
    if (!/^\d+$/.test(length))
      return c.json({ errors: [{ field: 'content-length', message: MESSAGES[languageOf(c)].badLength }] }, 400);
    if (Number(length) > max) return tooLarge(c);
    return next();
  };
}

export interface AppOptions {
  /**
   * Gzips /api answers but submissions' (the local server passes hono's compress; on AWS
   * CloudFront compresses, and the Lambda does not even load it).
   */
  compress?: MiddlewareHandler | undefined;
  /**
   * The HTTP server sets API_HEADERS on every /api answer itself (functions/local/serve.ts), so
   * the app need not: on Node, a response with more than one header set through Hono goes through
   * a web Headers object and back, a measurable share of a submission's time (docs/BENCH.md, "Measurements behind the code").
   */
  headersFromServer?: boolean;
  /**
   * Check every JSON answer against the schema its route declares for its status, and answer 500
   * with the difference when it does not fit (tests turn this on: drift between a handler and the
   * published contract fails them). Off in production: it costs a parse of every answer.
   */
  checkResponses?: boolean;
}

export function createApp(deps: ApiDeps, options: AppOptions = {}): Hono {
  const app = new Hono();
  // On AWS CloudFront compresses; the local server does it itself, except for residents'
  // submissions: their answer is a short acknowledgement (or error), which gzip only makes longer,
  // and hono's compress streams every answer whose length it does not know yet through a
  // CompressionStream, chunked, which costs each submission more than the rest of the route.
  if (options.compress) {
    const gzip = options.compress;
    app.use('/api/*', (c, next) => (c.req.method === 'POST' && SUBMIT_PATH.test(c.req.path) ? next() : gzip(c, next)));
  }
  // Loaded and built on first request, not at cold start: most instances never serve it.
  let document: Promise<{ json: Record<string, unknown>; html: string }> | null = null;
  const openApi = () =>
    (document ??= office().then(({ openapi: { openApiDocument, docsPage } }) => {
      const json = openApiDocument(routes);
      return { json, html: docsPage(json) };
    }));
  // The instance's state between requests: created here, once per app, and nowhere else.
  const instance = createApiInstance(deps.store, deps.now, deps.submissionsPerMinutePerAddress);

  if (!options.headersFromServer) {
    app.use('/api/*', async (c, next) => {
      // Set before the handler builds its response (hono/secure-headers edits it afterwards, which
      // makes the Node adapter build a full web Response; docs/BENCH.md, "Measurements behind the code").
      for (const [name, value] of API_HEADERS) c.header(name, value);
      await next();
    });
  }
  // Each route's own body limit (RouteSpec.maxBodyBytes), checked before anything else of it.
  const limits = new Map<number, MiddlewareHandler>();
  const limitOf = (max: number) => {
    let limit = limits.get(max);
    if (!limit) limits.set(max, (limit = bodyLimiter(max)));
    return limit;
  };
  app.get('/api/openapi.json', limitOf(MAX_BODY_BYTES), async (c) => c.json((await openApi()).json));
  app.get('/api/docs', limitOf(MAX_BODY_BYTES), async (c) => c.html((await openApi()).html));

  for (const spec of routes) {
    app.on(spec.method.toUpperCase(), spec.path, limitOf(maxBodyBytesOf(spec)), async (c) => {
      const lang = languageOf(c);
      if (spec.access.kind === 'public') checkPathIds(c, lang);
      const access = spec.access.kind === 'public' ? PUBLIC_ACCESS : await authorize(c, deps, spec, lang);
      let body: unknown;
      if (spec.body) {
        const parsed = parseWith(spec.body, await readJsonBody(c, lang), lang);
        if (!parsed.success) throw new ValidationError(issues(parsed.error, ''));
        body = parsed.data;
      } else if (spec.method === 'post' || spec.method === 'put') {
        // A route without a body takes none (an empty JSON object is fine): nothing is ignored silently.
        const text = (await readBodyText(c, lang)).trim();
        if (text !== '' && text !== '{}')
          throw new ValidationError([{ field: 'body', message: MESSAGES[lang].noBody }]);
      }
      let query: unknown;
      if (spec.query) {
        // `lang` chooses the language of messages on every route; it is no part of a route's query.
        const { lang: _lang, ...own } = c.req.query();
        const parsed = parseWith(spec.query, own, lang);
        if (!parsed.success) throw new ValidationError(issues(parsed.error, 'query'));
        query = parsed.data;
      }
      const response = await spec.handler({ c, deps, body, query, lang, instance, ...access });
      if (options.checkResponses) await checkResponse(spec, response);
      return response;
    });
  }

  // Any other /api address (answered 404 below) takes no more than the default either.
  app.use('/api/*', limitOf(MAX_BODY_BYTES));

  app.notFound((c) =>
    c.json(
      { error: 'not_found', message: MESSAGES[languageOf(c)].noRoute(c.req.method, new URL(c.req.url).pathname) },
      404,
    ),
  );
  app.onError((error, c) => {
    if (error instanceof ValidationError) return c.json({ errors: error.errors }, 400);
    if (error instanceof ClientAbortedError) {
      // Nobody reads the answer; the log says what happened, and it is no outage.
      deps.log({ level: 'info', event: 'client_aborted', method: c.req.method, path: new URL(c.req.url).pathname });
      return c.json({ errors: [{ field: 'body', message: MESSAGES[languageOf(c)].cutShort }] }, 400);
    }
    if (error instanceof QuestionnaireTooLargeError) {
      const message = MESSAGES[languageOf(c)].questionnaireTooLarge(error.storedBytes, error.maxStoredBytes);
      return c.json({ error: 'questionnaire_too_large', message }, 413);
    }
    if (error instanceof HttpError) {
      if (error.status === 401) c.header('WWW-Authenticate', 'Bearer');
      return c.json({ error: error.code, message: error.message }, error.status);
    }
    const unavailable = storeUnavailableAnswer(error, languageOf(c));
    if (unavailable) {
      deps.log({
        level: 'warn',
        event: 'store_unavailable',
        method: c.req.method,
        path: new URL(c.req.url).pathname,
        error: error.name,
        message: error.message,
      });
      c.header('Retry-After', unavailable.retryAfter);
      return c.json(unavailable.body, unavailable.status);
    }
    // Never the request body in the log: it may hold a resident's answers.
    deps.log({
      level: 'error',
      event: 'unhandled',
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      error: error.name,
      message: error.message,
      stack: error.stack,
    });
    return c.json({ error: 'internal', message: MESSAGES[languageOf(c)].internal }, 500);
  });
  return app;
}
