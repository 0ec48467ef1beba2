// Benchmark part "read": latency of GET /api/projects/:projectId/comparison through HTTP for folded round pairs of 1,000 and of 50,000 responses each; it should not grow with the number of responses.
import { foldRound } from '../functions/fold/fold.ts';
import { readRoundAggregate, scorerOf } from '../functions/fold/read.ts';
import type { Round } from '../functions/store/types.ts';
import { roundQuestionnaire } from '../functions/store/questionnaires.ts';
import { batchWrite, responseItems, storedResponses } from './responses.ts';
import {
  api,
  createProject,
  createRound,
  seconds,
  SETTLE_MS,
  startStack,
  type BenchProject,
  type BenchStack,
} from './stack.ts';
import { median, round } from './statistics.ts';

export const READ_TARGET_RATIO = 1.5;

export interface ReadOptions {
  /** Responses per round of the small pair. */
  small: number;
  /** Responses per round of the large pair. */
  large: number;
  /** Timed requests per pair (after the warm-ups), interleaved between the pairs. */
  requests: number;
  warmups: number;
  log?: (line: string) => void;
}

export interface ReadFigures {
  ms1k: number;
  ms50k: number;
  /** ms50k / ms1k. */
  ratio: number;
  target: number;
  /** Whether the larger of the two medians is at most `target` times the smaller. */
  pass: boolean;
  small: number;
  large: number;
  requests: number;
  /** Per-request times (ms), sorted. */
  samples: { small: number[]; large: number[] };
  setup: {
    seconds: number;
    responses: number;
    writeSeconds: number;
    writePerSecond: number;
    foldSeconds: number;
    foldPerSecond: number;
  };
  method: Record<string, string>;
}

interface Pair {
  size: number;
  baseline: Round;
  followup: Round;
  path: string;
}

/** A baseline and a follow-up round of `size` responses each, written straight to the table and folded. */
async function setUpPair(
  stack: BenchStack,
  project: BenchProject,
  size: number,
  seed: number,
  timing: { write: number; fold: number },
): Promise<Pair> {
  const baseline = await createRound(stack, project, 'baseline', `baseline ${size}`);
  const followup = await createRound(stack, project, 'followup', `follow-up ${size}`);
  const firstTs = Date.now() - 2 * 60 * 60 * 1000;
  const write = async (target: Round, lift: number, offset: number) => {
    const items = await responseItems(
      target,
      storedResponses(stack.template, size, { seed: seed + offset, lift, firstTs: firstTs + offset * size }),
    );
    const started = process.hrtime.bigint();
    await batchWrite(stack.client, stack.tableName, items);
    timing.write += seconds(started);
  };
  await write(baseline, 0, 0);
  await write(followup, 0.5, 1);
  const questionnaire = await roundQuestionnaire(stack.store, baseline);
  const scorer = scorerOf(questionnaire);
  for (const target of [baseline, followup]) {
    const started = process.hrtime.bigint();
    const result = await foldRound(stack.store, target, { now: Date.now(), settleMs: SETTLE_MS });
    timing.fold += seconds(started);
    if (result.folded !== size || result.lost !== 0)
      throw new Error(`read: folding a round of ${size} folded ${result.folded} (lost ${result.lost})`);
    // The read path must find everything in the snapshots: no tail to fold at read time.
    const view = await readRoundAggregate(stack.store, target, scorer);
    if (view.tail !== 0 || view.responses !== size)
      throw new Error(
        `read: after the fold, a round of ${size} reads ${view.responses} responses with a tail of ${view.tail}`,
      );
  }
  return {
    size,
    baseline,
    followup,
    path: `/api/projects/${project.projectId}/comparison?baseline=${baseline.id}&followup=${followup.id}`,
  };
}

