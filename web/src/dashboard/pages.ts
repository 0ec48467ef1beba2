// The two pages: the evaluators' dashboard (/dashboard/:projectId) and its printable report
// (/report/:projectId#baseline=..&followup=..). Both read the same API and share the cards.
import { ApiError } from '../common/api.ts';
import { clear, h } from '../common/dom.ts';
import type { Lang } from '../common/lang.ts';
import { rememberLang } from '../common/langChoice.ts';
import { setToken, signOut } from '../common/session.ts';
import { destroyCharts } from './charts.ts';
import { comparisonCsv, csvFileName } from './csv.ts';
import { downloadText } from '../common/download.ts';
import {
  latestOf,
  loadComparison,
  loadProject,
  type DashboardData,
  type ProjectResponse,
  type RoundInfo,
} from './data.ts';
import { formatAlpha, formatDate } from './format.ts';
import { texts, type Texts } from './i18n.ts';
import { drawPending, type PendingChart } from './chartBoxes.ts';
import { indicatorCard } from './card.ts';
import { indicatorOrder, viewContext, type Mode } from './context.ts';
import { textsSection } from './freeText.ts';
import { releaseNotice } from './release.ts';
import { readingGuide } from './readingGuide.ts';
import { countsTable, overviewTable, roundsTable } from './overview.ts';

export interface PageState {
  mode: Mode;
  projectId: string;
  lang: Lang;
  token: string | null;
  project: ProjectResponse | null;
  data: DashboardData | null;
  /** The rounds asked for in the address (#baseline=..&followup=..). */
  wanted: { baseline: string | null; followup: string | null };
}

function main(): HTMLElement {
  return document.getElementById('main')!;
}

function hashParams(): URLSearchParams {
  return new URLSearchParams(location.hash.slice(1));
}

export function readWanted(): PageState['wanted'] {
  const params = hashParams();
  return { baseline: params.get('baseline'), followup: params.get('followup') };
}

function setHashRounds(baseline: string, followup: string): void {
  const params = new URLSearchParams({ baseline, followup });
  history.replaceState(null, '', `${location.pathname}${location.search}#${params.toString()}`);
}

function applyLang(state: PageState): Texts {
  const t = texts(state.lang);
  document.documentElement.lang = state.lang;
  const skip = document.querySelector('.skip-link');
  if (skip) skip.textContent = t.skip;
  return t;
}

function langSwitch(state: PageState, rerender: () => void): HTMLElement {
  const t = texts(state.lang);
  return h(
    'button',
    {
      type: 'button',
      class: 'secondary lang-switch no-print',
      lang: state.lang === 'sv' ? 'en' : 'sv',
      'aria-label': t.switchLangLabel,
      onclick: () => {
        state.lang = state.lang === 'sv' ? 'en' : 'sv';
        rememberLang(state.lang);
        rerender();
      },
    },
    t.switchLang,
  );
}

function setTitle(state: PageState, t: Texts): void {
  const name = state.project?.project.name;
  document.title = `${state.mode === 'report' ? t.reportTitle : t.pageTitle}${name ? `: ${name}` : ''} – bygdpuls`;
}

function showSignIn(state: PageState, rejected: boolean, start: () => void): void {
  const t = applyLang(state);
  const root = main();
  destroyCharts(root);
  clear(root);
  const input = h('input', {
    id: 'token-input',
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
  });
  root.append(
    langSwitch(state, () => showSignIn(state, rejected, start)),
    h('h1', {}, t.signInTitle),
    h(
      'div',
      { class: 'notice error', role: 'alert', 'data-state': rejected ? 'rejected' : 'no-token' },
      h('p', {}, rejected ? t.signInRejected : t.signInNoToken),
    ),
    h(
      'form',
      {
        class: 'sign-in',
        onsubmit: (event: Event) => {
          event.preventDefault();
          const value = input.value.trim();
          if (!value) return;
          setToken(value);
          state.token = value;
          start();
        },
      },
      h('label', { for: 'token-input' }, t.tokenLabel),
      input,
      ' ',
      h('button', { type: 'submit' }, t.signInButton),
    ),
  );
  setTitle(state, t);
}

function showError(state: PageState, message: string, detail?: string): void {
  const t = applyLang(state);
  const root = main();
  destroyCharts(root);
  clear(root);
  root.append(
    h('h1', {}, t.pageTitle),
    h(
      'div',
      { class: 'notice error', role: 'alert' },
      h('p', {}, message),
      detail ? h('p', { class: 'hint' }, detail) : null,
    ),
  );
}

/** Handles an API error; true when it was shown. */
function handleApiError(state: PageState, error: unknown, start: () => void): boolean {
  const t = texts(state.lang);
  if (error instanceof ApiError) {
    if (error.status === 401 || error.status === 403) {
      signOut();
      state.token = null;
      showSignIn(state, true, start);
      return true;
    }
    if (error.status === 404) {
      showError(state, t.notFound);
      return true;
    }
  }
  showError(state, t.loadFailed, error instanceof Error ? error.message : String(error));
  return true;
}

