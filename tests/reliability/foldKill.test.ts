// A fold killed with SIGKILL at random points, again and again: a real child process folds a round
// of a few thousand responses and removals on the test's dynalite, in small batches, and is killed
// at a seeded random moment. Whatever it managed to write, the read view stays exact, and the next
// fold brings the snapshots to exactly what rebuild recomputes from the stored responses.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateDifferences, aggregateResponses } from '../../functions/core/aggregates.ts';
import { ProjectSettings, type Answer, type Background, type Indicator } from '../../functions/core/schemas.ts';
import { createScorer } from '../../functions/core/scoring.ts';
import { foldRound } from '../../functions/fold/fold.ts';
import { readRoundAggregate } from '../../functions/fold/read.ts';
import { rebuildRound } from '../../functions/fold/rebuild.ts';
import type { Store } from '../../functions/store/index.ts';
import { shardPartition, SNAPSHOT_SORT_KEY, timeKey } from '../../functions/store/keys.ts';
import type { Round, StoredResponse } from '../../functions/store/types.ts';
import { seeded } from '../../functions/local/residents.ts';
import { startTestStore } from '../support/dynamo.ts';

const RUNS = 20;
const SEED = Number(process.env.FOLD_KILL_SEED ?? 20260806);
const SHARDS = 4;
const INITIAL_RESPONSES = 1200;
const INITIAL_REMOVALS = 120;
const BATCH = 10;
const CHILD = fileURLToPath(new URL('../support/foldChild.ts', import.meta.url));

const indicators: Indicator[] = [
  { id: 'nki', kind: 'index', items: ['q1', 'q2', 'q3'], scale: [1, 10] },
  { id: 'pride', kind: 'mean', items: ['q4'], scale: [1, 5] },
  { id: 'aware', kind: 'share', items: ['aware'], positive: ['yes'] },
];
const scorer = createScorer(indicators);

// Seeded, so that a failing run can be repeated.
const random = seeded(SEED);
const pick = (n: number) => Math.floor(random() * n);

let store: Store;
let endpoint = '';
let close: () => Promise<void>;
let round: Round;
/** Responses stored and not removed: what every figure must count, exactly once. */
const live = new Map<string, StoredResponse>();
let responseCounter = 0;
/** Server time of the events written here: an hour ago and counting, so all are settled. */
let clock = Date.now() - 3_600_000;

function makeResponse(): StoredResponse {
  const i = responseCounter++;
  const key = `I.resp-${i}`;
  const ts = clock++;
  const answers: Record<string, Answer> = {
    q1: 1 + pick(10),
    q2: 1 + pick(10),
    q3: pick(6) === 0 ? 'dk' : 1 + pick(10),
    q4: pick(8) === 0 ? null : 1 + pick(5),
    aware: pick(2) ? 'yes' : 'no',
  };
  const background: Background = {
    area: ['A', 'B', 'C'][pick(3)]!,
    age_band: pick(4) === 0 ? null : '30-49',
    gender: null,
  };
  return { type: 'response', key, responseId: `resp-${i}`, ts, tsKey: timeKey(ts, key), background, answers };
}

async function inParallel<T>(items: T[], work: (item: T) => Promise<void>, width = 16): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

async function addResponses(count: number): Promise<void> {
  await inParallel(Array.from({ length: count }, makeResponse), async (response) => {
    expect((await store.responses.put(round.id, round.shards, response)).stored).toBe(true);
    live.set(response.key, response);
  });
}

async function removeSome(count: number): Promise<void> {
  const keys = [...live.keys()];
  const chosen = new Set<string>();
  while (chosen.size < Math.min(count, keys.length)) chosen.add(keys[pick(keys.length)]!);
  for (const key of chosen) {
    expect(await store.responses.remove(round.id, round.shards, key, clock++, (answers) => answers)).toBe('removed');
    live.delete(key);
  }
}

/** Throws away the snapshots of some shards (derived data): their next fold starts from nothing. */
async function dropSnapshots(shards: number[]): Promise<void> {
  for (const shard of shards) {
    await store.client.send(
      new DeleteItemCommand({
        TableName: store.tableName,
        Key: { pk: { S: shardPartition(round.id, shard) }, sk: { S: SNAPSHOT_SORT_KEY } },
      }),
    );
  }
}

/** The read view (snapshots + tail) equals the live responses, exactly; with `rebuild`, so does rebuild's recomputation. */
async function expectExact(when: string, rebuild: boolean): Promise<{ tail: number }> {
  const view = await readRoundAggregate(store, round, scorer);
  expect(
    aggregateDifferences(aggregateResponses(scorer, live.values()), view.aggregate, 0),
    `${when}: read view`,
  ).toEqual([]);
  expect(view.responses, `${when}: responses counted`).toBe(live.size);
  if (rebuild) {
    const report = await rebuildRound(store, round);
    expect(report.responses, `${when}: stored responses`).toBe(live.size);
    expect(report.differences, `${when}: rebuild`).toEqual([]);
  }
  return { tail: view.tail };
}

interface ChildRun {
  /** Lines the child printed, in order. */
  lines: string[];
  /** ms from "go" to the kill (null: not killed, it finished). */
  killedAfterMs: number | null;
  /** ms from "go" to the end of the process. */
  ranMs: number;
}

