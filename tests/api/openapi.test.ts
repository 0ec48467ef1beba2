// The typed API contract (functions/api/contract.ts, docs/adr/0003-typed-api-contract.md): every
// JSON answer of every route has a published schema, and what the routes really answer fits it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, routes } from '../../functions/api/app.ts';
import { ANSWERS, type Created, type InvitationCodes, type RoundReading } from '../../functions/api/contract.ts';
import { answerSchemaName } from '../../functions/api/routeTable.ts';
import { createSignInCode } from '../../functions/api/issuedTokens.ts';
import { ProjectSettings } from '../../functions/core/schemas.ts';
import { foldAll } from '../../functions/fold/fold.ts';
import { builtInTemplate } from '../../functions/core/template.ts';
import { jsonOrNull } from '../support/json.ts';
import { startTestApi, type TestApi } from '../support/api.ts';

interface Operation {
  responses: Record<string, { description: string; content?: { 'application/json'?: { schema?: unknown } } }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
}
/** An operation's schema for one status, as published. */
const publishedSchema = (document: Document, path: string, method: string, status: string) =>
  document.paths[path]?.[method]?.responses[status]?.content?.['application/json']?.schema;

let api: TestApi;
/** The app with AppOptions.checkResponses: an answer off its schema is a 500 that names the route. */
let checked: ReturnType<typeof createApp>;

async function call<T = unknown>(
  method: string,
  path: string,
  body?: unknown,
  token: string | null = api.adminToken,
): Promise<{ status: number; json: T }> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await checked.request(path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  // A 500 here is the check failing: its message is in the log.
  if (response.status === 500) throw new Error(`${method} ${path}: ${JSON.stringify(lastLog())}`);
  return { status: response.status, json: jsonOrNull(text) as T };
}

const logs: Record<string, unknown>[] = [];
const lastLog = () => logs.at(-1);

const areas = [
  { id: 'gardeby', name: 'Gårdeby' },
  { id: 'bottna', name: 'Bottna' },
  { id: 'lilla', name: 'Lilla' },
];
const template = builtInTemplate(areas);

function answers(i: number): Record<string, unknown> {
  return {
    q_nki_overall: (i % 10) + 1,
    q_nki_expect: ((i * 3) % 10) + 1,
    q_nki_ideal: i % 4 === 0 ? 'dk' : ((i * 7) % 10) + 1,
    q_aware_project: i % 3 === 0 ? 'no' : 'yes',
    area: i % 7 === 0 ? 'lilla' : i % 2 === 0 ? 'gardeby' : 'bottna',
    q_idea: `Idé ${i}`,
  };
}

beforeAll(async () => {
  api = await startTestApi({ log: (entry) => logs.push(entry) });
  checked = createApp(api.deps, { checkResponses: true });
});
afterAll(async () => api.close());

describe('the published contract', () => {
  it('declares a schema for every JSON answer of every operation in /api/openapi.json', async () => {
    const { status, json } = await call<Document>('GET', '/api/openapi.json', undefined, null);
    expect(status).toBe(200);
    const missing: string[] = [];
    let operations = 0;
    for (const [path, methods] of Object.entries(json.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        operations++;
        const statuses = Object.keys(operation.responses);
        if (!statuses.some((s) => s.startsWith('2'))) missing.push(`${method} ${path}: no success answer`);
        for (const status of statuses) {
          const content: Record<string, { schema?: unknown } | undefined> = operation.responses[status]!.content ?? {};
          // A file (a Word document) is declared with its media type and a binary schema instead.
          const [mediaType] = Object.keys(content);
          const schema = content[mediaType === undefined ? 'application/json' : mediaType]?.schema;
          if (typeof schema !== 'object' || schema === null) missing.push(`${method} ${path} ${status}`);
          if (mediaType !== undefined && mediaType !== 'application/json')
            expect(schema).toEqual({ type: 'string', format: 'binary' });
        }
      }
    }
    expect(operations).toBe(routes.length);
    expect(missing).toEqual([]);
  });

  it('gives every success a route declares a schema of its own, not an error shape', () => {
    for (const spec of routes) {
      const successes = Object.keys(spec.responses).filter((status) => Number(status) < 400);
      expect(successes.length, `${spec.method} ${spec.path}`).toBeGreaterThan(0);
      for (const status of successes)
        expect(typeof spec.responses[Number(status)], `${spec.method} ${spec.path} ${status}`).toBe('object');
    }
  });

  it('publishes the shapes of the answers: the indicators carry the distributions with their reasons', async () => {
    const { json } = await call<Document>('GET', '/api/openapi.json', undefined, null);
    const indicators = JSON.stringify(publishedSchema(json, '/api/rounds/{roundId}/indicators', 'get', '200'));
    expect(indicators).toContain('"groupDistributions"');
    expect(indicators).toContain('"reason"');
    expect(JSON.stringify(publishedSchema(json, '/api/projects', 'post', '400'))).toContain('"errors"');
  });
});

