// Benchmark support: the local stack in this process, wired like functions/local/start.ts (a fresh in-memory dynalite on a worker thread of its own, the store, the real app of functions/local/serve.ts's createLocalApp on a real HTTP server on 127.0.0.1), and a small fetch client for its API.
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { ServerType } from '@hono/node-server';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTokenIssuer } from '../functions/api/auth.ts';
import type { ApiDeps } from '../functions/api/routeTable.ts';
import { builtInTemplate, type QuestionnaireTemplate } from '../functions/core/template.ts';
import { startDynalite } from '../functions/local/dynalite.ts';
import { createLocalApp, serveApp } from '../functions/local/serve.ts';
import { TABLE_NAME } from '../functions/local/dataDir.ts';
import { createDynamoClient } from '../functions/store/client.ts';
import { createStore, type Store } from '../functions/store/index.ts';
import { ensureTable } from '../functions/store/table.ts';
import type { Round } from '../functions/store/types.ts';
import { VILLAGES, type Village } from '../functions/local/residents.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export { TABLE_NAME };
/** What start.ts uses. */
export const SHARDS_PER_ROUND = 4;
export const SETTLE_MS = 2000;

/** The demo project's villages (functions/local/demo.ts): areas, population figures, answer levels. */
export { VILLAGES, type Village };

export interface BenchStack {
  url: string;
  adminToken: string;
  store: Store;
  client: DynamoDBClient;
  tableName: string;
  deps: ApiDeps;
  template: QuestionnaireTemplate;
  /** Error lines the API logged (it logs nothing else here). */
  errors: Record<string, unknown>[];
  close(): Promise<void>;
}

/** Starts a fresh in-memory dynalite (on its own thread, as `npm start` runs it) and the API on 127.0.0.1, port 0. */
export async function startStack(): Promise<BenchStack> {
  const dynamo = await startDynalite({ thread: true });
  const client = createDynamoClient({ tableName: TABLE_NAME, endpoint: dynamo.endpoint });
  await ensureTable(client, TABLE_NAME);
  const store = createStore(client, TABLE_NAME);
  const tokens = createTokenIssuer('bench-signing-secret-0123456789abcdef0123456789');
  const adminToken = await tokens.issue('admin', '*');
  const errors: Record<string, unknown>[] = [];
  const deps: ApiDeps = {
    store,
    tokens,
    codeSecret: 'bench-code-secret-0123456789abcdef0123456789',
    now: () => Date.now(),
    shardsPerRound: SHARDS_PER_ROUND,
    settleMs: SETTLE_MS,
    // Every bench client submits from 127.0.0.1: no per-address limit.
    submissionsPerMinutePerAddress: 0,
    log: (entry) => {
      if (entry.level === 'error') errors.push(entry);
    },
  };
  // The app as `npm start` builds it (web pages mounted too: their routes and middleware are on every request's way).
  const app = createLocalApp(deps, fileURLToPath(new URL('../web', import.meta.url)));
  const server: ServerType = await serveApp(app, { port: 0, hostname: '127.0.0.1' });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  deps.publicUrl = url;
  return {
    url,
    adminToken,
    store,
    client,
    tableName: TABLE_NAME,
    deps,
    template: builtInTemplate(VILLAGES),
    errors,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive sockets of fetch would hold close() open.
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      client.destroy();
      await dynamo.close();
    },
  };
}

/** One API call; throws unless the status is 2xx. */
export async function api(
  stack: BenchStack,
  method: string,
  path: string,
  body?: unknown,
  token = stack.adminToken,
  // biome-ignore lint/suspicious/noExplicitAny: the API's JSON answer, its fields read by each caller
): Promise<any> {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status < 200 || response.status >= 300)
    throw new Error(`bench setup: ${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
  return text === '' ? null : JSON.parse(text);
}

export interface BenchProject {
  projectId: string;
  questionnaireId: string;
}

/** A project like the demo one (five villages, weighted by area) with the built-in questionnaire, through the API. */
export async function createProject(stack: BenchStack, name: string): Promise<BenchProject> {
  const { id: projectId } = await api(stack, 'POST', '/api/projects', {
    name,
    areas: VILLAGES.map(({ id, name }) => ({ id, name })),
    minGroupSize: 5,
    groupBy: ['area'],
    weighting: { strata: ['area'], population: VILLAGES.map((v) => ({ area: v.id, population: v.population })) },
  });
  const { id: questionnaireId } = await api(stack, 'POST', `/api/projects/${projectId}/questionnaires`, stack.template);
  return { projectId: projectId as string, questionnaireId: questionnaireId as string };
}

/** An open round, created through the API; returns it as stored. */
export async function createRound(
  stack: BenchStack,
  project: BenchProject,
  kind: 'baseline' | 'followup',
  name: string,
): Promise<Round> {
  const { id } = await api(stack, 'POST', `/api/projects/${project.projectId}/rounds`, {
    kind,
    name,
    questionnaireId: project.questionnaireId,
    access: 'open',
  });
  const round = await stack.store.rounds.get(id as string);
  if (!round) throw new Error(`bench setup: round ${id} was not stored`);
  return round;
}

export function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

/** Runs `work(i)` for i in [0, count) on `concurrency` workers; each worker takes the next index. */
export async function pool(count: number, concurrency: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) await work(i);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
