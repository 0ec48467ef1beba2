// The round files of `bygdpuls compare`, read side by side: the main thread and reader threads take
// parts of the files from one queue (big files are cut into parts at line starts), and each file's
// parts are merged in file order. The result is the one-thread result, bit for bit (see
// RoundAccumulator.mergePartial), and so is the error: a file any part of which failed is read
// again on this thread, in one pass, and that pass's error (the earliest line's) is the one told.
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { RoundAccumulator, type AccumulatorPartial, type RoundAggregate } from '../core/aggregates.ts';
import type { BackgroundVariable, Indicator, ProjectSettings } from '../core/schemas.ts';
import type { Scorer } from '../core/scoring.ts';
import { cutPoints } from './csv/split.ts';
import { InputError } from './errors.ts';
import { readerBundle } from './readerBundle.ts';
import { type ReaderJob, type ReaderJobs, type ReaderMessage, stopJobs, takeJob } from './readerJobs.ts';
import { MAX_BACKGROUND_VALUES, readRound, readRoundPart } from './roundReader.ts';

export interface ParallelReadOptions {
  /**
   * Reader threads, this one included (default: defaultReaderThreads()). 1 reads the files one
   * after the other on this thread.
   */
  threads?: number | undefined;
  /** A file is cut into parts of about this many bytes (default 8 MiB); smaller files are one part. */
  partBytes?: number | undefined;
  /** How reader threads load their code: the cached bundle (default), or the TypeScript source (tests). */
  threadCode?: 'bundle' | 'source' | undefined;
}

/**
 * The reader threads to use when the caller does not say: BYGDPULS_THREADS when set (a whole number
 * >= 1), else the available cores up to MAX_THREADS, but one when the machine is already busy (a
 * load average of 1.5 runnable threads per core or more): there a second thread made the reading
 * slower, not faster (docs/BENCH.md, "Compare").
 */
export function defaultReaderThreads(): number {
  const raw = process.env.BYGDPULS_THREADS;
  if (raw && /^[1-9]\d{0,2}$/.test(raw)) return Number(raw);
  const cores = os.availableParallelism();
  return os.loadavg()[0]! >= 1.5 * cores ? 1 : Math.min(cores, MAX_THREADS);
}

const DEFAULT_PART_BYTES = 8 << 20;
/**
 * Two by default: the two files side by side; each further reader thread adds some 40-70 MB of
 * peak memory (its own heap and buffers), which the 300 MB target of `npm run bench` does not
 * leave room for twice. BYGDPULS_THREADS asks for more.
 */
const MAX_THREADS = 2;

/**
 * Starts a reader thread: from the bundle of its code when there is one (see readerBundle.ts), else
 * from the TypeScript entry itself, directly when this process's loader reads TypeScript, or through
 * tsx's API registered in the thread first (bin/bygdpuls.js registers tsx on its main thread only,
 * and vitest's transform does not reach worker threads).
 */
function startReader(bundle: string | null, jobs: ReaderJobs): Worker {
  if (bundle !== null) return new Worker(bundle, { workerData: jobs });
  const entry = new URL('./roundWorker.ts', import.meta.url).href;
  const bootstrap = `
    const { workerData } = require('node:worker_threads');
    import(workerData.entry).catch(async (error) => {
      if (error?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
      (await import(workerData.tsx)).register();
      return import(workerData.entry + '?tsx'); // a new URL: the failed import stays cached
    });
  `;
  return new Worker(bootstrap, { eval: true, workerData: { ...jobs, entry, tsx: tsxApi() } });
}

/** The URL of tsx's ESM API (its CommonJS twin cannot register the loader in a thread). */
function tsxApi(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const exports = (require(manifest) as { exports: Record<string, { import: { default: string } }> }).exports;
  return pathToFileURL(path.join(path.dirname(manifest), exports['./esm/api']!.import.default)).href;
}

interface PartRead {
  partial: AccumulatorPartial;
  backgroundValues: Partial<Record<BackgroundVariable, string[]>>;
}

/** The jobs: every file in parts of about partBytes (a file that cannot be looked at is one part). */
async function planJobs(files: readonly string[], partBytes: number): Promise<{ jobs: ReaderJob[]; bytes: number }> {
  const jobs: ReaderJob[] = [];
  let bytes = 0;
  for (const [fileIndex, file] of files.entries()) {
    const size = await stat(file).then(
      (stats) => (stats.isFile() ? stats.size : 0),
      () => 0,
    );
    bytes += size;
    const parts = Math.max(1, Math.round(size / partBytes));
    if (parts === 1) {
      jobs.push({ fileIndex, file });
      continue;
    }
    const cuts = cutPoints(size, parts);
    if (fileIndex === files.length - 1) {
      // The queue's last part in quarters: the thread that finishes first then waits for at most
      // a quarter part of the other's (a reader thread starved by a busy machine, above all).
      const last = cuts.at(-2)!;
      cuts.splice(
        -1,
        1,
        ...cutPoints(size - last, 4)
          .slice(1)
          .map((cut) => last + cut),
      );
    }
    for (let k = 0; k + 1 < cuts.length; k++)
      jobs.push({ fileIndex, file, part: { from: cuts[k]!, to: cuts[k + 1]! } });
  }
  return { jobs, bytes };
}

/** One file's parts merged in order; null when the parts together have too many background values. */
function mergeParts(scorer: Scorer, parts: readonly PartRead[]): RoundAggregate | null {
  const accumulator = new RoundAccumulator(scorer);
  const values = new Map<string, Set<string>>();
  for (const part of parts) {
    accumulator.mergePartial(part.partial);
    for (const [variable, list] of Object.entries(part.backgroundValues)) {
      const set = values.get(variable) ?? new Set<string>();
      for (const value of list) set.add(value);
      if (set.size > MAX_BACKGROUND_VALUES) return null; // the one-pass read tells where
      values.set(variable, set);
    }
  }
  return accumulator.toAggregate();
}

