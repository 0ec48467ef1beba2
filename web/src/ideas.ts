// The residents' idea page: /i/<projectId> takes an idea (title, text, area, contact details with
// consent), /i/<projectId>/board shows the project's public ideas. Swedish first, English through
// the switch (remembered as on the survey page). The API checks the idea and answers in the page's
// language; its objections are shown at the fields, a flood (429) or a closed collection (410) in
// words, and the resident ends on a thank-you page.
import { clear, h } from './common/dom.ts';
import type { Lang } from './common/lang.ts';
import { currentLang, rememberLang } from './common/langChoice.ts';
import type { IdeaBoard, IdeaReceipt } from '../../functions/api/contract.ts';
import { boardView, type GroupBy } from './ideas/board.ts';
import { emptyDraft, ideaBody, ideaForm, type FieldError } from './ideas/form.ts';
import { send } from './ideas/request.ts';
import { TEXTS, type Texts } from './ideas/texts.ts';

type View = 'loading' | 'load-failed' | 'not-found' | 'form' | 'thanks' | 'board';

const match = /^\/i\/([^/]+)(\/board)?\/?$/.exec(location.pathname);
const projectId = decodeURIComponent(match?.[1] ?? '');
const base = `/i/${encodeURIComponent(projectId)}`;
const apiUrl = `/api/public/projects/${encodeURIComponent(projectId)}/ideas`;

let lang: Lang = 'sv';
try {
  lang = currentLang();
} catch {
  // storage blocked: Swedish
}
document.documentElement.lang = lang;

let data: IdeaBoard | null = null;
let view: View = 'loading';
let draft = emptyDraft();
let errors: FieldError[] = [];
let problem: string | null = null;
let sending = false;
let receipt: IdeaReceipt['state'] = 'received';
let by: GroupBy = new URLSearchParams(location.search).get('by') === 'state' ? 'state' : 'area';

const t = (): Texts => TEXTS[lang];
const main = document.getElementById('main')!;
const projectName = h('p', { class: 'project-name' });
const langButton = h('button', { type: 'button', class: 'secondary lang-switch', onclick: switchLang });
const tabs = h('nav', { class: 'idea-tabs' });
const content = h('div', { class: 'view' });
clear(main);
main.append(h('header', { class: 'survey-header' }, projectName, langButton), tabs, content);

function switchLang(): void {
  lang = t().switchLang;
  rememberLang(lang);
  // The server's messages were in the other language.
  errors = [];
  problem = null;
  render(false);
  langButton.focus();
}

/** The tabs: real links (new tab, copy address), followed in the page on a plain click. */
function tabLink(target: 'form' | 'board', label: string): HTMLElement {
  const current = target === 'board' ? view === 'board' : view !== 'board';
  const anchor = h(
    'a',
    { href: target === 'board' ? `${base}/board` : base, 'aria-current': current ? 'page' : undefined },
    label,
  );
  anchor.addEventListener('click', (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    void go(target === 'board' ? 'board' : 'form');
  });
  return h('li', {}, anchor);
}

/** Moves to the form or the board (read afresh: a new idea may be on it now). */
async function go(next: 'form' | 'board'): Promise<void> {
  const path = next === 'board' ? `${base}/board${by === 'state' ? '?by=state' : ''}` : base;
  history.pushState(null, '', path);
  if (next === 'board') {
    const outcome = await send<IdeaBoard>('GET', apiUrl, lang);
    if (outcome.status === 200 && outcome.body) data = outcome.body;
  }
  show(next);
}

function renderChrome(): void {
  const text = t();
  projectName.textContent = data?.project.name ?? '';
  projectName.hidden = !data;
  langButton.textContent = text.switchTo;
  langButton.lang = text.switchLang;
  clear(tabs);
  tabs.setAttribute('aria-label', text.tabs);
  tabs.hidden = !data;
  if (data) tabs.append(h('ul', {}, tabLink('form', text.tabForm), tabLink('board', text.tabBoard)));
}

const fullPage = (title: string, ...body: Node[]): Node[] => [h('h1', { tabindex: -1 }, title), ...body];

