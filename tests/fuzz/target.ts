// What the route fuzzing runs against: the real local server (`npm start`'s startLocal: dynalite,
// the API with compression, the web pages and assets) on 127.0.0.1, with one project, an open
// round and an invited round, and a way to count what each round has stored; for residents' ideas,
// projects that pre-moderate them, one that publishes at once and one whose collection is closed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseSurvey, type ParsedSurvey } from '../../functions/core/questionnaire/index.ts';
import { builtInTemplate } from '../../functions/core/template.ts';
import { readRoundAggregate, scorerOf } from '../../functions/fold/read.ts';
import { startLocal, type LocalServer } from '../../functions/local/start.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export const FUZZ_AREAS = [
  { id: 'gardeby', name: 'Gårdeby' },
  { id: 'bottna', name: 'Bottna' },
  { id: 'ostra-ryd', name: 'Östra Ryd' },
];

export interface FuzzTarget {
  host: string;
  port: number;
  adminToken: string;
  projectId: string;
  openRound: string;
  inviteRound: string;
  closedRound: string;
  /** Unused invitation codes of the invited round (each valid one is used at most once). */
  codes: string[];
  survey: ParsedSurvey;
  /** Projects that take ideas and pre-moderate them (the first is `projectId`): ideas spread over them. */
  premoderated: string[];
  /** A project that takes ideas without pre-moderation: they are public at once. */
  unmoderated: string;
  /** A project whose idea collection is closed (410). */
  ideasClosed: string;
  /** An API call with the administrator's token (the moderation of ideas while the fuzzing runs). */
  admin(method: string, route: string, body?: unknown): Promise<{ status: number; json: any }>;
  /** Whether the store holds this idea of the project (read directly, not through the API). */
  ideaStored(projectId: string, ideaId: string): Promise<boolean>;
  /** Responses the round counts now (stored minus removed), read from the store. */
  storedCount(roundId: string): Promise<number>;
  /** Folds every round now: keeps the unfolded tail, and so each count, short. */
  fold(): Promise<void>;
  /** Server-side log lines (the server logs every 5xx as `unhandled`). */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

async function call(
  url: string,
  token: string,
  method: string,
  route: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const response = await fetch(url + route, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = await response.json();
  if (response.status >= 300)
    throw new Error(`fuzz setup: ${method} ${route} answered ${response.status}: ${JSON.stringify(json)}`);
  return json as Record<string, unknown>;
}

export async function startFuzzTarget(options: { codes?: number } = {}): Promise<FuzzTarget> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bygdpuls-fuzz-'));
  const logs: Record<string, unknown>[] = [];
  const server: LocalServer = await startLocal({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    demo: false,
    // No background fold: the counts are read from snapshots plus the tail either way.
    foldIntervalMs: 3_600_000,
    settleMs: 0,
    webDir: path.resolve(import.meta.dirname, '../../web'),
    print: () => {},
  });
  // Keep the server's structured log lines to check them (startLocal writes them to stderr).
  server.deps.log = (entry) => logs.push(entry);
  const url = server.url;
  const { port } = new URL(url);
  const token = server.adminToken;
  const template = builtInTemplate(FUZZ_AREAS);
  const projectId = (await call(url, token, 'POST', '/api/projects', { name: 'Fuzz', areas: FUZZ_AREAS })).id as string;
  const { id: questionnaireId } = await call(url, token, 'POST', `/api/projects/${projectId}/questionnaires`, template);
  const round = async (name: string, access: 'open' | 'invite', kind: 'baseline' | 'followup') =>
    (await call(url, token, 'POST', `/api/projects/${projectId}/rounds`, { kind, name, questionnaireId, access }))
      .id as string;
  const openRound = await round('Open', 'open', 'baseline');
  const inviteRound = await round('Invited', 'invite', 'followup');
  const closedRound = await round('Closed', 'open', 'followup');
  await call(url, token, 'POST', `/api/rounds/${closedRound}/close`);
  const codes: string[] = [];
  for (let left = options.codes ?? 200; left > 0; left -= 10_000) {
    codes.push(
      ...((await call(url, token, 'POST', `/api/rounds/${inviteRound}/invitations`, { count: Math.min(left, 10_000) }))
        .codes as string[]),
    );
  }
  const ideaProject = async (name: string, settings?: { open?: boolean; premoderation?: boolean }) => {
    const { id } = await call(url, token, 'POST', '/api/projects', { name, areas: FUZZ_AREAS });
    if (settings) await call(url, token, 'POST', `/api/projects/${id}/ideas/settings`, settings);
    return id as string;
  };
  const premoderated = [projectId];
  for (const n of [2, 3, 4]) premoderated.push(await ideaProject(`Idéer ${n}`));
  const unmoderated = await ideaProject('Idéer utan förhandsgranskning', { premoderation: false });
  const ideasClosed = await ideaProject('Idéer stängda', { open: false });
  const parsed = parseSurvey(template.survey);
  if (!parsed.ok) throw new Error('the built-in template does not parse');
  const store = server.deps.store;

  return {
    host: '127.0.0.1',
    port: Number(port),
    adminToken: token,
    projectId,
    openRound,
    inviteRound,
    closedRound,
    codes,
    survey: parsed.survey,
    premoderated,
    unmoderated,
    ideasClosed,
    async admin(method, route, body) {
      const response = await fetch(url + route, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, json: await response.json() };
    },
    async ideaStored(project, ideaId) {
      return (await store.ideas.get(project, ideaId)) !== null;
    },
    logs,
    fold: () => server.fold(),
    async storedCount(roundId) {
      const stored = (await store.rounds.get(roundId))!;
      const questionnaire = (await store.questionnaires.get(stored.projectId, stored.questionnaireId))!;
      return (await readRoundAggregate(store, stored, scorerOf(questionnaire))).responses;
    },
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
