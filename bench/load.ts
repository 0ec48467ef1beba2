// `npm run load`: the local server under load, then proof that nothing was lost or counted twice.
// Starts `bygdpuls start --no-demo` as a child process on 127.0.0.1 (or uses --url with --token and
// --data-dir), creates a weighted project with the built-in questionnaire and two rounds, and sends
// --count submissions from --clients concurrent clients: fresh ones, exact retries, conflicting
// retries and invalid ones, each with the status it must get (loadPlan.ts, loadClients.ts). Then
// it checks the store (loadVerify.ts): export, the fold, `compare` against the API, `rebuild`.
// It prints throughput, latency and counts and ends with one JSON line. With --kill-after N it
// SIGKILLs the server after N acknowledgements, starts it again on the same data, and checks that
// every response acknowledged before the kill is stored (lostAfterKill).
// Exit code 0 only when nothing was lost, double-counted, 5xx'd, unexpected or mismatched; 2 when
// the run itself could not be made.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Comparison } from '../functions/core/compare.ts';
import { builtInTemplate } from '../functions/core/template.ts';
import { VILLAGES } from '../functions/local/residents.ts';
import { newAgent, runIdeaLoad, runLoad, tally, type Target } from './loadClients.ts';
import { DEFAULT_MIX, planIdeas, planLoad } from './loadPlan.ts';
import { startServer, type ServerChild, type ServerSettings } from '../tests/support/serverChild.ts';
import { checkIdeas, checkStore, type LoadRounds } from './loadVerify.ts';
import { percentile } from './statistics.ts';
import type { ProjectSettingsInput } from '../functions/core/schemas.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const MIN_GROUP_SIZE = 5;

interface LoadOptions {
  count: number;
  clients: number;
  seed: number;
  /** Seconds for the whole submission phase; the run fails when it is not done by then. */
  timeLimit: number;
  url: string | null;
  token: string | null;
  dataDir: string | null;
  killAfter: number | null;
  keep: boolean;
}

function parseOptions(argv: string[]): LoadOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      count: { type: 'string', default: '5000' },
      clients: { type: 'string', default: '50' },
      seed: { type: 'string', default: '20260601' },
      'time-limit': { type: 'string', default: '300' },
      url: { type: 'string' },
      token: { type: 'string' },
      'data-dir': { type: 'string' },
      'kill-after': { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const whole = (name: string, text: string, min: number, max: number) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max)
      throw new Error(`--${name} is a whole number from ${min} to ${max}`);
    return value;
  };
  const options: LoadOptions = {
    count: whole('count', values.count, 10, 200_000),
    clients: whole('clients', values.clients, 1, 500),
    seed: whole('seed', values.seed, 0, 2 ** 31),
    timeLimit: whole('time-limit', values['time-limit'], 5, 3600),
    url: values.url ?? null,
    token: values.token ?? null,
    dataDir: values['data-dir'] ?? null,
    killAfter: values['kill-after'] === undefined ? null : whole('kill-after', values['kill-after'], 1, 200_000),
    keep: values.keep,
  };
  if (options.url) {
    const url = new URL(options.url);
    // Load only ever goes to this machine.
    if (url.protocol !== 'http:' || !['127.0.0.1', 'localhost'].includes(url.hostname))
      throw new Error('--url must be http://127.0.0.1:PORT or http://localhost:PORT');
    if (!options.token) throw new Error('--url needs --token (an administrator token of that server)');
    if (!options.dataDir) throw new Error("--url needs --data-dir (that server's DATA_DIR, for export and rebuild)");
    if (options.killAfter !== null) throw new Error('--kill-after needs the server this script starts (no --url)');
    options.url = url.origin;
  }
  return options;
}

/**
 * The API's comparison once both rounds are closed and their final releases taken (evaluators read
 * releases, ../shared/docs/METHOD.md): closes them, waits for the server's fold, and returns the figures alone.
 */