/** Starts the fold child; `go(delayMs)` lets it fold and kills it after delayMs (null: never). */
function startChild(): { ready: Promise<void>; go: (killAfterMs: number | null) => Promise<ChildRun> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD, endpoint, store.tableName, round.id, String(BATCH)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    },
  );
  const lines: string[] = [];
  let buffered = '';
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line === 'ready') onReady();
      else lines.push(line);
      newline = buffered.indexOf('\n');
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    ready,
    async go(killAfterMs) {
      const start = performance.now();
      child.stdin!.write('go\n');
      let killedAt: number | null = null;
      const timer =
        killAfterMs === null
          ? null
          : setTimeout(() => {
              killedAt = performance.now() - start;
              child.kill('SIGKILL');
            }, killAfterMs);
      const { code, signal } = await exited;
      if (timer) clearTimeout(timer);
      const ranMs = performance.now() - start;
      if (signal !== 'SIGKILL') expect(code, lines.join('\n')).toBe(0);
      return { lines, killedAfterMs: signal === 'SIGKILL' ? killedAt : null, ranMs };
    },
  };
}

/** Where a kill landed, from what the child had printed. */
function landing(run: ChildRun): { where: string; writes: number } {
  const starts = run.lines.filter((line) => line.startsWith('write-start')).length;
  const ends = run.lines.filter((line) => line.startsWith('write-end')).length;
  if (run.killedAfterMs === null) return { where: 'after the fold (it finished)', writes: ends };
  if (starts > ends) return { where: 'during a snapshot write', writes: ends };
  if (ends === 0) return { where: 'before its first write', writes: 0 };
  return { where: 'between snapshot writes', writes: ends };
}

beforeAll(async () => {
  ({ store, endpoint, close } = await startTestStore());
  const now = new Date().toISOString();
  await store.projects.create({
    id: 'kill',
    name: 'Kill',
    areas: [
      { id: 'A', name: 'A' },
      { id: 'B', name: 'B' },
      { id: 'C', name: 'C' },
    ],
    settings: ProjectSettings.parse({}),
    demo: false,
    createdAt: now,
  });
  await store.questionnaires.create({
    id: 'q',
    projectId: 'kill',
    survey: {},
    indicators,
    background: { area: 'area' },
    createdAt: now,
  });
  round = {
    id: 'killed',
    projectId: 'kill',
    kind: 'baseline',
    name: 'Killed',
    questionnaireId: 'q',
    access: 'open',
    status: 'open',
    shards: SHARDS,
    createdAt: now,
    updatedAt: now,
  };
  await store.rounds.create(round);
  await addResponses(INITIAL_RESPONSES);
  await removeSome(INITIAL_REMOVALS);
}, 60_000);
afterAll(async () => close?.());

describe('a fold killed with SIGKILL', () => {
  it(`leaves aggregates exact after the next fold, in ${RUNS} runs killed at random points (seed ${SEED})`, async () => {
    const started = performance.now();
    // Calibration: one uncut fold of everything, to know how long a fold takes here.
    const calibration = startChild();
    await calibration.ready;
    const full = await calibration.go(null);
    expect(full.lines.at(-1)).toMatch(/^done /);
    expect((await expectExact('after the uncut fold', true)).tail).toBe(0);
    const fullMs = full.ranMs;

    const report: string[] = [];
    let midFold = 0;
    for (let run = 1; run <= RUNS; run++) {
      const child = startChild(); // it loads while this run's events are written
      // Some shards start over (their snapshots dropped), the others keep theirs: new responses,
      // and removals of responses both folded and not yet folded.
      const dropped = Array.from({ length: SHARDS }, (_, shard) => shard).filter(() => random() < 0.75);
      if (dropped.length === 0) dropped.push(pick(SHARDS));
      await dropSnapshots(dropped);
      await addResponses(40);
      await removeSome(15);
      const killAfterMs = Math.round(random() * fullMs * (dropped.length / SHARDS));
      await child.ready;
      const result = await child.go(killAfterMs);
      const where = landing(result);
      if (result.killedAfterMs !== null) midFold++;
      // Whatever the child wrote, the read view (snapshots + tail) is exact...
      const afterKill = await expectExact(`run ${run}, after the kill`, false);
      // ...and a clean fold leaves nothing in the tail and snapshots equal to the live responses
      // (and, every fifth run, to rebuild's recomputation from the stored responses).
      await foldRound(store, round, { now: Date.now(), settleMs: 1000 });
      expect((await expectExact(`run ${run}, after the next fold`, run % 5 === 0)).tail).toBe(0);
      report.push(
        `run ${String(run).padStart(2)}: shards dropped [${dropped.join(',')}], kill at ${String(killAfterMs).padStart(4)} ms: ${where.where}` +
          ` (${where.writes} snapshot writes done, ${afterKill.tail} events left in the tail); exact`,
      );
    }
    console.log(
      `fold killed with SIGKILL (seed ${SEED}, ${live.size} responses live, batches of ${BATCH}, an uncut fold took ${Math.round(fullMs)} ms):\n` +
        `${report.join('\n')}\n${midFold} of ${RUNS} kills landed mid-fold; all ${RUNS} exact after the next fold (${Math.round((performance.now() - started) / 1000)} s)`,
    );
    // Most kills must land inside the fold, or the test proves little.
    expect(midFold).toBeGreaterThanOrEqual(RUNS / 4);
  }, 120_000);
});
