// The admin pages at /admin in a real browser against a real local server: signing in, creating a
// project through the form, a questionnaire from the built-in template (previewed first), baseline
// and follow-up rounds, closing and reopening, live counts, invitation codes (CSV and letters with
// QR codes), evaluator access; field errors from the API at their fields; axe-core; screenshots.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { LocalServer } from '../../functions/local/start.ts';
import { qrSvgDataUrl } from '../../web/src/admin/qr.ts';
import { ADMIN_TOKEN, axeViolations, demoIds, launchBrowser, root, screenshot, startServer } from './harness.ts';

let clean: LocalServer;
let demo: LocalServer;
let browser: Browser;

/** The newest modification time under a folder. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(file) : statSync(file).mtimeMs);
  }
  return latest;
}

beforeAll(async () => {
  [clean, demo] = await Promise.all([startServer({ demo: false }), startServer({ demo: true })]);
  browser = await launchBrowser();
  // The harness builds the pages only when none are built: say so when the admin bundle is older than its sources.
  const bundle = statSync(path.join(root, 'web/dist/admin.js')).mtimeMs;
  const sources = Math.max(
    newest(path.join(root, 'web/src/admin')),
    statSync(path.join(root, 'web/src/admin.ts')).mtimeMs,
    newest(path.join(root, 'web/src/common')),
  );
  if (bundle < sources) throw new Error('web/dist/admin.js is older than web/src/admin: run `npm run build:web` first');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([clean?.close(), demo?.close()]);
});

async function apiCall(
  server: LocalServer,
  method: string,
  url: string,
  options: { token?: string; body?: unknown } = {},
): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = { authorization: `Bearer ${options.token ?? ADMIN_TOKEN}` };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${server.url}${url}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

/** A new browser context and page that record console errors, failed requests and CSP reports. */
async function openPage(
  options: { width?: number; height?: number; clipboard?: string } = {},
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    acceptDownloads: true,
    locale: 'sv-SE',
  });
  if (options.clipboard)
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: options.clipboard });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text()))
      problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('http://127.0.0.1') && !url.startsWith('data:') && !url.startsWith('blob:'))
      problems.push(`request elsewhere: ${url}`);
  });
  return { context, page, problems };
}

