// The evaluators' dashboard and its printable report, in Chromium against a real local server with
// the demo project (and a small project of our own with groups under the minimum size).
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../web/src/dashboard/csv.ts';
import type { Browser, Page } from 'playwright-core';
import type { Comparison, IndicatorComparison, RoundSummary } from '../../functions/core/compare.ts';
import type { Indicator } from '../../functions/core/schemas.ts';
import { CLOSE_GRACE_MS } from '../../functions/core/releases.ts';
import { builtInTemplate } from '../../functions/core/template.ts';
import type { LocalServer } from '../../functions/local/start.ts';
import { buildWeb } from '../../web/build.ts';
import { ADMIN_TOKEN, axeViolations, demoIds, launchBrowser, root, screenshot, startServer } from './harness.ts';

const RESULTS = path.join(root, 'test-results');
const auth = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };

/** Rebuilds the pages when a source of this page is newer than its bundle. */
async function ensureDashboardBuilt(): Promise<void> {
  const bundle = path.join(root, 'web/dist/dashboard.js');
  let builtAt = 0;
  try {
    builtAt = statSync(bundle).mtimeMs;
  } catch {
    builtAt = 0;
  }
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? sources(path.join(dir, e.name)) : [path.join(dir, e.name)],
    );
  const newest = Math.max(
    ...[
      path.join(root, 'web/src/dashboard.ts'),
      ...sources(path.join(root, 'web/src/dashboard')),
      ...sources(path.join(root, 'web/src/common')),
    ].map((f) => statSync(f).mtimeMs),
  );
  if (newest > builtAt) await buildWeb();
}

