// Lambda bundles: size of each and cold import time (node importing the bundle in a fresh
// process, median of at least 7), next to a minimal Hono + document client + zod handler
// bundled the same way in the same run (the floor).
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleBytes, bundleEntry, bundleLambda } from '../infra/bundle.ts';
import { median } from './statistics.ts';

export interface LambdaFigures {
  /** The entry and every chunk (what is uploaded). */
  apiBundleBytes: number;
  apiImportMs: number;
  floorBundleBytes: number;
  floorImportMs: number;
  importRatio: number;
  foldBundleBytes: number;
  foldImportMs: number;
  runs: number;
}

const ENV = {
  ...process.env,
  TABLE_NAME: 'bench',
  BYGDPULS_SECRET: 'a-benchmark-secret-of-enough-length-0123456789abcdefghijklmnop',
  AWS_REGION: 'eu-north-1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** Milliseconds from the start of the import to its end, measured inside a fresh node. */
function importMs(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: ENV, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`importing ${file} failed: ${result.stderr}`);
  return Number(result.stdout);
}

export function measureLambdas(runs = 21): LambdaFigures {
  const outDir = mkdtempSync(path.join(tmpdir(), 'bygdpuls-bench-lambda-'));
  const bundles = {
    api: path.join(bundleLambda('api', outDir), 'index.mjs'),
    fold: path.join(bundleLambda('fold', outDir), 'index.mjs'),
    floor: path.join(
      bundleEntry(path.join(import.meta.dirname, 'lambdaFloor/handler.ts'), path.join(outDir, 'floor')),
      'index.mjs',
    ),
  };
  const times: Record<keyof typeof bundles, number[]> = { api: [], fold: [], floor: [] };
  importMs(bundles.floor); // warm the file cache
  // Interleaved, so that machine noise falls on all three alike.
  for (let i = 0; i < runs; i++)
    for (const name of ['floor', 'api', 'fold'] as const) times[name].push(importMs(bundles[name]));
  const apiImportMs = median(times.api);
  const floorImportMs = median(times.floor);
  return {
    apiBundleBytes: bundleBytes(path.dirname(bundles.api)),
    apiImportMs,
    floorBundleBytes: bundleBytes(path.dirname(bundles.floor)),
    floorImportMs,
    importRatio: apiImportMs / floorImportMs,
    foldBundleBytes: bundleBytes(path.dirname(bundles.fold)),
    foldImportMs: median(times.fold),
    runs,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  console.log(JSON.stringify(measureLambdas(), null, 2));
}
