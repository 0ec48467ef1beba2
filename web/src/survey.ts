// The residents' survey page, /s/<roundId> (#code=... for invited rounds): loads the round's
// questionnaire, renders it with SurveyJS in Swedish (English on request), asks for the invitation
// code when the round needs one and checks it before the questions, sends the answers (retrying on
// network trouble without ever storing them twice), shows the server's objections at the
// questions, and ends on a full page: thanks, unknown or closed survey, invalid or used code.
import { Model, settings, surveyLocalization, type SurveyModel } from 'survey-core';
import { renderSurvey } from 'survey-js-ui';
import 'survey-core/i18n/swedish';
import { clear, h } from './common/dom.ts';
import type { Lang } from './common/lang.ts';
import { currentLang, rememberLang } from './common/langChoice.ts';
import { showServerErrors, type FieldError } from './survey/errors.ts';
import { withSafeHtml } from './survey/safeHtml.ts';
import { forgetAttempt, loadAttempt, newAttempt, request, saveAttempt, type Attempt } from './survey/submit.ts';
import { TEXTS, type Texts } from './survey/texts.ts';

interface PublicRound {
  round: { id: string; name: string; kind: string; access: 'open' | 'invite' };
  /** The project's id, when the API names it: the thank-you page then links to its idea page. */
  project: { id?: string; name: string; demo: boolean };
  survey: Record<string, unknown>;
}

type View =
  | 'loading'
  | 'load-failed'
  | 'not-found'
  | 'closed'
  | 'code'
  | 'code-invalid'
  | 'survey'
  | 'code-used'
  | 'already'
  | 'thanks';

// Headings a screen reader can navigate by: the survey's title, its pages, then the questions.
settings.titleTags.survey = 'h1';
settings.titleTags.page = 'h2';
settings.titleTags.panel = 'h3';
settings.titleTags.question = 'h3';
settings.animationEnabled = false;
// The questionnaires' texts are {default, sv, en} with Swedish as the default.
surveyLocalization.defaultLocale = 'sv';

