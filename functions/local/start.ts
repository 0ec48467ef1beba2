// `npm start`: bygdpuls on one machine. dynalite with its data under DATA_DIR, the API and the web
// folder on PORT, the fold every few seconds, a demo project on first start. Clean shutdown.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { ServerType } from '@hono/node-server';
import * as z from 'zod/mini';
import { createTokenIssuer, MIN_STATIC_TOKEN_LENGTH } from '../api/auth.ts';
import { createSignInCode, SIGNED_IN_TOKEN_SECONDS } from '../api/issuedTokens.ts';
import type { ApiDeps } from '../api/routeTable.ts';
import { foldAll } from '../fold/fold.ts';
import { createDynamoClient } from '../store/client.ts';
import { readVariables, text, wholeNumber } from '../core/settings.ts';
import { createStore } from '../store/index.ts';
import { ensureTable } from '../store/table.ts';
import { answerUnparsableRequests } from './clientErrors.ts';
import {
  DATABASE_GUARD_FILE,
  ENDPOINT_FILE,
  makePrivateDir,
  RUNNING_MARKER,
  TABLE_NAME,
  writePrivateFile,
} from './dataDir.ts';
import { createDemoProject } from './demo.ts';
import { startDynalite } from './dynalite.ts';
import { completeInterruptedWrites } from './interruptedWrites.ts';
import { checkPortFree } from './port.ts';
import { loadOrCreateSecrets } from './secrets.ts';
import { createLocalApp, serveApp } from './serve.ts';

export interface LocalOptions {
  port: number;
  host: string;
  dataDir: string;
  demo: boolean;
  adminToken?: string | undefined;
  foldIntervalMs: number;
  settleMs: number;
  /**
   * Submissions per client address and open round in a minute; 0 or left out: no limit (what
   * in-process tests and benchmarks start). `npm start` sets SUBMISSIONS_PER_MINUTE_PER_ADDRESS's.
   */
  submissionsPerMinutePerAddress?: number | undefined;
  webDir: string;
  /** Where startup messages go (sign-in links, never a token). */
  print: (line: string) => void;
}

export interface LocalServer {
  url: string;
  /** The endpoint of the in-process dynalite, its secret included (dynalite.ts). */
  dynamoEndpoint: string;
  adminToken: string;
  deps: ApiDeps;
  /** Runs one fold now (tests and shutdown). */
  fold(): Promise<void>;
  close(): Promise<void>;
}

/** The settings of `npm start` (README, "Settings"); a bad one stops it, naming the variable. */
const LocalSettings = z.object({
  PORT: z._default(wholeNumber('a port number from 0 to 65535, such as 3000', 0, 65_535), 3000),
  HOST: z._default(text('an address to listen on, such as 127.0.0.1'), '127.0.0.1'),
  DATA_DIR: z.optional(z.string()),
  ADMIN_TOKEN: z.optional(
    z.string().check(
      z.minLength(MIN_STATIC_TOKEN_LENGTH, {
        error: `at least ${MIN_STATIC_TOKEN_LENGTH} characters (a static administrator token)`,
      }),
    ),
  ),
  FOLD_INTERVAL_MS: z._default(wholeNumber('a whole number of milliseconds, 1 or more, such as 3000', 1), 3000),
  SETTLE_MS: z._default(wholeNumber('a whole number of milliseconds, such as 2000', 0), 2000),
  SUBMISSIONS_PER_MINUTE_PER_ADDRESS: z._default(
    wholeNumber('a whole number of submissions a minute per address to an open round, such as 20 (0: no limit)', 0),
    20,
  ),
});

/** The options from the environment; throws an EnvironmentError naming any bad setting. */
export function optionsFromEnv(env: NodeJS.ProcessEnv, argv: readonly string[]): LocalOptions {
  const root = path.resolve(import.meta.dirname, '../..');
  const settings = readVariables(LocalSettings, env, 'the settings');
  return {
    port: settings.PORT,
    host: settings.HOST,
    dataDir: path.resolve(settings.DATA_DIR ?? path.join(root, '.data')),
    demo: !argv.includes('--no-demo'),
    adminToken: settings.ADMIN_TOKEN,
    foldIntervalMs: settings.FOLD_INTERVAL_MS,
    settleMs: settings.SETTLE_MS,
    submissionsPerMinutePerAddress: settings.SUBMISSIONS_PER_MINUTE_PER_ADDRESS,
    webDir: path.join(root, 'web'),
    print: (line) => process.stdout.write(`${line}\n`),
  };
}

/** Logs one JSON line to stderr; callers never pass answers or tokens. */
function logLine(entry: Record<string, unknown>): void {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
}

/**
 * Starts the local server. A port it cannot have stops it first, with a PortUnavailableError,
 * before anything is written (no data folder, no demo).
 */
