// Builds the front end: one bundle per page (esbuild), the SurveyJS stylesheet beside them.
// `npm run build:web`; npm start builds first.
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const webDir = import.meta.dirname;
const outdir = path.join(webDir, 'dist');

export const PAGES = ['survey', 'admin', 'dashboard'] as const;

export async function buildWeb(options: { minify?: boolean } = {}): Promise<void> {
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: PAGES.map((page) => path.join(webDir, 'src', `${page}.ts`)),
    outdir,
    bundle: true,
    format: 'esm',
    splitting: false,
    minify: options.minify ?? true,
    sourcemap: true,
    // Browsers from 2021 on (esbuild cannot lower destructuring for older Safari).
    target: ['es2020', 'chrome80', 'firefox78', 'safari15'],
    legalComments: 'linked',
    logLevel: 'warning',
  });
  copyFileSync(path.join(webDir, '../node_modules/survey-core/survey-core.fontless.min.css'), path.join(outdir, 'survey-core.css'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  await buildWeb();
}
