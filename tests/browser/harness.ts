// Browser tests: a real local server (dynalite, API, pages) and Debian's Chromium driven by
// playwright-core. Screenshots go to test-results/screenshots (CI keeps that folder).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startLocal, type LocalServer } from '../../functions/local/start.ts';
import { buildWeb } from '../../web/build.ts';

export const root = path.resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = path.join(root, 'test-results/screenshots');
export const ADMIN_TOKEN = 'browser-test-admin-token-0123456789abcdef';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let built: Promise<void> | null = null;

/** The newest modification time of the files below a folder. */
function newest(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const full = path.join(dir, entry.name);
    return Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }, 0);
}

/**
 * Builds the pages when they are missing or older than their sources (npm test builds them
 * first; this is for running one test file while working on a page).
 */
export function ensureWebBuilt(): Promise<void> {
  const bundle = path.join(root, 'web/dist/survey.js');
  const stale = !existsSync(bundle) || newest(path.join(root, 'web/src')) > statSync(bundle).mtimeMs;
  if (stale) built ??= buildWeb();
  return built ?? Promise.resolve();
}

export async function startServer(options: { demo?: boolean } = {}): Promise<LocalServer> {
  await ensureWebBuilt();
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  return startLocal({
    port: 0,
    host: '127.0.0.1',
    dataDir: mkdtempSync(path.join(tmpdir(), 'bygdpuls-browser-')),
    demo: options.demo ?? true,
    adminToken: ADMIN_TOKEN,
    foldIntervalMs: 500,
    settleMs: 200,
    webDir: path.join(root, 'web'),
    print: () => {},
  });
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `no Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const axeSource = readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.1 A and AA rules on the page as it is now; returns the violations. */
export async function axeViolations(page: Page): Promise<{ id: string; impact: string | null; nodes: string[] }[]> {
  // Colours are checked at rest: no hover under the pointer, no transition half-way.
  await page.mouse.move(0, 0);
  await page.addStyleTag({
    content: '*, *::before, *::after { transition: none !important; animation: none !important; }',
  });
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
  await page.evaluate(`${axeSource}\n;0`);
  // A string, not a function: this file is type-checked without the DOM library.
  return page.evaluate(`(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  })()`);
}

/** The ids of the demo project and its rounds, through the API. */
export async function demoIds(
  server: LocalServer,
): Promise<{ projectId: string; baselineId: string; followupId: string }> {
  const headers = { authorization: `Bearer ${ADMIN_TOKEN}` };
  const { projects } = (await (await fetch(`${server.url}/api/projects`, { headers })).json()) as {
    projects: { id: string }[];
  };
  const projectId = projects[0]!.id;
  const { rounds } = (await (await fetch(`${server.url}/api/projects/${projectId}`, { headers })).json()) as {
    rounds: { id: string; kind: string }[];
  };
  return {
    projectId,
    baselineId: rounds.find((r) => r.kind === 'baseline')!.id,
    followupId: rounds.find((r) => r.kind === 'followup')!.id,
  };
}