/** One comparison request; returns its time in ms (send to body read and parsed) after checking the answer. */
async function timeRequest(stack: BenchStack, pair: Pair, token: string): Promise<number> {
  const started = process.hrtime.bigint();
  const response = await fetch(`${stack.url}${pair.path}`, { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (response.status !== 200)
    throw new Error(`read: the comparison of the ${pair.size} pair answered ${response.status}: ${text.slice(0, 300)}`);
  const body = JSON.parse(text) as { indicators?: Record<string, { baseline?: { n?: number | null } }> };
  const n = body.indicators?.aware?.baseline?.n;
  if (typeof n !== 'number' || n < 0.9 * pair.size || n > pair.size)
    throw new Error(`read: the comparison of the ${pair.size} pair counts ${n} baseline answers to "aware"`);
  return ms;
}

export async function measureRead(options: ReadOptions): Promise<ReadFigures> {
  const { small, large, requests, warmups } = options;
  const log = options.log ?? (() => {});
  const stack = await startStack();
  try {
    const project = await createProject(stack, 'Bench: read');
    const { token } = (await api(stack, 'POST', `/api/projects/${project.projectId}/evaluators`)) as { token: string };

    log(`  read setup: 2 x ${small} + 2 x ${large} responses with BatchWriteItem, then folded ... `);
    const setupStarted = process.hrtime.bigint();
    const timing = { write: 0, fold: 0 };
    const pairSmall = await setUpPair(stack, project, small, 11, timing);
    const pairLarge = await setUpPair(stack, project, large, 21, timing);
    const setupSeconds = seconds(setupStarted);
    const responses = 2 * (small + large);
    log(`${setupSeconds.toFixed(1)} s (writing ${timing.write.toFixed(1)} s, folding ${timing.fold.toFixed(1)} s)\n`);

    for (let i = 0; i < warmups; i++) {
      await timeRequest(stack, pairSmall, token);
      await timeRequest(stack, pairLarge, token);
    }
    const samplesSmall: number[] = [];
    const samplesLarge: number[] = [];
    // Interleaved (and alternating which goes first), so that a slow moment of the machine hits both alike.
    for (let i = 0; i < requests; i++) {
      const order = i % 2 === 0 ? [pairSmall, pairLarge] : [pairLarge, pairSmall];
      for (const pair of order)
        (pair === pairSmall ? samplesSmall : samplesLarge).push(await timeRequest(stack, pair, token));
    }
    if (stack.errors.length > 0)
      throw new Error(`read: the API logged errors: ${JSON.stringify(stack.errors.slice(0, 3))}`);
    const ms1k = median(samplesSmall);
    const ms50k = median(samplesLarge);
    const ratio = ms50k / ms1k;
    log(`  read: median ${ms1k.toFixed(2)} ms (${small}) and ${ms50k.toFixed(2)} ms (${large})\n`);
    return {
      ms1k: round(ms1k, 2),
      ms50k: round(ms50k, 2),
      ratio: round(ratio, 3),
      target: READ_TARGET_RATIO,
      pass: Math.max(ms1k, ms50k) <= READ_TARGET_RATIO * Math.min(ms1k, ms50k),
      small,
      large,
      requests,
      samples: {
        small: samplesSmall.sort((a, b) => a - b).map((v) => round(v, 2)),
        large: samplesLarge.sort((a, b) => a - b).map((v) => round(v, 2)),
      },
      setup: {
        seconds: round(setupSeconds, 2),
        responses,
        writeSeconds: round(timing.write, 2),
        writePerSecond: round(responses / timing.write, 1),
        foldSeconds: round(timing.fold, 2),
        foldPerSecond: round(responses / timing.fold, 1),
      },
      method: {
        ms: `median of ${requests} sequential GET /api/projects/:projectId/comparison?baseline=..&followup=.. over HTTP with an evaluator token (fetch, which asks for gzip, so the answer is gzipped as npm start serves it to a browser; send to body read), after ${warmups} warm-ups per pair; the two pairs interleaved`,
        rounds: `one project (five areas, weighted by area), a baseline and a follow-up round of ${small} and of ${large} responses each (items made by the store's own responses.put code, written with BatchWriteItem), folded with foldRound so that the read tail is empty (checked)`,
      },
    };
  } finally {
    await stack.close();
  }
}