const roundId = decodeURIComponent(location.pathname.replace(/^\/s\//, '').replace(/\/+$/, ''));
const roundUrl = `/api/public/rounds/${encodeURIComponent(roundId)}`;
let lang: Lang = 'sv';
try {
  lang = currentLang();
} catch {
  // storage blocked: Swedish
}
document.documentElement.lang = lang;
let attempt: Attempt = loadAttempt(roundId);
takeCodeFromUrl();

let data: PublicRound | null = null;
let survey: SurveyModel | null = null;
let view: View = 'loading';
let sending = false;
let sendFailed = false;
let generalErrors: string[] = [];
let fieldErrors = 0;
let codeError: string | null = null;
let codeDraft = attempt.code ?? '';
let rendered = false;

const main = document.getElementById('main')!;
const projectName = h('p', { class: 'project-name' });
const langButton = h('button', { type: 'button', class: 'secondary lang-switch', onclick: switchLang });
const demoNotice = h('p', { class: 'notice demo', role: 'note' });
const content = h('div', { class: 'view' });
const alerts = h('div', { class: 'survey-alerts' });
const host = h('div', { class: 'survey-host' });
const status = h('div', { class: 'send-status', role: 'status' });
const failure = h('div', { class: 'send-failure' });
clear(main);
main.append(h('header', { class: 'survey-header' }, projectName, langButton), demoNotice, content);

/**
 * The code of an invitation link (#code=, or ?code= in letters printed before links kept it out of
 * the server's logs) goes to this tab's attempt, and out of the address bar.
 */
function takeCodeFromUrl(): void {
  const params = new URLSearchParams(location.search);
  const fragment = new URLSearchParams(location.hash.slice(1));
  const code = params.get('code') ?? fragment.get('code');
  if (code === null) return;
  params.delete('code');
  fragment.delete('code');
  const [query, hash] = [params.toString(), fragment.toString()];
  history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}${hash ? `#${hash}` : ''}`);
  const given = code.trim();
  if (!given) return;
  // Another invitation in the same tab is another resident: start afresh.
  const same = (a: string, b: string) =>
    a.toUpperCase().replace(/[\s-]/g, '') === b.toUpperCase().replace(/[\s-]/g, '');
  if (attempt.code && !same(attempt.code, given)) attempt = newAttempt();
  attempt.code = given;
  saveAttempt(roundId, attempt);
}

const t = (): Texts => TEXTS[lang];

function switchLang(): void {
  lang = t().switchLang;
  rememberLang(lang);
  if (survey) {
    survey.locale = lang;
    survey.updateProgressText(); // the progress bar keeps its old text otherwise
  }
  render(false);
}

/** The parts around the view: project name, language switch, demo notice. */
function renderChrome(): void {
  const text = t();
  projectName.textContent = data?.project.name ?? '';
  projectName.hidden = !data?.project.name;
  langButton.textContent = text.switchTo;
  langButton.lang = text.switchLang;
  clear(demoNotice);
  demoNotice.append(h('strong', {}, text.demoLabel), ' ', text.demo);
  demoNotice.hidden = !data?.project.demo;
}

function fullPage(title: string, ...body: Node[]): Node[] {
  return [h('h1', { tabindex: -1 }, title), ...body];
}

function codeForm(invalid: boolean): Node[] {
  const text = t();
  const input = h('input', {
    id: 'code-input',
    name: 'code',
    type: 'text',
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    maxlength: 64,
    'aria-describedby': codeError ? 'code-error code-hint' : 'code-hint',
    'aria-invalid': codeError ? 'true' : undefined,
    oninput: () => (codeDraft = input.value),
  });
  input.value = codeDraft;
  const form = h(
    'form',
    { class: 'code-form', novalidate: true, onsubmit: (event: Event) => submitCode(event, input, invalid) },
    h('label', { for: 'code-input' }, text.codeLabel),
    h('p', { id: 'code-hint', class: 'hint' }, text.codeHint),
    codeError ? h('p', { id: 'code-error', class: 'field-error' }, codeError) : null,
    input,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, invalid ? text.codeResend : text.codeButton)),
  );
  return fullPage(
    invalid ? text.codeInvalidTitle : text.codeTitle,
    h('p', {}, invalid ? text.codeInvalid : text.codeIntro),
    form,
  );
}

function submitCode(event: Event, input: HTMLInputElement, resend: boolean): void {
  event.preventDefault();
  const code = input.value.trim();
  if (!code) {
    codeError = t().codeMissing;
    render(false);
    document.getElementById('code-input')?.focus();
    return;
  }
  codeError = null;
  attempt.code = code;
  saveAttempt(roundId, attempt);
  if (!resend) return void enter();
  show('survey');
  sendAgain();
}

/** The code is checked before the questions (under the same guess limit as sending). */
async function enter(): Promise<void> {
  const { status: code, body } = await request(
    'POST',
    `${roundUrl}/codes/check`,
    () => lang,
    { code: attempt.code },
    [],
  );
  if (code > 399 && code < 500 && code !== 404 && code !== 410) {
    const name = data?.project.name;
    codeError = `${body?.message ?? body?.errors?.[0]?.message} ${t().codeHelp}${name ? ` (${name})` : ''}.`;
    show('code');
    document.getElementById('code-input')?.focus();
  } else show(code === 404 ? 'not-found' : code === 410 ? 'closed' : 'survey');
}

/** The notices around the survey: the server's objections above, sending and failure below. */
function renderFeedback(): void {
  const text = t();
  clear(alerts);
  if (fieldErrors > 0 || generalErrors.length > 0) {
    alerts.append(
      h(
        'div',
        { class: 'notice error', role: 'alert', tabindex: -1 },
        fieldErrors > 0 ? h('p', {}, text.fixErrors) : null,
        generalErrors.length > 0
          ? [
              h('p', {}, text.generalErrors),
              h(
                'ul',
                {},
                generalErrors.map((message) => h('li', {}, message)),
              ),
            ]
          : null,
      ),
    );
  }
  clear(status);
  if (sending)
    status.append(h('p', { class: 'sending' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text.sending));
  clear(failure);
  if (sendFailed && !sending) {
    failure.append(
      h(
        'div',
        { class: 'notice error', role: 'alert' },
        h('h2', {}, text.sendFailedTitle),
        h('p', {}, text.sendFailed),
        h('button', { type: 'button', class: 'retry', onclick: sendAgain }, text.tryAgain),
      ),
    );
  }
}

function renderView(): void {
  const text = t();
  clear(content);
  let title = text.pageTitle;
  const add = (nodes: Node[]) => {
    content.append(...nodes);
    title = nodes[0]?.textContent ?? title;
  };
  switch (view) {
    case 'loading':
      content.append(h('p', { class: 'loading', role: 'status' }, text.loadingSurvey));
      break;
    case 'load-failed':
      add(
        fullPage(
          text.loadFailedTitle,
          h('p', {}, text.loadFailed),
          h('button', { type: 'button', onclick: () => void load() }, text.tryAgain),
        ),
      );
      break;
    case 'not-found':
      add(fullPage(text.notFoundTitle, h('p', {}, text.notFound)));
      break;
    case 'closed':
      add(fullPage(text.closedTitle, h('p', {}, text.closed)));
      break;
    case 'code':
    case 'code-invalid':
      add(codeForm(view === 'code-invalid'));
      break;
    case 'code-used':
      add(fullPage(text.codeUsedTitle, h('p', {}, text.codeUsed)));
      break;
    case 'already':
      add(fullPage(text.alreadyTitle, h('p', {}, text.already)));
      break;
    case 'thanks': {
      const id = data?.project.id;
      const ideas = id ? h('a', { href: `/i/${encodeURIComponent(id)}` }, text.ideasLink) : null;
      const more = ideas ? [h('p', { class: 'ideas-link' }, ideas)] : [];
      add(fullPage(text.thanksTitle, h('p', {}, text.thanks), ...more, h('p', {}, text.thanksClose)));
      break;
    }
    case 'survey':
      content.append(alerts, host, status, failure);
      renderFeedback();
      if (!rendered && survey) {
        renderSurvey(survey, host);
        rendered = true;
      }
      title = survey?.title || title;
      break;
  }
  document.title = `${title} – bygdpuls`;
}

/** Shows the view; a new full page takes the keyboard focus to its heading. */
function render(moveFocus: boolean): void {
  renderChrome();
  if (view === 'survey' && content.contains(host)) {
    renderFeedback();
    document.title = `${survey?.title || t().pageTitle} – bygdpuls`;
  } else renderView();
  const heading = moveFocus ? content.querySelector('h1') : null;
  if (heading) {
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1'); // SurveyJS's own h1
    heading.focus();
  }
}

function show(next: View): void {
  const moveFocus = next !== view && view !== 'loading';
  view = next;
  render(moveFocus);
}

function persist(): void {
  if (!survey) return;
  attempt.data = survey.data as Record<string, unknown>;
  attempt.pageNo = survey.currentPageNo;
  saveAttempt(roundId, attempt);
}

function createSurvey(round: PublicRound): SurveyModel {
  // SurveyJS renders html elements and completedHtml as given: only safe markup reaches it.
  const model = new Model(withSafeHtml(round.survey));
  model.locale = lang;
  model.showCompletePage = false;
  model.showProgressBar = 'top';
  // Answers to questions that are hidden again are not answers: never send them.
  model.clearInvisibleValues = 'onHidden';
  if (!model.title) model.title = round.round.name;
  // A rating that does not fit a phone's width becomes a dropdown whose input has no label (axe,
  // critical): the buttons wrap instead, and every value keeps its own labelled button.
  for (const question of model.getAllQuestions())
    if (question.getType() === 'rating' && question.displayMode === 'auto') question.displayMode = 'buttons';
  if (attempt.data) model.data = attempt.data;
  if (attempt.pageNo && attempt.pageNo < model.visiblePageCount) model.currentPageNo = attempt.pageNo;
  model.onValueChanged.add(persist);
  model.onCurrentPageChanged.add(persist);
  model.onValueChanged.add(() => {
    if (generalErrors.length > 0 || fieldErrors > 0) {
      generalErrors = [];
      fieldErrors = 0;
      renderFeedback();
    }
  });
  // Completing waits for the server: SurveyJS blocks its buttons until the promise settles.
  model.onCompleting.add(async (_, options) => {
    options.allow = await send();
  });
  model.onComplete.add(() => show('thanks'));
  return model;
}

/** Sends the answers; true when the server has them (201, or 200 for a retry it recognised). */
async function send(): Promise<boolean> {
  if (!survey || !data || sending) return false;
  sending = true;
  sendFailed = false;
  generalErrors = [];
  fieldErrors = 0;
  renderFeedback();
  persist();
  const body = {
    responseId: attempt.responseId,
    ...(data.round.access === 'invite' ? { code: attempt.code ?? '' } : {}),
    answers: survey.data as Record<string, unknown>,
  };
  const { status: code, body: answer } = await request('POST', `${roundUrl}/responses`, () => lang, body);
  sending = false;
  if (code === 200 || code === 201) {
    forgetAttempt(roundId);
    return true;
  }
  if (code === 400 && answer?.errors) {
    const errors: FieldError[] = answer.errors;
    const codeProblem = errors.find((error) => error.field === 'code');
    if (codeProblem) {
      codeError = codeProblem.message;
      show('code-invalid');
      return false;
    }
    const shown = showServerErrors(survey, errors);
    fieldErrors = shown.placed;
    generalErrors = shown.general;
    renderFeedback();
    if (shown.placed === 0) (alerts.firstElementChild as HTMLElement | null)?.focus();
    return false;
  }
  const ends: Partial<Record<number, View>> = { 403: 'code-invalid', 404: 'not-found', 410: 'closed' };
  let end = ends[code];
  if (code === 409) end = answer?.error === 'code_used' ? 'code-used' : 'already';
  if (end) {
    if (end === 'code-invalid') codeError = null;
    else forgetAttempt(roundId);
    show(end);
    return false;
  }
  if (code === 0 || code >= 500 || code === 429) {
    sendFailed = true;
    renderFeedback();
    return false;
  }
  generalErrors = [answer?.message ?? `HTTP ${code}`];
  renderFeedback();
  (alerts.firstElementChild as HTMLElement | null)?.focus();
  return false;
}

/** "Try again" after a failure: every page is checked again, then completing sends once more. */
function sendAgain(): void {
  if (!survey || sending) return;
  sendFailed = false;
  renderFeedback();
  if (survey.validate(true, true)) survey.doComplete();
}

async function load(): Promise<void> {
  show('loading');
  const { status: code, body } = await request('GET', roundUrl, () => lang, undefined, [500, 1000, 2000]);
  if (code === 200 && body) {
    data = body as unknown as PublicRound;
    survey = createSurvey(data);
    if (data.round.access !== 'invite') show('survey');
    else if (attempt.code) await enter();
    else show('code');
    return;
  }
  if (code === 404 || code === 410) forgetAttempt(roundId);
  show(code === 404 ? 'not-found' : code === 410 ? 'closed' : 'load-failed');
}

void load();
