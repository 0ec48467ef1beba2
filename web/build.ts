// Builds the front end: one bundle per page (esbuild), the SurveyJS stylesheet beside them.
// The admin page's questionnaire preview (SurveyJS) is a chunk of its own, fetched when opened.
// `npm run build:web`; npm start builds first.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type BuildOptions, build } from 'esbuild';

const webDir = import.meta.dirname;
const outdir = path.join(webDir, 'dist');

export const PAGES = ['survey', 'admin', 'dashboard', 'funderReport', 'ideas'] as const;

/** The SurveyJS stylesheet, trimmed (written beside the bundles). */
const SURVEY_CSS = 'survey-core.css';

export async function buildWeb(options: { minify?: boolean } = {}): Promise<void> {
  mkdirSync(outdir, { recursive: true });
  const common: BuildOptions = {
    outdir,
    bundle: true,
    format: 'esm',
    minify: options.minify ?? true,
    sourcemap: true,
    // Browsers from 2021 on (esbuild cannot lower destructuring for older Safari).
    target: ['es2020', 'chrome80', 'firefox78', 'safari15'],
    legalComments: 'linked',
    logLevel: 'warning',
  };
  const entry = (page: (typeof PAGES)[number]) => path.join(webDir, 'src', `${page}.ts`);
  // The survey page and the dashboard stay one file each (one request; the survey page is close
  // to its weight budget). The admin page splits at its dynamic imports: SurveyJS for the
  // questionnaire preview comes only when an administrator opens one.
  const results = await Promise.all([
    build({
      ...common,
      entryPoints: [entry('survey'), entry('dashboard'), entry('funderReport'), entry('ideas')],
      splitting: false,
      metafile: true,
    }),
    build({
      ...common,
      entryPoints: [entry('admin')],
      splitting: true,
      chunkNames: 'admin-[name]-[hash]',
      metafile: true,
    }),
  ]);
  // Files of earlier builds (chunks under other hashes, a license file no longer written) would
  // otherwise pile up and be deployed.
  const current = new Set(
    results.flatMap((result) => Object.keys(result.metafile.outputs).map((file) => path.basename(file))),
  );
  for (const file of readdirSync(outdir))
    if (!current.has(file) && file !== SURVEY_CSS) rmSync(path.join(outdir, file), { force: true });
  const css = readFileSync(path.join(webDir, '../node_modules/survey-core/survey-core.fontless.min.css'), 'utf8');
  writeFileSync(path.join(outdir, SURVEY_CSS), trimSurveyCss(css));
}

/**
 * SurveyJS styles for question types bygdpuls never shows (the server refuses surveys with
 * them: see functions/core/questionnaire/readers.ts). Dropping their rules keeps the survey page under
 * its weight budget.
 */
const UNUSED =
  /\.(sv-ranking|sd-ranking|sd-slider|sd-table|sd-matrix|sd-matrixdynamic|sd-file|sd-paneldynamic|sd-multipletext|sd-imagepicker|sd-tagbox|sd-signaturepad|sd-timer|sd-tab)(?=__|--|[^\w-]|$)/;

/** Removes the rules whose every selector names an unused question type; keeps the rest as is. */
export function trimSurveyCss(css: string): string {
  let out = '';
  let i = 0;
  while (i < css.length) {
    const open = css.indexOf('{', i);
    if (open === -1) {
      out += css.slice(i);
      break;
    }
    // The block's end, counting nested braces (@media and @supports hold rules).
    let depth = 1;
    let close = open + 1;
    while (depth > 0 && close < css.length) {
      if (css[close] === '{') depth++;
      else if (css[close] === '}') depth--;
      close++;
    }
    const prelude = css.slice(i, open);
    const body = css.slice(open + 1, close - 1);
    if (/^\s*@(media|supports|layer)\b/.test(prelude)) {
      const inner = trimSurveyCss(body);
      if (inner.trim() !== '') out += `${prelude}{${inner}}`;
    } else if (prelude.trim().startsWith('@') || !prelude.split(',').every((selector) => UNUSED.test(selector))) {
      out += `${prelude}{${body}}`;
    }
    i = close;
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  await buildWeb();
}
