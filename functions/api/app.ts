// The Hono app: every route of the route table behind the same checks, in this order: body size,
// token and role, project scope, JSON body and query against their schemas. One error shape.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import type * as z from 'zod';
import { reachesProject, type TokenClaims } from './auth.ts';
import { HttpError, ValidationError, type FieldError } from './errors.ts';
import { API_HEADERS } from './headers.ts';
import { projectRoutes } from './routes/projects.ts';
import { publicRoutes } from './routes/public.ts';
import { resultRoutes } from './routes/results.ts';
import { ReadCache } from './readCache.ts';
import type { ApiDeps, RouteContext, RouteSpec } from './routeTable.ts';

export const MAX_BODY_BYTES = 64 * 1024;

/** Every route of the API. */
export const routes: readonly RouteSpec[] = [...publicRoutes, ...projectRoutes, ...resultRoutes];

function languageOf(c: Context): 'sv' | 'en' {
  const query = c.req.query('lang');
  if (query === 'en' || query === 'sv') return query;
  return /^en\b/i.test(c.req.header('accept-language') ?? '') ? 'en' : 'sv';
}

function issues(error: z.ZodError, prefix: string): FieldError[] {
  return error.issues.slice(0, 50).map((issue) => ({ field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || prefix, message: issue.message }));
}

async function readJsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'unsupported_media_type', 'send the body as application/json');
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ValidationError([{ field: 'body', message: `not valid JSON: ${(error as Error).message.split('\n')[0]}` }]);
  }
}

async function authorize(c: Context, deps: ApiDeps, spec: RouteSpec): Promise<Pick<RouteContext, 'claims' | 'project' | 'round'>> {
  const access = spec.access;
  if (access.kind === 'public') return { claims: null, project: null, round: null };
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const claims: TokenClaims | null = match ? await deps.tokens.check(match[1]!) : null;
  if (!claims) throw new HttpError(401, 'unauthorized', 'this route needs a valid token: Authorization: Bearer <token>');
  if (!access.roles.includes(claims.role)) throw new HttpError(403, 'forbidden', `this route is for the ${access.roles.join(' or ')} role`);
  if (access.kind === 'global') {
    if (claims.project !== '*') throw new HttpError(403, 'forbidden', 'this route needs a token for every project');
    return { claims, project: null, round: null };
  }
  let projectId: string;
  let round = null;
  if (access.kind === 'round') {
    round = await deps.store.rounds.get(c.req.param('roundId')!);
    if (!round) {
      if (claims.project !== '*') throw new HttpError(403, 'forbidden', 'this token is for another project');
      throw new HttpError(404, 'not_found', 'no such round');
    }
    projectId = round.projectId;
  } else {
    projectId = c.req.param('projectId')!;
  }
  if (!reachesProject(claims, projectId)) throw new HttpError(403, 'forbidden', 'this token is for another project');
  const project = await deps.store.projects.get(projectId);
  if (!project) throw new HttpError(404, 'not_found', 'no such project');
  return { claims, project, round };
}

export function createApp(deps: ApiDeps, options: { compress?: boolean } = {}): Hono {
  const app = new Hono();
  // On AWS CloudFront compresses; the local server does it itself.
  if (options.compress) app.use('/api/*', compress({ encoding: 'gzip' }));
  // Loaded and built on first request, not at cold start: most instances never serve it.
  let document: Promise<{ json: Record<string, unknown>; html: string }> | null = null;
  const openApi = () =>
    (document ??= import('./openapi.ts').then(({ openApiDocument, docsPage }) => {
      const json = openApiDocument(routes);
      return { json, html: docsPage(json) };
    }));
  const cache = new ReadCache(deps.store, deps.now);

  app.use('/api/*', async (c, next) => {
    // Set before the handler builds its response (hono/secure-headers edits it afterwards, which
    // makes the Node adapter build a full web Response: a tenth of a submission's time).
    for (const [name, value] of API_HEADERS) c.header(name, value);
    await next();
  });
  const tooLarge = (c: Context) => c.json({ error: 'payload_too_large', message: `the body is over ${MAX_BODY_BYTES / 1024} KB` }, 413);
  const streamedLimit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge });
  app.use('/api/*', async (c, next) => {
    // With a Content-Length the header decides; counting the stream (bodyLimit) makes the Node
    // adapter build a full web Request per call, which costs a fifth of a submission's time.
    const length = c.req.header('content-length');
    if (length === undefined) return streamedLimit(c, next);
    if (!/^\d+$/.test(length)) return c.json({ error: 'bad_request', message: 'invalid Content-Length' }, 400);
    if (Number(length) > MAX_BODY_BYTES) return tooLarge(c);
    return next();
  });

  app.get('/api/openapi.json', async (c) => c.json((await openApi()).json));
  app.get('/api/docs', async (c) => c.html((await openApi()).html));

  for (const spec of routes) {
    app.on(spec.method.toUpperCase(), spec.path, async (c) => {
      const lang = languageOf(c);
      const access = await authorize(c, deps, spec);
      let body: unknown;
      if (spec.body) {
        const parsed = spec.body.safeParse(await readJsonBody(c));
        if (!parsed.success) throw new ValidationError(issues(parsed.error, ''));
        body = parsed.data;
      } else if (spec.method === 'post') {
        // A route without a body takes none (an empty JSON object is fine): nothing is ignored silently.
        const text = (await c.req.text()).trim();
        if (text !== '' && text !== '{}') throw new ValidationError([{ field: 'body', message: 'this route takes no body' }]);
      }
      let query: unknown;
      if (spec.query) {
        const parsed = spec.query.safeParse(c.req.query());
        if (!parsed.success) throw new ValidationError(issues(parsed.error, 'query'));
        query = parsed.data;
      }
      return spec.handler({ c, deps, body, query, lang, cache, ...access });
    });
  }

  app.notFound((c) => c.json({ error: 'not_found', message: `no route ${c.req.method} ${new URL(c.req.url).pathname}` }, 404));
  app.onError((error, c) => {
    if (error instanceof ValidationError) return c.json({ errors: error.errors }, 400);
    if (error instanceof HttpError) {
      if (error.status === 401) c.header('WWW-Authenticate', 'Bearer');
      return c.json({ error: error.code, message: error.message }, error.status);
    }
    // Never the request body in the log: it may hold a resident's answers.
    deps.log({ level: 'error', event: 'unhandled', method: c.req.method, path: new URL(c.req.url).pathname, error: error.name, message: error.message, stack: error.stack });
    return c.json({ error: 'internal', message: 'something went wrong on our side; try again' }, 500);
  });
  return app;
}
