// The two pages: the evaluators' dashboard (/dashboard/:projectId) and its printable report
// (/report/:projectId): a baseline with its follow-up, or one round on its own.
import { ApiError } from '../common/api.ts';
import { clear, h } from '../common/dom.ts';
import type { Lang } from '../common/lang.ts';
import { setToken, signOut } from '../common/session.ts';
import { destroyCharts } from './charts.ts';
import { comparisonCsv, csvFileName } from './csv.ts';
import { latestOf, loadComparison, loadProject, loadRound, type ProjectResponse, type RoundInfo } from './data.ts';
import { formatCount, formatDate } from './format.ts';
import { texts } from './i18n.ts';
import { drawPending, type PendingChart } from './chartBoxes.ts';
import { indicatorCard } from './card.ts';
import { indicatorOrder, viewContext } from './context.ts';
import { textsSection } from './freeText.ts';
import { releaseNotice } from './release.ts';
import { readingGuide } from './readingGuide.ts';
import { countsTable, overviewTable, roundsTable } from './overview.ts';
import { goalsOverview } from './goals.ts';
import {
  applyLang,
  demoNotice,
  adminLink,
  pageActions,
  freshPage,
  langSwitch,
  main,
  setTitle,
  viewHash,
  type PageState,
} from './pageParts.ts';
import { renderReport } from './report.ts';
import { renderOneRound } from './roundPage.ts';
import { reportWords } from './reportWords.ts';

export type { PageState } from './pageParts.ts';

function hashParams(): URLSearchParams {
  return new URLSearchParams(location.hash.slice(1));
}

export function readWanted(): PageState['wanted'] {
  const params = hashParams();
  return { baseline: params.get('baseline'), followup: params.get('followup'), round: params.get('round') };
}

function setHash(state: PageState): void {
  history.replaceState(null, '', `${location.pathname}${location.search}#${viewHash(state)}`);
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

type Choice =
  | { kind: 'pair'; baseline: RoundInfo; followup: RoundInfo }
  | { kind: 'one'; round: RoundInfo }
  | { kind: 'none' };

/**
 * What to show: the round asked for on its own; else the pair asked for (or the latest baseline
 * with the latest follow-up); else, before any follow-up, the latest baseline (or any round) alone.
 */
function chooseView(project: ProjectResponse, wanted: PageState['wanted']): Choice {
  const asked = wanted.round ? project.rounds.find((r) => r.id === wanted.round) : undefined;
  if (asked) return { kind: 'one', round: asked };
  const byId = (id: string | null, kind: RoundInfo['kind']) =>
    id ? (project.rounds.find((r) => r.id === id && r.kind === kind) ?? null) : null;
  const baseline = byId(wanted.baseline, 'baseline') ?? latestOf(project.rounds, 'baseline');
  const followup = byId(wanted.followup, 'followup') ?? latestOf(project.rounds, 'followup');
  if (baseline && followup) return { kind: 'pair', baseline, followup };
  const alone = baseline ?? followup;
  return alone ? { kind: 'one', round: alone } : { kind: 'none' };
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
  const choice = chooseView(state.project, state.wanted);
  if (choice.kind === 'pair') await loadPair(state, choice.baseline, choice.followup);
  else if (choice.kind === 'one') await loadOne(state, choice.round);
  else {
    state.data = null;
    state.round = null;
    render(state, reportWords(state.lang).noRounds);
  }
}

function loading(state: PageState): void {
  const status = document.getElementById('load-status');
  if (status) status.textContent = texts(state.lang).loading;
}

async function loadPair(state: PageState, baseline: RoundInfo, followup: RoundInfo): Promise<void> {
  const start = () => void startPage(state);
  state.wanted = { baseline: baseline.id, followup: followup.id, round: null };
  loading(state);
  try {
    state.data = await loadComparison(state.project!, baseline, followup, state.token!);
    state.round = null;
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) {
      state.data = null;
      state.round = null;
      render(state, texts(state.lang).notComparable);
      return;
    }
    handleApiError(state, error, start);
    return;
  }
  // A follow-up without figures yet (fewer than k responses): the baseline on its own, saying so.
  const data = state.data;
  if (!data.readings.followup.release && data.readings.baseline.release) {
    await loadOne(state, baseline, followup);
    return;
  }
  state.pending = null;
  if (state.mode === 'dashboard') setHash(state);
  render(state);
}

