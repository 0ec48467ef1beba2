// The links `npm start` prints, in a real browser: each carries a one-time sign-in code, never a
// token; the page wipes it from the address before anything else, exchanges it once for a
// short-lived token kept in this tab, and a second use of the link signs nobody in.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocal, type LocalServer } from '../../functions/local/start.ts';
import { ensureWebBuilt, launchBrowser, root } from './harness.ts';

let server: LocalServer;
let browser: Browser;
let printed = '';

beforeAll(async () => {
  await ensureWebBuilt();
  server = await startLocal({
    port: 0,
    host: '127.0.0.1',
    dataDir: mkdtempSync(path.join(tmpdir(), 'bygdpuls-signin-')),
    demo: true,
    foldIntervalMs: 500,
    settleMs: 200,
    webDir: path.join(root, 'web'),
    print: (line) => {
      printed += `${line}\n`;
    },
  });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const linkAfter = (label: string) => new RegExp(`${label}: +(\\S+#signin=[\\w-]+)`).exec(printed)?.[1];

describe('sign-in links', () => {
  it('are printed by npm start in place of tokens', () => {
    expect(linkAfter('admin sign-in')).toBeDefined();
    expect(linkAfter('dashboard')).toBeDefined();
    expect(printed).not.toContain('#token=');
    expect(printed).not.toContain(server.adminToken);
  });

  it('sign an administrator in once, with the code gone from the address and the history', async () => {
    const link = linkAfter('admin sign-in')!;
    const code = link.split('#signin=')[1]!;
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Projekt' }).waitFor();
    expect(page.url()).not.toContain(code);
    expect(page.url()).not.toContain('signin');
    // The tab keeps a token (a signed JWT), not the code; going back does not bring the code back.
    const kept = (await page.evaluate("sessionStorage.getItem('bygdpuls.token')")) as string;
    expect(kept.split('.')).toHaveLength(3);
    await page.goBack();
    expect(page.url()).not.toContain(code);
    await context.close();

    // The same link again: spent.
    const again = await browser.newContext();
    const second = await again.newPage();
    await second.goto(link);
    await second.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await second.getByText('Inloggningslänken fungerar inte').waitFor();
    expect(second.url()).not.toContain(code);
    await again.close();
  });

  it("open the dashboard with an evaluator's access, not an administrator's", async () => {
    const link = linkAfter('dashboard')!;
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(link);
    await page.waitForSelector('body[data-ready="true"]');
    expect(page.url()).not.toContain('signin');
    const token = (await page.evaluate("sessionStorage.getItem('bygdpuls.token')")) as string;
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    expect(claims.role).toBe('evaluator');
    await context.close();
  });
});
