// Page weight: what the survey page, the dashboard and the admin pages transfer on a first load
// (compressed bytes on the wire, every request counted, the API's answers included), measured in
// Chromium against the local server with its demo project.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startLocal } from '../functions/local/start.ts';
import { buildWeb } from '../web/build.ts';

export interface WebFigures {
  surveyPageGzipBytes: number;
  dashboardGzipBytes: number;
  surveyRequests: number;
  dashboardRequests: number;
  /** The heaviest first load, signed in, of an admin view other than the questionnaire preview. */
  adminGzipBytes: number;
  adminRequests: number;
  /** The questionnaire view's first load plus what opening its preview (SurveyJS) fetches. */
  adminPreviewGzipBytes: number;
  adminPreviewRequests: number;
}

/** A page-weight target of the web pages: its name, whether it is met, and the figures in words. */
export interface WebTarget {
  name: string;
  ok: boolean;
  requests: number;
  bytes: number;
  /** Bytes on the wire must stay below this. */
  limit: number;
  detail: string;
}

/** Limits of bytes on the wire (gzip, headers included) of each page's first load. */
export const WEB_LIMITS = { survey: 400 * 1000, dashboard: 600 * 1000, admin: 150 * 1000 } as const;

/** The web pages' targets checked against measured figures (the survey page, the dashboard, the admin views). */
export function webTargets(figures: WebFigures): WebTarget[] {
  const target = (name: string, requests: number, bytes: number, limit: number): WebTarget => ({
    name,
    ok: bytes < limit,
    requests,
    bytes,
    limit,
    detail: `${bytes.toLocaleString('en-US')} bytes in ${requests} requests (target < ${limit.toLocaleString('en-US')})`,
  });
  return [
    target('survey page', figures.surveyRequests, figures.surveyPageGzipBytes, WEB_LIMITS.survey),
    target('dashboard', figures.dashboardRequests, figures.dashboardGzipBytes, WEB_LIMITS.dashboard),
    target('admin (heaviest view, preview aside)', figures.adminRequests, figures.adminGzipBytes, WEB_LIMITS.admin),
  ];
}

const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdefghijklmnop';

interface Transfer {
  bytes: number;
  requests: number;
}

/** What the page transfers while loading the address and then doing `then` (until the network is idle). */
async function transferred(page: Page, url: string, then?: (page: Page) => Promise<void>): Promise<Transfer> {
  const sizes: Promise<number>[] = [];
  page.on('requestfinished', (request) =>
    sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize)),
  );
  await page.goto(url, { waitUntil: 'networkidle' });
  if (then) {
    await then(page);
    await page.waitForLoadState('networkidle');
  }
  const all = await Promise.all(sizes);
  await page.context().close();
  return { bytes: all.reduce((a, b) => a + b, 0), requests: all.length };
}

/** The admin pages' addresses of each view (signed in through the fragment, as the dashboard is). */
function adminViews(projectId: string, roundId: string): Record<string, string> {
  const p = encodeURIComponent(projectId);
  const r = encodeURIComponent(roundId);
  return {
    projects: '/admin',
    'new project': '/admin?view=new',
    project: `/admin?p=${p}`,
    questionnaire: `/admin?p=${p}&view=questionnaire`,
    round: `/admin?p=${p}&r=${r}`,
    letters: `/admin?p=${p}&r=${r}&view=letters`,
  };
}

/** Opens the questionnaire view's preview of the built-in template and waits for SurveyJS to draw it. */
async function openPreview(page: Page): Promise<void> {
  await page.locator('form.questionnaire-form button[type=submit]').click();
  await page.locator('.preview-frame .sd-root-modern').waitFor();
}

export async function measureWeb(): Promise<WebFigures> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  await buildWeb();
  const root = path.resolve(import.meta.dirname, '..');
  const server = await startLocal({
    port: 0,
    host: '127.0.0.1',
    dataDir: mkdtempSync(path.join(tmpdir(), 'bygdpuls-bench-web-')),
    demo: true,
    adminToken: ADMIN_TOKEN,
    foldIntervalMs: 1000,
    settleMs: 200,
    webDir: path.join(root, 'web'),
    print: () => {},
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  try {
    const headers = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const { projects } = (await (await fetch(`${server.url}/api/projects`, { headers })).json()) as {
      projects: { id: string }[];
    };
    const projectId = projects[0]!.id;
    const { rounds } = (await (await fetch(`${server.url}/api/projects/${projectId}`, { headers })).json()) as {
      rounds: { id: string; status: string }[];
    };
    const open = rounds.find((r) => r.status === 'open')!;
    // A fresh context per page: nothing cached from the other.
    const survey = await transferred(await (await browser.newContext()).newPage(), `${server.url}/s/${open.id}`);
    const dashboard = await transferred(
      await (await browser.newContext()).newPage(),
      `${server.url}/dashboard/${projectId}#token=${ADMIN_TOKEN}`,
    );
    const admin: Record<string, Transfer> = {};
    for (const [view, address] of Object.entries(adminViews(projectId, open.id)))
      admin[view] = await transferred(
        await (await browser.newContext()).newPage(),
        `${server.url}${address}#token=${ADMIN_TOKEN}`,
      );
    const heaviest = Object.values(admin).reduce((a, b) => (b.bytes > a.bytes ? b : a));
    const preview = await transferred(
      await (await browser.newContext()).newPage(),
      `${server.url}${adminViews(projectId, open.id).questionnaire}#token=${ADMIN_TOKEN}`,
      openPreview,
    );
    return {
      surveyPageGzipBytes: survey.bytes,
      dashboardGzipBytes: dashboard.bytes,
      surveyRequests: survey.requests,
      dashboardRequests: dashboard.requests,
      adminGzipBytes: heaviest.bytes,
      adminRequests: heaviest.requests,
      adminPreviewGzipBytes: preview.bytes,
      adminPreviewRequests: preview.requests,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  console.log(JSON.stringify(await measureWeb(), null, 2));
}
