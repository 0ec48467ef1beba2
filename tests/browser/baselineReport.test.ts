// One round on its own (a baseline before any follow-up exists) on the dashboard and in the
// report, marked preliminary with its response count while it is open; and the report people
// read: the demo project's prints on 3 to 6 A4 pages, with the summary first.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../web/src/dashboard/csv.ts';
import type { Browser, Page } from 'playwright-core';
import type { Comparison } from '../../functions/core/compare.ts';
import type { Indicator } from '../../functions/core/schemas.ts';
import { CLOSE_GRACE_MS } from '../../functions/core/releases.ts';
import { builtInTemplate } from '../../functions/core/template.ts';
import type { LocalServer } from '../../functions/local/start.ts';
import type { RoundReading } from '../../functions/api/contract.ts';
import {
  ADMIN_TOKEN,
  axeViolations,
  demoIds,
  launchBrowser,
  root,
  SCREENSHOTS,
  screenshot,
  startServer,
} from './harness.ts';

const RESULTS = path.join(root, 'test-results');
const auth = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

let server: LocalServer;
let browser: Browser;
let demo: Awaited<ReturnType<typeof demoIds>>;
let baseline: { projectId: string; roundId: string; questionnaireId: string };
let indicators: Indicator[];

async function json<T>(method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}${url}`, {
    method,
    headers: auth,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

const answers = (area: string, i: number) => ({
  q_nki_overall: 4 + (i % 6),
  q_nki_expect: 3 + (i % 7),
  q_nki_ideal: 5 + (i % 4),
  q_pride_village: 1 + (i % 5),
  q_aware_project: i % 3 === 0 ? 'yes' : 'no',
  q_engage: i % 4 === 0 ? 'dk' : 1 + (i % 5),
  area,
});

/**
 * A project with only an invited baseline, still open: 30 codes for Norrby (14 answer), 20 for
 * Sunnanby (8 answer), none for Lillby. Some indicators have no answers at all (every figure
 * suppressed: no block in the report).
 */
async function createBaselineProject(): Promise<typeof baseline> {
  const areas = [
    { id: 'norrby', name: 'Norrby' },
    { id: 'sunnanby', name: 'Sunnanby' },
    { id: 'lillby', name: 'Lillby' },
  ];
  const { id: projectId } = await json<{ id: string }>('POST', '/api/projects', {
    name: 'Bygden före',
    areas,
    minGroupSize: 5,
    groupBy: ['area'],
    weighting: { strata: ['area'], population: areas.map((a, i) => ({ area: a.id, population: 400 - 100 * i })) },
  });
  const { id: questionnaireId } = await json<{ id: string }>(
    'POST',
    `/api/projects/${projectId}/questionnaires`,
    builtInTemplate(areas),
  );
  const { id: roundId } = await json<{ id: string }>('POST', `/api/projects/${projectId}/rounds`, {
    kind: 'baseline',
    name: 'Nollmätning 2026',
    questionnaireId,
    access: 'invite',
  });
  for (const [area, invited, answering, shift] of [
    ['norrby', 30, 14, 0],
    ['sunnanby', 20, 8, 2],
  ] as const) {
    const { codes } = await json<{ codes: string[] }>('POST', `/api/rounds/${roundId}/invitations`, {
      count: invited,
      area,
    });
    for (let i = 0; i < answering; i++)
      await json('POST', `/api/public/rounds/${roundId}/responses`, {
        code: codes[i],
        answers: answers(area, i + shift),
      });
  }
  return { projectId, roundId, questionnaireId };
}

beforeAll(async () => {
  server = await startServer();
  demo = await demoIds(server);
  baseline = await createBaselineProject();
  // The page shows releases: fold until the baseline's release holds all 22 responses.
  for (let i = 0; i < 50; i++) {
    await server.fold();
    const reading = await json<RoundReading>('GET', `/api/rounds/${baseline.roundId}/indicators`);
    if (reading.release?.n === 22) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const project = await json<{ questionnaires: { indicators: Indicator[] }[] }>(
    'GET',
    `/api/projects/${baseline.projectId}`,
  );
  indicators = project.questionnaires[0]!.indicators;
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(url: string, viewport = DESKTOP): Promise<Page & { errors: string[] }> {
  const page = (await browser.newPage({ viewport, acceptDownloads: true })) as Page & { errors: string[] };
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') page.errors.push(message.text());
  });
  await page.goto(`${server.url}${url}${url.includes('#') ? '&' : '#'}token=${ADMIN_TOKEN}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
  return page;
}

/** Pages of a PDF: its page objects. */
function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

