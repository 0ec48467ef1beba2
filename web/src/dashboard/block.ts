// One compact block per indicator, in the report (a comparison or one round) and on the one-round
// dashboard: the verdict (of a comparison), one table of the whole round, the weighted figure and
// the groups with their intervals (and levels, for an index), and the answer distribution.
import { h } from '../common/dom.ts';
import { formatNumber } from '../common/lang.ts';
import { DONT_KNOW_COLOR, paletteFor, stackedChart, type StackSeries } from './charts.ts';
import { chartBox, type PendingChart } from './chartBoxes.ts';
import type { Distribution, RoundSummary } from './data.ts';
import { answerLabel, answerOrder, percentOf } from './distribution.ts';
import { captionedTable, scrollRegion } from './context.ts';
import { verdict } from './figures.ts';
import {
  bandOf,
  digitsOf,
  estimateOf,
  formatCount,
  formatDiff,
  formatFigure,
  formatInterval,
  isSuppressed,
  scaleOf,
  type Kind,
} from './format.ts';
import {
  definitionOf,
  groupIn,
  groupNameIn,
  groupsOf,
  isPreliminary,
  kindIn,
  labelIn,
  summaryIn,
  weightedIn,
  type Column,
  type View,
} from './view.ts';

/** "60,1–64,5": an interval of figures on their display scale. */
function span(low: number | null, high: number | null, kind: Kind, view: View): string {
  if (low === null || high === null) return '–';
  const d = digitsOf(kind);
  return `${formatNumber(low, view.lang, d)}–${formatNumber(high, view.lang, d)}`;
}

function valueCells(view: View, s: RoundSummary, kind: Kind, which: string, withBand: boolean): HTMLElement[] {
  const { t } = view;
  if (isSuppressed(s)) {
    return [
      h(
        'td',
        {
          class: 'suppressed',
          colspan: withBand ? 3 : 2,
          'data-field': `${which}-value`,
          'data-suppressed': s?.reason ?? 'true',
        },
        view.mode === 'report'
          ? t.suppressedShort
          : s?.reason === 'secondary'
            ? t.suppressedSecondary
            : t.suppressed(view.k),
      ),
    ];
  }
  const value = estimateOf(s);
  return [
    h(
      'td',
      { class: 'number' },
      h('span', { class: 'value strong', 'data-field': `${which}-value` }, formatFigure(value, kind, view.lang)),
      ' ',
      h(
        'span',
        { class: 'ci', 'data-field': `${which}-ci`, title: t.interval },
        `(${span(scaleOf(kind, s.ciLow), scaleOf(kind, s.ciHigh), kind, view)})`,
      ),
    ),
    h('td', { class: 'number', 'data-field': `${which}-n` }, formatCount(s.n, view.lang)),
    withBand ? h('td', { 'data-field': `${which}-band` }, bandOf(value, view.project, view.lang) ?? '–') : null,
  ].filter((c): c is HTMLTableCellElement => c !== null);
}