describe('real answers fit their declared schemas', () => {
  it('answers every route of a whole survey round within its contract', async () => {
    expect((await call('GET', '/api/health', undefined, null)).status).toBe(200);
    const projectBody = {
      name: 'Kontrakt',
      areas,
      minGroupSize: 3,
      weighting: {
        strata: ['area'],
        population: areas.map((a, i) => ({ area: a.id, population: 100 * (i + 1) })),
      },
    };
    const projectId = (await call<Created>('POST', '/api/projects', projectBody)).json.id;
    expect((await call('GET', '/api/projects')).status).toBe(200);
    const questionnaireId = (await call<Created>('POST', `/api/projects/${projectId}/questionnaires`, template)).json
      .id;
    expect((await call('GET', `/api/projects/${projectId}/questionnaires/${questionnaireId}`)).status).toBe(200);
    const newRound = (kind: string, access: string) =>
      call<Created>('POST', `/api/projects/${projectId}/rounds`, { kind, name: kind, questionnaireId, access });
    const baseline = (await newRound('baseline', 'open')).json.id;
    const followup = (await newRound('followup', 'invite')).json.id;
    expect((await call('GET', `/api/projects/${projectId}`)).status).toBe(200);
    expect((await call('GET', `/api/public/rounds/${baseline}`, undefined, null)).status).toBe(200);

    for (let i = 0; i < 16; i++) {
      const submitted = await call('POST', `/api/public/rounds/${baseline}/responses`, { answers: answers(i) }, null);
      expect(submitted.status).toBe(201);
    }
    const { codes } = (await call<InvitationCodes>('POST', `/api/rounds/${followup}/invitations`, { count: 14 })).json;
    for (const [i, code] of codes.entries()) {
      const { area: _area, ...rest } = answers(i + 1);
      const responseId = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      const body = { responseId, code, answers: { ...rest, area: i % 2 === 0 ? 'gardeby' : 'bottna' } };
      const first = await call('POST', `/api/public/rounds/${followup}/responses`, body, null);
      expect(first.status).toBe(201);
      if (i === 0) {
        expect((await call('POST', `/api/public/rounds/${followup}/responses`, body, null)).status).toBe(200);
        const removal = await call('POST', `/api/rounds/${followup}/removals`, { code });
        expect(removal.status).toBe(200);
      }
    }

    // Figures come from releases: the fold takes them (../shared/docs/METHOD.md, "Releases, not live figures").
    await foldAll(api.deps.store, { now: Date.now() + 1000, settleMs: 0 });
    for (const round of [baseline, followup]) {
      expect((await call('GET', `/api/rounds/${round}`)).status).toBe(200);
      const reading = await call<RoundReading>('GET', `/api/rounds/${round}/indicators`);
      expect(reading.status).toBe(200);
      expect(Object.keys(reading.json.indicators).length).toBeGreaterThan(0);
      expect((await call('GET', `/api/rounds/${round}/texts`)).status).toBe(200);
    }
    const comparison = await call(
      'GET',
      `/api/projects/${projectId}/comparison?baseline=${baseline}&followup=${followup}`,
    );
    expect(comparison.status).toBe(200);
    expect((await call('GET', `/api/rounds/${baseline}/bursts?minCount=2`)).status).toBe(200);
    expect((await call('POST', `/api/rounds/${baseline}/removals/bulk`, { addressHash: 'f'.repeat(32) })).status).toBe(
      200,
    );
    expect((await call('POST', `/api/rounds/${baseline}/close`)).status).toBe(200);
    expect((await call('POST', `/api/rounds/${baseline}/open`)).status).toBe(200);
    const evaluator = await call<{ id: string }>('POST', `/api/projects/${projectId}/evaluators?name=Evaluator`);
    expect(evaluator.status).toBe(201);
    expect((await call('GET', `/api/projects/${projectId}/evaluators`)).status).toBe(200);
    expect((await call('GET', '/api/tokens')).status).toBe(200);
    expect((await call('POST', `/api/tokens/${evaluator.json.id}/revoke`)).status).toBe(200);
    const code = await createSignInCode(api.deps.store, { role: 'admin', project: '*', name: 'openapi' }, Date.now());
    expect((await call('POST', '/api/public/signin', { code }, null)).status).toBe(200);
    expect((await call('POST', '/api/public/signin', { code }, null)).status).toBe(401);
    // Errors fit the error shapes too.
    expect((await call('GET', '/api/rounds/nosuchround')).status).toBe(404);
    expect((await call('POST', '/api/projects', { name: '' })).status).toBe(400);
    expect((await call('POST', `/api/rounds/${baseline}/invitations`, { count: 1 })).status).toBe(409);
  });

  it('turns an answer that drifted from its schema into a 500 that names the route', async () => {
    const project = {
      id: 'drifted',
      name: 'Drift',
      areas,
      settings: ProjectSettings.parse({}),
      createdAt: new Date().toISOString(),
    };
    // A stored project without its demo mark: the route would send a shape the pages do not expect.
    await api.deps.store.projects.create(project as unknown as Parameters<typeof api.deps.store.projects.create>[0]);
    const plain = await api.call('GET', '/api/projects/drifted');
    expect(plain.status).toBe(200);
    const response = await checked.request('/api/projects/drifted', {
      headers: { authorization: `Bearer ${api.adminToken}` },
    });
    expect(response.status).toBe(500);
    expect(String(lastLog()?.message)).toContain('GET /api/projects/:projectId answered 200 off its schema');
  });

  it('finds a schema for the errors every route shares', () => {
    for (const spec of routes) {
      for (const status of [401, 403, 404, 503]) expect(answerSchemaName(spec, status)).toBe('ErrorAnswer');
      const invalid = ANSWERS[answerSchemaName(spec, 400)!];
      expect(invalid.safeParse({ errors: [{ field: 'name', message: 'too short' }] }).success).toBe(true);
    }
  });
});
