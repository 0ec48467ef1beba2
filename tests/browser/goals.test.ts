// Goals and funder reports in Chromium against a real local server with the demo project (its goals
// of every kind, two years of activities, two interim reports, the first locked, and a final
// draft): recording an activity on a phone, the goals page (progress bars, verdicts with their
// figures, a new goal), a report (an override needs a reason, the free text, locking after a
// confirmation), the printable report (axe, printed to PDF and its text read, the print layout)
// and the dashboard's goals overview for an evaluator; axe on a phone and a desktop throughout.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalServer } from '../../functions/local/start.ts';
import { ADMIN_TOKEN, axeViolations, demoIds, launchBrowser, root, screenshot, startServer } from './harness.ts';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const VIEWPORTS = [
  ['phone', PHONE],
  ['desktop', DESKTOP],
] as const;

let server: LocalServer;
let browser: Browser;
let projectId = '';

beforeAll(async () => {
  server = await startServer({ demo: true });
  browser = await launchBrowser();
  projectId = (await demoIds(server)).projectId;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function apiCall(method: string, url: string, body?: unknown, token = ADMIN_TOKEN): Promise<any> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${server.url}${url}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** A page that records console errors, page errors and failed requests. */
async function openPage(viewport: { width: number; height: number }) {
  const context: BrowserContext = await browser.newContext({ viewport, locale: 'sv-SE', acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  return { context, page, problems };
}

/** An admin view, signed in with the token in the address (wiped at once, kept for the tab). */
async function adminView(page: Page, query: string, h1: string): Promise<void> {
  await page.goto(`${server.url}/admin?${query}#token=${ADMIN_TOKEN}`);
  await page.getByRole('heading', { level: 1, name: h1 }).waitFor();
}

/** axe-core's WCAG 2.1 A and AA rules: no violations at all, whatever their impact. */
async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${what}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

describe('activities', () => {
  it('are recorded in a few taps on a phone, filtered, and removed with a reason', async () => {
    const { context, page, problems } = await openPage(PHONE);
    await adminView(page, `p=${projectId}&view=activities`, 'Aktiviteter');
    await expectNoAxeViolations(page, 'activities on a phone');
    await screenshot(page, 'goals-activities-phone');

    // The meeting just ended: the type, a title, save. The date is today already.
    expect(await page.getByLabel('Datum', { exact: true }).inputValue()).toBe(today());
    const started = Date.now();
    await page.locator('.type-choice label', { hasText: 'Studiebesök' }).click();
    await page.getByLabel('Rubrik').fill('Studiebesök på gårdsmejeriet');
    await page.getByRole('button', { name: 'Spara aktiviteten' }).click();
    await page.locator('main').getByText('Aktiviteten ”Studiebesök på gårdsmejeriet” är sparad.').waitFor();
    expect(Date.now() - started).toBeLessThan(5000);
    await expect.poll(() => page.evaluate('document.activeElement?.name')).toBe('title');
    const listed = (await apiCall('GET', `/api/projects/${projectId}/activities?type=study_visit`)).activities;
    const recorded = listed.find((a: { title: string }) => a.title === 'Studiebesök på gårdsmejeriet');
    expect(recorded).toMatchObject({ type: 'study_visit', date: today(), area: null, removed: null });
    const item = page.locator(`[data-activity="${recorded.id}"]`);
    await item.waitFor();

    // The title is required, at the field.
    await page.getByRole('button', { name: 'Spara aktiviteten' }).click();
    await page.locator('main').getByText('Skriv en rubrik.').first().waitFor();
    expect(await page.getByLabel('Rubrik').getAttribute('aria-invalid')).toBe('true');

    // Filtered by type: workshops only.
    await page.getByLabel('Typ', { exact: true }).selectOption('workshop');
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await expect.poll(() => page.locator('.activity-item .badge').allTextContents()).not.toContain('Studiebesök');
    expect(new Set(await page.locator('.activity-item .badge').allTextContents())).toEqual(new Set(['Workshop']));
    await page.getByLabel('Typ', { exact: true }).selectOption('');
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await item.waitFor();

    // Removal asks why first.
    await item.getByRole('button', { name: /Ta bort/ }).click();
    await item.getByRole('button', { name: 'Ta bort aktiviteten' }).click();
    await item.getByText('Skriv varför aktiviteten tas bort.').waitFor();
    await expectNoAxeViolations(page, 'removal form on a phone');
    await item.getByLabel('Varför tas den bort?').fill('dubblett');
    await item.getByRole('button', { name: 'Ta bort aktiviteten' }).click();
    await expect.poll(() => item.count()).toBe(0);
    const after = (await apiCall('GET', `/api/projects/${projectId}/activities?type=study_visit`)).activities;
    expect(after.find((a: { id: string }) => a.id === recorded.id).removed).toMatchObject({ reason: 'dubblett' });
    await page.locator('main').getByText('Visa borttagna').click();
    await page.locator(`[data-activity="${recorded.id}"].removed`).getByText('Borttagen: dubblett').waitFor();

    // A type of the project's own, then a button of its own.
    await page.getByLabel('Namn på svenska').fill('Skördemarknad');
    await page.getByLabel('Namn på engelska').fill('Harvest fair');
    await page.getByRole('button', { name: 'Lägg till en typ' }).click();
    await page.locator('main').getByText('Typen ”Skördemarknad” är tillagd.').waitFor();
    await page.locator('.type-choice').getByText('Skördemarknad').waitFor();
    const types = (await apiCall('GET', `/api/projects/${projectId}/activity-types`)).types;
    expect(types).toContainEqual({ id: 'skordemarknad', label: { sv: 'Skördemarknad', en: 'Harvest fair' } });

    await page.setViewportSize(DESKTOP);
    await expectNoAxeViolations(page, 'activities on a desktop');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('goals', () => {
  for (const [name, viewport] of VIEWPORTS)
    it(`show progress bars for counts and verdicts with their figures (${name})`, async () => {
      const { context, page, problems } = await openPage(viewport);
      await adminView(page, `p=${projectId}&view=goals`, 'Mål');
      const status = (await apiCall('GET', `/api/projects/${projectId}/goals/status?asOf=${today()}`)).goals as any[];
      expect(new Set(status.map((g) => g.kind))).toEqual(new Set(['count', 'indicator', 'milestone', 'qualitative']));
      await page.locator('.goal-card').first().waitFor();
      for (const goal of status) {
        const card = page.locator(`.goal-card[data-goal="${goal.id}"]`);
        expect(await card.locator('.goal-verdict').getAttribute('data-verdict'), goal.title).toBe(goal.verdict);
        if (goal.kind === 'count') {
          const bar = card.getByRole('progressbar');
          expect(Number(await bar.getAttribute('aria-valuenow'))).toBe(Math.min(goal.actual, goal.target.min));
          expect(Number(await bar.getAttribute('aria-valuemax'))).toBe(goal.target.min);
          expect(await card.locator('[data-field="progress"]').textContent()).toContain(`${goal.actual} av`);
        }
        if (goal.kind === 'indicator') {
          const figures = card.locator('[data-field="figures"]');
          for (const label of ['Skillnad', '95 % konfidensintervall', 'p-värde', 'Viktning'])
            await figures.getByText(label, { exact: true }).waitFor();
          const weighting = goal.basis.weighted ? 'viktade värden' : 'oviktade värden';
          await figures.getByText(weighting, { exact: true }).waitFor();
        }
      }
      await expectNoAxeViolations(page, `goals (${name})`);
      await screenshot(page, `goals-goals-${name}`);
      expect(problems).toEqual([]);
      await context.close();
    });

  it('are added through the form: a count of activities, a milestone', async () => {
    const { context, page, problems } = await openPage(DESKTOP);
    await adminView(page, `p=${projectId}&view=goals`, 'Mål');
    // Without a minimum: said at the field.
    await page.getByLabel('Målet').fill('Minst 3 studiebesök');
    await page.getByRole('button', { name: 'Lägg till målet' }).click();
    await page.locator('main').getByText('Skriv ett heltal.').first().waitFor();
    await page.getByLabel('Aktivitetstyp').selectOption('study_visit');
    await page.getByLabel('Minst', { exact: true }).fill('3');
    await page.getByRole('button', { name: 'Lägg till målet' }).click();
    await page.locator('main').getByText('Målet ”Minst 3 studiebesök” är tillagt.').waitFor();
    const goals = (await apiCall('GET', `/api/projects/${projectId}/goals`)).goals;
    const added = goals.find((g: { title: string }) => g.title === 'Minst 3 studiebesök');
    expect(added).toMatchObject({
      kind: 'count',
      target: { min: 3 },
      measure: { source: 'activities', type: 'study_visit' },
    });
    await page.locator(`.goal-card[data-goal="${added.id}"]`).getByRole('progressbar').waitFor();

    // The indicator form offers the questionnaire's indicators and the rounds.
    await page.getByRole('radio', { name: /^Enkätindikator/ }).check();
    expect(await page.getByLabel('Indikator', { exact: true }).locator('option').count()).toBeGreaterThan(0);
    expect(await page.getByLabel('Nollmätning', { exact: true }).locator('option').count()).toBeGreaterThan(0);
    await page.getByRole('radio', { name: /^Milstolpe/ }).check();
    await page.getByLabel('Målet').fill('Byaplan antagen');
    await page.getByRole('button', { name: 'Lägg till målet' }).click();
    await page.locator('main').getByText('Målet ”Byaplan antagen” är tillagt.').waitFor();
    const milestone = (await apiCall('GET', `/api/projects/${projectId}/goals`)).goals.find(
      (g: { title: string }) => g.title === 'Byaplan antagen',
    );
    expect(milestone).toMatchObject({ kind: 'milestone', target: null });
    await expectNoAxeViolations(page, 'goals after adding');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('reports', () => {
  it('are created, commented, overridden only with a reason, and locked after a confirmation', async () => {
    const { context, page, problems } = await openPage(PHONE);
    await adminView(page, `p=${projectId}&view=reports`, 'Rapporter till finansiär');
    await expectNoAxeViolations(page, 'reports on a phone');
    await page.getByLabel('Rubrik').fill('Delrapport till Leader');
    await page.getByLabel('Delrapport nr').fill('3');
    await page.getByLabel('av (valfritt)').fill('4');
    await page.getByLabel('Perioden börjar').fill('2026-01-01');
    await page.getByLabel('Perioden slutar').fill('2026-06-30');
    await page.getByRole('button', { name: 'Skapa rapporten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Delrapport till Leader' }).waitFor();
    const reportId = new URL(page.url()).searchParams.get('report')!;
    expect((await apiCall('GET', `/api/reports/${reportId}`)).report).toMatchObject({
      kind: 'interim',
      sequence: 3,
      of: 4,
      periodEnd: '2026-06-30',
      locked: null,
    });

    // An override without a reason is refused at the field, and nothing is saved.
    const report = (await apiCall('GET', `/api/reports/${reportId}`)).report;
    const milestone = report.goals.find((g: { kind: string }) => g.kind === 'milestone');
    const block = page.locator(`.report-goal[data-goal="${milestone.id}"]`);
    await block.getByText('Ändra bedömningen').click();
    await block.getByLabel('Ny bedömning').selectOption('achieved');
    await block.getByRole('button', { name: /^Spara/ }).click();
    await block.getByText('Skriv ett skäl till den ändrade bedömningen.').first().waitFor();
    expect(await block.getByLabel('Skäl till ändringen').getAttribute('aria-invalid')).toBe('true');
    let stored = (await apiCall('GET', `/api/reports/${reportId}`)).report.goals.find(
      (g: { id: string }) => g.id === milestone.id,
    );
    expect(stored.override).toBeNull();
    await expectNoAxeViolations(page, 'an override without a reason');

    // With a reason: both verdicts shown, both kept.
    await block.getByLabel('Kommentar').fill('Planen antogs på årsmötet.');
    await block.getByLabel('Skäl till ändringen').fill('Protokoll från årsmötet 2026-04-12');
    await block.getByRole('button', { name: /^Spara/ }).click();
    const saved = page.locator(`.report-goal[data-goal="${milestone.id}"]`);
    await saved
      .getByText(/är sparat/)
      .first()
      .waitFor();
    await saved.locator('[data-field="override"]').getByText('Uppnått').waitFor();
    expect(await saved.locator('[data-field="verdicts"] .goal-verdict').first().textContent()).toContain(
      'Kan inte bedömas',
    );
    stored = (await apiCall('GET', `/api/reports/${reportId}`)).report.goals.find(
      (g: { id: string }) => g.id === milestone.id,
    );
    expect(stored).toMatchObject({
      verdict: 'achieved',
      computedVerdict: 'not_assessable',
      comment: 'Planen antogs på årsmötet.',
      override: { verdict: 'achieved', reason: 'Protokoll från årsmötet 2026-04-12' },
    });

    // The facts, the free text and the signature.
    await page.getByLabel('Projektägare').fill('Byalaget i Gårdeby');
    await page.getByLabel('Utmaningar').fill('Få deltagare under sommaren.');
    await page.getByLabel('Namn', { exact: true }).fill('Anna Landsbygd');
    await page.getByLabel('Ort', { exact: true }).fill('Söderköping');
    await page.getByLabel('Datum', { exact: true }).fill('2026-07-05');
    await page.getByRole('button', { name: 'Spara uppgifterna' }).click();
    await page.locator('main').getByText('Rapporten är sparad.').waitFor();
    expect((await apiCall('GET', `/api/reports/${reportId}`)).report).toMatchObject({
      facts: { owner: 'Byalaget i Gårdeby' },
      sections: { challenges: 'Få deltagare under sommaren.' },
      signature: { name: 'Anna Landsbygd', place: 'Söderköping', date: '2026-07-05' },
    });
    await screenshot(page, 'goals-report-draft-phone');

    // Locking is asked for first; cancelled, nothing happens.
    await page.getByRole('button', { name: 'Lås rapporten …' }).click();
    await page.locator('main').getByText('Vill du låsa rapporten? Det går inte att ångra.').waitFor();
    await expectNoAxeViolations(page, 'the lock confirmation');
    await page.getByRole('button', { name: 'Avbryt' }).click();
    expect((await apiCall('GET', `/api/reports/${reportId}`)).report.locked).toBeNull();
    await page.getByRole('button', { name: 'Lås rapporten …' }).click();
    await page.getByRole('button', { name: 'Ja, lås rapporten' }).click();
    await page.locator('main').getByText('Rapporten är låst.').waitFor();
    await page
      .locator('main')
      .getByText(/Rapporten låstes .*Den kan inte ändras\./)
      .waitFor();
    expect(await page.locator('form.report-goal-form').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Lås rapporten …' }).count()).toBe(0);
    expect((await apiCall('GET', `/api/reports/${reportId}`)).report.locked).toMatchObject({ by: expect.any(String) });
    await expectNoAxeViolations(page, 'a locked report on a phone');
    await page.setViewportSize(DESKTOP);
    await expectNoAxeViolations(page, 'a locked report on a desktop');

    // The list links to the printable report and offers the Word document.
    await adminView(page, `p=${projectId}&view=reports`, 'Rapporter till finansiär');
    const item = page.locator(`.report-item[data-report="${reportId}"]`);
    expect(await item.getByRole('link', { name: /Utskriftsvänlig rapport/ }).getAttribute('href')).toBe(
      `/funder-report/${reportId}`,
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      item.getByRole('button', { name: 'Word-dokument (.docx)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    expect(problems).toEqual([]);
    await context.close();
  });
});

/** The PDF's text by poppler's pdftotext when it is installed; null otherwise. */
function pdfText(pdf: Buffer): string | null {
  const tool = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].find((file) => existsSync(file));
  if (!tool) return null;
  const dir = path.join(root, 'test-results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'funder-report.pdf');
  writeFileSync(file, pdf);
  return execFileSync(tool, ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

describe('the printable funder report', () => {
  it('lays out the forms, passes axe on a phone and a desktop, prints to A4 PDF with its text, and speaks English on request', async () => {
    const reports = (await apiCall('GET', `/api/projects/${projectId}/reports`)).reports as any[];
    const locked =
      reports.find((r) => r.locked && r.title !== 'Delrapport till Leader') ?? reports.find((r) => r.locked);
    const draft = reports.find((r) => !r.locked);
    const view = (await apiCall('GET', `/api/reports/${locked.id}`)).report;
    const { context, page, problems } = await openPage(DESKTOP);
    // Signed in in this tab (as from the admin pages).
    await page.goto(`${server.url}/funder-report/${locked.id}#token=${ADMIN_TOKEN}`);
    await page.locator('body[data-ready="true"]').waitFor();
    expect(page.url()).not.toContain('token');
    for (const heading of [
      '1. Projektuppgifter',
      '2. Genomförda aktiviteter under perioden',
      '3. Måluppfyllelse',
      '4. Avvikelse från gällande projektbeslut',
      '5. Övriga upplysningar och erfarenheter',
      '6. Utmaningar',
      '7. Underskrift',
    ])
      await page.getByRole('heading', { level: 2, name: heading }).waitFor();
    expect(await page.locator('[data-field="kind"]').textContent()).toBe(
      view.kind === 'final' ? 'Slutrapport' : `Delrapport nr ${view.sequence}${view.of ? ` av ${view.of}` : ''}`,
    );
    expect(await page.locator('[data-field="draft"]').count()).toBe(0);
    // Activities grouped by type, with their counts; every goal with its verdict word.
    for (const group of view.activities.filter((g: { count: number }) => g.count > 0))
      expect(await page.locator(`.activity-group[data-type="${group.type}"] tbody tr`).count()).toBe(group.count);
    const words: Record<string, string> = {
      achieved: 'Uppnått',
      partly: 'Delvis uppnått',
      not_achieved: 'Ej uppnått',
      not_assessable: 'Kan inte bedömas',
    };
    for (const goal of view.goals) {
      const verdict = page.locator(`.report-goal-block[data-goal="${goal.id}"] [data-field="verdict"]`);
      expect(await verdict.textContent()).toContain(words[goal.verdict]);
    }
    await expectNoAxeViolations(page, 'the funder report on a desktop');
    await screenshot(page, 'goals-funder-report-desktop');
    await page.setViewportSize(PHONE);
    await expectNoAxeViolations(page, 'the funder report on a phone');
    await screenshot(page, 'goals-funder-report-phone');
    await page.setViewportSize(DESKTOP);

    // Printed: A4, the toolbar gone, the sheet edge to edge.
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    expect(pdfPages(pdf)).toBeGreaterThanOrEqual(2);
    const text = pdfText(pdf);
    if (text !== null) {
      for (const words of [
        'Genomförda aktiviteter under perioden',
        'Måluppfyllelse',
        'Avvikelse från gällande projektbeslut',
        'Övriga upplysningar och erfarenheter',
        'Utmaningar',
        'Underskrift',
        view.project.name,
        view.goals[0].title,
        ...(view.signature ? [view.signature.name] : []),
      ])
        expect(text, words).toContain(words);
      const indicator = view.goals.find((g: { kind: string }) => g.kind === 'indicator');
      if (indicator) expect(text).toContain('95 % konfidensintervall');
      expect(text).not.toContain('Skriv ut');
    }
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.report-toolbar').isVisible()).toBe(false);
    expect(await page.evaluate("getComputedStyle(document.querySelector('.funder-report')).boxShadow")).toBe('none');
    await screenshot(page, 'goals-funder-report-print');
    await page.emulateMedia({ media: null });

    // English on request; a draft is marked as one.
    await page.goto(`${server.url}/funder-report/${draft.id}?lang=en`);
    await page.getByRole('heading', { level: 2, name: '3. Goal fulfilment' }).waitFor();
    await page.locator('main').getByText('Draft – the report is not locked and may change.').waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    await expectNoAxeViolations(page, 'a draft in English');
    const draftPdf = pdfText(await page.pdf({ format: 'A4', printBackground: true }));
    if (draftPdf !== null) expect(draftPdf).toContain('Draft');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe("the dashboard's goals overview", () => {
  for (const [name, viewport] of VIEWPORTS)
    it(`shows an evaluator the goals: progress bars and verdicts with their figures (${name})`, async () => {
      const { token } = await apiCall('POST', `/api/projects/${projectId}/evaluators`);
      const status = (await apiCall('GET', `/api/projects/${projectId}/goals/status`, undefined, token)).goals as any[];
      const { context, page, problems } = await openPage(viewport);
      await page.goto(`${server.url}/dashboard/${projectId}#token=${encodeURIComponent(token)}`);
      const overview = page.locator('[data-field="goals-overview"][data-ready="true"]');
      await overview.waitFor({ state: 'attached' });
      await page.locator('body[data-ready="true"]').waitFor();
      await overview.getByRole('heading', { level: 2, name: 'Måluppfyllelse' }).waitFor();
      expect(await overview.getByRole('progressbar').count()).toBe(status.filter((g) => g.kind === 'count').length);
      for (const goal of status) {
        const card = overview.locator(`.goal-card[data-goal="${goal.id}"]`);
        expect(await card.locator('.goal-verdict').getAttribute('data-verdict')).toBe(goal.verdict);
        if (goal.kind === 'indicator' && goal.basis.difference !== null)
          await card.locator('[data-field="figures"]').getByText('p-värde', { exact: true }).waitFor();
      }
      await expectNoAxeViolations(page, `the dashboard with goals (${name})`);
      await screenshot(page, `goals-dashboard-${name}`);
      expect(problems).toEqual([]);
      await context.close();
    });
});
