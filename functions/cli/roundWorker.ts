// A reader thread of `bygdpuls compare` (started by parallelRead.ts): takes parts of the round files
// from the shared queue until none is left, reads each, and posts its accumulator as plain data.
import { parentPort, workerData } from 'node:worker_threads';
import { createScorer } from '../core/scoring.ts';
import { InputError } from './errors.ts';
import { type ReaderJobs, type ReaderMessage, stopJobs, takeJob } from './readerJobs.ts';
import { readRoundPart } from './roundReader.ts';

const { indicators, settings, jobs, shared } = workerData as ReaderJobs;
const state = new Int32Array(shared);
const scorer = createScorer(indicators);
const post = (message: ReaderMessage) => parentPort!.postMessage(message);

/** Parts from the queue until it is empty (a function, not top-level await, so that it bundles as CommonJS too). */
async function work(): Promise<void> {
  for (let index = takeJob(state, jobs.length); index !== null; index = takeJob(state, jobs.length)) {
    const job = jobs[index]!;
    try {
      const read = await readRoundPart(job.file, scorer, settings, job.part);
      post({ kind: 'part', index, partial: read.accumulator.toPartial(), backgroundValues: read.backgroundValues });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      stopJobs(state);
      post({ kind: 'failed', index, message: error.message });
    }
  }
  post({ kind: 'done' });
}

// An unexpected error rejects, which ends the thread with an 'error' event on the main thread.
void work();