async function loadOne(state: PageState, round: RoundInfo, pending: RoundInfo | null = null): Promise<void> {
  const start = () => void startPage(state);
  state.pending = pending;
  state.wanted = { baseline: null, followup: null, round: round.id };
  loading(state);
  try {
    state.round = await loadRound(state.project!, round, state.token!);
    state.data = null;
  } catch (error) {
    handleApiError(state, error, start);
    return;
  }
  if (state.mode === 'dashboard') setHash(state);
  render(state);
}

function render(state: PageState, problem?: string): void {
  const rerender = () => render(state, problem);
  if (state.mode === 'report') renderReport(state, problem, rerender);
  else if (state.round) renderOneRound(state, pickers(state), rerender);
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

/** A form that picks rounds: its selects and its button; `pick` runs in place of submitting it. */
function pickerForm(label: string, selects: HTMLElement[], button: HTMLButtonElement, pick: () => void): HTMLElement {
  const onsubmit = (event: Event) => {
    event.preventDefault();
    pick();
  };
  return h(
    'form',
    { class: 'round-picker no-print', 'aria-label': label, onsubmit },
    ...selects,
    h('div', { class: 'field field-button' }, button),
  );
}

/** Choosing what to see: two rounds to compare (when both kinds exist), or one round on its own. */
function pickers(state: PageState): HTMLElement {
  const t = texts(state.lang);
  const w = reportWords(state.lang);
  const project = state.project!;
  const baselines = project.rounds.filter((r) => r.kind === 'baseline');
  const followups = project.rounds.filter((r) => r.kind === 'followup');
  const value = (id: string) => (document.getElementById(id) as HTMLSelectElement).value;
  const pair =
    baselines.length > 0 && followups.length > 0
      ? pickerForm(
          w.compareTitle,
          [
            roundSelect(
              'pick-baseline',
              t.baseline,
              baselines,
              state.data?.baseline.id ?? state.wanted.baseline,
              state.lang,
            ),
            roundSelect(
              'pick-followup',
              t.followup,
              followups,
              state.data?.followup.id ?? state.wanted.followup,
              state.lang,
            ),
          ],
          h('button', { type: 'submit' }, w.compare),
          () => {
            const b = project.rounds.find((r) => r.id === value('pick-baseline'));
            const f = project.rounds.find((r) => r.id === value('pick-followup'));
            if (b && f) void loadPair(state, b, f);
          },
        )
      : null;
  const one = pickerForm(
    w.oneRoundTitle,
    [roundSelect('pick-round', w.oneRoundTitle, project.rounds, state.round?.round.id ?? null, state.lang)],
    h('button', { type: 'submit', class: state.round ? undefined : 'secondary' }, w.showRound),
    () => {
      const r = project.rounds.find((x) => x.id === value('pick-round'));
      if (r) void loadOne(state, r);
    },
  );
  return h(
    'section',
    { class: 'controls', 'aria-labelledby': 'controls-title' },
    h('h2', { id: 'controls-title', class: 'visually-hidden' }, t.chooseRounds),
    pair,
    one,
    h('p', { id: 'load-status', class: 'visually-hidden', role: 'status' }),
  );
}

function renderDashboard(state: PageState, problem?: string): void {
  const { t, root, project, data } = freshPage(state);
  root.append(
    langSwitch(state, () => render(state, problem)),
    adminLink(project.project.id, t),
    h('h1', {}, project.project.name),
    h('p', { class: 'subtitle' }, data ? t.reportOf(data.baseline.name, data.followup.name) : t.subtitle),
    ...(data ? (['baseline', 'followup'] as const) : [])
      .filter((which) => data!.readings[which].preliminary)
      .map((which) =>
        h(
          'p',
          { class: 'preliminary-badge', 'data-field': 'preliminary-badge', 'data-round': which },
          reportWords(state.lang).preliminaryBadge(
            data![which].name,
            formatCount(data!.readings[which].release?.n ?? data!.counts[which].responses, state.lang),
          ),
        ),
      ),
    demoNotice(state, t),
    pickers(state),
    goalsOverview(state),
  );
  if (problem) root.append(h('div', { class: 'notice error', role: 'alert' }, h('p', {}, problem)));
  if (!data) return;

  root.append(releaseNotice(data, t, state.lang));
  const ctx = viewContext(data, state.lang, 'dashboard');
  const reportHref = `/report/${encodeURIComponent(project.project.id)}#${new URLSearchParams({ baseline: data.baseline.id, followup: data.followup.id }).toString()}`;
  root.append(
    pageActions(
      t,
      () => ({
        text: comparisonCsv(data, state.lang),
        fileName: csvFileName(project.project.name, data.baseline.name, data.followup.name),
      }),
      reportHref,
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