/**
 * The jobs read by this thread and `threads - 1` reader threads from one queue. A job's result is
 * missing when it failed (an InputError) or was not read because another one failed. Returns once
 * every job taken is read: a reader thread still starting then is not waited for.
 */
async function readOnThreads(
  jobs: readonly ReaderJob[],
  threads: number,
  definitions: { indicators: Indicator[]; settings: ProjectSettings },
  scorer: Scorer,
  options: ParallelReadOptions,
): Promise<(PartRead | null)[]> {
  const { settings } = definitions;
  const results: (PartRead | null)[] = jobs.map(() => null);
  const settled = jobs.map(() => false);
  /** The parts this thread reads too because a reader thread is slow with them (see below). */
  const racing: (AbortController | undefined)[] = [];
  const shared = new SharedArrayBuffer(8);
  const state = new Int32Array(shared);
  const workers: Worker[] = [];
  let failure: Error | null = null;
  let wake = () => {};
  let finished = false;
  /** Every job taken so far is read (or failed). */
  const allSettled = () => settled.every((done, index) => done || index >= Atomics.load(state, 0));
  const listen = (worker: Worker) => {
    let done = false;
    worker.on('message', (message: ReaderMessage) => {
      if (message.kind === 'done') {
        done = true;
        return;
      }
      if (settled[message.index]) return; // this thread read it first
      if (message.kind === 'part') results[message.index] = message;
      settled[message.index] = true;
      racing[message.index]?.abort();
      wake();
    });
    worker.on('error', (error) => {
      stopJobs(state);
      failure ??= error;
      wake();
    });
    worker.on('exit', (code) => {
      if (!finished && !done) failure ??= new Error(`a reader thread stopped (exit code ${code}) before it was done`);
      wake();
    });
  };
  /** The other threads, started once their code is ready (this one reads meanwhile), unless no part is left. */
  const startOthers = async () => {
    const bundle = options.threadCode === 'source' ? null : await readerBundle();
    for (let i = 1; i < threads && !finished && Atomics.load(state, 0) < jobs.length - 1; i++) {
      const worker = startReader(bundle, { indicators: definitions.indicators, settings, jobs: [...jobs], shared });
      workers.push(worker);
      listen(worker);
    }
  };
  const starting = startOthers().catch((error: unknown) => {
    failure ??= error as Error;
  });
  try {
    let ownParts = 0;
    const started = performance.now();
    /** Reads a part here; with a signal, unless a reader thread ends it first. */
    const readHere = async (index: number, signal?: AbortSignal) => {
      const job = jobs[index]!;
      try {
        const read = await readRoundPart(job.file, scorer, settings, job.part, signal);
        if (settled[index]) return;
        results[index] = { partial: read.accumulator.toPartial(), backgroundValues: read.backgroundValues };
      } catch (error) {
        if (signal?.aborted || settled[index]) return;
        stopJobs(state);
        if (!(error instanceof InputError)) throw error;
      }
      settled[index] = true;
    };
    // This thread's share: parts from the same queue, until none is left to take.
    for (let index = takeJob(state, jobs.length); index !== null; index = takeJob(state, jobs.length)) {
      await readHere(index);
      ownParts++;
    }
    // Then the parts the reader threads took. One still not done after the time this thread took
    // per part is read here too, and the first to end counts (they read the same bytes alike): a
    // reader thread that a busy machine starves, or that started late, does not hold up the end.
    const partTime = ownParts > 0 ? (performance.now() - started) / ownParts : 100;
    while (failure === null && !allSettled()) {
      const index = settled.findIndex((done, i) => !done && i < Atomics.load(state, 0));
      const timer = setTimeout(() => wake(), partTime);
      await new Promise<void>((resolve) => (wake = resolve));
      clearTimeout(timer);
      if (failure !== null || settled[index]) continue;
      racing[index] = new AbortController();
      await readHere(index, racing[index].signal);
    }
    if (failure !== null) throw failure;
    return results;
  } finally {
    finished = true;
    stopJobs(state);
    await starting;
    for (const worker of workers) void worker.terminate();
  }
}

/**
 * Reads round files into their aggregates, side by side on several threads when they are big
 * enough, else one after the other on this one. Either way the result, and the first error (the
 * first file's before the second's, the earliest line's in a file), are those of reading the files
 * one after the other on one thread.
 */
export async function readRoundsInParallel(
  files: readonly string[],
  definitions: { indicators: Indicator[]; settings: ProjectSettings },
  scorer: Scorer,
  options: ParallelReadOptions = {},
): Promise<RoundAggregate[]> {
  const { settings } = definitions;
  const partBytes = options.partBytes ?? DEFAULT_PART_BYTES;
  const { jobs, bytes } = await planJobs(files, partBytes);
  const wanted = options.threads ?? defaultReaderThreads();
  // Less than a part in all: read on this thread (a reader thread takes longer to start).
  const threads = bytes < partBytes ? 1 : Math.min(wanted, jobs.length);

  const results = threads > 1 ? await readOnThreads(jobs, threads, definitions, scorer, options) : [];

  const rounds: RoundAggregate[] = [];
  for (const [fileIndex, file] of files.entries()) {
    const parts = jobs.flatMap((job, index) => (job.fileIndex === fileIndex ? [results[index]] : []));
    const merged = parts.every((part) => part) ? mergeParts(scorer, parts as PartRead[]) : null;
    // Read on one thread: the small files, and a file a part of which failed (for the exact error).
    rounds.push(merged ?? (await readRound(file, scorer, settings)));
  }
  return rounds;
}