function pickRounds(
  project: ProjectResponse,
  wanted: PageState['wanted'],
): { baseline: RoundInfo | null; followup: RoundInfo | null } {
  const byId = (id: string | null, kind: RoundInfo['kind']) =>
    id ? (project.rounds.find((r) => r.id === id && r.kind === kind) ?? null) : null;
  return {
    baseline: byId(wanted.baseline, 'baseline') ?? latestOf(project.rounds, 'baseline'),
    followup: byId(wanted.followup, 'followup') ?? latestOf(project.rounds, 'followup'),
  };
}

// ---- the dashboard ----

export async function startPage(state: PageState): Promise<void> {
  const t = applyLang(state);
  const start = () => void startPage(state);
  if (!state.token) {
    showSignIn(state, false, start);
    return;
  }
  const root = main();
  clear(root);
  root.append(h('p', { class: 'loading', role: 'status' }, t.loading));
  try {
    state.project = await loadProject(state.projectId, state.token);
  } catch (error) {
    handleApiError(state, error, start);
    return;
  }
  const { baseline, followup } = pickRounds(state.project, state.wanted);
  if (!baseline || !followup) {
    state.data = null;
    render(state);
    return;
  }
  await loadPair(state, baseline, followup);
}

async function loadPair(state: PageState, baseline: RoundInfo, followup: RoundInfo): Promise<void> {
  const start = () => void startPage(state);
  state.wanted = { baseline: baseline.id, followup: followup.id };
  if (state.mode === 'dashboard') setHashRounds(baseline.id, followup.id);
  const status = document.getElementById('load-status');
  if (status) status.textContent = texts(state.lang).loading;
  try {
    state.data = await loadComparison(state.project!, baseline, followup, state.token!);
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) {
      state.data = null;
      render(state, texts(state.lang).notComparable);
      return;
    }
    handleApiError(state, error, start);
    return;
  }
  render(state);
}

function render(state: PageState, problem?: string): void {
  if (state.mode === 'report') renderReport(state, problem);
  else renderDashboard(state, problem);
}

function roundSelect(id: string, label: string, rounds: RoundInfo[], selected: string | null, lang: Lang): HTMLElement {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    h(
      'select',
      { id, name: id },
      rounds
        .slice()
        .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
        .map((r) => {
          const twin = rounds.some((other) => other !== r && other.name === r.name);
          const option = h('option', { value: r.id }, twin ? `${r.name} (${formatDate(r.createdAt, lang)})` : r.name);
          if (r.id === selected) option.selected = true;
          return option;
        }),
    ),
  );
}

function demoNotice(state: PageState, t: Texts): Node {
  if (!state.project?.project.demo) return document.createDocumentFragment();
  return h(
    'div',
    { class: 'notice demo', role: 'note', 'data-field': 'demo' },
    h('p', {}, h('strong', {}, 'Demo. '), t.demoNotice),
  );
}

/** The page's language applied, its old charts and content gone, its title set. */
function freshPage(state: PageState) {
  const t = applyLang(state);
  const root = main();
  destroyCharts(root);
  clear(root);
  setTitle(state, t);
  return { t, root, project: state.project!, data: state.data };
}

function renderDashboard(state: PageState, problem?: string): void {
  const { t, root, project, data } = freshPage(state);
  const baselines = project.rounds.filter((r) => r.kind === 'baseline');
  const followups = project.rounds.filter((r) => r.kind === 'followup');

  const controls = h(
    'form',
    {
      class: 'round-picker no-print',
      onsubmit: (event: Event) => {
        event.preventDefault();
        const b = project.rounds.find(
          (r) => r.id === (document.getElementById('pick-baseline') as HTMLSelectElement).value,
        );
        const f = project.rounds.find(
          (r) => r.id === (document.getElementById('pick-followup') as HTMLSelectElement).value,
        );
        if (b && f) void loadPair(state, b, f);
      },
    },
    baselines.length > 0
      ? roundSelect('pick-baseline', t.baseline, baselines, data?.baseline.id ?? state.wanted.baseline, state.lang)
      : h('p', {}, t.noRoundsOfKind(t.baseline.toLowerCase())),
    followups.length > 0
      ? roundSelect('pick-followup', t.followup, followups, data?.followup.id ?? state.wanted.followup, state.lang)
      : h('p', {}, t.noRoundsOfKind(t.followup.toLowerCase())),
    baselines.length > 0 && followups.length > 0
      ? h(
          'div',
          { class: 'field field-button' },
          h('button', { type: 'submit' }, state.lang === 'sv' ? 'Visa' : 'Show'),
        )
      : null,
    h('p', { id: 'load-status', class: 'visually-hidden', role: 'status' }),
  );

  root.append(
    langSwitch(state, () => render(state, problem)),
    h('h1', {}, project.project.name),
    h('p', { class: 'subtitle' }, data ? t.reportOf(data.baseline.name, data.followup.name) : t.subtitle),
    demoNotice(state, t),
    h(
      'section',
      { class: 'controls', 'aria-labelledby': 'controls-title' },
      h('h2', { id: 'controls-title', class: 'visually-hidden' }, t.chooseRounds),
      controls,
    ),
  );
  if (problem) root.append(h('div', { class: 'notice error', role: 'alert' }, h('p', {}, problem)));
  if (!data) return;

  root.append(releaseNotice(data, t, state.lang));
  const ctx = viewContext(data, state.lang, 'dashboard');
  const reportHref = `/report/${encodeURIComponent(project.project.id)}#${new URLSearchParams({ baseline: data.baseline.id, followup: data.followup.id }).toString()}`;
  root.append(
    h(
      'div',
      { class: 'actions no-print' },
      h(
        'button',
        {
          type: 'button',
          id: 'download-csv',
          'aria-describedby': 'csv-hint',
          onclick: () =>
            downloadCsv(
              comparisonCsv(data, state.lang),
              csvFileName(project.project.name, data.baseline.name, data.followup.name),
            ),
        },
        t.downloadCsv,
      ),
      h('a', { class: 'button secondary', id: 'open-report', href: reportHref }, t.openReport),
      h('p', { id: 'csv-hint', class: 'hint' }, t.csvHint),
    ),
  );

  const pending: PendingChart[] = [];
  root.append(
    readingGuide(state.lang, ctx.k, Boolean(project.project.settings.weighting)),
    h(
      'section',
      { 'aria-labelledby': 'overview-title' },
      h('h2', { id: 'overview-title' }, t.overviewTitle),
      overviewTable(ctx, false),
    ),
    h(
      'section',
      { 'aria-labelledby': 'responses-title' },
      h('h2', { id: 'responses-title' }, t.responsesTitle),
      roundsTable(ctx),
      countsTable(ctx),
    ),
    h(
      'section',
      { class: 'indicators', 'aria-labelledby': 'indicators-title' },
      h('h2', { id: 'indicators-title' }, t.indicatorsTitle),
      indicatorOrder(data).map((id) => indicatorCard(id, ctx, pending)),
    ),
    textsSection(ctx),
  );
  drawPending(pending);
  document.body.dataset.ready = 'true';
}