/** The table: all respondents, the weighted figure, the groups; per round, and the change of a pair. */
function blockTable(view: View, id: string): HTMLElement {
  const { t, w, lang } = view;
  const kind = kindIn(view, id);
  const pair = view.comparison?.indicators[id] ?? null;
  const withBand = kind === 'index' && !pair && Boolean(view.project.settings.bands?.length);
  const perColumn = withBand ? 3 : 2;
  const width = 1 + view.columns.length * perColumn + (pair ? 1 : 0);
  const changeCell = (diff: number | null, low: number | null, high: number | null, field: string) =>
    h(
      'td',
      { class: 'number', 'data-field': field },
      h('span', { class: 'strong' }, formatDiff(scaleOf(kind, diff), kind === 'share' ? 'index' : kind, lang, '')),
      h('br', {}),
      h('span', { class: 'ci' }, formatInterval(scaleOf(kind, low), scaleOf(kind, high), kind, lang, t.to)),
    );
  const rows: HTMLElement[] = [
    h(
      'tr',
      { 'data-row': 'all' },
      h('th', { scope: 'row' }, w.allRespondents),
      ...view.columns.flatMap((c) => valueCells(view, summaryIn(view, c, id), kind, c.which, withBand)),
      pair ? changeCell(pair.diff, pair.diffCiLow, pair.diffCiHigh, 'diff') : null,
    ),
  ];
  const weighting = view.project.settings.weighting;
  if (weighting && view.columns.some((c) => weightedIn(view, c, id))) {
    const strata = weighting.strata.map((s) => t.variables[s] ?? s).join(', ');
    const cells = (c: Column) => {
      const wr = weightedIn(view, c, id);
      if (!wr || wr.withheld || wr.estimate === null)
        return [h('td', { class: 'suppressed', colspan: perColumn, 'data-field': `weighted-${c.which}` }, w.withheld)];
      const value = scaleOf(kind, wr.estimate);
      return [
        h(
          'td',
          { class: 'number' },
          h('span', { class: 'value', 'data-field': `weighted-${c.which}` }, formatFigure(value, kind, lang)),
          ' ',
          h('span', { class: 'ci' }, `(${span(scaleOf(kind, wr.low), scaleOf(kind, wr.high), kind, view)})`),
        ),
        h('td', {}),
        withBand ? h('td', {}, bandOf(value, view.project, lang) ?? '–') : null,
      ].filter((x): x is HTMLTableCellElement => x !== null);
    };
    const wd = pair?.weighted;
    rows.push(
      h(
        'tr',
        { 'data-row': 'weighted', class: 'weighted-row' },
        h('th', { scope: 'row' }, h('abbr', { title: w.weightedBy(strata) }, w.weightedRow)),
        ...view.columns.flatMap(cells),
        pair ? (wd ? changeCell(wd.diff, wd.diffCiLow, wd.diffCiHigh, 'weighted-diff') : h('td', {})) : null,
      ),
    );
  }
  const variables = groupsOf(view, id);
  for (const { variable, values } of variables) {
    const shown = values.filter(
      (value) =>
        view.mode !== 'report' || view.columns.some((c) => !isSuppressed(groupIn(view, c, id, variable, value))),
    );
    if (shown.length === 0) continue;
    if (variables.length > 1 || view.mode !== 'report')
      rows.push(
        h(
          'tr',
          { class: 'group-heading' },
          h('th', { scope: 'colgroup', colspan: width }, t.variablesTitle[variable] ?? variable),
        ),
      );
    for (const value of shown)
      rows.push(
        h(
          'tr',
          { 'data-group': value, 'data-variable': variable },
          h('th', { scope: 'row' }, groupNameIn(view, variable, value)),
          ...view.columns.flatMap((c) =>
            valueCells(view, groupIn(view, c, id, variable, value), kind, c.which, withBand),
          ),
          pair ? h('td', {}) : null,
        ),
      );
  }
  const columnHead = (c: Column) =>
    h(
      'th',
      { scope: 'colgroup', colspan: perColumn },
      c.round.name,
      isPreliminary(c)
        ? h('span', { class: 'preliminary-mark', 'data-field': 'preliminary' }, ` (${w.preliminary})`)
        : null,
    );
  const subHead = view.columns.flatMap(() => [
    h('th', { scope: 'col', class: 'number' }, t.value, ' ', h('span', { class: 'ci' }, `(${t.intervalShort})`)),
    h('th', { scope: 'col', class: 'number' }, t.n),
    withBand ? h('th', { scope: 'col' }, w.level) : null,
  ]);
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col', rowspan: 2 }, w.group),
    ...view.columns.map(columnHead),
    pair
      ? h(
          'th',
          { scope: 'col', rowspan: 2, class: 'number change-head' },
          w.change,
          kind === 'share' ? h('span', { class: 'unit' }, ` (${w.points})`) : null,
          h('br', {}),
          h('span', { class: 'ci' }, `(${t.intervalShort})`),
        )
      : null,
  );
  const caption = `${labelIn(view, id)}: ${t.value}, ${t.interval}, ${t.n}`;
  return scrollRegion(
    labelIn(view, id),
    captionedTable({ class: 'block-table' }, caption, [head, h('tr', {}, ...subHead)], rows),
  );
}

