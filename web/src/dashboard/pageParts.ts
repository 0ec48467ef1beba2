// What the dashboard, the one-round view and the report share: the page's state, its language
// switch, title, demo notice, and a fresh page to draw on.
import { clear, h } from '../common/dom.ts';
import { downloadText } from '../common/download.ts';
import type { Lang } from '../common/lang.ts';
import { rememberLang } from '../common/langChoice.ts';
import { destroyCharts } from './charts.ts';
import type { DashboardData, ProjectResponse, RoundData, RoundInfo as RoundListing } from './data.ts';
import type { Mode } from './context.ts';
import { texts, type Texts } from './i18n.ts';

export interface PageState {
  mode: Mode;
  projectId: string;
  lang: Lang;
  token: string | null;
  project: ProjectResponse | null;
  /** A baseline with its follow-up. */
  data: DashboardData | null;
  /** One round on its own. */
  round?: RoundData | null;
  /** A follow-up that has no figures yet, shown in place of the comparison as the baseline alone. */
  pending?: RoundListing | null;
  /** The rounds asked for in the address (#baseline=..&followup=.., or #round=..). */
  wanted: { baseline: string | null; followup: string | null; round?: string | null };
}

export function main(): HTMLElement {
  return document.getElementById('main')!;
}

export function applyLang(state: PageState): Texts {
  const t = texts(state.lang);
  document.documentElement.lang = state.lang;
  const skip = document.querySelector('.skip-link');
  if (skip) skip.textContent = t.skip;
  return t;
}

export function langSwitch(state: PageState, rerender: () => void): HTMLElement {
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

/** Back to the admin pages of this project (they ask administrators to sign in). */
export function adminLink(projectId: string, t: Texts): HTMLElement {
  return h('a', { class: 'admin-link no-print', href: `/admin?p=${encodeURIComponent(projectId)}` }, t.toAdmin);
}

export function setTitle(state: PageState, t: Texts): void {
  const name = state.project?.project.name;
  document.title = `${state.mode === 'report' ? t.reportTitle : t.pageTitle}${name ? `: ${name}` : ''} – bygdpuls`;
}

export function demoNotice(state: PageState, t: Texts): Node {
  if (!state.project?.project.demo) return document.createDocumentFragment();
  return h(
    'div',
    { class: 'notice demo', role: 'note', 'data-field': 'demo' },
    h('p', {}, h('strong', {}, 'Demo. '), t.demoNotice),
  );
}

/** The page's language applied, its old charts and content gone, its title set. */
export function freshPage(state: PageState) {
  const t = applyLang(state);
  const root = main();
  destroyCharts(root);
  clear(root);
  setTitle(state, t);
  return { t, root, project: state.project!, data: state.data };
}

/** The address of a view: the pair, or one round. */
export function viewHash(state: PageState): string {
  const { data, round } = state;
  if (round) return new URLSearchParams({ round: round.round.id }).toString();
  if (data) return new URLSearchParams({ baseline: data.baseline.id, followup: data.followup.id }).toString();
  return '';
}

export function downloadCsv(text: string, fileName: string): void {
  // The byte-order mark makes Excel read the file as UTF-8 (å, ä, ö).
  downloadText(fileName, `\ufeff${text}`, 'text/csv;charset=utf-8');
}

/** The page's actions: the CSV download (made when clicked) and the link to the printable report. */
export function pageActions(t: Texts, csv: () => { text: string; fileName: string }, reportHref: string): HTMLElement {
  return h(
    'div',
    { class: 'actions no-print' },
    h(
      'button',
      {
        type: 'button',
        id: 'download-csv',
        'aria-describedby': 'csv-hint',
        onclick: () => {
          const { text, fileName } = csv();
          downloadCsv(text, fileName);
        },
      },
      t.downloadCsv,
    ),
    h('a', { class: 'button secondary', id: 'open-report', href: reportHref }, t.openReport),
    h('p', { id: 'csv-hint', class: 'hint' }, t.csvHint),
  );
}
