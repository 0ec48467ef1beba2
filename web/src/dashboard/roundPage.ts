// The dashboard of one round on its own (/dashboard/:projectId#round=..): before any follow-up
// exists, the baseline's figures (each indicator with its interval and level, the areas, the
// distributions, response rates, weighted figures); preliminary, with its count, while it is open.
import { h } from '../common/dom.ts';
import { indicatorBlock } from './block.ts';
import { drawPending, type PendingChart } from './chartBoxes.ts';
import { countsTableOf } from './countsTable.ts';
import { bandOf, estimateOf, formatCount, formatFigure, isSuppressed } from './format.ts';
import { csvFileName, roundCsv } from './csv.ts';
import { adminLink, demoNotice, freshPage, langSwitch, pageActions, type PageState } from './pageParts.ts';
import { readingGuide } from './readingGuide.ts';
import { releaseNoticeOf } from './release.ts';
import { compactTexts } from './report.ts';
import { captionedTable, intervalText, scrollRegion } from './context.ts';
import { valueHeader } from './figures.ts';
import { indicatorIds, isPreliminary, kindIn, labelIn, oneRoundView, summaryIn, type View } from './view.ts';

/** Every indicator of the round: its value with the interval, n and (for an index) its level. */
function overview(view: View): HTMLElement {
  const { t, w, lang } = view;
  const c = view.columns[0]!;
  const rows = indicatorIds(view).map((id) => {
    const kind = kindIn(view, id);
    const s = summaryIn(view, c, id);
    const name = h('th', { scope: 'row' }, h('a', { href: `#ind-${id}` }, labelIn(view, id)));
    if (isSuppressed(s))
      return h(
        'tr',
        { 'data-indicator': id },
        name,
        h(
          'td',
          { class: 'suppressed', colspan: 3, 'data-field': 'value', 'data-suppressed': 'true' },
          t.suppressed(view.k),
        ),
      );
    const value = estimateOf(s);
    return h(
      'tr',
      { 'data-indicator': id },
      name,
      h(
        'td',
        { class: 'number' },
        h('span', { class: 'strong', 'data-field': 'value' }, formatFigure(value, kind, lang)),
        h('br', {}),
        h('span', { class: 'ci' }, intervalText(s.ciLow, s.ciHigh, kind, view)),
      ),
      h('td', { class: 'number', 'data-field': 'n' }, formatCount(s.n, lang)),
      h('td', { 'data-field': 'band' }, kind === 'index' ? (bandOf(value, view.project, lang) ?? '–') : ''),
    );
  });
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, t.indicator),
    valueHeader(t),
    h('th', { scope: 'col', class: 'number' }, t.n),
    h('th', { scope: 'col' }, w.overviewLevel),
  );
  return scrollRegion(
    t.indicatorTable,
    captionedTable({ class: 'overview one-round' }, t.indicatorTable, [head], rows),
  );
}

export function renderOneRound(state: PageState, controls: HTMLElement, rerender: () => void): void {
  const { t, root, project } = freshPage(state);
  const view = oneRoundView(state.round!, state.lang, 'dashboard');
  const { w } = view;
  const c = view.columns[0]!;
  const kindWord = c.which === 'baseline' ? t.baseline : t.followup;
  const hasFollowup = project.rounds.some((r) => r.kind === 'followup');
  root.append(
    langSwitch(state, rerender),
    adminLink(project.project.id, t),
    h('h1', {}, project.project.name),
    h('p', { class: 'subtitle', 'data-field': 'view' }, w.oneRoundSubtitle(kindWord, c.round.name)),
    isPreliminary(c)
      ? h(
          'p',
          { class: 'preliminary-badge', 'data-field': 'preliminary-badge' },
          w.preliminaryBadge(c.round.name, formatCount(c.reading.release?.n ?? c.counts.responses, state.lang)),
        )
      : '',
    demoNotice(state, t),
    controls,
    state.pending
      ? h(
          'div',
          { class: 'notice', role: 'note', 'data-field': 'no-followup' },
          h('p', {}, w.followupEmpty(state.pending.name)),
        )
      : hasFollowup
        ? ''
        : h('div', { class: 'notice', role: 'note', 'data-field': 'no-followup' }, h('p', {}, w.noFollowup)),
    releaseNoticeOf(view.columns, t, state.lang),
    pageActions(
      t,
      () => ({
        text: roundCsv(state.round!, state.lang),
        fileName: csvFileName(project.project.name, c.round.name),
      }),
      `/report/${encodeURIComponent(project.project.id)}#${new URLSearchParams({ round: c.round.id }).toString()}`,
    ),
  );
  const pending: PendingChart[] = [];
  root.append(
    readingGuide(state.lang, view.k, Boolean(project.project.settings.weighting), false),
    h(
      'section',
      { 'aria-labelledby': 'overview-title' },
      h('h2', { id: 'overview-title' }, t.overviewTitle),
      overview(view),
    ),
    h(
      'section',
      { 'aria-labelledby': 'responses-title' },
      h('h2', { id: 'responses-title' }, t.responsesTitle),
      countsTableOf(view.columns, view.project, view),
    ),
    h(
      'section',
      { class: 'indicators', 'aria-labelledby': 'indicators-title' },
      h('h2', { id: 'indicators-title' }, t.indicatorsTitle),
      indicatorIds(view).map((id) => indicatorBlock(view, id, pending)),
    ),
    compactTexts(view) ?? '',
  );
  drawPending(pending);
  document.body.dataset.ready = 'true';
}
