// bench/results.json: read, and one key set at a time, so that the keys a run does not measure
// (and keys other runs write meanwhile) are kept.
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.dirname(BENCH_DIR);
export const RESULTS_FILE = path.join(BENCH_DIR, 'results.json');

/** Reads bench/results.json (or nothing yet), so that the keys this run does not measure are kept. */
export async function readResults(): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(RESULTS_FILE, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `${path.relative(ROOT, RESULTS_FILE)} is not valid JSON (${(error as Error).message}); fix or delete it`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${path.relative(ROOT, RESULTS_FILE)} does not hold a JSON object; fix or delete it`);
  }
  return parsed as Record<string, unknown>;
}

/** Sets one key of bench/results.json, read again just before, so that keys written meanwhile by others are kept. */
export async function writeResult(key: string, value: unknown): Promise<void> {
  const results = await readResults();
  results[key] = value;
  const partial = `${RESULTS_FILE}.${process.pid}.partial`;
  await writeFile(partial, `${JSON.stringify(results, null, 2)}\n`);
  await rename(partial, RESULTS_FILE);
}
