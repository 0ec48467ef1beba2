// Commands that work on a store: start (the local server), rebuild, token, signin.
import { parseArgs } from 'node:util';
import path from 'node:path';
import { createTokenIssuer, Role } from '../api/auth.ts';
import { createSignInCode, issueRecordedToken } from '../api/issuedTokens.ts';
import { rebuildRound } from '../fold/rebuild.ts';
import { loadOrCreateSecrets } from '../local/secrets.ts';
import { EnvironmentError } from '../core/settings.ts';
import { PortUnavailableError } from '../local/port.ts';
import { optionsFromEnv, startLocal } from '../local/start.ts';
import type { Store } from '../store/index.ts';
import { openStore } from './storeAccess.ts';
import { UsageError, type Io } from './usage.ts';

function parse<T extends Record<string, { type: 'string' | 'boolean'; default?: string | boolean }>>(
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

const storeOptions = {
  'data-dir': { type: 'string' },
  table: { type: 'string' },
  endpoint: { type: 'string' },
  region: { type: 'string' },
} as const;

/** The options of a command that grants access: its role, its project and a name for what it hands out. */
const grantOptions = {
  role: { type: 'string' },
  project: { type: 'string' },
  name: { type: 'string' },
} as const;

export async function runStart(args: string[], io: Io): Promise<number> {
  let options: ReturnType<typeof optionsFromEnv>;
  try {
    options = optionsFromEnv(process.env, args);
  } catch (error) {
    if (!(error instanceof EnvironmentError)) throw error;
    io.stderr(`bygdpuls: ${error.message}\n`);
    return 2;
  }
  options.print = (line) => io.stdout(`${line}\n`);
  // startLocal also leaves the database's endpoint in the data folder while it runs, so that the
  // command line (rebuild, token, export) reaches the database the server holds.
  let server: Awaited<ReturnType<typeof startLocal>>;
  try {
    server = await startLocal(options);
  } catch (error) {
    if (!(error instanceof PortUnavailableError)) throw error;
    io.stderr(`bygdpuls: ${error.message}\n`);
    return 1;
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  io.stdout('Stopping: finishing requests, folding, closing the database ...\n');
  await server.close();
  io.stdout('Stopped.\n');
  return 0;
}

/** The store a command names: local data (--data-dir), or a table (--table, --endpoint, --region). */
function openStoreOf(values: { 'data-dir'?: string; table?: string; endpoint?: string; region?: string }) {
  return openStore({
    dataDir: values['data-dir'],
    table: values.table,
    endpoint: values.endpoint,
    region: values.region,
  });
}

export async function runRebuild(args: string[], io: Io): Promise<number> {
  const values = parse(args, { round: { type: 'string' }, ...storeOptions });
  const roundId = values.round;
  if (!roundId) throw new UsageError('rebuild needs --round ID');
  return usingStore(openStoreOf(values), async (store) => {
    const round = await store.rounds.get(roundId);
    if (!round) {
      io.stderr(`bygdpuls: no round ${roundId}\n`);
      return 1;
    }
    const report = await rebuildRound(store, round);
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return report.differences.length === 0 ? 0 : 3;
  });
}

export async function runToken(args: string[], io: Io): Promise<number> {
  const values = parse(args, { ...grantOptions, days: { type: 'string' }, 'data-dir': { type: 'string' } });
  const { role, project } = roleAndProject(values.role, values.project);
  const days = Number(values.days ?? (role === 'admin' ? 30 : 365));
  if (!(days > 0 && days <= 3650)) throw new UsageError('--days is between 1 and 3650');
  const dataDir = path.resolve(values['data-dir'] ?? process.env.DATA_DIR ?? '.data');
  const secrets = loadOrCreateSecrets(dataDir);
  const tokens = createTokenIssuer(secrets.signingSecret);
  // Recorded under its id and name, so that an administrator can list and revoke it.
  await usingStore(openStore({ dataDir }), async (store) => {
    const name = values.name ?? `bygdpuls token (${role})`;
    const { token, record } = await issueRecordedToken(
      { store, tokens, now: () => Date.now() },
      { role, project, name, lifetimeSeconds: days * 24 * 3600 },
    );
    io.stdout(`${token}\n`);
    io.stderr(`token id ${record.id} ("${name}"): revoke with POST /api/tokens/${record.id}/revoke\n`);
  });
  return 0;
}

/** A one-time sign-in link: what to hand someone instead of a token (the page exchanges it once). */
export async function runSignIn(args: string[], io: Io): Promise<number> {
  const values = parse(args, { ...grantOptions, url: { type: 'string' }, ...storeOptions });
  const { role, project } = roleAndProject(values.role, values.project);
  await usingStore(openStoreOf(values), async (store) => {
    const code = await createSignInCode(store, { role, project, name: values.name ?? 'bygdpuls signin' }, Date.now());
    const base = (values.url ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
    const page = role === 'admin' ? '/admin' : `/dashboard/${encodeURIComponent(project)}`;
    io.stdout(`${base}${page}#signin=${code}\n`);
  });
  return 0;
}

/** Runs `use` with the store being opened, and closes the store after, whatever happens. */
async function usingStore<T>(
  opening: Promise<{ store: Store; close: () => Promise<void> }>,
  use: (store: Store) => Promise<T>,
): Promise<T> {
  const { store, close } = await opening;
  try {
    return await use(store);
  } finally {
    await close();
  }
}

function roleAndProject(
  roleValue: string | undefined,
  projectValue: string | undefined,
): { role: Role; project: string } {
  const role = Role.safeParse(roleValue);
  if (!role.success) throw new UsageError('--role admin or --role evaluator');
  const project = projectValue ?? (role.data === 'admin' ? '*' : undefined);
  if (!project) throw new UsageError('an evaluator needs --project ID');
  return { role: role.data, project };
}