function formView(): Node[] {
  const text = t();
  if (!data?.project.open)
    return fullPage(text.closedTitle, h('p', {}, text.closed), h('p', {}, boardLink(text.toBoard)));
  return fullPage(
    text.formTitle,
    h('p', {}, text.formIntro),
    ideaForm({ t: text, areas: data.project.areas, draft, errors, problem, sending, onSubmit: submit }),
  );
}

function boardLink(label: string): HTMLElement {
  const anchor = h('a', { href: `${base}/board` }, label);
  anchor.addEventListener('click', (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    void go('board');
  });
  return anchor;
}

function renderView(): void {
  const text = t();
  clear(content);
  let nodes: Node[];
  switch (view) {
    case 'loading':
      nodes = [h('p', { class: 'loading', role: 'status' }, text.loading)];
      break;
    case 'load-failed':
      nodes = fullPage(
        text.loadFailedTitle,
        h('p', {}, text.loadFailed),
        h('button', { type: 'button', onclick: () => void load() }, text.tryAgain),
      );
      break;
    case 'not-found':
      nodes = fullPage(text.notFoundTitle, h('p', {}, text.notFound));
      break;
    case 'form':
      nodes = formView();
      break;
    case 'thanks': {
      const again = h('button', { type: 'button', class: 'secondary' }, text.another);
      again.addEventListener('click', () => show('form'));
      nodes = fullPage(
        text.thanksTitle,
        h('p', {}, receipt === 'published' ? text.thanksPublished : text.thanksReceived),
        h('div', { class: 'actions' }, again, boardLink(text.toBoard)),
      );
      break;
    }
    case 'board':
      nodes = fullPage(
        text.boardTitle(data?.project.name ?? ''),
        h('p', {}, text.boardIntro),
        ...(data ? boardView(data, by, text, lang, regroup) : []),
      );
      break;
  }
  content.append(...nodes);
  document.title = `${content.querySelector('h1')?.textContent ?? text.pageTitle} – bygdpuls`;
}

function regroup(next: GroupBy): void {
  by = next;
  history.replaceState(null, '', `${base}/board${by === 'state' ? '?by=state' : ''}`);
  renderView();
  document.getElementById(`group-by-${by}`)?.focus();
}

function render(moveFocus: boolean): void {
  renderChrome();
  renderView();
  if (moveFocus) content.querySelector<HTMLElement>('h1')?.focus();
}

function show(next: View): void {
  const moveFocus = next !== view && view !== 'loading';
  view = next;
  render(moveFocus);
}

async function submit(): Promise<void> {
  const text = t();
  sending = true;
  const button = content.querySelector<HTMLButtonElement>('button.send');
  if (button) {
    button.textContent = text.sending;
    button.setAttribute('aria-disabled', 'true');
  }
  const outcome = await send<IdeaReceipt>('POST', apiUrl, lang, ideaBody(draft));
  sending = false;
  errors = [];
  problem = null;
  if (outcome.status === 201 && outcome.body) {
    receipt = outcome.body.state;
    draft = emptyDraft();
    show('thanks');
    return;
  }
  if (outcome.status === 410 && data) {
    data.project.open = false;
    render(true);
    return;
  }
  if (outcome.status === 404) return show('not-found');
  if (outcome.status === 400 && outcome.body?.errors) errors = outcome.body.errors;
  else if (outcome.status === 429) problem = text.tooMany(outcome.retryAfter);
  else if (outcome.status === 0 || outcome.status >= 500) problem = text.sendFailed;
  else problem = outcome.body?.message ?? `HTTP ${outcome.status}`;
  renderView();
  content.querySelector<HTMLElement>('.form-problem')?.focus();
}

/** Reads the project and its public ideas. */
async function load(): Promise<void> {
  show('loading');
  const outcome = await send<IdeaBoard>('GET', apiUrl, lang);
  if (outcome.status === 200 && outcome.body) {
    data = outcome.body;
    show(/\/board\/?$/.test(location.pathname) ? 'board' : 'form');
  } else show(outcome.status === 404 ? 'not-found' : 'load-failed');
}

window.addEventListener('popstate', () => {
  by = new URLSearchParams(location.search).get('by') === 'state' ? 'state' : 'area';
  if (data) show(/\/board\/?$/.test(location.pathname) ? 'board' : 'form');
});

if (!match) show('not-found');
else void load();