async function finalComparison(target: Target, token: string, rounds: LoadRounds): Promise<Comparison> {
  for (const roundId of [rounds.baseline, rounds.followup])
    await adminCall(target, token, 'POST', `/api/rounds/${roundId}/close`);
  const until = Date.now() + 60_000;
  for (;;) {
    const {
      releases,
      preliminary: _preliminary,
      withheld: _withheld,
      ...figures
    } = (await adminCall(
      target,
      token,
      'GET',
      `/api/projects/${rounds.projectId}/comparison?baseline=${rounds.baseline}&followup=${rounds.followup}`,
    )) as Comparison & {
      releases: Record<string, { final: boolean } | null>;
      preliminary: boolean;
      withheld?: unknown;
    };
    if ((releases.baseline?.final && releases.followup?.final) || Date.now() > until) return figures;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function adminCall(
  target: Target,
  token: string,
  method: 'GET' | 'POST',
  urlPath: string,
  body?: unknown,
  // biome-ignore lint/suspicious/noExplicitAny: the API's JSON answer, its fields read by each caller
): Promise<any> {
  const response = await fetch(new URL(urlPath, target.url), {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status >= 300)
    throw new Error(`${method} ${urlPath} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/** A weighted project like the demo's (five villages), the built-in questionnaire, two open rounds. */
/** The load project's settings (as the API takes them, and as the check recomputes the comparison). */
const LOAD_SETTINGS = {
  minGroupSize: MIN_GROUP_SIZE,
  groupBy: ['area' as const],
  weighting: { strata: ['area' as const], population: VILLAGES.map((v) => ({ area: v.id, population: v.population })) },
};

async function createLoadProject(target: Target, token: string): Promise<LoadRounds> {
  const { id: projectId } = await adminCall(target, token, 'POST', '/api/projects', {
    name: `load ${new Date().toISOString()}`,
    areas: VILLAGES.map(({ id, name }) => ({ id, name })),
    ...LOAD_SETTINGS,
  });
  const { id: questionnaireId } = await adminCall(
    target,
    token,
    'POST',
    `/api/projects/${projectId}/questionnaires`,
    builtInTemplate(VILLAGES),
  );
  const round = async (kind: string) =>
    (
      await adminCall(target, token, 'POST', `/api/projects/${projectId}/rounds`, {
        kind,
        name: `load ${kind}`,
        questionnaireId,
        access: 'open',
      })
    ).id as string;
  return { projectId, baseline: await round('baseline'), followup: await round('followup') };
}

const round1 = (value: number) => Math.round(value * 10) / 10;

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : mkdtempSync(path.join(tmpdir(), 'bygdpuls-load-'));
  const token = options.token ?? `load-admin-${randomBytes(24).toString('hex')}`;
  const settings: ServerSettings = {
    dataDir,
    adminToken: token,
    foldIntervalMs: 500,
    settleMs: 300,
    startTimeoutMs: 90_000,
  };
  let server: ServerChild | null = null;
  const serverErrorLines: string[] = [];
  /** Writes the restarted server completed at start (cut short by the kill). */
  let repairedWrites = () => 0;
  // The hard limit: whatever hangs, the run ends (and takes its server with it).
  const watchdog = setTimeout(
    () => {
      process.stderr.write('load: hard time limit reached\n');
      server?.child.kill('SIGKILL');
      process.exit(1);
    },
    (options.timeLimit + 240) * 1000,
  );
  watchdog.unref();

  try {
    if (options.url === null) server = await startServer(settings);
    // The ideas' own clients: a tenth as many as the submissions'.
    const ideaClients = Math.max(1, Math.round(options.clients / 10));
    const target: Target = {
      url: server?.url ?? options.url!,
      agent: newAgent(options.clients + ideaClients),
      ready: Promise.resolve(),
    };
    say(`load: server ${target.url} (data in ${dataDir})`);
    const restart =
      options.killAfter === null
        ? null
        : async () => {
            say(`load: SIGKILL to the server after ${options.killAfter} acknowledged submissions`);
            await server!.kill();
            serverErrorLines.push(...server!.errorLines);
            target.agent.destroy();
            const restarted = await startServer(settings);
            server = restarted;
            repairedWrites = () => restarted.repairedWrites;
            target.url = restarted.url;
            target.agent = newAgent(options.clients + ideaClients);
            say(`load: restarted at ${target.url}`);
          };

    const rounds = await createLoadProject(target, token);
    const plan = planLoad({ count: options.count, ...DEFAULT_MIX }, rounds, options.seed);
    const ideaPlan = planIdeas(
      options.count,
      VILLAGES.map((village) => village.id),
      options.seed,
    );
    say(`load: ${plan.length} submissions from ${options.clients} clients (project ${rounds.projectId})`);
    say(`load: beside them ${ideaPlan.length} ideas and board reads from ${ideaClients} more`);
    // The ideas to publish go first, alone: a kill must not cut an administrator's transition short.
    const ideaRun = runIdeaLoad(
      ideaPlan,
      rounds.projectId,
      {
        clients: ideaClients,
        timeLimit: options.timeLimit,
        publish: (id) => adminCall(target, token, 'POST', `/api/ideas/${id}/transitions`, { to: 'published' }),
      },
      target,
    );
    await ideaRun.published;
    const [run, ideas] = await Promise.all([runLoad(plan, options, target, restart), ideaRun.done]);
    target.agent.destroy();
    const ideaCheck = checkIdeas(
      await adminCall(target, token, 'GET', `/api/projects/${rounds.projectId}/ideas`),
      ideas,
    );

    const seen = tally(plan, run);
    const sorted = [...run.latenciesMs].sort((a, b) => a - b);
    const [perSecond, p50, p95, p99] = [
      plan.length / run.seconds,
      percentile(sorted, 50),
      percentile(sorted, 95),
      percentile(sorted, 99),
    ].map(round1) as [number, number, number, number];
    const accepted = [...seen.accepted.values()].reduce((sum, ids) => sum + ids.size, 0);
    say(
      `load: ${plan.length} requests in ${run.seconds.toFixed(1)} s: ${perSecond} per second; latency p50 ${p50} ms, p95 ${p95} ms, p99 ${p99} ms`,
    );
    say(
      `load: statuses ${JSON.stringify(seen.statuses)}; unexpected ${seen.unexpected}; sent again after no answer ${seen.resent}`,
    );

    const check = await checkStore({
      dataDir,
      rounds,
      tally: seen,
      indicators: builtInTemplate(VILLAGES).indicators,
      minGroupSize: MIN_GROUP_SIZE,
      // zod's type of a population row (a number and string columns) takes no literal of its own.
      settings: LOAD_SETTINGS as unknown as ProjectSettingsInput,
      readComparison: () => finalComparison(target, token, rounds),
    });
    for (const finding of [...check.findings, ...ideaCheck.findings]) say(`load: ${finding}`);
    if (server) {
      const code = await server.stop();
      serverErrorLines.push(...server.errorLines);
      say(`load: server stopped (exit code ${code})`);
      server = null;
    }
    say(
      `load: accepted ${accepted}, stored ${check.stored}, lost ${check.lost}, double-counted ${check.doubleCounted}, 5xx ${seen.errors5xx}, ` +
        `comparison ${check.comparisonMatches ? 'matches' : 'DIFFERS'}, n ${check.countsMatch ? 'match' : 'DIFFER'}, rebuild differences ${check.rebuildDifferences}, ` +
        `server error lines ${serverErrorLines.length}`,
    );
    const ideaLatencies = [...ideas.latenciesMs].sort((a, b) => a - b);
    say(
      `load: ideas ${ideas.acknowledged.size} acknowledged, ${ideaCheck.stored} stored, lost ${ideaCheck.lost}, stored twice or unasked ${ideaCheck.doubleStored}, ` +
        `refused but stored ${ideaCheck.refusedStored}; statuses ${JSON.stringify(ideas.statuses)}; unexpected ${ideas.unexpected}; ` +
        `board reads ${ideas.boardReads} (${ideas.published.size} published) showing anything else or private ${ideas.boardLeaks}; p50 ${round1(percentile(ideaLatencies, 50))} ms, p99 ${round1(percentile(ideaLatencies, 99))} ms`,
    );
    if (run.killedAfter !== null) {
      say(
        `load: killed after ${run.killedAfter} acknowledgements; of the ${seen.ackedBeforeKill.size} distinct responses acknowledged before the kill, ${check.lostAfterKill} are missing`,
      );
    }

    const result: Record<string, unknown> = {
      sent: plan.length,
      accepted,
      stored: check.stored,
      lost: check.lost,
      doubleCounted: check.doubleCounted,
      errors5xx: seen.errors5xx,
      comparisonMatches: check.comparisonMatches,
      rebuildDifferences: check.rebuildDifferences,
      perSecond,
      p99ms: p99,
      p50ms: p50,
      p95ms: p95,
      unexpected: seen.unexpected,
      unanswered: seen.unanswered,
      countsMatch: check.countsMatch,
      folded: check.folded,
      resent: seen.resent,
      serverErrorLines: serverErrorLines.length,
      ideas: {
        sent: ideas.sent,
        acknowledged: ideas.acknowledged.size,
        stored: ideaCheck.stored,
        lost: ideaCheck.lost,
        doubleStored: ideaCheck.doubleStored,
        refusedStored: ideaCheck.refusedStored,
        errors5xx: ideas.errors5xx,
        unexpected: ideas.unexpected,
        unanswered: ideas.unanswered.size,
        boardReads: ideas.boardReads,
        boardLeaks: ideas.boardLeaks,
      },
    };
    if (run.killedAfter !== null) {
      Object.assign(result, {
        killedAfter: run.killedAfter,
        ackedBeforeKill: seen.ackedBeforeKill.size,
        lostAfterKill: check.lostAfterKill,
        repairedWrites: repairedWrites(),
      });
    }
    say(JSON.stringify(result));
    const failed =
      check.lost > 0 ||
      check.doubleCounted > 0 ||
      seen.errors5xx > 0 ||
      !check.comparisonMatches ||
      check.rebuildDifferences > 0 ||
      !check.countsMatch ||
      !check.folded ||
      seen.unexpected > 0 ||
      seen.unanswered > 0 ||
      check.lostAfterKill > 0 ||
      ideaCheck.findings.length > 0 ||
      ideas.errors5xx > 0 ||
      ideas.boardLeaks > 0 ||
      // Only a kill may leave an idea without its answer (it is not sent again: it would be a second idea).
      ideas.unexpected > 0 ||
      (run.killedAfter === null && ideas.unanswered.size > 0) ||
      (run.killedAfter === null && ideaCheck.stored !== ideas.acknowledged.size) ||
      // Without a kill, every request must have had its answer the first time.
      (run.killedAfter === null && seen.resent > 0);
    return failed ? 1 : 0;
  } finally {
    clearTimeout(watchdog);
    if (server) await (server as ServerChild).kill();
    if (!options.keep && !options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`load: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(2);
  },
);
