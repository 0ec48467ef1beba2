// The pages are served with their headers, and every bundle they load is there.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { LocalServer } from '../../functions/local/start.ts';
import { launchBrowser, root, startServer } from './harness.ts';

let server: LocalServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer({ demo: false });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the pages', () => {
  it.each(['/s/some-round', '/admin', '/dashboard/some-project', '/report/some-project'])(
    '%s is served with a strict content security policy and loads without failed requests',
    async (path) => {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      const csp = response.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const page = await browser.newPage();
      const failed: string[] = [];
      const elsewhere: string[] = [];
      page.on('request', (request) => {
        const url = request.url();
        if (!url.startsWith(server.url) && !url.startsWith('data:')) elsewhere.push(url);
      });
      page.on('requestfailed', (request) => failed.push(request.url()));
      page.on('response', (r) => {
        if (r.status() >= 400 && !r.url().includes('/api/')) failed.push(`${r.status()} ${r.url()}`);
      });
      await page.goto(`${server.url}${path}`);
      await page.waitForLoadState('networkidle');
      expect(failed).toEqual([]);
      // Nothing from elsewhere: every request stays on this origin.
      expect(elsewhere).toEqual([]);
      await page.close();
    },
  );

  it('serves the chunks loaded on demand as JavaScript, cached for good (their names change with their content)', async () => {
    const chunks = readdirSync(path.join(root, 'web/dist')).filter((file) => /-[A-Z0-9]{8}\.js$/.test(file));
    expect(chunks.some((file) => file.startsWith('admin-preview-'))).toBe(true);
    for (const file of chunks) {
      const response = await fetch(`${server.url}/assets/${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-type'), file).toMatch(/^text\/javascript/);
      expect(response.headers.get('cache-control'), file).toContain('immutable');
    }
    // The page bundles keep their names from build to build: revalidated on every load.
    expect((await fetch(`${server.url}/assets/admin.js`)).headers.get('cache-control')).toBe('no-cache');
  });

  it('serves the bundles gzip-compressed', async () => {
    const response = await fetch(`${server.url}/assets/survey.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('gzip');
  });
});