async function signIn(page: Page, server: LocalServer): Promise<void> {
  await page.goto(`${server.url}/admin`);
  await page.getByLabel('Administratörsnyckel').fill(ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Projekt' }).waitFor();
}

async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${what}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

function roundCard(page: Page, name: string) {
  return page.locator('article.round-card', { has: page.getByRole('heading', { level: 3, name }) });
}

describe('the admin pages', () => {
  it('set up a project from scratch: project with population, template questionnaire, baseline and follow-up, codes, letters, evaluator access', async () => {
    const { context, page, problems } = await openPage({ clipboard: clean.url });
    await page.goto(`${clean.url}/admin`);
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await screenshot(page, 'admin-sign-in');

    // A wrong token says 401 at the field.
    await page.getByLabel('Administratörsnyckel').fill('not-a-token');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect.poll(() => page.locator('.field-error').first().textContent()).toContain('401');
    expect(await page.getByLabel('Administratörsnyckel').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Administratörsnyckel').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Projekt' }).waitFor();
    await page.getByText('Det finns inga projekt än.').waitFor();
    await screenshot(page, 'admin-projects-empty');

    // The English switch, and back.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Projects' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.getByRole('heading', { level: 1, name: 'Projekt' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('sv');

    // A new project through the form, with population figures.
    await page.getByRole('link', { name: 'Nytt projekt' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nytt projekt' }).waitFor();
    await page.getByLabel('Projektets namn').fill('Levande bygd i Ydre');
    await page.getByLabel('Områden', { exact: true }).fill('Gårdeby\nBottna\nÖstra Ryd\nsankt-anna; Sankt Anna');
    await page.getByLabel('Befolkning i Gårdeby').fill('420');
    await page.getByLabel('Befolkning i Bottna').fill('310');
    await page.getByLabel('Befolkning i Östra Ryd').fill('1 380');
    await page.getByLabel('Befolkning i Sankt Anna').fill('190');
    await page.getByLabel('Minsta gruppstorlek').fill('5');
    await page.getByLabel('Signifikansnivå (alfa)').fill('0,10');
    await screenshot(page, 'admin-new-project');
    await page.getByRole('button', { name: 'Skapa projektet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Levande bygd i Ydre' }).waitFor();
    await page.getByText('Projektet ”Levande bygd i Ydre” är skapat.').waitFor();
    const projectId = new URL(page.url()).searchParams.get('p')!;
    expect(projectId).toBeTruthy();

    const stored = (await apiCall(clean, 'GET', `/api/projects/${projectId}`)).json;
    expect(stored.project.name).toBe('Levande bygd i Ydre');
    expect(stored.project.demo).toBe(false);
    expect(stored.project.areas).toEqual([
      { id: 'gardeby', name: 'Gårdeby' },
      { id: 'bottna', name: 'Bottna' },
      { id: 'ostra-ryd', name: 'Östra Ryd' },
      { id: 'sankt-anna', name: 'Sankt Anna' },
    ]);
    expect(stored.project.settings.minGroupSize).toBe(5);
    expect(stored.project.settings.alpha).toBe(0.1);
    expect(stored.project.settings.weighting).toEqual({
      strata: ['area'],
      population: [
        { area: 'gardeby', population: 420 },
        { area: 'bottna', population: 310 },
        { area: 'ostra-ryd', population: 1380 },
        { area: 'sankt-anna', population: 190 },
      ],
    });

    // The built-in questionnaire: previewed (Swedish, then English) before it is saved.
    await page.getByRole('link', { name: 'Lägg till enkät' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lägg till enkät' }).waitFor();
    expect(await page.getByRole('button', { name: 'Spara enkäten' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    const preview = page.locator('.preview-frame');
    await preview.getByText('Hur nöjd är du sammantaget med din bygd som en plats att bo och leva på?').waitFor();
    await expect.poll(() => preview.getByRole('button', { name: 'Nästa' }).count()).toBeGreaterThan(0);
    await screenshot(page, 'admin-questionnaire-preview-sv');
    await page.getByRole('radio', { name: 'English' }).check();
    await preview.getByText('Overall, how satisfied are you with your place as somewhere to live?').waitFor();
    await screenshot(page, 'admin-questionnaire-preview-en');
    await page.getByRole('button', { name: 'Spara enkäten' }).click();
    await page.getByText('Enkäten är sparad.').waitFor();
    const withQuestionnaire = (await apiCall(clean, 'GET', `/api/projects/${projectId}`)).json;
    expect(withQuestionnaire.questionnaires).toHaveLength(1);
    expect(withQuestionnaire.questionnaires[0].indicators.map((i: { id: string }) => i.id)).toContain('nki');
    const questionnaire = (
      await apiCall(clean, 'GET', `/api/projects/${projectId}/questionnaires/${withQuestionnaire.questionnaires[0].id}`)
    ).json;
    const areaQuestion = questionnaire.survey.pages[3].elements[0];
    expect(areaQuestion.choices.map((c: { value: string }) => c.value)).toEqual([
      'gardeby',
      'bottna',
      'ostra-ryd',
      'sankt-anna',
    ]);

    // A baseline open to all, then a follow-up by invitation.
    await page.getByRole('radio', { name: /Nollmätning/ }).check();
    await page.getByLabel('Namn på omgången').fill('Nollmätning hösten 2025');
    await page.getByRole('radio', { name: /Öppen länk/ }).check();
    await page.getByRole('button', { name: 'Skapa omgången' }).click();
    await roundCard(page, 'Nollmätning hösten 2025').waitFor();
    await page.getByText('Omgången ”Nollmätning hösten 2025” är skapad och öppen för svar.').waitFor();
    // With a baseline in place, the form offers a follow-up.
    expect(await page.getByRole('radio', { name: /Uppföljning/ }).isChecked()).toBe(true);
    await page.getByLabel('Namn på omgången').fill('Uppföljning 2027');
    await page.getByRole('radio', { name: /Med inbjudningskod/ }).check();
    await page.getByRole('button', { name: 'Skapa omgången' }).click();
    await roundCard(page, 'Uppföljning 2027').waitFor();

    const { rounds } = (await apiCall(clean, 'GET', `/api/projects/${projectId}`)).json as {
      rounds: { id: string; name: string; kind: string; access: string; status: string }[];
    };
    const baseline = rounds.find((r) => r.kind === 'baseline')!;
    const followup = rounds.find((r) => r.kind === 'followup')!;
    expect(baseline).toMatchObject({ name: 'Nollmätning hösten 2025', access: 'open', status: 'open' });
    expect(followup).toMatchObject({ name: 'Uppföljning 2027', access: 'invite', status: 'open' });
    // Each round's survey link.
    expect(
      await roundCard(page, 'Nollmätning hösten 2025').locator(`a[href="${clean.url}/s/${baseline.id}"]`).count(),
    ).toBe(1);
    expect(await roundCard(page, 'Uppföljning 2027').locator(`a[href="${clean.url}/s/${followup.id}"]`).count()).toBe(
      1,
    );
    await screenshot(page, 'admin-project');

    // Close (asked for first: "Avbryt" keeps it open) and reopen the baseline.
    const card = () => roundCard(page, 'Nollmätning hösten 2025');
    await card()
      .getByRole('button', { name: /^Stäng/ })
      .click();
    await card().getByRole('button', { name: 'Avbryt' }).click();
    expect((await apiCall(clean, 'GET', `/api/rounds/${baseline.id}`)).json.round.status).toBe('open');
    await card()
      .getByRole('button', { name: /^Stäng/ })
      .click();
    await card()
      .getByText(/^Stänga omgången ”Nollmätning hösten 2025”\?/)
      .waitFor();
    await card().getByRole('button', { name: 'Ja, stäng omgången' }).click();
    await card().getByText('Stängd', { exact: true }).waitFor();
    await card()
      .getByText(/De slutliga siffrorna och fritextsvaren släpps/)
      .waitFor();
    expect((await apiCall(clean, 'GET', `/api/rounds/${baseline.id}`)).json.round.status).toBe('closed');
    expect((await fetch(`${clean.url}/api/public/rounds/${baseline.id}`)).status).toBe(410);
    await screenshot(page, 'admin-project-round-closed');
    await card()
      .getByRole('button', { name: /^Öppna/ })
      .click();
    await card().getByText('Öppen för svar', { exact: true }).waitFor();
    expect((await apiCall(clean, 'GET', `/api/rounds/${baseline.id}`)).json.round.status).toBe('open');
    expect((await fetch(`${clean.url}/api/public/rounds/${baseline.id}`)).status).toBe(200);

    // Live counts: answers arriving while the baseline's page is shown appear within seconds;
    // areas under the minimum group size say "färre än 5", and an area whose count would give a
    // smaller one away (total minus the others) is hidden too.
    await card()
      .getByRole('link', { name: /Svar och koder/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Nollmätning hösten 2025' }).waitFor();
    const row = (area: string) => page.locator(`table.counts tr[data-area="${area}"] td`).first();
    const answer = async (area: string) => {
      const answers = { area, q_nki_overall: 8, q_nki_expect: 7, q_nki_ideal: 6 };
      expect(
        (
          await apiCall(clean, 'POST', `/api/public/rounds/${baseline.id}/responses`, {
            body: { responseId: randomUUID(), answers },
          })
        ).status,
      ).toBe(201);
    };
    expect(await row('gardeby').textContent()).toBe('färre än 5');
    for (let i = 0; i < 5; i++) await answer('gardeby');
    await expect.poll(() => row('gardeby').textContent(), { timeout: 15_000, interval: 500 }).toBe('5');
    expect(await row('bottna').textContent()).toBe('färre än 5');
    await answer('bottna');
    await expect
      .poll(() => row('gardeby').textContent(), { timeout: 15_000, interval: 500 })
      .toBe('dolt (skyddar ett mindre område)');
    expect(await row('bottna').textContent()).toBe('färre än 5');
    expect(await page.locator('table.counts tfoot td').first().textContent()).toBe('6');
    await page.getByText('Den här omgången är öppen för alla som har länken och använder inga koder.').waitFor();
    await screenshot(page, 'admin-round-open');

    // Invitation codes for the follow-up: three for Bottna.
    await page.getByRole('link', { name: 'Levande bygd i Ydre' }).click();
    await roundCard(page, 'Uppföljning 2027')
      .getByRole('link', { name: /Svar och koder/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Uppföljning 2027' }).waitFor();
    await page.getByLabel('Antal koder').fill('3');
    await page.getByLabel('Område (valfritt)').selectOption('bottna');
    await page.getByRole('button', { name: 'Skapa koder' }).click();
    await page.getByText('3 koder är skapade.', { exact: false }).waitFor();
    const codes = (await page.locator('table.codes td.code').allTextContents()).map((c) => c.trim());
    expect(codes).toHaveLength(3);
    for (const code of codes) expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    await screenshot(page, 'admin-round-codes');

    // The CSV file: code, area, personal link, as Swedish Excel opens it.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Ladda ner koderna (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\ufeff/, '');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe('kod;område;länk');
    expect(lines.slice(1)).toEqual(codes.map((code) => `${code};bottna;${clean.url}/s/${followup.id}#code=${code}`));

    // The codes work, once; the invited count and the answers show up per area.
    expect(
      (
        await apiCall(clean, 'POST', `/api/public/rounds/${followup.id}/responses`, {
          body: { code: codes[0], answers: { area: 'bottna', q_nki_overall: 9 } },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await apiCall(clean, 'POST', `/api/public/rounds/${followup.id}/responses`, {
          body: { code: codes[0], answers: { area: 'bottna', q_nki_overall: 3 } },
        })
      ).status,
    ).toBe(409);
    const counts = (await apiCall(clean, 'GET', `/api/rounds/${followup.id}`)).json;
    expect(counts.invited).toBe(3);
    expect(counts.areas.find((a: { area: string }) => a.area === 'bottna')).toMatchObject({
      invited: 3,
      underMinimum: true,
      responses: null,
    });
    await expect
      .poll(() => page.locator('table.counts tr[data-area="bottna"] td').nth(1).textContent(), {
        timeout: 15_000,
        interval: 500,
      })
      .toBe('3');
    expect(await page.locator('table.counts tr[data-area="bottna"] td').first().textContent()).toBe('färre än 5');

    // The letters: one per page, each with the address, the code and a QR code of the personal link.
    await page.getByRole('link', { name: 'Brev att skriva ut' }).click();
    await page.getByRole('heading', { level: 1, name: 'Brev med inbjudningskoder' }).waitFor();
    const letters = page.locator('article.letter');
    expect(await letters.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      const letter = letters.nth(i);
      expect((await letter.locator('.letter-code').textContent())?.trim()).toBe(codes[i]);
      expect(await letter.locator('.letter-address').textContent()).toBe(`${clean.url}/s/${followup.id}`);
      const qr = letter.locator('img.qr');
      expect(await qr.getAttribute('src')).toBe(qrSvgDataUrl(`${clean.url}/s/${followup.id}#code=${codes[i]}`));
      expect(await qr.getAttribute('alt')).toContain(codes[i]!);
      await expect
        .poll(() => page.evaluate(`document.querySelectorAll('article.letter img.qr')[${i}].naturalWidth`))
        .toBeGreaterThan(0);
    }
    await screenshot(page, 'admin-letters-1');
    // In print: one letter per A4 page, then four to a page.
    expect(pdfPages(await page.pdf({ format: 'A4', printBackground: true }))).toBe(3);
    await page.getByRole('radio', { name: '4' }).check();
    await screenshot(page, 'admin-letters-4');
    expect(pdfPages(await page.pdf({ format: 'A4', printBackground: true }))).toBe(1);
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'admin-letters-4-print');
    await page.emulateMedia({ media: null });
    await page.getByRole('radio', { name: '2' }).check();
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'admin-letters-2-print');
    await page.emulateMedia({ media: null });
    expect(pdfPages(await page.pdf({ format: 'A4', printBackground: true }))).toBe(2);
    await page.getByRole('radio', { name: '1' }).check();

    // Evaluator access: the token once, the dashboard link with a copy button; the token reads this project only.
    await page.getByRole('link', { name: 'Levande bygd i Ydre' }).click();
    await page.getByRole('button', { name: 'Skapa åtkomst för en utvärderare' }).click();
    const linkField = page.getByLabel('Länk till resultaten (med nyckeln)');
    await linkField.waitFor();
    const dashboardLink = await linkField.inputValue();
    expect(dashboardLink).toMatch(new RegExp(`^${clean.url.replace(/[.]/g, '\\.')}/dashboard/${projectId}#token=.+`));
    const token = decodeURIComponent(dashboardLink.split('#token=')[1]!);
    expect(await page.getByLabel('Utvärderarens nyckel').inputValue()).toBe(token);
    await page.getByRole('button', { name: 'Kopiera länken' }).click();
    await page.getByText('Kopierat.').first().waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(dashboardLink);
    await screenshot(page, 'admin-evaluator');
    expect((await apiCall(clean, 'GET', `/api/projects/${projectId}`, { token })).status).toBe(200);
    expect(
      (
        await apiCall(
          clean,
          'GET',
          `/api/projects/${projectId}/comparison?baseline=${baseline.id}&followup=${followup.id}`,
          { token },
        )
      ).status,
    ).toBe(200);
    expect((await apiCall(clean, 'GET', '/api/projects', { token })).status).toBe(403);
    expect((await apiCall(clean, 'POST', `/api/rounds/${baseline.id}/close`, { token })).status).toBe(403);
    const dashboard = await context.newPage();
    const response = await dashboard.goto(dashboardLink);
    expect(response?.status()).toBe(200);
    await dashboard.close();

    // Signing out forgets the token.
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await page.getByText('Du är utloggad.').waitFor();
    expect(await page.evaluate('sessionStorage.getItem("bygdpuls.token")')).toBeNull();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();

    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it('shows the API field errors at their fields, and says what a 401 or 403 means', async () => {
    const { context, page, problems } = await openPage();
    // Signed in through the address (#token=...), which is wiped from the address bar at once.
    await page.goto(`${clean.url}/admin?view=new#token=${ADMIN_TOKEN}`);
    await page.getByRole('heading', { level: 1, name: 'Nytt projekt' }).waitFor();
    expect(new URL(page.url()).hash).toBe('');

    // A duplicate area and a minimum group size under 3: both are refused by the API, at their fields.
    await page.getByLabel('Projektets namn').fill('Dubbelbygd');
    await page.getByLabel('Områden', { exact: true }).fill('Gårdeby\nGårdeby');
    await page.getByLabel('Minsta gruppstorlek').fill('2');
    await page.getByRole('button', { name: 'Skapa projektet' }).click();
    const areas = page.getByLabel('Områden', { exact: true });
    await expect.poll(() => areas.getAttribute('aria-invalid')).toBe('true');
    const areasError = page.locator(`#${await areas.getAttribute('id')}-error`);
    expect(await areasError.textContent()).toContain('area ids must be distinct');
    expect(await areas.getAttribute('aria-describedby')).toContain(`${await areas.getAttribute('id')}-error`);
    const k = page.getByLabel('Minsta gruppstorlek');
    expect(await k.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await k.getAttribute('id')}-error`).textContent()).toMatch(/>=\s*3|at least|3/);
    // The summary lists them, takes the focus and links to the fields.
    const summary = page.locator('.error-summary');
    expect(await summary.isVisible()).toBe(true);
    expect(await page.evaluate('document.activeElement?.classList.contains("error-summary")')).toBe(true);
    expect(await summary.getByRole('link').count()).toBe(2);
    expect(await page.getByLabel('Projektets namn').getAttribute('aria-invalid')).toBeNull();
    await screenshot(page, 'admin-new-project-errors');
    await expectNoAxeViolations(page, 'new project with errors');

    // A population figure for one area only: the API's error shows at the population figures.
    await areas.fill('Gårdeby\nBottna');
    await k.fill('5');
    await page.getByLabel('Befolkning i Gårdeby').fill('420');
    await page.getByRole('button', { name: 'Skapa projektet' }).click();
    await page.locator('fieldset .field-error', { hasText: 'no population figure for area "bottna"' }).waitFor();
    expect(await areas.getAttribute('aria-invalid')).toBeNull();
    // A figure that is not a number is caught at its field before anything is sent.
    await page.getByLabel('Befolkning i Bottna').fill('många');
    await page.getByRole('button', { name: 'Skapa projektet' }).click();
    expect(await page.getByLabel('Befolkning i Bottna').getAttribute('aria-invalid')).toBe('true');
    expect(
      await page.locator(`#${await page.getByLabel('Befolkning i Bottna').getAttribute('id')}-error`).textContent(),
    ).toContain('Skriv ett tal.');
    await page.getByLabel('Befolkning i Bottna').fill('310');
    await page.getByRole('button', { name: 'Skapa projektet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dubbelbygd' }).waitFor();
    const projectId = new URL(page.url()).searchParams.get('p')!;

    // A round without a name: the API's error at the name field.
    await page.getByRole('link', { name: 'Lägg till enkät' }).click();
    // Own JSON: a syntax error is caught here, an indicator on a missing question by the API.
    await page.getByRole('radio', { name: /Egen enkät/ }).check();
    const indicators = page.getByLabel('Indikatorer (JSON)');
    await indicators.fill('[{"id": "x", "kind": "mean", "items": ["q_missing"], "scale": [1, 5]}');
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await expect.poll(() => indicators.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await indicators.getAttribute('id')}-error`).textContent()).toContain(
      'inte giltig JSON',
    );
    await indicators.fill('[{"id": "x", "kind": "mean", "items": ["q_missing"], "scale": [1, 5]}]');
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await page.getByRole('button', { name: 'Spara enkäten' }).click();
    await expect.poll(() => indicators.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await indicators.getAttribute('id')}-error`).textContent()).toContain('q_missing');
    // A background mapping without the area the project groups and weights by: refused, said at
    // the background field; left empty, each variable is the question of its name.
    const background = page.getByLabel('Bakgrundsfrågor (JSON, valfritt)');
    await background.fill('{"gender": "gender"}');
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await page.getByRole('button', { name: 'Spara enkäten' }).click();
    await expect.poll(() => background.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await background.getAttribute('id')}-error`).textContent()).toContain(
      "no question is mapped to area, which the project's groupBy",
    );
    await background.fill('');
    // Editing after the preview asks for a new preview before saving.
    await indicators.fill('[{"id": "nki", "kind": "index", "items": ["q_nki_overall"], "scale": [1, 10]}]');
    expect(await page.getByRole('button', { name: 'Spara enkäten' }).count()).toBe(0);
    await page.getByText('Du har ändrat enkäten.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await page.getByRole('button', { name: 'Spara enkäten' }).click();
    await page.getByText('Enkäten är sparad.').waitFor();
    await page.getByRole('button', { name: 'Skapa omgången' }).click();
    const roundName = page.getByLabel('Namn på omgången');
    await expect.poll(() => roundName.getAttribute('aria-invalid')).toBe('true');
    expect((await apiCall(clean, 'GET', `/api/projects/${projectId}`)).json.rounds).toHaveLength(0);

    // An evaluator's token is not an administrator's: 403, said as such.
    const { token } = (await apiCall(clean, 'POST', `/api/projects/${projectId}/evaluators`)).json as { token: string };
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.getByLabel('Administratörsnyckel').fill(token);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect.poll(() => page.locator('.field-error').first().textContent()).toContain('403');

    // The same token kept in the tab (the dashboard keeps its token there too): 403 on the
    // project list, said as such, with a way to sign in with another token.
    await page.evaluate(`sessionStorage.setItem("bygdpuls.token", ${JSON.stringify(token)})`);
    await page.goto(`${clean.url}/admin`);
    await page.getByText('Din nyckel ger inte tillgång till det här (403).').waitFor();
    await page.getByRole('button', { name: 'Logga in med en annan nyckel' }).click();
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    expect(await page.evaluate('document.activeElement?.tagName')).toBe('H1');

    // A token that stops working while signed in (401) brings back the sign-in form with a message.
    await page.evaluate('sessionStorage.setItem("bygdpuls.token", "expired-or-revoked")');
    await page.goto(`${clean.url}/admin?p=${projectId}`);
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await page.getByText('nyckeln godtas inte längre (401)', { exact: false }).waitFor();
    await screenshot(page, 'admin-sign-in-401');
    // Signing in again returns to the same view, with the focus on its heading.
    await page.getByLabel('Administratörsnyckel').fill(ADMIN_TOKEN);
    await page.getByLabel('Administratörsnyckel').press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Dubbelbygd' }).waitFor();
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Dubbelbygd');

    // By keyboard: after a load the skip link comes first; links answer Enter, and a move puts
    // the focus on the new view's heading.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Dubbelbygd' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Hoppa till innehållet');
    await page.getByRole('link', { name: 'Projekt', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Projekt' }).waitFor();
    expect(await page.evaluate('document.activeElement?.tagName')).toBe('H1');
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Dubbelbygd' }).waitFor();

    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('has no axe-core violations on the sign-in, project list, project, round and letters views (demo data marked)', async () => {
    const { context, page, problems } = await openPage();
    const ids = await demoIds(demo);
    await page.goto(`${demo.url}/admin`);
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await expectNoAxeViolations(page, 'sign-in');

    await signIn(page, demo);
    await page.locator('.project-item .badge.demo').waitFor();
    await expectNoAxeViolations(page, 'project list');
    await screenshot(page, 'admin-projects-demo');

    await page.locator('.project-item a').first().click();
    await page.getByRole('heading', { level: 1, name: /Demo: Söderköpings landsbygd/ }).waitFor();
    await page.getByText('Det här är ett demoprojekt med påhittade svar.', { exact: false }).waitFor();
    await expectNoAxeViolations(page, 'project view');
    await screenshot(page, 'admin-project-demo');

    // The demo's follow-up round: numbers per area, small areas as "färre än 5".
    await roundCard(page, 'Uppföljning 2026')
      .getByRole('link', { name: /Svar och koder/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Uppföljning 2026' }).waitFor();
    const counts = (await apiCall(demo, 'GET', `/api/rounds/${ids.followupId}`)).json as {
      responses: number;
      areas: { area: string; responses: number | null }[];
    };
    for (const area of counts.areas) {
      expect(await page.locator(`table.counts tr[data-area="${area.area}"] td`).first().textContent()).toBe(
        area.responses === null ? 'färre än 5' : String(area.responses),
      );
    }
    await expectNoAxeViolations(page, 'round view');
    await screenshot(page, 'admin-round-demo');

    // An invited round on the demo project, its codes and letters.
    const questionnaireId = (await apiCall(demo, 'GET', `/api/projects/${ids.projectId}`)).json.questionnaires[0].id;
    const { id: roundId } = (
      await apiCall(demo, 'POST', `/api/projects/${ids.projectId}/rounds`, {
        body: { kind: 'followup', name: 'Uppföljning med brev', questionnaireId, access: 'invite' },
      })
    ).json;
    await page.goto(`${demo.url}/admin?p=${ids.projectId}&r=${roundId}`);
    await page.getByRole('heading', { level: 1, name: 'Uppföljning med brev' }).waitFor();
    await page.getByLabel('Antal koder').fill('5');
    await page.getByRole('button', { name: 'Skapa koder' }).click();
    await page.getByText('5 koder är skapade.', { exact: false }).waitFor();
    await expectNoAxeViolations(page, 'round view with codes');
    await page.getByRole('link', { name: 'Brev att skriva ut' }).click();
    await page.getByRole('heading', { level: 1, name: 'Brev med inbjudningskoder' }).waitFor();
    expect(await page.locator('article.letter img.qr').count()).toBe(5);
    await expectNoAxeViolations(page, 'letters');
    // A reload forgets the codes (they are shown once): the letters view says so.
    await page.reload();
    await page.getByText('Det finns inga nya koder att skriva ut.', { exact: false }).waitFor();
    await expectNoAxeViolations(page, 'letters without codes');

    // The questionnaire view with its preview, and the English pages.
    await page.goto(`${demo.url}/admin?p=${ids.projectId}&view=questionnaire`);
    await page.getByRole('heading', { level: 1, name: 'Lägg till enkät' }).waitFor();
    await expectNoAxeViolations(page, 'questionnaire view');
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await page.locator('.preview-frame .sd-root-modern').waitFor();
    await expectNoAxeViolations(page, 'questionnaire preview');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a questionnaire' }).waitFor();
    await page.goto(`${demo.url}/admin?p=${ids.projectId}`);
    await page.getByRole('heading', { level: 2, name: 'Survey rounds' }).waitFor();
    await page.getByText('Demo data', { exact: true }).first().waitFor();
    await expectNoAxeViolations(page, 'project view in English');
    await screenshot(page, 'admin-project-demo-en');
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.getByRole('heading', { level: 2, name: 'Mätomgångar' }).waitFor();

    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('loads SurveyJS only when a questionnaire preview is opened, and the preview still draws', async () => {
    const { context, page, problems } = await openPage();
    const ids = await demoIds(demo);
    const fetched: string[] = [];
    page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
    const surveyJs = (path: string) => /^\/assets\/(admin-preview-|survey-core\.css|survey\.css)/.test(path);
    await signIn(page, demo);
    await page.goto(`${demo.url}/admin?p=${ids.projectId}`);
    await page.getByRole('heading', { level: 2, name: 'Mätomgångar' }).waitFor();
    await page.goto(`${demo.url}/admin?p=${ids.projectId}&view=questionnaire`);
    await page.getByRole('heading', { level: 1, name: 'Lägg till enkät' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(fetched.filter(surveyJs)).toEqual([]);
    expect(await page.locator('link[href="/assets/survey-core.css"]').count()).toBe(0);

    const chunk = page.waitForResponse((response) => /\/assets\/admin-preview-\w+\.js$/.test(response.url()));
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    const preview = page.locator('.preview-frame');
    await preview.getByText('Hur nöjd är du sammantaget med din bygd som en plats att bo och leva på?').waitFor();
    await preview.locator('.sd-root-modern').waitFor();
    // The chunk is a module script of this origin (script-src 'self'), named by its content and so cached for good.
    const response = await chunk;
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^text\/javascript/);
    expect(response.headers()['cache-control']).toContain('immutable');
    expect(
      fetched
        .filter(surveyJs)
        .map((path) => path.replace(/-\w+\.js$/, '.js'))
        .sort(),
    ).toEqual(['/assets/admin-preview.js', '/assets/survey-core.css', '/assets/survey.css']);
    // SurveyJS's stylesheet came with the chunk, and has been read.
    expect(
      await page.evaluate(
        "[...document.styleSheets].some((sheet) => sheet.href?.endsWith('/assets/survey-core.css') && sheet.cssRules.length > 0)",
      ),
    ).toBe(true);
    await page.getByRole('radio', { name: 'English' }).check();
    await preview.getByText('Overall, how satisfied are you with your place as somewhere to live?').waitFor();
    // Leaving the view takes the survey stylesheets away again.
    await page.getByRole('link', { name: 'Projekt', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Projekt' }).waitFor();
    expect(await page.locator('link[href="/assets/survey-core.css"]').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('works on a phone-sized screen (screenshots)', async () => {
    const { context, page, problems } = await openPage({ width: 390, height: 844 });
    const ids = await demoIds(demo);
    await signIn(page, demo);
    await screenshot(page, 'admin-phone-projects');
    await page.goto(`${demo.url}/admin?p=${ids.projectId}`);
    await page.getByRole('heading', { level: 2, name: 'Mätomgångar' }).waitFor();
    await screenshot(page, 'admin-phone-project');
    await page.goto(`${demo.url}/admin?p=${ids.projectId}&r=${ids.baselineId}`);
    await page.locator('table.counts').waitFor();
    await screenshot(page, 'admin-phone-round');
    await page.goto(`${demo.url}/admin?view=new`);
    await page.getByLabel('Områden', { exact: true }).fill('Gårdeby\nBottna');
    await screenshot(page, 'admin-phone-new-project');
    // Nothing is wider than the screen (except the letters' A4 sheets, which scroll).
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});

/** The number of pages of a PDF. */
function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}