/** The first printed page as an image: print styles, the A4 text width, one page's height. */
async function firstPrintedPage(page: Page, name: string): Promise<void> {
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 680, height: 994 });
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), clip: { x: 0, y: 0, width: 680, height: 994 } });
  await page.emulateMedia({ media: null });
}

async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(`[...document.querySelectorAll('main *')]
    .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest('.table-scroll > table'))
    .map((e) => e.tagName + '.' + e.className)
    .slice(0, 10)`);
}

const sv = (value: number, digits: number) =>
  new Intl.NumberFormat('sv-SE', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);

describe('a baseline on its own', () => {
  it('shows every indicator of the open baseline, marked preliminary with its response count (desktop and phone)', async () => {
    const reading = await json<RoundReading>('GET', `/api/rounds/${baseline.roundId}/indicators`);
    expect(reading.preliminary).toBe(true);
    const page = await open(`/dashboard/${baseline.projectId}`);
    expect(page.url()).toContain(`round=${baseline.roundId}`);
    expect(await page.locator('[data-field="no-followup"]').textContent()).toContain('ingen uppföljning ännu');
    expect(await page.locator('[data-field="preliminary-badge"]').textContent()).toBe(
      'Preliminärt: Nollmätning 2026 är fortfarande öppen (22 svar hittills)',
    );
    const released = page.locator('[data-field="release"] [data-release="baseline"]');
    expect(await released.getAttribute('data-state')).toBe('preliminary');
    expect(await released.textContent()).toContain('22 svar');
    // Every indicator: the value of the API with its interval, n and (an index) its level.
    for (const def of indicators) {
      const row = page.locator(`table.overview tr[data-indicator="${def.id}"]`);
      const summary = reading.indicators[def.id]!.summary;
      if ('suppressed' in summary) {
        expect(await row.locator('[data-field="value"]').getAttribute('data-suppressed')).toBe('true');
        continue;
      }
      const value = 'p' in summary ? `${sv(summary.p * 100, 1)}\u00a0%` : sv(summary.mean, def.kind === 'mean' ? 2 : 1);
      expect(await row.locator('[data-field="value"]').textContent()).toBe(value);
      expect(await row.locator('[data-field="n"]').textContent()).toBe(String(summary.n));
      if (def.kind === 'index') expect(await row.locator('[data-field="band"]').textContent()).toMatch(/godkänt|Nöjd/i);
    }
    // Its block: all respondents, weighted, the areas; the distribution drawn.
    const nki = page.locator('[data-indicator="nki"].report-block');
    expect(await nki.locator('tr[data-row="all"] [data-field="baseline-value"]').textContent()).toBe(
      sv((reading.indicators.nki!.summary as { mean: number }).mean, 1),
    );
    expect(await nki.locator('tr[data-row="weighted"]').count()).toBe(1);
    expect(await nki.locator('tr[data-group="norrby"] [data-field="baseline-n"]').textContent()).toBe('14');
    expect(await nki.locator('.distribution-chart canvas').count()).toBe(1);
    // A weighted share is shown in percent, as the API's proportion.
    const top = reading.indicators.nki_top!.weighted;
    expect(top?.estimate).not.toBeNull();
    expect(
      await page.locator('[data-indicator="nki_top"].report-block [data-field="weighted-baseline"]').textContent(),
    ).toBe(`${sv(top!.estimate! * 100, 1)}\u00a0%`);
    // Response rates per area: 14 of 30 in Norrby.
    expect(await page.locator('table.counts tr[data-area="norrby"] [data-field="baseline-rate"]').textContent()).toBe(
      '46,7\u00a0%',
    );
    expect(await page.locator('table.counts [data-field="baseline-total"]').textContent()).toBe('22');
    // A way back to the project's admin pages (they ask administrators to sign in).
    expect(await page.locator('a.admin-link').getAttribute('href')).toBe(`/admin?p=${baseline.projectId}`);
    // The round as CSV: the comparison's columns, a row per indicator, weighted figure and area.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-csv').click()]);
    expect(download.suggestedFilename()).toBe('bygdpuls-bygden-fore-nollmatning-2026.csv');
    const file = path.join(RESULTS, 'baseline.csv');
    mkdirSync(RESULTS, { recursive: true });
    await download.saveAs(file);
    const lines = readFileSync(file, 'utf8')
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]!.split(';')[0]).toBe('indikator');
    const header: string[] = [...CSV_COLUMNS];
    const rows = lines.slice(1).map((line) => Object.fromEntries(line.split(';').map((v, i) => [header[i], v])));
    const whole = rows.find((r) => r.indicator === 'nki' && r.group === '' && r.weighted === 'no')!;
    expect(whole.round).toBe('baseline');
    expect(Number(whole.estimate!.replace(',', '.'))).toBe((reading.indicators.nki!.summary as { mean: number }).mean);
    expect(rows.some((r) => r.indicator === 'nki' && r.weighted === 'yes')).toBe(true);
    expect(rows.some((r) => r.indicator === 'nki' && r.group_name === 'Norrby')).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'baseline-dashboard-desktop');
    // In English.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    expect(await page.locator('[data-field="preliminary-badge"]').textContent()).toBe(
      'Preliminary: Nollmätning 2026 is still open (22 responses so far)',
    );
    expect(page.errors).toEqual([]);
    await page.close();

    const phone = await open(`/dashboard/${baseline.projectId}`, PHONE);
    expect(await axeViolations(phone)).toEqual([]);
    expect(await overflowing(phone)).toEqual([]);
    await screenshot(phone, 'baseline-dashboard-phone');
    await phone.close();
  });

  it('prints a baseline report: the summary first, preliminary, no block where everything is suppressed, the method last', async () => {
    const reading = await json<RoundReading>('GET', `/api/rounds/${baseline.roundId}/indicators`);
    const dashboard = await open(`/dashboard/${baseline.projectId}`);
    await dashboard.locator('#open-report').click();
    await dashboard.waitForURL(/\/report\//);
    await dashboard.waitForSelector('body[data-ready="true"]');
    const page = dashboard as typeof dashboard;
    expect(await page.locator('.report-header .subtitle').textContent()).toBe('Nollmätningsrapport: Nollmätning 2026');
    expect(await page.locator('[data-field="preliminary-badge"]').textContent()).toContain('22 svar hittills');
    // The first section is the summary; the method notes come last.
    expect(await page.locator('main section').first().getAttribute('data-field')).toBe('summary');
    expect(await page.locator('main section').last().getAttribute('class')).toContain('method');
    const summary = page.locator('[data-field="summary"]');
    expect(await summary.locator('[data-round="baseline"]').getAttribute('data-state')).toBe('preliminary');
    expect(await summary.locator('[data-round="baseline"]').textContent()).toContain('22 svar av 50 inbjudna');
    expect(await summary.locator('[data-field="preliminary"]').textContent()).toContain('preliminära');
    // No verdict without a comparison; the reading box leaves it out.
    expect(await page.locator('[data-field="verdict"]').count()).toBe(0);
    expect(await page.locator('[data-field="reading-guide"] dt').allTextContents()).not.toContain('Säkerställd');
    // One block per indicator with a figure; the others are named once, with the reason.
    const shown = indicators.filter((d) => !('suppressed' in reading.indicators[d.id]!.summary)).map((d) => d.id);
    const hidden = indicators.filter((d) => !shown.includes(d.id));
    expect(hidden.length).toBeGreaterThan(0);
    expect(
      await page.locator('.report-block').evaluateAll((list) => list.map((e) => e.getAttribute('data-indicator'))),
    ).toEqual(shown);
    const omitted = (await page.locator('[data-field="omitted"]').textContent())!;
    for (const def of hidden) expect(omitted).toContain(def.label!);
    expect(omitted).toContain('färre än 5 svar i omgången');
    // Figures of the API, with interval and level.
    const nki = reading.indicators.nki!.summary as { mean: number };
    expect(await summary.locator('[data-indicator="nki"] [data-field="value"]').textContent()).toBe(
      `${sv(nki.mean, 1)} av 100`,
    );
    expect(
      await page.locator('.report-block[data-indicator="nki"] [data-field="baseline-band"]').first().textContent(),
    ).toMatch(/godkänt|Nöjd/i);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'baseline-report');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(path.join(RESULTS, 'baseline-report.pdf'), pdf);
    const pages = pdfPages(pdf);
    console.log(`baseline report: ${pages} A4 pages`);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(6);
    await firstPrintedPage(page, 'baseline-report-page1');
    // In English.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    expect(await page.locator('#summary-title').textContent()).toBe('Summary');
    expect(await page.locator('.report-header .subtitle').textContent()).toBe('Baseline report: Nollmätning 2026');
    expect(page.errors).toEqual([]);
    await page.close();

    const phone = await open(`/report/${baseline.projectId}#round=${baseline.roundId}`, PHONE);
    expect(await axeViolations(phone)).toEqual([]);
    expect(await overflowing(phone)).toEqual([]);
    await screenshot(phone, 'baseline-report-phone');
    await phone.close();
  });
});