// ---- the report ----

function renderReport(state: PageState, problem?: string): void {
  const { t, root, project, data } = freshPage(state);
  const back = `/dashboard/${encodeURIComponent(project.project.id)}${data ? `#${new URLSearchParams({ baseline: data.baseline.id, followup: data.followup.id }).toString()}` : ''}`;
  root.append(
    h(
      'div',
      { class: 'report-bar no-print' },
      h('button', { type: 'button', id: 'print', onclick: () => window.print() }, t.print),
      h('a', { class: 'button secondary', href: back }, t.backToDashboard),
      langSwitch(state, () => render(state, problem)),
    ),
  );
  if (!data) {
    root.append(
      h('h1', {}, project.project.name),
      h('div', { class: 'notice error', role: 'alert' }, h('p', {}, problem ?? t.loadFailed)),
    );
    return;
  }
  const ctx = viewContext(data, state.lang, 'report');
  const settings = project.project.settings;
  const weighting = settings.weighting ? settings.weighting.strata.map((s) => t.variables[s] ?? s).join(', ') : null;
  const pending: PendingChart[] = [];
  root.append(
    h(
      'header',
      { class: 'report-header' },
      h('p', { class: 'eyebrow' }, `bygdpuls · ${t.reportTitle}`),
      h('h1', {}, project.project.name),
      h('p', { class: 'subtitle' }, t.reportOf(data.baseline.name, data.followup.name)),
    ),
    demoNotice(state, t),
    readingGuide(state.lang, settings.minGroupSize, Boolean(settings.weighting)),
    releaseNotice(data, t, state.lang),
    h(
      'section',
      { class: 'method', 'aria-labelledby': 'method-title' },
      h('h2', { id: 'method-title' }, t.methodTitle),
      t.methodText(settings.minGroupSize, formatAlpha(settings.alpha, state.lang), weighting).map((p) => h('p', {}, p)),
    ),
    h(
      'section',
      { class: 'report-rounds', 'aria-labelledby': 'rounds-title' },
      h('h2', { id: 'rounds-title' }, t.reportRounds),
      roundsTable(ctx),
      countsTable(ctx),
    ),
    h(
      'section',
      { class: 'report-overview', 'aria-labelledby': 'overview-title' },
      h('h2', { id: 'overview-title' }, t.indicatorTable),
      overviewTable(ctx, true),
    ),
    h(
      'section',
      { class: 'indicators', 'aria-labelledby': 'indicators-title' },
      h('h2', { id: 'indicators-title' }, t.indicatorsTitle),
      indicatorOrder(data).map((id) => indicatorCard(id, ctx, pending)),
    ),
    textsSection(ctx),
    h(
      'footer',
      { class: 'report-footer' },
      h('p', { class: 'hint' }, t.generated(formatDate(new Date().toISOString(), state.lang))),
    ),
  );
  drawPending(pending);
  document.body.dataset.ready = 'true';
}

function downloadCsv(text: string, fileName: string): void {
  // The byte-order mark makes Excel read the file as UTF-8 (å, ä, ö).
  downloadText(fileName, `\ufeff${text}`, 'text/csv;charset=utf-8');
}
