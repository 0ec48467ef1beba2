// The funder report's page: the token of this tab (or of the address, wiped at once), the report
// with the project's indicators, rounds and activity types to name what it shows, drawn as one A4
// document (web/styles/funder-report.css prints it); Swedish unless English is asked for.
import type { ActivityTypeList, ProjectDetails, ReportAnswer } from '../../../functions/api/contract.ts';
import { ApiError, api } from '../common/api.ts';
import { clear, h } from '../common/dom.ts';
import type { Lang } from '../common/lang.ts';
import { currentLang, rememberLang } from '../common/langChoice.ts';
import { exchangeSignInCode, setToken, storedToken, takeFromAddress } from '../common/session.ts';
import { lookupFrom } from './goalWords.ts';
import {
  activitiesSection,
  dayText,
  factsSection,
  goalsSection,
  kindText,
  signatureSection,
  textSections,
} from './sections.ts';
import { reportTexts } from './words.ts';

interface State {
  reportId: string;
  lang: Lang;
  token: string | null;
  data: { report: ReportAnswer['report']; details: ProjectDetails | null; types: ActivityTypeList['types'] } | null;
}

const main = () => document.getElementById('main')!;

function applyLang(state: State) {
  const w = reportTexts(state.lang);
  document.documentElement.lang = state.lang;
  const skip = document.querySelector('.skip-link');
  if (skip) skip.textContent = w.skip;
  return w;
}

function toolbar(state: State): HTMLElement {
  const w = reportTexts(state.lang);
  const lang = h(
    'button',
    { type: 'button', class: 'secondary', lang: state.lang === 'sv' ? 'en' : 'sv' },
    w.switchLang,
  );
  lang.addEventListener('click', () => {
    state.lang = state.lang === 'sv' ? 'en' : 'sv';
    rememberLang(state.lang);
    const url = new URL(location.href);
    url.searchParams.delete('lang');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
    draw(state);
    document.querySelector<HTMLElement>('.report-toolbar button[lang]')?.focus();
  });
  const print = h('button', { type: 'button', 'data-action': 'print' }, w.print);
  print.addEventListener('click', () => window.print());
  const projectId = state.data?.report.project.id;
  return h(
    'div',
    { class: 'report-toolbar no-print' },
    projectId
      ? h('a', { href: `/admin?p=${encodeURIComponent(projectId)}&view=reports`, class: 'admin-link' }, w.toAdmin)
      : null,
    h('div', { class: 'toolbar-buttons' }, lang, print),
  );
}

function message(state: State, text: string | null, signIn: boolean): void {
  const w = applyLang(state);
  const root = main();
  clear(root);
  root.append(h('h1', {}, signIn ? w.signInTitle : w.pageTitle));
  if (text) root.append(h('div', { class: 'notice error', role: 'alert' }, h('p', {}, text)));
  if (!signIn) return;
  const input = h('input', {
    id: 'token-input',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
  });
  const form = h(
    'form',
    { class: 'sign-in' },
    h('p', {}, w.signInIntro),
    h('label', { for: 'token-input' }, w.tokenLabel),
    input,
    ' ',
    h('button', { type: 'submit' }, w.signIn),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = input.value.trim();
    if (!token) return;
    setToken(token);
    state.token = token;
    void load(state);
  });
  root.append(form);
}

function draw(state: State): void {
  const w = applyLang(state);
  const data = state.data;
  if (!data) return;
  const { report } = data;
  const lookup = lookupFrom(state.lang, data.details, data.types);
  const kind = kindText(report, w);
  document.title = `${kind}: ${report.title} – bygdpuls`;
  document.body.classList.toggle('report-draft', report.locked === null);
  const root = main();
  clear(root);
  root.append(
    toolbar(state),
    h(
      'article',
      { class: 'funder-report', 'data-state': report.locked ? 'locked' : 'draft' },
      h(
        'header',
        { class: 'report-header' },
        h('p', { class: 'report-kind', 'data-field': 'kind' }, kind),
        h('h1', {}, report.title),
        h('p', { class: 'report-project' }, report.project.name),
        report.locked
          ? h(
              'p',
              { class: 'report-locked', 'data-field': 'locked' },
              w.locked(dayText(report.locked.at.slice(0, 10), state.lang)),
            )
          : h('p', { class: 'draft-mark', 'data-field': 'draft' }, h('strong', {}, w.draft)),
      ),
      factsSection(report, w, state.lang),
      activitiesSection(report, lookup, w),
      goalsSection(report, lookup, w),
      ...textSections(report, w),
      signatureSection(report, w, state.lang),
    ),
  );
  document.body.dataset.ready = 'true';
}

async function load(state: State): Promise<void> {
  const w = applyLang(state);
  if (!state.token) {
    message(state, null, true);
    return;
  }
  const root = main();
  clear(root);
  root.append(h('p', { class: 'loading', role: 'status' }, w.loading));
  const get = <T>(path: string) => api<T>('GET', path, { token: state.token, lang: state.lang });
  try {
    const { report } = await get<ReportAnswer>(`/api/reports/${encodeURIComponent(state.reportId)}`);
    const project = encodeURIComponent(report.project.id);
    // Names of indicators, rounds, areas and types: the report still shows without them.
    const [details, types] = await Promise.all([
      get<ProjectDetails>(`/api/projects/${project}`).catch(() => null),
      get<ActivityTypeList>(`/api/projects/${project}/activity-types`)
        .then((answer) => answer.types)
        .catch(() => []),
    ]);
    state.data = { report, details, types };
    draw(state);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) message(state, w.rejected, true);
    else if (error instanceof ApiError && error.status === 404) message(state, w.notFound, false);
    else message(state, w.failed, false);
  }
}

export function startFunderReport(): void {
  const fromAddress = takeFromAddress(); // before anything else reads the address
  const [, , id] = location.pathname.split('/');
  const state: State = {
    reportId: decodeURIComponent(id ?? ''),
    lang: currentLang(),
    token: fromAddress.token ?? storedToken(),
    data: null,
  };
  void (async () => {
    if (fromAddress.signInCode) state.token = (await exchangeSignInCode(fromAddress.signInCode)) ?? state.token;
    await load(state);
  })();
}
