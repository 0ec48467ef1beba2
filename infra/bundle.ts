// Bundles what the stack deploys: each Lambda (esbuild, ESM, Node.js 22, minified, the AWS SDK
// inside at the version in package-lock.json) and the static site (pages + assets).
import { cpSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const LAMBDA_DIR = path.join(ROOT, 'dist/lambda');
export const SITE_DIR = path.join(ROOT, 'dist/site');

export const LAMBDAS = { api: 'functions/handlers/api.ts', fold: 'functions/handlers/fold.ts' } as const;
export type LambdaName = keyof typeof LAMBDAS;

/** Bundles one Lambda into dist/lambda/<name>/index.mjs; returns its folder. */
export function bundleLambda(name: LambdaName, outDir = LAMBDA_DIR): string {
  return bundleEntry(path.join(ROOT, LAMBDAS[name]), path.join(outDir, name));
}

/**
 * Bundles any handler the way the Lambdas are bundled (the benchmark's floor uses it too):
 * index.mjs plus a chunk per dynamic import, so that what a cold start does not need (the
 * Secrets Manager client where secrets come from the environment, the OpenAPI document) is not
 * even parsed.
 */
export function bundleEntry(entry: string, dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  buildSync({
    entryPoints: { index: entry },
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    chunkNames: 'chunk-[hash]',
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    minify: true,
    mainFields: ['module', 'main'],
    legalComments: 'none',
    // Some dependencies still call require(): give the ESM bundle one.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return dir;
}

/** Total bytes of a bundle folder (the entry and its chunks). */
export function bundleBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, file) => sum + statSync(path.join(dir, file)).size, 0);
}

/** Stages the static site: pages at the root, bundles and stylesheets under assets/. */
export function stageSite(webDir = path.join(ROOT, 'web'), outDir = SITE_DIR): string {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(path.join(outDir, 'assets'), { recursive: true });
  for (const file of readdirSync(webDir))
    if (file.endsWith('.html')) cpSync(path.join(webDir, file), path.join(outDir, file));
  for (const file of readdirSync(path.join(webDir, 'dist')))
    if (!file.endsWith('.map')) cpSync(path.join(webDir, 'dist', file), path.join(outDir, 'assets', file));
  for (const file of readdirSync(path.join(webDir, 'styles')))
    cpSync(path.join(webDir, 'styles', file), path.join(outDir, 'assets', file));
  return outDir;
}
