// Page weight: what the survey page and the dashboard transfer on a first load (compressed bytes
// on the wire, every request counted, the API's answers included), measured in Chromium against
// the local server with its demo project.
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
}

const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdefghijklmnop';

async function transferred(page: Page, url: string): Promise<{ bytes: number; requests: number }> {
  const sizes: Promise<number>[] = [];
  page.on('requestfinished', (request) =>
    sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize)),
  );
  await page.goto(url, { waitUntil: 'networkidle' });
  const all = await Promise.all(sizes);
  return { bytes: all.reduce((a, b) => a + b, 0), requests: all.length };
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
    return {
      surveyPageGzipBytes: survey.bytes,
      dashboardGzipBytes: dashboard.bytes,
      surveyRequests: survey.requests,
      dashboardRequests: dashboard.requests,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  console.log(JSON.stringify(await measureWeb(), null, 2));
}
