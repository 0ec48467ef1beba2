// The bundled Lambda handlers, called as API Gateway (HTTP API v2) and EventBridge would call
// them, against dynalite: the same answers as the local server gives.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../functions/api/app.ts';
import { apiDepsFromEnv } from '../../functions/handlers/environment.ts';
import { ensureTable } from '../../functions/store/table.ts';
import { createDynamoClient } from '../../functions/store/client.ts';
import { builtInTemplate } from '../../functions/core/template.ts';
import { startDynalite, type LocalDynamo } from '../../functions/local/dynalite.ts';
import { bundleLambda } from '../../infra/bundle.ts';

type Handler = (
  event: unknown,
  context: unknown,
) => Promise<{ statusCode: number; body: string; headers?: Record<string, string>; isBase64Encoded?: boolean }>;

const ADMIN_TOKEN = 'lambda-test-admin-token-0123456789abcdefgh';
let dynamo: LocalDynamo;
let api: Handler;
let fold: () => Promise<{ folded: number; rounds: number; oldestUnfoldedAgeSeconds: number }>;
let bundles: Record<'api' | 'fold', string>;
/** The round the API tests fill; the fold handler's test reads its release. */
let roundId = '';

beforeAll(async () => {
  dynamo = await startDynalite();
  const env = {
    TABLE_NAME: 'bygdpuls-lambda-test',
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    BYGDPULS_SECRET: 'a-generated-secret-of-sixty-four-characters-0123456789abcdefghij',
    ADMIN_TOKEN,
    SETTLE_MS: '0',
    STAGE: 'test',
    AWS_REGION: 'eu-north-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  Object.assign(process.env, env);
  await ensureTable(createDynamoClient({ tableName: env.TABLE_NAME, endpoint: dynamo.endpoint }), env.TABLE_NAME);
  const outDir = mkdtempSync(path.join(tmpdir(), 'bygdpuls-lambda-'));
  bundles = {
    api: path.join(bundleLambda('api', outDir), 'index.mjs'),
    fold: path.join(bundleLambda('fold', outDir), 'index.mjs'),
  };
  api = (await import(pathToFileURL(bundles.api).href)).handler;
  fold = (await import(pathToFileURL(bundles.fold).href)).handler;
}, 120_000);
afterAll(async () => dynamo?.close());

/** An API Gateway HTTP API (payload 2.0) event. */
function event(
  method: string,
  rawPath: string,
  options: {
    body?: string;
    base64?: boolean;
    token?: string | null;
    query?: string;
    headers?: Record<string, string>;
  } = {},
) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    host: 'abc123.execute-api.eu-north-1.amazonaws.com',
    ...options.headers,
  };
  const token = options.token === undefined ? ADMIN_TOKEN : options.token;
  if (token) headers.authorization = `Bearer ${token}`;
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: options.query ?? '',
    headers,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.eu-north-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
      requestId: `req-${Math.random()}`,
      routeKey: '$default',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    pathParameters: { proxy: rawPath.replace(/^\/api\//, '') },
    isBase64Encoded: options.base64 ?? false,
    ...(options.body === undefined
      ? {}
      : { body: options.base64 ? Buffer.from(options.body).toString('base64') : options.body }),
  };
}

async function call(method: string, rawPath: string, options: Parameters<typeof event>[2] & { json?: unknown } = {}) {
  const body = options.json === undefined ? options.body : JSON.stringify(options.json);
  const result = await api(event(method, rawPath, { ...options, ...(body === undefined ? {} : { body }) }), {});
  const text = result.isBase64Encoded ? Buffer.from(result.body, 'base64').toString('utf8') : result.body;
  return { status: result.statusCode, json: text ? JSON.parse(text) : null };
}