describe('a follow-up without figures yet', () => {
  it('leaves the baseline on its own, and says why', async () => {
    await json('POST', `/api/projects/${baseline.projectId}/rounds`, {
      kind: 'followup',
      name: 'Uppföljning 2027',
      questionnaireId: baseline.questionnaireId,
      access: 'open',
    });
    const page = await open(`/dashboard/${baseline.projectId}`);
    expect(page.url()).toContain(`round=${baseline.roundId}`);
    expect(await page.locator('[data-field="no-followup"]').textContent()).toContain(
      'Uppföljning 2027 har inga siffror ännu',
    );
    expect(await page.locator('.report-block').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(page.errors).toEqual([]);
    await page.close();
  });
});

describe('a closed baseline', () => {
  it('is final: no preliminary marking, the final release named', async () => {
    await json('POST', `/api/rounds/${baseline.roundId}/close`);
    await new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS + 400));
    await server.fold();
    const page = await open(`/report/${baseline.projectId}#round=${baseline.roundId}`);
    expect(await page.locator('[data-field="preliminary-badge"]').count()).toBe(0);
    expect(await page.locator('[data-field="preliminary"]').count()).toBe(0);
    const line = page.locator('[data-field="summary"] [data-round="baseline"]');
    expect(await line.getAttribute('data-state')).toBe('final');
    expect(await line.textContent()).toContain('Omgången är stängd; siffrorna är de slutliga');
    expect(page.errors).toEqual([]);
    await page.close();
  });
});

