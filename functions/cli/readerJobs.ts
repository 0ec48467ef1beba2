// What the reader threads of `bygdpuls compare` share: the parts of the files to read (a queue in
// shared memory, so that a thread that is free takes the next part) and the messages they post.
import type { AccumulatorPartial } from '../core/aggregates.ts';
import type { BackgroundVariable, Indicator, ProjectSettings } from '../core/schemas.ts';
import type { FilePart } from './csv/scanCsv.ts';

export interface ReaderJob {
  /** Which of the files (0: baseline, 1: follow-up). */
  fileIndex: number;
  file: string;
  /** The part of the file; none: the whole file, read exactly as on one thread. */
  part?: FilePart | undefined;
}

export interface ReaderJobs {
  indicators: Indicator[];
  settings: ProjectSettings;
  jobs: ReaderJob[];
  /** Int32 [next job, stop]: the queue's head, and 1 once a part failed (the rest is then not read). */
  shared: SharedArrayBuffer;
}

export type ReaderMessage =
  | {
      kind: 'part';
      index: number;
      partial: AccumulatorPartial;
      backgroundValues: Partial<Record<BackgroundVariable, string[]>>;
    }
  | { kind: 'failed'; index: number; message: string }
  | { kind: 'done' };

/** The next job's index, or null when there is none left or a part failed. */
export function takeJob(state: Int32Array, count: number): number | null {
  if (Atomics.load(state, 1) !== 0) return null;
  const index = Atomics.add(state, 0, 1);
  return index < count ? index : null;
}

/** Stops the queue: no thread takes another job. */
export function stopJobs(state: Int32Array): void {
  Atomics.store(state, 1, 1);
}