export async function startLocal(options: LocalOptions): Promise<LocalServer> {
  await checkPortFree(options.port, options.host);
  // The data folder and all in it are the owner's alone: whatever this process creates is 0600/0700
  // (LevelDB's files included), and the folder is closed again if it was opened. A worker thread
  // (a test runner's) may not set the umask; the explicit modes below still hold there.
  try {
    process.umask(0o077);
  } catch {}
  makePrivateDir(options.dataDir);
  const dynamo = await startDynalite({ path: path.join(options.dataDir, 'db'), thread: true });
  const client = createDynamoClient({ tableName: TABLE_NAME, endpoint: dynamo.endpoint });
  await ensureTable(client, TABLE_NAME);
  const store = createStore(client, TABLE_NAME);
  // A marker that lives while the server runs: found at start, the last run did not stop cleanly
  // (killed, a power cut), and writes it had under way may be half done, because dynalite's are
  // not atomic. They are completed before anything reads the time index.
  const runningMarker = path.join(options.dataDir, RUNNING_MARKER);
  if (existsSync(runningMarker)) {
    const repaired = await completeInterruptedWrites(store);
    logLine({ level: 'warn', event: 'unclean_stop_checked', ...repaired });
  }
  writePrivateFile(runningMarker, `${process.pid}\n`);
  // The command line reaches the database this server holds through these files (cli/storeAccess.ts):
  // the secret first, so that whoever finds the address finds the secret too.
  const secretFile = path.join(options.dataDir, DATABASE_GUARD_FILE);
  writePrivateFile(secretFile, dynamo.secret ?? '');
  const endpointFile = path.join(options.dataDir, ENDPOINT_FILE);
  writePrivateFile(endpointFile, dynamo.address);
  const secrets = loadOrCreateSecrets(options.dataDir);
  const tokens = createTokenIssuer(secrets.signingSecret, {
    staticAdminToken: options.adminToken,
    isRevoked: (tokenId) => store.tokens.isRevoked(tokenId),
  });
  // The server's own token (the demo project, tests in the same process): never printed.
  const adminToken = options.adminToken ?? (await tokens.issue('admin', '*', SIGNED_IN_TOKEN_SECONDS));
  const deps: ApiDeps = {
    store,
    tokens,
    codeSecret: secrets.codeSecret,
    now: () => Date.now(),
    shardsPerRound: 4,
    settleMs: options.settleMs,
    submissionsPerMinutePerAddress: options.submissionsPerMinutePerAddress ?? 0,
    log: logLine,
  };
  const app = createLocalApp(deps, options.webDir);

  let folding: Promise<void> | null = null;
  const fold = async () => {
    if (folding) return folding;
    folding = (async () => {
      try {
        await foldAll(store, { now: Date.now(), settleMs: options.settleMs });
      } catch (error) {
        logLine({ level: 'error', event: 'fold_failed', message: (error as Error).message });
      } finally {
        folding = null;
      }
    })();
    return folding;
  };

  let demo: Awaited<ReturnType<typeof createDemoProject>> | null = null;
  if (options.demo && (await store.projects.list()).length === 0) {
    options.print('First start: creating the demo project (generated data) ...');
    demo = await createDemoProject(app, adminToken, { store });
    const project = await store.projects.get(demo.projectId);
    if (project) await store.projects.update({ ...project, demo: true });
  }

  let server: ServerType;
  try {
    server = await serveApp(app, { port: options.port, hostname: options.host });
  } catch (error) {
    // Taken since the check: leave the data folder as a clean stop would.
    client.destroy();
    await dynamo.close();
    rmSync(endpointFile, { force: true });
    rmSync(secretFile, { force: true });
    rmSync(runningMarker, { force: true });
    throw error;
  }
  answerUnparsableRequests(server);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`;
  deps.publicUrl = url;
  const timer = setInterval(() => void fold(), options.foldIntervalMs);

  // Everything printed at once, the admin sign-in link last: a reader (or a test) of "runs at" has it all.
  const lines = [`bygdpuls runs at ${url}  (data in ${options.dataDir})`, `  API docs:      ${url}/api/docs`];
  for (const { id } of (await store.projects.list()).slice(0, 5)) {
    const open = (await store.rounds.listByProject(id)).find((r) => r.status === 'open');
    if (open) lines.push(`  survey:        ${url}/s/${open.id}`);
    // An evaluator's one-time link, not an administrator's token: it shows what evaluators see.
    const code = await createSignInCode(store, { role: 'evaluator', project: id, name: 'npm start' }, Date.now());
    lines.push(`  dashboard:     ${url}/dashboard/${id}#signin=${code}`);
  }
  // One-time links: the page exchanges the code for a 12-hour token and wipes it from the address.
  const adminCode = await createSignInCode(store, { role: 'admin', project: '*', name: 'npm start' }, Date.now());
  lines.push(`  admin sign-in: ${url}/admin#signin=${adminCode}`);
  options.print(lines.join('\n'));

  let closed = false;
  return {
    url,
    dynamoEndpoint: dynamo.endpoint,
    adminToken,
    deps,
    fold,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      // Stop taking requests, let those in flight finish (each acknowledged write is already
      // durable in LevelDB), fold once more, then close the database.
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (folding) await folding;
      await fold();
      client.destroy();
      await dynamo.close();
      rmSync(endpointFile, { force: true });
      rmSync(secretFile, { force: true });
      rmSync(runningMarker, { force: true });
    },
  };
}