describe('the report people read', () => {
  it('prints the demo project on 3 to 6 A4 pages, opening with the summary and its verdicts', async () => {
    const comparison = await json<Comparison>(
      'GET',
      `/api/projects/${demo.projectId}/comparison?baseline=${demo.baselineId}&followup=${demo.followupId}`,
    );
    const page = await open(`/report/${demo.projectId}`);
    // Summary first: the first heading after the title is the summary's.
    expect(await page.locator('main h2').first().textContent()).toBe('Sammanfattning');
    const summary = page.locator('[data-field="summary"]');
    expect(await summary.textContent()).toContain('320 svar');
    expect(await summary.locator('[data-round="followup"]').getAttribute('data-state')).toBe('preliminary');
    // Each indicator under its verdict, the verdict the block shows too.
    for (const [id, ind] of Object.entries(comparison.indicators)) {
      const line = summary.locator(`li:has(span[data-indicator="${id}"])`);
      expect(await line.getAttribute('data-verdict')).toBe(ind.verdict);
      expect(
        await page.locator(`.report-block[data-indicator="${id}"] [data-field="verdict"]`).getAttribute('data-verdict'),
      ).toBe(ind.verdict);
      expect(await line.locator('[data-field="verdict-text"]').textContent()).toBe(
        await page.locator(`.report-block[data-indicator="${id}"] [data-field="verdict-text"]`).textContent(),
      );
    }
    // Small groups once, with why; the method last.
    expect(await page.locator('[data-field="small-groups"]').count()).toBeLessThanOrEqual(1);
    expect(await page.locator('main section').last().getAttribute('class')).toContain('method');
    expect(await axeViolations(page)).toEqual([]);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(path.join(RESULTS, 'report-demo.pdf'), pdf);
    const pages = pdfPages(pdf);
    console.log(`demo report: ${pages} A4 pages`);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(pages).toBeLessThanOrEqual(6);
    await firstPrintedPage(page, 'report-demo-page1');
    expect(page.errors).toEqual([]);
    await page.close();

    const phone = await open(`/report/${demo.projectId}`, PHONE);
    expect(await axeViolations(phone)).toEqual([]);
    expect(await overflowing(phone)).toEqual([]);
    await screenshot(phone, 'report-demo-phone');
    await phone.close();
  });

  it('offers one round of a project that has both, and the comparison back', async () => {
    const page = await open(`/dashboard/${demo.projectId}`);
    await page.selectOption('#pick-round', demo.baselineId);
    await page.getByRole('button', { name: 'Visa omgången' }).click();
    await page.waitForSelector('[data-field="view"]');
    expect(page.url()).toContain(`round=${demo.baselineId}`);
    expect(await page.locator('[data-field="no-followup"]').count()).toBe(0);
    expect(await page.locator('.report-block').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-field="preliminary-badge"]').count()).toBe(0);
    await page.getByRole('button', { name: 'Jämför' }).click();
    await page.waitForSelector('table.overview [data-field="verdict-text"]');
    expect(page.url()).toContain(`followup=${demo.followupId}`);
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