/** One stacked bar per item and round: the answers in percent, "vet ej" grey. */
function distributionBox(view: View, id: string, pending: PendingChart[]): HTMLElement | null {
  const { t, lang } = view;
  const def = definitionOf(view, id);
  const items = def?.items ?? Object.keys(view.columns[0]?.reading.indicators[id]?.distribution ?? {});
  if (items.length === 0) return null;
  const SUPPRESSED: Distribution = { suppressed: true, n: null };
  const of = (c: Column, item: string) => c.reading.indicators[id]?.distribution[item] ?? SUPPRESSED;
  const all = items.flatMap((item) => view.columns.map((c) => of(c, item)));
  if (all.every((d) => 'suppressed' in d)) return null;
  const values = [
    ...new Set(
      items.flatMap((item) =>
        answerOrder(
          item,
          view.columns.map((c) => of(c, item)),
          view,
        ),
      ),
    ),
  ];
  const ordered = (list: string[]) => {
    const rest = list.filter((v) => v !== 'dk' && v !== 'none');
    return [...rest, ...list.filter((v) => v === 'none'), ...list.filter((v) => v === 'dk')];
  };
  const answers = ordered(values);
  const numeric = answers.filter((v) => v !== 'dk' && v !== 'none');
  const palette = paletteFor(numeric.length, numeric.length > 0 && numeric.every((v) => Number.isFinite(Number(v))));
  const many = items.length > 1;
  const short = (c: Column) => (c.which === 'baseline' ? t.baselineShort : t.followupShort);
  const rows = items.flatMap((item, i) =>
    view.columns.map((c) => {
      const d = of(c, item);
      const name = many ? (view.columns.length > 1 ? `${i + 1}. ${short(c)}` : view.w.question(i + 1)) : short(c);
      return { label: 'suppressed' in d ? [name, `(${t.suppressedShort.toLowerCase()})`] : name, d, item };
    }),
  );
  const series: StackSeries[] = answers.map((value) => ({
    label: answerLabel(items[0]!, value, view),
    color: value === 'dk' ? DONT_KNOW_COLOR : value === 'none' ? '#b9c0c7' : palette[numeric.indexOf(value)]!,
    values: rows.map((r) => percentOf(r.d, value)),
  }));
  const pct = lang === 'sv' ? '\u00a0%' : '%';
  const describe = rows
    .map((r) =>
      'suppressed' in r.d
        ? `${[r.label].flat().join(' ')}: ${t.suppressed(view.k)}`
        : `${[r.label].flat().join(' ')} (n = ${formatCount(r.d.n, lang)}): ${answers.map((v, i) => `${series[i]!.label} ${formatNumber(percentOf(r.d, v) ?? 0, lang, 1)}${pct}`).join(', ')}`,
    )
    .join('. ');
  const titles = items.map((item) => view.questions.get(item)?.title ?? item);
  const legendRows = Math.ceil(answers.length / (view.mode === 'report' ? 7 : 6));
  const height = rows.length * 24 + 34 + legendRows * 22;
  return h(
    'div',
    { class: 'block-distribution' },
    h('h4', {}, t.distributionTitle),
    many
      ? h(
          'ol',
          { class: 'block-questions' },
          titles.map((title) => h('li', {}, title)),
        )
      : h('p', { class: 'block-questions' }, titles[0]),
    chartBox(
      view,
      'distribution-chart',
      `${t.distributionChartLabel(titles.join(' / '))} ${describe}.`,
      height,
      (canvas, sizing) =>
        stackedChart(
          canvas,
          rows.map((r) => r.label),
          series,
          lang,
          sizing,
        ),
      pending,
      360,
    ),
  );
}

export function indicatorBlock(view: View, id: string, pending: PendingChart[]): HTMLElement {
  const { t } = view;
  const kind = kindIn(view, id);
  const def = definitionOf(view, id);
  const headingId = `ind-${id}-title`;
  const kindText =
    kind === 'mean' && def && 'scale' in def && def.scale
      ? `${t.kindLabel.mean}, ${t.scaleRange(String(def.scale[0]), String(def.scale[1]))}`
      : (t.kindLabel[kind] ?? kind);
  const ind = view.comparison?.indicators[id];
  return h(
    'article',
    {
      class: `card indicator-card report-block kind-${kind}`,
      id: `ind-${id}`,
      'data-indicator': id,
      'aria-labelledby': headingId,
    },
    h('h3', { id: headingId }, labelIn(view, id), h('span', { class: 'kind' }, kindText)),
    ind && view.pair ? verdict(id, ind, kind, view.pair) : null,
    h('div', { class: 'block-body' }, blockTable(view, id), distributionBox(view, id, pending)),
  );
}
