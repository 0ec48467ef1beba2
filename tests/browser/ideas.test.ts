// Residents' ideas in a real browser against a real local server, on a phone (390x844) and a
// desktop: the idea page (a valid idea, the API's objections at their fields in Swedish and
// English, the consent rule, 429 and 410 in words, the thank-you page), the public board (only
// public ideas, by area and by state, a merged idea inside the one it joined) and the moderators'
// pages (the waiting count, the queue oldest first, publish and undo, reject with a reason, merge,
// the audit trail, contact deletion, the CSV, the action programme, the letters' QR code), each
// checked with axe-core (no WCAG 2.1 A/AA violations).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { LocalServer } from '../../functions/local/start.ts';
import { builtInTemplate } from '../../functions/core/template.ts';
import { qrSvgDataUrl } from '../../web/src/admin/qr.ts';
import { ADMIN_TOKEN, axeViolations, launchBrowser, screenshot, startServer } from './harness.ts';

const AREAS = [
  { id: 'gardeby', name: 'Gårdeby' },
  { id: 'bottna', name: 'Bottna' },
];
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 900 },
] as const;

let server: LocalServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServer({ demo: false });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.close();
});

/** A call to the API (as the administrator unless `token: null`); its JSON, loosely typed. */
async function api(method: string, path: string, body?: unknown, token: string | null = ADMIN_TOKEN): Promise<any> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function newProject(name: string): Promise<string> {
  return (await api('POST', '/api/projects', { name, areas: AREAS })).id;
}

/** An idea sent as a resident would, then moved through the given states. */
async function idea(projectId: string, body: Record<string, unknown>, ...moves: Record<string, unknown>[]) {
  const { id } = await api('POST', `/api/public/projects/${projectId}/ideas`, body, null);
  for (const move of moves) await api('POST', `/api/ideas/${id}/transitions`, move);
  return id as string;
}

async function ideaOf(projectId: string, id: string): Promise<any> {
  return (await api('GET', `/api/projects/${projectId}/ideas`)).ideas.find((i: { id: string }) => i.id === id);
}

async function newPage(viewport: { width: number; height: number }): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'sv-SE', acceptDownloads: true });
  contexts.push(context);
  context.setDefaultTimeout(8_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) problems.push(message.text());
  });
  return { page, problems };
}

