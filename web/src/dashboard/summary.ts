// The report's first page, in plain words: what was measured, how many answered (preliminary while
// a round is open), the main results with the verdicts of ../shared/docs/METHOD.md (or, for one
// round, each indicator's value and level), and once which groups were too small to report.
import { h } from '../common/dom.ts';
import { countsTableOf } from './countsTable.ts';
import {
  bandOf,
  estimateOf,
  formatCount,
  formatDateTime,
  formatDiff,
  formatFigure,
  isSuppressed,
  scaleOf,
} from './format.ts';
import { verdictHeadline } from './verdictWords.ts';
import {
  allSuppressed,
  definitionOf,
  groupIn,
  groupNameIn,
  groupsOf,
  indicatorIds,
  isPreliminary,
  kindIn,
  labelIn,
  summaryIn,
  type Column,
  type View,
} from './view.ts';
import { formatNumber } from '../common/lang.ts';

/** "Nöjdhet med bygden (index 0–100)" -> "nöjdhet med bygden". */
function plainLabel(label: string): string {
  const bare = label.replace(/\s*\([^)]*\)\s*$/, '');
  return bare.charAt(0).toLowerCase() + bare.slice(1);
}

function answeredLine(view: View, c: Column): HTMLElement {
  const { t, w, lang } = view;
  const kind = c.which === 'baseline' ? t.baseline.toLowerCase() : t.followup.toLowerCase();
  const n = c.counts.responses;
  const invited = c.counts.invited;
  const release = c.reading.release;
  return h(
    'li',
    { 'data-round': c.which, 'data-state': isPreliminary(c) ? 'preliminary' : 'final' },
    w.answered(c.round.name, kind, formatCount(n, lang)),
    invited ? w.invitedPart(formatCount(invited, lang), formatFigure((n / invited) * 100, 'share', lang)) : '',
    '.',
    !release
      ? w.noReleasePart
      : isPreliminary(c)
        ? h(
            'strong',
            { class: 'preliminary', 'data-field': 'preliminary' },
            w.openPart(formatCount(release.n, lang), formatDateTime(release.at, lang)),
          )
        : release.final
          ? w.closedPart(formatDateTime(release.at, lang))
          : w.closingPart,
  );
}

/** One indicator of one round in words: "nöjdhet med bygden: 62,3 av 100, nivån ”Nöjd” (95 % KI 60,1–64,5)". */
function oneRoundLine(view: View, c: Column, id: string): HTMLElement {
  const { t, w, lang } = view;
  const kind = kindIn(view, id);
  const s = summaryIn(view, c, id);
  const label = h('strong', {}, `${labelIn(view, id).replace(/\s*\([^)]*\)\s*$/, '')}: `);
  if (isSuppressed(s)) return h('li', { 'data-indicator': id }, label, t.suppressed(view.k));
  const value = estimateOf(s);
  const text = formatFigure(value, kind, lang);
  const def = definitionOf(view, id);
  const words =
    kind === 'index'
      ? w.outOf100(text)
      : kind === 'share'
        ? w.ofRespondents(text)
        : def && 'scale' in def && def.scale
          ? w.onScale(text, String(def.scale[0]), String(def.scale[1]))
          : text;
  const band = kind === 'index' ? bandOf(value, view.project, lang) : null;
  const d = kind === 'mean' ? 2 : 1;
  const ci = `${formatNumber(scaleOf(kind, s.ciLow) ?? 0, lang, d)}–${formatNumber(scaleOf(kind, s.ciHigh) ?? 0, lang, d)}`;
  return h(
    'li',
    { 'data-indicator': id },
    label,
    h('span', { 'data-field': 'value' }, words),
    band ? `, ${w.levelIs(band)}` : '',
    ` (${w.intervalIn(ci)}).`,
  );
}