// Numbers as the page writes them (Swedish): decimal comma, a no-break space before %.
const sv = (value: number, digits: number) =>
  new Intl.NumberFormat('sv-SE', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
const en = (value: number, digits: number) =>
  new Intl.NumberFormat('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
const digitsOf = (kind: Indicator['kind']) => (kind === 'mean' ? 2 : 1);
function figure(summary: RoundSummary, kind: Indicator['kind'], format = sv): string {
  if ('suppressed' in summary) throw new Error('suppressed');
  if ('p' in summary) return `${format(summary.p * 100, 1)}${format === sv ? '\u00a0%' : '%'}`;
  return format(summary.mean, digitsOf(kind));
}
function difference(ind: IndicatorComparison, kind: Indicator['kind']): string {
  const value = kind === 'share' ? ind.diff! * 100 : ind.diff!;
  const text = `${value > 0 ? '+' : ''}${sv(value, digitsOf(kind))}`;
  return kind === 'share' ? `${text} procentenheter` : text;
}
const pText = (p: number) => (p < 0.001 ? `< ${sv(0.001, 3)}` : sv(p, 3));

/** The verdict as ../shared/docs/METHOD.md words it ("How the pages word a change"). */
function verdictWords(ind: IndicatorComparison): string {
  const up = (ind.diff ?? 0) > 0;
  switch (ind.verdict) {
    case 'confirmed':
      return up ? 'Säkerställd ökning' : 'Säkerställd minskning';
    case 'possible':
      return `${up ? 'Möjlig ökning' : 'Möjlig minskning'}, kan bero på slumpen när många indikatorer prövas`;
    case 'no_change':
      return 'Ingen förändring av betydelse';
    case 'inconclusive':
      return 'För få svar för att säga om något har förändrats';
    default:
      return 'Kan inte bedömas';
  }
}

/** Judgements other than the one verdict (as the pages once had them). */
const OTHER_JUDGEMENTS =
  /Signifikans(?!nivå)|inte säkerställd|statistiskt säkerställd|Statistically significant|not significant/i;

/**
 * Per indicator: the verdict's words in the overview (the report: its summary) and in the card
 * (the report: its block).
 */
async function verdictTexts(page: Page, ids: string[]): Promise<{ overview: string[]; card: string[] }> {
  const overview: string[] = [];
  const card: string[] = [];
  const report = page.url().includes('/report/');
  for (const id of ids) {
    const line = report
      ? `[data-field="summary"] li:has(span[data-indicator="${id}"])`
      : `table.overview tr[data-indicator="${id}"]`;
    overview.push((await page.locator(`${line} [data-field="verdict-text"]`).textContent()) ?? '');
    card.push(
      (await page.locator(`[data-indicator="${id}"].indicator-card [data-field="verdict-text"]`).textContent()) ?? '',
    );
  }
  return { overview, card };
}

async function json<T>(server: LocalServer, method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}${url}`, {
    method,
    headers: auth,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

let server: LocalServer;
let browser: Browser;
let ids: Awaited<ReturnType<typeof demoIds>>;
let comparison: Comparison;
let indicators: Indicator[];
let small: { projectId: string; baselineId: string; followupId: string };
let weightedProject: typeof small;

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
 * A weighted project whose two small villages (two and three answers, under k = 5) are merged
 * when the figures are weighted (../shared/docs/METHOD.md, "collapsed strata"). Both rounds open.
 */
async function createWeightedProject(): Promise<typeof small> {
  const areas = [
    { id: 'storby', name: 'Storby' },
    { id: 'guld', name: 'Guldsmedshyttan' },
    { id: 'vede', name: 'Vedevåg' },
  ];
  const { id: projectId } = await json<{ id: string }>(server, 'POST', '/api/projects', {
    name: 'Viktad testbygd',
    areas,
    minGroupSize: 5,
    weighting: { strata: ['area'], population: areas.map((a, i) => ({ area: a.id, population: 300 - 100 * i })) },
  });
  const { id: questionnaireId } = await json<{ id: string }>(
    server,
    'POST',
    `/api/projects/${projectId}/questionnaires`,
    builtInTemplate(areas),
  );
  const round = async (kind: string, name: string) =>
    (
      await json<{ id: string }>(server, 'POST', `/api/projects/${projectId}/rounds`, {
        kind,
        name,
        questionnaireId,
        access: 'open',
      })
    ).id;
  const baselineId = await round('baseline', 'Nollmätning');
  const followupId = await round('followup', 'Uppföljning');
  const sample = [...Array<string>(12).fill('storby'), 'guld', 'guld', 'vede', 'vede', 'vede'];
  for (const [roundId, shift] of [
    [baselineId, 0],
    [followupId, 2],
  ] as const)
    for (const [i, area] of sample.entries())
      await json(server, 'POST', `/api/public/rounds/${roundId}/responses`, {
        responseId: randomUUID(),
        answers: answers(area, i + shift),
      });
  return { projectId, baselineId, followupId };
}

/**
 * A project of our own: area "Storby" with enough answers, "Mellanby" with six and "Lillby" with
 * two (under k = 5), so that Mellanby is hidden too (secondary suppression: the total minus Storby
 * would give Lillby away otherwise); the follow-up is invited. Ten baseline residents leave an
 * idea (listed), two say what they are proud of (under k: not listed).
 */
async function createSmallProject(): Promise<typeof small> {
  const areas = [
    { id: 'storby', name: 'Storby' },
    { id: 'mellanby', name: 'Mellanby' },
    { id: 'lillby', name: 'Lillby' },
  ];
  const { id: projectId } = await json<{ id: string }>(server, 'POST', '/api/projects', {
    name: 'Liten testbygd',
    areas,
    minGroupSize: 5,
    groupBy: ['area'],
  });
  const { id: questionnaireId } = await json<{ id: string }>(
    server,
    'POST',
    `/api/projects/${projectId}/questionnaires`,
    builtInTemplate(areas),
  );
  const { id: baselineId } = await json<{ id: string }>(server, 'POST', `/api/projects/${projectId}/rounds`, {
    kind: 'baseline',
    name: 'Nollmätning',
    questionnaireId,
    access: 'open',
  });
  const { id: followupId } = await json<{ id: string }>(server, 'POST', `/api/projects/${projectId}/rounds`, {
    kind: 'followup',
    name: 'Uppföljning',
    questionnaireId,
    access: 'invite',
  });
  const baselineAreas = [
    ...Array<string>(10).fill('storby'),
    ...Array<string>(6).fill('mellanby'),
    ...Array<string>(2).fill('lillby'),
  ];
  for (const [i, area] of baselineAreas.entries()) {
    const texts = {
      ...(i < 10 ? { q_idea: `Idé nummer ${i + 1}` } : {}),
      ...(i >= 10 && i < 12 ? { q_proud_of: `Stolt ${i}` } : {}),
    };
    await json(server, 'POST', `/api/public/rounds/${baselineId}/responses`, {
      responseId: randomUUID(),
      answers: { ...answers(area, i), ...texts },
    });
  }
  const codes: Record<string, string[]> = {};
  for (const [area, count] of [
    ['storby', 10],
    ['mellanby', 6],
    ['lillby', 4],
  ] as const) {
    codes[area] = (
      await json<{ codes: string[] }>(server, 'POST', `/api/rounds/${followupId}/invitations`, { count, area })
    ).codes;
  }
  for (let i = 0; i < 8; i++)
    await json(server, 'POST', `/api/public/rounds/${followupId}/responses`, {
      code: codes.storby![i],
      answers: answers('storby', i + 1),
    });
  for (let i = 0; i < 6; i++)
    await json(server, 'POST', `/api/public/rounds/${followupId}/responses`, {
      code: codes.mellanby![i],
      answers: answers('mellanby', i + 3),
    });
  for (let i = 0; i < 2; i++)
    await json(server, 'POST', `/api/public/rounds/${followupId}/responses`, {
      code: codes.lillby![i],
      answers: answers('lillby', i + 2),
    });
  return { projectId, baselineId, followupId };
}

beforeAll(async () => {
  await ensureDashboardBuilt();
  server = await startServer();
  ids = await demoIds(server);
  small = await createSmallProject();
  weightedProject = await createWeightedProject();
  // The page shows releases (../shared/docs/METHOD.md, "Releases, not live figures"): our project's rounds are
  // closed, and one fold past the close takes their final releases (and the demo's, of all it holds).
  for (const roundId of [small.baselineId, small.followupId, weightedProject.baselineId, weightedProject.followupId])
    await json(server, 'POST', `/api/rounds/${roundId}/close`);
  await new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS + 400));
  await server.fold();
  comparison = await json<Comparison>(
    server,
    'GET',
    `/api/projects/${ids.projectId}/comparison?baseline=${ids.baselineId}&followup=${ids.followupId}`,
  );
  const project = await json<{ questionnaires: { indicators: Indicator[] }[] }>(
    server,
    'GET',
    `/api/projects/${ids.projectId}`,
  );
  indicators = project.questionnaires[0]!.indicators;
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openDashboard(projectId: string, viewport = { width: 1280, height: 900 }, hash = ''): Promise<Page> {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  (page as Page & { errors?: string[] }).errors = errors;
  await page.goto(`${server.url}/dashboard/${projectId}#token=${ADMIN_TOKEN}${hash}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
  return page;
}

function pageErrors(page: Page): string[] {
  return (page as Page & { errors?: string[] }).errors ?? [];
}

/** How many canvases have drawn pixels, of how many. */
async function canvasesDrawn(page: Page): Promise<{ total: number; drawn: number; sizes: string[] }> {
  return page.evaluate(`(() => {
    const canvases = [...document.querySelectorAll('canvas')];
    let drawn = 0;
    for (const canvas of canvases) {
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let inked = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked++;
      if (inked > 200) drawn++;
    }
    return { total: canvases.length, drawn, sizes: canvases.map((c) => c.width + 'x' + c.height) };
  })()`);
}

describe('the dashboard', () => {
  it('draws a chart per indicator and shows the figures of the API, formatted in Swedish', async () => {
    const page = await openDashboard(ids.projectId);
    const ordered = indicators.map((d) => d.id);
    expect(ordered.length).toBeGreaterThan(0);

    const canvases = await canvasesDrawn(page);
    // Per indicator: the interval chart, one distribution chart per item, one chart per area.
    expect(canvases.total).toBe(ordered.length * 2 + indicators.reduce((sum, d) => sum + d.items.length, 0));
    expect(canvases.drawn).toBe(canvases.total);
    for (const label of await page
      .locator('canvas')
      .evaluateAll((list) => list.map((c) => c.getAttribute('aria-label') ?? ''))) {
      expect(label.length).toBeGreaterThan(20);
    }

    for (const def of indicators) {
      const ind = comparison.indicators[def.id]!;
      const card = page.locator(`[data-indicator="${def.id}"].indicator-card`);
      await expect(card.locator('h3').textContent()).resolves.toContain(def.label!);
      const field = (name: string) => card.locator(`[data-field="${name}"]`).first().textContent();
      expect(await field('baseline-value')).toBe(figure(ind.baseline, def.kind));
      expect(await field('followup-value')).toBe(figure(ind.followup, def.kind));
      expect(await field('baseline-n')).toBe(sv((ind.baseline as { n: number }).n, 0));
      expect(await field('followup-n')).toBe(sv((ind.followup as { n: number }).n, 0));
      expect(await field('diff')).toBe(difference(ind, def.kind));
      const scale = def.kind === 'share' ? 100 : 1;
      expect(await field('diff-ci')).toBe(
        `${sv(ind.diffCiLow! * scale, digitsOf(def.kind))} till ${sv(ind.diffCiHigh! * scale, digitsOf(def.kind))}`,
      );
      expect(await field('p')).toBe(pText(ind.pValue!));
      expect(await field('p-holm')).toBe(pText(ind.pHolm!));
      // The one verdict, in the card and in the overview alike.
      expect(await card.locator('[data-field="verdict"]').getAttribute('data-verdict')).toBe(ind.verdict);
      expect(await field('verdict-text')).toBe(verdictWords(ind));
      expect(
        await page.locator(`table.overview tr[data-indicator="${def.id}"] [data-field="verdict-text"]`).textContent(),
      ).toBe(verdictWords(ind));
      if (def.kind !== 'share') expect(await field('cohen-d')).toContain(sv(ind.cohenD!, 2).replace('-', '−'));
      if (def.kind === 'index') expect(await field('baseline-band')).toMatch(/godkänt|Godkänt|Nöjd|Mycket nöjd/);
      // The weighted figure is labelled as such and equals the API's.
      const weighted = ind.weighted!;
      const estimate = weighted.followup.mean ?? weighted.followup.p ?? null;
      if (estimate === null) {
        // Withheld by secondary suppression (a village under k): a dash, and the reason in the notes.
        expect(await field('weighted-followup')).toBe('–');
        expect(await field('notes')).toContain('skyddar små grupper');
      } else {
        expect(await field('weighted-followup')).toContain(
          `${sv(estimate * scale, digitsOf(def.kind))}${def.kind === 'share' ? '\u00a0%' : ''}`,
        );
      }
      // Answer distributions: one per item, "dk" labelled "Vet ej" where the item allows it.
      expect(await card.locator('.distribution-item').count()).toBe(def.items.length);
    }
    // Area breakdown: names and the API's group values.
    const nki = comparison.indicators.nki!;
    const gardeby = page.locator('[data-indicator="nki"].indicator-card table.breakdown tr[data-group="gardeby"]');
    await expect(gardeby.locator('th').textContent()).resolves.toBe('Gårdeby');
    expect(await gardeby.locator('[data-field="followup-value"]').textContent()).toBe(
      figure(nki.groups.area!.gardeby!.followup, 'index'),
    );
    expect(
      await page.locator('[data-indicator="nki"].indicator-card .distribution-table').first().textContent(),
    ).toContain('Vet ej');
    // Response counts per round and the demo notice.
    expect(await page.locator('table.counts [data-field="baseline-total"]').textContent()).toBe(sv(320, 0));
    expect(await page.locator('[data-field="demo"]').textContent()).toContain('påhittade');
    // Which release each round shows: the closed baseline's final one, the open follow-up's preliminary one.
    const released = (which: string) => page.locator(`[data-field="release"] [data-release="${which}"]`);
    expect(await released('baseline').getAttribute('data-state')).toBe('final');
    expect(await released('baseline').textContent()).toContain(`${sv(320, 0)} svar`);
    expect(await released('followup').getAttribute('data-state')).toBe('preliminary');
    expect(await released('followup').textContent()).toContain('Preliminärt');
    expect(await released('followup').textContent()).toContain(`${sv(260, 0)} svar`);
    // ... and under the title, with its count.
    expect(await page.locator('[data-field="preliminary-badge"]').textContent()).toBe(
      'Preliminärt: Uppföljning 2026 är fortfarande öppen (260 svar hittills)',
    );
    // Default rounds: the latest baseline and follow-up.
    expect(await page.locator('#pick-baseline').inputValue()).toBe(ids.baselineId);
    expect(await page.locator('#pick-followup').inputValue()).toBe(ids.followupId);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('transfers well under 600 KB in total (the page, its bundle and styles, and the API answers)', async () => {
    const page = await browser.newPage();
    const sizes: Promise<{ url: string; bytes: number }>[] = [];
    page.on('requestfinished', (request) =>
      sizes.push(
        request.sizes().then((s) => ({ url: request.url(), bytes: s.responseBodySize + s.responseHeadersSize })),
      ),
    );
    await page.goto(`${server.url}/dashboard/${ids.projectId}#token=${ADMIN_TOKEN}`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForLoadState('networkidle');
    const all = await Promise.all(sizes);
    const total = all.reduce((sum, s) => sum + s.bytes, 0);
    const assets = all.filter((s) => s.url.includes('/assets/')).reduce((sum, s) => sum + s.bytes, 0);
    console.log(
      `dashboard transfer: ${all.length} requests, ${(total / 1024).toFixed(1)} KiB in total, ${(assets / 1024).toFixed(1)} KiB of it the bundle and styles`,
    );
    expect(total).toBeLessThan(600 * 1024);
    await page.close();
  });

  it('removes the token from the address bar', async () => {
    const page = await openDashboard(ids.projectId);
    expect(page.url()).not.toContain('token');
    expect(page.url()).toContain(`baseline=${ids.baselineId}`);
    expect(await page.evaluate('location.hash')).not.toContain(ADMIN_TOKEN);
    await page.close();
  });

  it('switches to English with decimal points', async () => {
    const page = await openDashboard(ids.projectId);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    const nki = comparison.indicators.nki!;
    expect(
      await page.locator('[data-indicator="nki"].indicator-card [data-field="baseline-value"]').first().textContent(),
    ).toBe(figure(nki.baseline, 'index', en));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h2#indicators-title').textContent()).toBe('Indicators');
    await page.getByRole('button', { name: 'Byt till svenska' }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    await page.close();
  });

  it('shows groups under the minimum size as suppressed, never as a number, and response rates of invited rounds', async () => {
    const page = await openDashboard(small.projectId);
    const suppressed = 'Undertryckt (färre än 5 svar)';
    const card = page.locator('[data-indicator="nki"].indicator-card');
    const lillby = card.locator('table.breakdown tr[data-group="lillby"]');
    expect((await lillby.textContent())!.replace(/\s+/g, ' ').trim()).toBe(`Lillby${suppressed}${suppressed}`);
    expect(await lillby.locator('td.suppressed').count()).toBe(2);
    const storby = card.locator('table.breakdown tr[data-group="storby"]');
    expect(await storby.locator('[data-field="baseline-n"]').textContent()).toBe('10');
    // Mellanby (6) is hidden too: the total minus Storby would otherwise give Lillby's two away.
    const mellanby = card.locator('table.breakdown tr[data-group="mellanby"]');
    const protecting = 'Undertryckt (skyddar en mindre grupp)';
    expect((await mellanby.textContent())!.replace(/\s+/g, ' ').trim()).toBe(`Mellanby${protecting}${protecting}`);
    expect(await mellanby.locator('td.suppressed').first().getAttribute('data-suppressed')).toBe('secondary');
    // Response counts: Lillby is suppressed in both rounds, Mellanby protects it; Storby's follow-up rate is 8 of 10.
    const counts = page.locator('table.counts tr[data-area="lillby"]');
    expect(await counts.locator('td.suppressed').count()).toBe(2);
    expect((await counts.textContent())!).not.toMatch(/\b2\b/);
    const mellanbyCounts = page.locator('table.counts tr[data-area="mellanby"]');
    expect(await mellanbyCounts.locator('td.suppressed[data-suppressed="secondary"]').count()).toBe(2);
    expect(await mellanbyCounts.locator('[data-field$="-responses"]').count()).toBe(0);
    expect(await mellanbyCounts.locator('[data-field="followup-rate"]').textContent()).toBe('–');
    expect(await page.locator('table.counts tr[data-area="storby"] [data-field="followup-rate"]').textContent()).toBe(
      '80,0\u00a0%',
    );
    expect(await page.locator('table.counts thead').textContent()).toContain('Svarsfrekvens');
    // A whole round under k: no figures, no chart, and the reason.
    const pride = page.locator('[data-indicator="pride_municipality"].indicator-card');
    expect(await pride.locator('[data-field="baseline-value"]').first().getAttribute('data-suppressed')).toBe('true');
    expect(await pride.locator('[data-field="diff"]').textContent()).toBe('–');
    expect(await pride.locator('[data-field="notes"]').textContent()).toContain('färre än 5 svar');
    expect(await pride.locator('canvas').count()).toBe(0);
    // No demo notice on a real project.
    expect(await page.locator('[data-field="demo"]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-suppressed');
    await page.close();
  });

  it('says plainly which small strata the weighting merged, and shows withheld counts as withheld, never as 0', async () => {
    const { projectId, baselineId, followupId } = weightedProject;
    const api = await json<Comparison>(
      server,
      'GET',
      `/api/projects/${projectId}/comparison?baseline=${baselineId}&followup=${followupId}`,
    );
    const page = await openDashboard(projectId);
    let merged = 0;
    let villages = 0;
    for (const [id, ind] of Object.entries(api.indicators)) {
      if (!ind.weighted) continue;
      const notes = await page.locator(`[data-indicator="${id}"].indicator-card .weighted-notes`).allTextContents();
      const text = notes.join(' ');
      for (const [which, name] of [
        ['baseline', 'Nollmätning'],
        ['followup', 'Uppföljning'],
      ] as const) {
        const r = ind.weighted[which];
        for (const cell of r.strataCollapsed ?? []) {
          merged++;
          const names = cell.map((s) => ({ storby: 'Storby', guld: 'Guldsmedshyttan', vede: 'Vedevåg' })[s.area!]!);
          if (names.join() === 'Guldsmedshyttan,Vedevåg') villages++;
          const list =
            names.length === 2 ? names.join(' med ') : `${names.slice(0, -1).join(', ')} och ${names.at(-1)}`;
          expect(text).toContain(`${name}: Viktningen slog ihop ${list} eftersom de hade färre än 5 svar.`);
        }
        if (r.excluded === null || r.strataEmpty === null || r.strataSingle === null)
          expect(text).toContain(`${name}: Uppgift undanhålls om`);
      }
      expect(text).not.toMatch(/\b0 svar saknar/);
    }
    // The two villages (two and three answers) are merged, for at least one indicator and round.
    expect(merged).toBeGreaterThan(0);
    expect(villages).toBeGreaterThan(0);
    // The reading box explains the weighted figure here.
    expect(await page.locator('[data-field="reading-guide"] dt').allTextContents()).toContain('Viktat värde');
    expect(await axeViolations(page)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('lists free-text answers without background data, and none for a question with fewer than k answers', async () => {
    const page = await openDashboard(small.projectId);
    const section = page.locator('section#free-texts');
    expect(await section.locator('h2').textContent()).toBe('Fritextsvar');
    expect(await section.locator('[data-field="texts-note"]').textContent()).toContain('utan bakgrundsuppgifter');
    const baseline = section.locator('[data-round="baseline"]');
    await baseline.locator('summary').click();
    const ideas = baseline.locator('[data-question="q_idea"] li');
    expect((await ideas.allTextContents()).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `Idé nummer ${i + 1}`).sort(),
    );
    expect(await baseline.locator('[data-question="q_idea"] .text-count').textContent()).toBe('10 svar');
    const proud = baseline.locator('[data-question="q_proud_of"]');
    expect(await proud.locator('li').count()).toBe(0);
    expect(await proud.locator('.suppressed').textContent()).toBe('Färre än 5 svar: visas inte.');
    expect(await section.textContent()).not.toContain('Stolt');
    // No background data next to the texts: no area names, no dates or ids.
    const text = (await section.textContent())!;
    for (const area of ['Storby', 'Mellanby', 'Lillby']) expect(text).not.toContain(area);
    expect(await section.locator('table, time, [data-area], [data-group]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    // In English, and in the printable report.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    expect(await page.locator('section#free-texts h2').textContent()).toBe('Free-text answers');
    expect(
      await page
        .locator('section#free-texts [data-round="baseline"] [data-question="q_proud_of"] .suppressed')
        .textContent(),
    ).toBe('Fewer than 5 answers: not shown.');
    await page.locator('#open-report').click();
    await page.waitForURL(/\/report\//);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.locator('section#free-texts [data-round="baseline"] [data-question="q_idea"] li').count()).toBe(
      10,
    );
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('downloads the comparison as CSV (UTF-8 with BOM, semicolons, decimal comma)', async () => {
    const page = await openDashboard(ids.projectId);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^bygdpuls-.*\.csv$/);
    mkdirSync(RESULTS, { recursive: true });
    const file = path.join(RESULTS, 'comparison.csv');
    await download.saveAs(file);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.trimEnd().split('\r\n');
    // Headers in the page's language; the columns are CSV_COLUMNS, in order.
    expect(lines[0]!.split(';').slice(0, 4)).toEqual(['indikator', 'namn', 'slag', 'omgång']);
    const header: string[] = [...CSV_COLUMNS];
    const rows = lines.slice(1).map((line) => Object.fromEntries(line.split(';').map((v, i) => [header[i], v])));
    const nkiBaseline = rows.find(
      (r) => r.indicator === 'nki' && r.round === 'baseline' && r.group_variable === '' && r.weighted === 'no',
    )!;
    expect(nkiBaseline.label).toBe('Nöjdhet med bygden (index 0–100)');
    const nki = comparison.indicators.nki! as IndicatorComparison & { baseline: { mean: number; n: number } };
    expect(nkiBaseline.estimate).toBe(String(nki.baseline.mean).replace('.', ','));
    expect(nkiBaseline.n).toBe(String(nki.baseline.n));
    const awareDiff = rows.find((r) => r.indicator === 'aware' && r.round === 'difference' && r.weighted === 'no')!;
    expect(Number(awareDiff.estimate!.replace(',', '.'))).toBe(comparison.indicators.aware!.diff);
    expect(Number(awareDiff.p_holm!.replace(',', '.'))).toBe(comparison.indicators.aware!.pHolm);
    // One judgement: the verdict, on the unweighted difference row; no yes/no significance column.
    expect(lines[0]!.split(';')).toContain('bedömning');
    expect(header).toContain('verdict');
    expect(header).not.toContain('significant');
    for (const def of indicators) {
      const diffRow = rows.find((r) => r.indicator === def.id && r.round === 'difference' && r.weighted === 'no')!;
      expect(diffRow.verdict).toBe(comparison.indicators[def.id]!.verdict);
    }
    expect(rows.filter((r) => r.round !== 'difference' || r.weighted === 'yes').every((r) => r.verdict === '')).toBe(
      true,
    );
    // One row per indicator and round (plus the difference), weighted and unweighted, and per area and round.
    const perIndicator = 3 + 3 + 5 * 2;
    expect(rows.length).toBe(indicators.length * perIndicator);
    expect(rows.some((r) => r.group_name === 'Östra Ryd')).toBe(true);
    await page.close();
  });

  it('tells how to sign in without a token, and when the token is refused', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/dashboard/${ids.projectId}`);
    await page.waitForSelector('[data-state="no-token"]');
    expect(await page.locator('h1').textContent()).toBe('Logga in för att se resultaten');
    await page.goto(`${server.url}/dashboard/${ids.projectId}#token=not-a-valid-token`);
    await page.reload();
    await page.waitForSelector('[data-state="rejected"]');
    expect(page.url()).not.toContain('not-a-valid-token');
    // Signing in with the form.
    await page.fill('#token-input', ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.locator('.indicator-card').count()).toBe(indicators.length);
    await page.close();
  });

  it('has no axe violations, and looks right on a desktop and a phone (screenshots)', async () => {
    const page = await openDashboard(ids.projectId);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-desktop');
    // With the fold-outs open, too.
    await page.locator('details.fold').evaluateAll((list) => {
      for (const d of list) d.setAttribute('open', '');
    });
    expect(await axeViolations(page)).toEqual([]);
    await page.close();

    const phone = await openDashboard(ids.projectId, { width: 390, height: 844 });
    expect(await axeViolations(phone)).toEqual([]);
    await screenshot(phone, 'dashboard-phone');
    // Nothing wider than the screen (wide tables scroll inside their own box).
    const wide = await phone.evaluate(`[...document.querySelectorAll('main *')]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest('.table-scroll > table'))
      .map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
      .slice(0, 10)`);
    expect(wide).toEqual([]);
    // ... and on the demo, no table even needs to scroll.
    const scrolling = await phone.evaluate(
      `[...document.querySelectorAll('.table-scroll')].filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.getAttribute('aria-label'))`,
    );
    expect(scrolling).toEqual([]);
    await phone.close();
  }, 90_000);
});

describe('the printable report', () => {
  it('shows the same verdict as the overview and the cards, and no other judgement; both explain how to read the figures', async () => {
    const ordered = indicators.map((d) => d.id);
    const expected = ordered.map((id) => verdictWords(comparison.indicators[id]!));
    const page = await openDashboard(ids.projectId);
    const guide = page.locator('[data-field="reading-guide"]');
    expect(await guide.locator('h2').textContent()).toBe('Så läser du siffrorna');
    expect(await guide.locator('dt').allTextContents()).toEqual([
      'Intervallet',
      'Säkerställd',
      'Undertryckt grupp',
      'Viktat värde',
    ]);
    // The box comes before the figures.
    expect(
      await page.evaluate(
        `!!(document.querySelector('[data-field="reading-guide"]').compareDocumentPosition(document.querySelector('table.overview')) & Node.DOCUMENT_POSITION_FOLLOWING)`,
      ),
    ).toBe(true);
    expect(await verdictTexts(page, ordered)).toEqual({ overview: expected, card: expected });
    await page.locator('details.fold').evaluateAll((list) => {
      for (const d of list) d.setAttribute('open', '');
    });
    expect(await page.locator('main').textContent()).not.toMatch(OTHER_JUDGEMENTS);
    expect(await page.locator('table.overview thead').textContent()).toContain('Bedömning');
    // Nothing but the verdict in the overview's verdict column: no "Ja"/"Nej".
    for (const cell of await page.locator('table.overview td[data-field="verdict"]').allTextContents())
      expect(cell).not.toMatch(/^(Ja|Nej|Yes|No)$/);
    // A confirmed or possible verdict names Holm's p; the others the interval against the meaningful change.
    for (const id of ordered) {
      const ind = comparison.indicators[id]!;
      const basis = await page
        .locator(`[data-indicator="${id}"].indicator-card [data-field="verdict-basis"]`)
        .textContent();
      if (ind.verdict === 'confirmed' || ind.verdict === 'possible') expect(basis).toContain('Holm-justerat p');
      else if (ind.verdict !== 'not_assessable') expect(basis).toMatch(/95 % KI .* ±/);
    }
    // In English, the same verdicts in English words.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    expect(await page.locator('[data-field="reading-guide"] h2').textContent()).toBe('How to read the figures');
    expect(await page.locator('main').textContent()).not.toMatch(OTHER_JUDGEMENTS);
    await page.getByRole('button', { name: 'Byt till svenska' }).click();

    await page.locator('#open-report').click();
    await page.waitForURL(/\/report\//);
    await page.waitForSelector('body[data-ready="true"]');
    // The report opens with its summary, then the box, and words every change as the dashboard does.
    expect(await page.locator('main [data-field="reading-guide"] h2').textContent()).toBe('Så läser du siffrorna');
    expect(
      await page.evaluate(
        `!!(document.querySelector('[data-field="reading-guide"]').compareDocumentPosition(document.querySelector('section.method')) & Node.DOCUMENT_POSITION_FOLLOWING)`,
      ),
    ).toBe(true);
    expect(await verdictTexts(page, ordered)).toEqual({ overview: expected, card: expected });
    const report = (await page.locator('main').textContent())!;
    expect(report).not.toMatch(OTHER_JUDGEMENTS);
    expect(await axeViolations(page)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('opens from the dashboard, passes axe and prints to an A4 PDF', async () => {
    const page = await openDashboard(ids.projectId);
    await page.locator('#open-report').click();
    await page.waitForURL(/\/report\//);
    await page.waitForSelector('body[data-ready="true"]');
    expect(page.url()).toContain(`baseline=${ids.baselineId}`);
    expect(await page.locator('h1').textContent()).toBe('Demo: Söderköpings landsbygd (påhittade data)');
    const method = (await page.locator('section.method').textContent())!;
    for (const word of ['Welch', 'Newcombe', 'Holm', '95', 'färre än 5', 'efterstratifierade'])
      expect(method).toContain(word);
    expect(await page.getByRole('button', { name: 'Skriv ut' }).count()).toBe(1);
    // One compact block per indicator, each with its answer distribution drawn.
    const canvases = await canvasesDrawn(page);
    expect(canvases.total).toBe(indicators.length);
    expect(canvases.drawn).toBe(canvases.total);
    expect(await page.locator('.report-block').count()).toBe(indicators.length);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'report');

    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'report-print-media');
    await page.emulateMedia({ media: null });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(path.join(RESULTS, 'report.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(20_000);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