describe('the API handler', () => {
  let projectId = '';

  it('answers health, and creates a project from a JSON body and a questionnaire from a base64 body', async () => {
    expect(await call('GET', '/api/health', { token: null })).toEqual({ status: 200, json: { ok: true } });
    const areas = [{ id: 'gardeby', name: 'Gårdeby' }];
    const project = await call('POST', '/api/projects', { json: { name: 'Lambda', areas } });
    expect(project.status).toBe(201);
    projectId = project.json.id;
    const questionnaire = await call('POST', `/api/projects/${projectId}/questionnaires`, {
      body: JSON.stringify(builtInTemplate(areas)),
      base64: true,
    });
    expect(questionnaire.status).toBe(201);
    const round = await call('POST', `/api/projects/${projectId}/rounds`, {
      json: { kind: 'baseline', name: 'B', questionnaireId: questionnaire.json.id, access: 'open' },
    });
    expect(round.status).toBe(201);
    roundId = round.json.id;
  });

  it('reads path parameters, stores submissions once, and refuses a body over 64 KB', async () => {
    const responseId = crypto.randomUUID();
    const answers = { q_nki_overall: 9, q_nki_expect: 8, q_nki_ideal: 7, area: 'gardeby' };
    expect(
      (await call('POST', `/api/public/rounds/${roundId}/responses`, { token: null, json: { responseId, answers } }))
        .status,
    ).toBe(201);
    expect(
      (await call('POST', `/api/public/rounds/${roundId}/responses`, { token: null, json: { responseId, answers } }))
        .status,
    ).toBe(200);
    for (let i = 0; i < 5; i++) {
      const submitted = await call('POST', `/api/public/rounds/${roundId}/responses`, {
        token: null,
        json: { responseId: crypto.randomUUID(), answers: { ...answers, q_nki_overall: 3 + i } },
      });
      expect(submitted.status).toBe(201);
    }
    const large = await call('POST', `/api/public/rounds/${roundId}/responses`, {
      token: null,
      json: { answers: { q_idea: 'x'.repeat(70_000) } },
    });
    expect(large.status).toBe(413);
    const invalid = await call('POST', `/api/public/rounds/${roundId}/responses`, {
      token: null,
      json: { answers: { q_nki_overall: 42 } },
      headers: { 'accept-language': 'en' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.json.errors[0].field).toBe('q_nki_overall');
  });

  it('gives the same indicators as the local server on the same data', async () => {
    const fromLambda = await call('GET', `/api/rounds/${roundId}/indicators`);
    expect(fromLambda.status).toBe(200);
    // Nothing folded yet, so no release: both say so alike (the fold handler below takes the release).
    expect(fromLambda.json.release).toBeNull();
    expect(fromLambda.json.withheld.reason).toBe('no_release');
    const local = createApp(await apiDepsFromEnv(process.env));
    const response = await local.request(`/api/rounds/${roundId}/indicators`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(await response.json()).toEqual(fromLambda.json);
    // tokens issued by one verify on the other: the same derived signing key
    const evaluator = await call('POST', `/api/projects/${projectId}/evaluators`);
    const check = await local.request(`/api/projects/${projectId}`, {
      headers: { authorization: `Bearer ${evaluator.json.token}` },
    });
    expect(check.status).toBe(200);
  });

  it('answers 401 without a token and 404 on an unknown route', async () => {
    expect((await call('GET', `/api/projects/${projectId}`, { token: null })).status).toBe(401);
    expect((await call('GET', '/api/nothing')).status).toBe(404);
  });
});

describe('the fold handler', () => {
  it('folds on a scheduled event and publishes how far behind it is', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const result = await (fold as (event: unknown) => ReturnType<typeof fold>)({
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      time: new Date().toISOString(),
      detail: {},
    });
    expect(result.folded).toBe(6);
    expect(result.oldestUnfoldedAgeSeconds).toBe(0);
    const released = await call('GET', `/api/rounds/${roundId}/indicators`);
    expect(released.json.release.n).toBe(6);
    expect(released.json.responses).toBe(6);
    const line = log.mock.calls
      .map((args) => String(args[0]))
      .find((text) => text.includes('OldestUnfoldedAgeSeconds'))!;
    const metric = JSON.parse(line);
    expect(metric._aws.CloudWatchMetrics[0].Namespace).toBe('Bygdpuls');
    expect(metric.Stage).toBe('test');
    log.mockRestore();
    expect((await fold()).folded).toBe(0);
  });
});

describe('a cold start', () => {
  /** Imports a bundle in a fresh node, as a Lambda instance starts, with these variables. */
  function coldStart(bundle: string, variables: Record<string, string>) {
    const script = `await import(${JSON.stringify(pathToFileURL(bundle).href)});`;
    return spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, ...variables },
      encoding: 'utf8',
      timeout: 20_000,
    });
  }

  it('stops on a bad SETTLE_MS, naming it and what it should be', () => {
    for (const name of ['api', 'fold'] as const) {
      const started = coldStart(bundles[name], { SETTLE_MS: '60s' });
      expect(started.status).not.toBe(0);
      expect(started.stderr).toContain(
        'the Lambda environment: SETTLE_MS is "60s"; expected a whole number of milliseconds',
      );
    }
  });

  it('starts with the variables the tests give', () => {
    expect(coldStart(bundles.fold, {}).status).toBe(0);
  });
});