/** The comparison's indicators grouped by their verdict, in words, with the two values. */
function verdictLines(view: View, ids: string[]): HTMLElement[] {
  const { t, lang } = view;
  const comparison = view.comparison!;
  const order = ['confirmed', 'possible', 'no_change', 'inconclusive', 'not_assessable'];
  const groups = new Map<string, { verdict: string; ids: string[] }>();
  for (const id of [...ids].sort(
    (a, b) => order.indexOf(comparison.indicators[a]!.verdict) - order.indexOf(comparison.indicators[b]!.verdict),
  )) {
    const ind = comparison.indicators[id]!;
    const headline = verdictHeadline(ind, t);
    const group = groups.get(headline) ?? { verdict: ind.verdict, ids: [] };
    group.ids.push(id);
    groups.set(headline, group);
  }
  return [...groups].map(([headline, group]) =>
    h(
      'li',
      { 'data-verdict': group.verdict },
      h('strong', { 'data-field': 'verdict-text' }, headline),
      ': ',
      group.ids.flatMap((id, i) => {
        const ind = comparison.indicators[id]!;
        const kind = kindIn(view, id);
        const values = view.columns.map((c) => {
          const s = summaryIn(view, c, id);
          return isSuppressed(s) ? '–' : formatFigure(estimateOf(s), kind, lang);
        });
        const diff = formatDiff(scaleOf(kind, ind.diff), kind, lang, t.percentagePoints);
        return [
          i > 0 ? '; ' : '',
          h(
            'span',
            { 'data-indicator': id },
            plainLabel(labelIn(view, id)),
            ` (${values.join(` ${view.w.arrow} `)}${ind.diff === null ? '' : `, ${diff}`})`,
          ),
        ];
      }),
      '.',
    ),
  );
}

/** Which groups were not reported anywhere, and why; which indicators have no block. */
export function smallGroupsNote(view: View): HTMLElement | null {
  const { w } = view;
  const tooSmall = new Set<string>();
  const protecting = new Set<string>();
  const ids = indicatorIds(view);
  for (const id of ids.filter((x) => !allSuppressed(view, x)))
    for (const { variable, values } of groupsOf(view, id))
      for (const value of values)
        for (const c of view.columns) {
          const s = groupIn(view, c, id, variable, value);
          if (!isSuppressed(s)) continue;
          (s.reason === 'secondary' ? protecting : tooSmall).add(groupNameIn(view, variable, value));
        }
  for (const name of tooSmall) protecting.delete(name);
  const omitted = ids.filter((id) => allSuppressed(view, id)).map((id) => labelIn(view, id));
  if (tooSmall.size === 0 && protecting.size === 0 && omitted.length === 0) return null;
  return h(
    'div',
    { class: 'small-groups', 'data-field': 'small-groups' },
    h('h3', {}, w.smallTitle),
    tooSmall.size > 0 ? h('p', { 'data-field': 'too-small' }, w.tooSmall([...tooSmall], view.k)) : null,
    protecting.size > 0 ? h('p', { 'data-field': 'protecting' }, w.protecting([...protecting], view.k)) : null,
    omitted.length > 0
      ? h('p', { 'data-field': 'omitted' }, w.omitted(omitted, view.k, view.columns.length === 1))
      : null,
  );
}

export function summarySection(view: View): HTMLElement {
  const { w } = view;
  const ids = indicatorIds(view);
  const one = view.columns.length === 1 ? view.columns[0]! : null;
  const results = one
    ? [
        h('p', {}, w.oneIntro),
        h(
          'ul',
          { class: 'summary-results' },
          ids.map((id) => oneRoundLine(view, one, id)),
        ),
        h('p', { class: 'hint' }, one.which === 'baseline' ? w.baselineOnly : w.oneRoundOnly),
      ]
    : [
        h('p', {}, w.pairIntro(view.columns[0]!.round.name, view.columns[1]!.round.name)),
        h('ul', { class: 'summary-results' }, verdictLines(view, ids)),
      ];
  return h(
    'section',
    { class: 'report-summary', 'aria-labelledby': 'summary-title', 'data-field': 'summary' },
    h('h2', { id: 'summary-title' }, w.summaryTitle),
    h('h3', {}, w.measuredTitle),
    h(
      'p',
      {},
      w.measured(
        view.project.areas.map((a) => a.name),
        ids.map((id) => plainLabel(labelIn(view, id))),
      ),
    ),
    h('h3', {}, w.answeredTitle),
    h(
      'ul',
      { class: 'answered' },
      view.columns.map((c) => answeredLine(view, c)),
    ),
    countsTableOf(view.columns, view.project, view),
    h('h3', {}, w.resultsTitle),
    ...results,
    smallGroupsNote(view),
  );
}
