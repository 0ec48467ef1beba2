// Builds the front end: one bundle per page (esbuild), the SurveyJS stylesheet beside them.
// `npm run build:web`; npm start builds first.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  const css = readFileSync(path.join(webDir, '../node_modules/survey-core/survey-core.fontless.min.css'), 'utf8');
  writeFileSync(path.join(outdir, 'survey-core.css'), trimSurveyCss(css));
}

/**
 * SurveyJS styles for question types bygdpuls never shows (the server refuses surveys with
 * them: see functions/core/questionnaire.ts). Dropping their rules keeps the survey page under
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