async function expectAccessible(page: Page, what: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${what}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

const PUBLISH = { to: 'published' };

describe('the idea page’s addresses', () => {
  it('are served with the pages’ headers, and an unknown project says so', async () => {
    for (const path of ['/i/no-such-project', '/i/no-such-project/board']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-security-policy'), path).toContain("script-src 'self'");
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(await response.text(), path).toContain('/assets/ideas.js');
    }
    const { page, problems } = await newPage({ width: 390, height: 844 });
    await page.goto(`${server.url}/i/no-such-project`);
    await page.getByRole('heading', { level: 1, name: 'Projektet finns inte' }).waitFor();
    await expectAccessible(page, 'an unknown project');
    expect(problems).toEqual([]);
  });
});

describe.each(VIEWPORTS)('the idea page on a $name', (viewport) => {
  it('takes a valid idea, shows the objections at their fields, asks for consent only with contact details, and thanks', async () => {
    const projectId = await newProject(`Idésidan ${viewport.name}`);
    const { page, problems } = await newPage(viewport);
    await page.goto(`${server.url}/i/${projectId}`);
    await page.getByRole('heading', { level: 1, name: 'Lämna en idé' }).waitFor();
    expect(await page.getByRole('link', { name: 'Lämna en idé' }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByLabel('Område').locator('option').allTextContents()).toEqual([
      'Inget särskilt område',
      'Gårdeby',
      'Bottna',
    ]);
    await expectAccessible(page, 'the empty form');
    await screenshot(page, `ideas-form-${viewport.name}`);

    // Too short a title, no text and a wrong address: the API's messages at the three fields.
    await page.getByLabel('Rubrik').fill('ab');
    await page.getByLabel('E-postadress').fill('inte en adress');
    await page.getByRole('button', { name: 'Skicka idén' }).click();
    const summary = page.locator('.form-problem');
    await summary.waitFor();
    await expect.poll(() => page.evaluate('document.activeElement?.className')).toContain('form-problem');
    for (const id of ['idea-title', 'idea-text', 'idea-email']) {
      expect(await page.locator(`#${id}`).getAttribute('aria-invalid'), id).toBe('true');
      expect((await page.locator(`#${id}-error`).textContent())?.length, id).toBeGreaterThan(5);
    }
    expect(await page.locator('#idea-title-error').textContent()).toMatch(/3/);
    expect(await summary.locator('li').count()).toBe(3);
    await expectAccessible(page, 'the form with errors');
    await screenshot(page, `ideas-form-errors-${viewport.name}`);

    // A valid idea with an address but without consent: only the consent box objects.
    await page.getByLabel('Rubrik').fill('Bänkar vid badplatsen');
    await page.getByLabel('Beskriv din idé').fill('Två bänkar i skuggan.\nGärna i trä.');
    await page.getByLabel('Område').selectOption('gardeby');
    await page.getByLabel('Namn').fill('Anna Andersson');
    await page.getByLabel('E-postadress').fill('anna@example.se');
    expect(await page.getByLabel(/Jag samtycker/).getAttribute('aria-required')).toBe('true');
    await page.getByRole('button', { name: 'Skicka idén' }).click();
    await expect.poll(() => page.locator('#idea-consent').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#idea-consent-error').textContent()).toContain('Kryssa i');
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(1);
    // What was typed is kept.
    expect(await page.getByLabel('Beskriv din idé').inputValue()).toBe('Två bänkar i skuggan.\nGärna i trä.');

    await page.getByLabel(/Jag samtycker/).check();
    await page.getByRole('button', { name: 'Skicka idén' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tack för din idé!' }).waitFor();
    await expect.poll(() => page.evaluate('document.activeElement?.tagName')).toBe('H1');
    await page.getByText('Den visas bland alla idéer när projektet har läst den.').waitFor();
    await expectAccessible(page, 'the thank-you page');
    await screenshot(page, `ideas-thanks-${viewport.name}`);
    const { ideas } = await api('GET', `/api/projects/${projectId}/ideas`);
    expect(ideas).toHaveLength(1);
    expect(ideas[0]).toMatchObject({
      title: 'Bänkar vid badplatsen',
      text: 'Två bänkar i skuggan.\nGärna i trä.',
      area: 'gardeby',
      state: 'received',
      contact: { name: 'Anna Andersson', email: 'anna@example.se' },
    });

    // Without contact details no consent is needed; in English the API answers in English.
    await page.getByRole('button', { name: 'Lämna en idé till' }).click();
    expect(await page.getByLabel(/Jag samtycker/).getAttribute('aria-required')).toBe('false');
    await page.getByRole('button', { name: 'In English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Share an idea' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    await page.getByLabel('Title').fill('x');
    await page.getByLabel('Describe your idea').fill('Something');
    await page.getByRole('button', { name: 'Send the idea' }).click();
    await page.locator('#idea-title-error').waitFor();
    expect(await page.locator('#idea-title-error').textContent()).toMatch(/title/i);
    await page.getByLabel('Title').fill('A market in the square');
    await page.getByRole('button', { name: 'Send the idea' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thank you for your idea!' }).waitFor();
    expect((await api('GET', `/api/projects/${projectId}/ideas`)).ideas[1]).toMatchObject({
      title: 'A market in the square',
      area: null,
      hasContact: false,
    });
    expect(problems).toEqual([]);
  }, 60_000);

  it('says so when too many ideas come from one address (429) and when the collection closes (410)', async () => {
    const projectId = await newProject(`Stängd ${viewport.name}`);
    const { page } = await newPage(viewport);
    await page.goto(`${server.url}/i/${projectId}`);
    await page.getByLabel('Rubrik').fill('En idé till');
    await page.getByLabel('Beskriv din idé').fill('Text');
    await page.route('**/api/public/projects/*/ideas', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 429,
            headers: { 'retry-after': '42', 'content-type': 'application/json' },
            body: JSON.stringify({ error: 'too_many_submissions', message: 'För många' }),
          })
        : route.continue(),
    );
    await page.getByRole('button', { name: 'Skicka idén' }).click();
    await page.getByText('Vänta 42 sekunder och försök igen.', { exact: false }).waitFor();
    expect(await page.getByLabel('Rubrik').inputValue()).toBe('En idé till');
    await expectAccessible(page, 'the 429 message');
    await page.unroute('**/api/public/projects/*/ideas');

    await api('POST', `/api/projects/${projectId}/ideas/settings`, { open: false });
    await page.getByRole('button', { name: 'Skicka idén' }).click();
    await page.getByRole('heading', { level: 1, name: 'Projektet tar inte emot idéer just nu' }).waitFor();
    await expectAccessible(page, 'the closed collection');
    expect((await api('GET', `/api/projects/${projectId}/ideas`)).ideas).toHaveLength(0);
    // A later visit says so at once, and the board stays readable.
    await page.goto(`${server.url}/i/${projectId}`);
    await page.getByRole('heading', { level: 1, name: 'Projektet tar inte emot idéer just nu' }).waitFor();
    await page.getByRole('link', { name: 'Se alla idéer' }).click();
    await page.getByRole('heading', { level: 1, name: /^Idéer i Stängd/ }).waitFor();
  }, 40_000);
});

describe.each(VIEWPORTS)('the public board on a $name', (viewport) => {
  it('shows only public ideas, by area or by state, with a merged idea inside the one it joined', async () => {
    const projectId = await newProject(`Tavlan ${viewport.name}`);
    const benches = await idea(
      projectId,
      { title: 'Bänkar vid badplatsen', text: 'Två bänkar.', area: 'gardeby' },
      PUBLISH,
    );
    await idea(projectId, { title: 'Cykelväg till skolan', text: 'Säkrare väg.', area: 'bottna' }, PUBLISH, {
      to: 'prioritised',
    });
    await idea(projectId, { title: 'Fler bänkar vid sjön', text: 'Vid sjön också.', area: 'gardeby' }, PUBLISH, {
      to: 'merged',
      mergedInto: benches,
    });
    await idea(projectId, { title: 'Marknad på torget', text: 'På lördagar.' }, PUBLISH);
    await idea(projectId, { title: 'Väntar ännu', text: 'Ej granskad.', area: 'bottna' });
    await idea(projectId, { title: 'Avvisad idé', text: 'Nej.' }, { to: 'rejected', reason: 'Hemligt skäl' });
    await idea(projectId, { title: 'Återkallad idé', text: 'Ångrade mig.' }, PUBLISH, { to: 'withdrawn' });

    const { page, problems } = await newPage(viewport);
    await page.goto(`${server.url}/i/${projectId}/board`);
    await page.getByRole('heading', { level: 1, name: `Idéer i Tavlan ${viewport.name}` }).waitFor();
    const headings = (level: number) => page.getByRole('heading', { level }).allTextContents();
    expect(await headings(2)).toEqual(['Gårdeby (1 idé)', 'Bottna (1 idé)', 'Inget särskilt område (1 idé)']);
    expect(await headings(3)).toEqual(['Bänkar vid badplatsen', 'Cykelväg till skolan', 'Marknad på torget']);
    const text = (await page.locator('main').textContent()) ?? '';
    for (const hidden of ['Väntar ännu', 'Avvisad idé', 'Hemligt skäl', 'Återkallad idé'])
      expect(text).not.toContain(hidden);
    // The merged idea is inside the one it joined, with its own title and text.
    const card = page.getByRole('article', { name: 'Bänkar vid badplatsen' });
    await card.getByRole('heading', { level: 4, name: 'En idé har slagits ihop med den här' }).waitFor();
    expect(await card.locator('.merged li').textContent()).toBe('Fler bänkar vid sjönVid sjön också.');
    expect(await page.getByRole('article', { name: 'Cykelväg till skolan' }).locator('.state').textContent()).toBe(
      'Prioriterad',
    );
    await expectAccessible(page, 'the board by area');
    await screenshot(page, `ideas-board-${viewport.name}`);

    // By state, with the keyboard: the radio buttons of the grouping.
    await page.getByLabel('område', { exact: true }).focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => headings(2)).toEqual(['Ny idé (2 idéer)', 'Prioriterad (1 idé)']);
    expect(page.url()).toContain('?by=state');
    expect(await page.evaluate('document.activeElement?.id')).toBe('group-by-state');
    await expectAccessible(page, 'the board by state');

    // The tab to the form, and back with the browser's history.
    await page.getByRole('link', { name: 'Lämna en idé' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lämna en idé' }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: /^Idéer i Tavlan/ }).waitFor();
    expect(problems).toEqual([]);
  }, 40_000);
});

/** The card of an idea in one part of the moderation view. */
function card(page: Page, part: 'queue' | 'all', title: string) {
  return page.locator(`.idea-${part} article`, {
    has: page.getByRole('heading', { level: 3, name: title, exact: true }),
  });
}

describe('the moderators’ pages', () => {
  it('on a desktop: waiting count, queue oldest first, publish and undo, reject with a reason, merge, events, contact deletion, CSV, programme, letters', async () => {
    const projectId = await newProject('Moderering');
    const playground = await idea(projectId, {
      title: 'Lekplats i Gårdeby',
      text: 'En ny lekplats.',
      area: 'gardeby',
      contact: { name: 'Bo Berg', email: 'bo@example.se' },
      consent: true,
    });
    const lights = await idea(projectId, { title: 'Belysning längs ån', text: 'Lampor.', area: 'bottna' });
    const jetty = await idea(projectId, { title: 'Badbrygga', text: 'En brygga.', area: 'gardeby' });
    const dogs = await idea(projectId, { title: 'Hundrastgård', text: 'Inhägnad.', area: 'bottna' }, PUBLISH);
    const grill = await idea(projectId, { title: 'Grillplats', text: 'Vid ån.', area: 'bottna' }, PUBLISH);

    const { page, problems } = await newPage({ width: 1280, height: 900 });
    await page.goto(`${server.url}/admin?p=${projectId}#token=${ADMIN_TOKEN}`);
    await page.getByRole('heading', { level: 1, name: 'Moderering' }).waitFor();
    await page.getByText('3 idéer väntar på granskning.').waitFor();
    await expectAccessible(page, 'the project page');

    await page.getByRole('link', { name: 'Granska idéer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Idéer: Moderering' }).waitFor();
    expect(await page.locator('.idea-queue article h3').allTextContents()).toEqual([
      'Lekplats i Gårdeby',
      'Belysning längs ån',
      'Badbrygga',
    ]);
    // Exactly the next states the API lists, one button each.
    expect(await card(page, 'queue', 'Badbrygga').locator('.idea-actions button').allTextContents()).toEqual([
      'Publicera',
      'Avvisa …',
      'Återkalla (på begäran)',
    ]);
    await expectAccessible(page, 'the moderation view');
    await screenshot(page, 'ideas-moderation-desktop');

    // Publish, then undo from the message.
    await card(page, 'queue', 'Belysning längs ån').getByRole('button', { name: 'Publicera' }).click();
    await page.getByText('”Belysning längs ån” är nu: Publicerad.').waitFor();
    expect(await page.locator('.idea-queue article').count()).toBe(2);
    expect((await ideaOf(projectId, lights)).state).toBe('published');
    await page.locator('#ideas-flash').getByRole('button', { name: 'Ångra min senaste ändring' }).click();
    await page.getByText('Ändringen är ångrad. ”Belysning längs ån” är nu: Väntar på granskning.').waitFor();
    expect(await page.locator('.idea-queue article').count()).toBe(3);
    expect((await ideaOf(projectId, lights)).state).toBe('received');

    // Reject: the dialog asks for a reason first.
    await card(page, 'queue', 'Badbrygga').getByRole('button', { name: 'Avvisa …' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expectAccessible(page, 'the reason dialog');
    await dialog.getByRole('button', { name: 'Bekräfta' }).click();
    await dialog.getByText('Skriv ett skäl.').waitFor();
    await dialog.getByLabel('Skäl').fill('Finns redan i kommunens plan');
    await dialog.getByRole('button', { name: 'Bekräfta' }).click();
    await page.getByText('”Badbrygga” är nu: Avvisad.').waitFor();
    expect(await ideaOf(projectId, jetty)).toMatchObject({
      state: 'rejected',
      lastChange: { reason: 'Finns redan i kommunens plan', by: 'administrator (ADMIN_TOKEN)' },
    });
    // The audit trail, on demand.
    const rejected = card(page, 'all', 'Badbrygga');
    await rejected.getByRole('button', { name: 'Visa händelser' }).click();
    await rejected.locator('.idea-events li').nth(1).waitFor();
    expect(await rejected.locator('.idea-events li').allTextContents()).toEqual([
      expect.stringContaining('Lämnad av en invånare (Väntar på granskning)'),
      expect.stringMatching(
        /Väntar på granskning → Avvisad.*administrator \(ADMIN_TOKEN\).*Skäl: Finns redan i kommunens plan/,
      ),
    ]);
    expect(await rejected.getByRole('button', { name: 'Visa händelser' }).getAttribute('aria-expanded')).toBe('true');

    // Merge: the target is chosen among the published ideas.
    await card(page, 'all', 'Grillplats').getByRole('button', { name: 'Slå ihop med …' }).click();
    const options = await dialog.getByLabel('Idén att slå ihop med').locator('option').allTextContents();
    expect(options).toEqual(['Välj en idé', 'Hundrastgård (Publicerad, Bottna)']);
    await dialog.getByLabel('Idén att slå ihop med').selectOption(dogs);
    await dialog.getByRole('button', { name: 'Bekräfta' }).click();
    await page.getByText('”Grillplats” är nu: Sammanslagen.').waitFor();
    expect((await ideaOf(projectId, grill)).mergedInto).toBe(dogs);
    const board = await api('GET', `/api/public/projects/${projectId}/ideas`, undefined, null);
    expect(board.ideas.find((i: { id: string }) => i.id === dogs).merged).toEqual([
      { id: grill, title: 'Grillplats', text: 'Vid ån.' },
    ]);

    // Contact details: shown to the administrator, deleted on request after a confirmation.
    const withContact = card(page, 'queue', 'Lekplats i Gårdeby');
    expect(await withContact.locator('.idea-contact').textContent()).toContain('bo@example.se');
    await withContact.getByRole('button', { name: 'Radera kontaktuppgifterna' }).click();
    await dialog.getByRole('button', { name: 'Radera kontaktuppgifterna' }).click();
    await page.getByText('Kontaktuppgifterna till ”Lekplats i Gårdeby” är raderade.').waitFor();
    expect(await ideaOf(projectId, playground)).toMatchObject({ contact: null, hasContact: false });
    expect(await page.locator('.idea-contact').count()).toBe(0);

    // The list as CSV: Swedish headers, semicolons, a byte-order mark, no contact details.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Ladda ner listan (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('bygdpuls-moderering-ideer.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\ufeffid;rubrik;text;område;läge;lämnad;senaste ändring;ändrad av;skäl;')).toBe(true);
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(6);
    expect(lines.find((line) => line.startsWith(jetty))).toContain(';Avvisad;');
    expect(lines.find((line) => line.startsWith(jetty))).toContain(';Finns redan i kommunens plan;');
    expect(csv).not.toContain('bo@example.se');

    // Prioritise, then the action programme: state and last change, who and when.
    await card(page, 'all', 'Hundrastgård').getByRole('button', { name: 'Prioritera', exact: true }).click();
    await page.getByText('”Hundrastgård” är nu: Prioriterad.').waitFor();
    await page.getByRole('link', { name: 'Handlingsprogrammet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Handlingsprogram: Moderering' }).waitFor();
    const row = page.locator(`tr[data-idea="${dogs}"]`);
    expect(await row.locator('td').allTextContents()).toEqual([
      'Bottna',
      'Prioriterad',
      expect.stringMatching(/\d{4}/),
      'administrator (ADMIN_TOKEN)',
    ]);
    expect(await row.locator('th').textContent()).toBe('Hundrastgård (+Grillplats)');
    await expectAccessible(page, 'the action programme');
    await screenshot(page, 'ideas-programme-desktop');

    // The letters end with the idea page: a QR code and its address.
    const questionnaire = await api('POST', `/api/projects/${projectId}/questionnaires`, builtInTemplate(AREAS));
    const round = await api('POST', `/api/projects/${projectId}/rounds`, {
      kind: 'baseline',
      name: 'Inbjudna',
      questionnaireId: questionnaire.id,
      access: 'invite',
    });
    await page.goto(`${server.url}/admin?p=${projectId}&r=${round.id}`);
    await page.getByLabel('Antal koder').fill('2');
    await page.getByRole('button', { name: 'Skapa koder' }).click();
    await page.getByText('2 koder är skapade.', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Brev att skriva ut' }).click();
    const strips = page.locator('article.letter .letter-ideas');
    await strips.first().waitFor();
    expect(await strips.count()).toBe(2);
    const address = `${server.url}/i/${projectId}`;
    expect(await strips.first().locator('img').getAttribute('src')).toBe(qrSvgDataUrl(address));
    expect(await strips.first().locator('.letter-ideas-address').textContent()).toBe(address.replace(/^http:\/\//, ''));
    await expectAccessible(page, 'the letters');
    expect(problems).toEqual([]);
  }, 90_000);

  it('on a phone: the queue, a dialog and the programme are accessible, and the settings close the collection', async () => {
    const projectId = await newProject('Mobil');
    await idea(projectId, { title: 'Boule-bana', text: 'Vid skolan.', area: 'gardeby' });
    await idea(projectId, { title: 'Julmarknad', text: 'I december.' }, PUBLISH, { to: 'prioritised' });
    const { page, problems } = await newPage({ width: 390, height: 844 });
    await page.goto(`${server.url}/admin?p=${projectId}&view=ideas#token=${ADMIN_TOKEN}`);
    await page.getByRole('heading', { level: 1, name: 'Idéer: Mobil' }).waitFor();
    await expectAccessible(page, 'the moderation view on a phone');
    await screenshot(page, 'ideas-moderation-phone');
    await card(page, 'queue', 'Boule-bana').getByRole('button', { name: 'Avvisa …' }).click();
    await page.getByRole('dialog').waitFor();
    await expectAccessible(page, 'the reason dialog on a phone');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    // The focus is back on the button that opened the dialog.
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Avvisa …');

    await page.getByLabel('Ta emot nya idéer').uncheck();
    await page.getByRole('button', { name: 'Spara inställningarna' }).click();
    await page.getByText('Inställningarna är sparade.').waitFor();
    expect((await api('GET', `/api/public/projects/${projectId}/ideas`, undefined, null)).project.open).toBe(false);
    expect(await page.getByLabel('Ta emot nya idéer').isChecked()).toBe(false);

    await page.getByRole('link', { name: 'Handlingsprogrammet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Handlingsprogram: Mobil' }).waitFor();
    await expectAccessible(page, 'the action programme on a phone');
    expect(problems).toEqual([]);
  }, 60_000);
});
