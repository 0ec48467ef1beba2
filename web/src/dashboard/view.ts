// The parts both pages show: the indicator cards (figures, interval chart, test, weighting, answer
// distributions, breakdown by group), the overview table and the response counts.
import { h } from '../common/dom.ts';
import type { Lang } from '../common/lang.ts';
import {
  BASELINE_COLOR,
  DONT_KNOW_COLOR,
  FOLLOWUP_COLOR,
  intervalChart,
  paletteFor,
  stackedChart,
  type IntervalRow,
  type Sizing,
  type StackSeries,
} from './charts.ts';
import {
  questionTexts,
  type DashboardData,
  type Distribution,
  type Indicator,
  type IndicatorComparison,
  type QuestionTexts,
  type RoundInfo,
  type RoundSummary,
  type RoundTexts,
} from './data.ts';
import {
  axisOf,
  bandOf,
  effectSize,
  estimateOf,
  formatCount,
  formatAlpha,
  formatDate,
  formatDiff,
  formatFigure,
  formatInterval,
  formatP,
  isSuppressed,
  scaleOf,
  type Kind,
} from './format.ts';
import { texts, translateNote, type Texts } from './i18n.ts';

export type Mode = 'dashboard' | 'report';

export interface ViewContext {
  data: DashboardData;
  lang: Lang;
  t: Texts;
  mode: Mode;
  k: number;
  questions: QuestionTexts;
}

export function viewContext(data: DashboardData, lang: Lang, mode: Mode): ViewContext {
  const t = texts(lang);
  return {
    data,
    lang,
    t,
    mode,
    k: data.project.settings.minGroupSize,
    questions: questionTexts(data.survey, lang, t.dontKnow, t.none),
  };
}

/** Indicator ids in the questionnaire's order (then any others of the comparison). */
export function indicatorOrder(data: DashboardData): string[] {
  const ids = Object.keys(data.comparison.indicators);
  const ordered = data.indicators.map((d) => d.id).filter((id) => ids.includes(id));
  return [...ordered, ...ids.filter((id) => !ordered.includes(id))];
}

export function kindOf(data: DashboardData, id: string): Kind {
  const def = data.indicators.find((d) => d.id === id);
  if (def) return def.kind;
  const ind = data.comparison.indicators[id]!;
  if ('p' in ind.baseline || 'p' in ind.followup) return 'share';
  return 'cohenD' in ind ? 'mean' : 'share';
}

export function labelOf(data: DashboardData, id: string): string {
  return data.indicators.find((d) => d.id === id)?.label ?? id;
}

function kindText(def: Indicator | undefined, kind: Kind, ctx: ViewContext): string {
  if (kind === 'mean' && def && 'scale' in def && def.scale)
    return `${ctx.t.kindLabel.mean}, ${ctx.t.scaleRange(String(def.scale[0]), String(def.scale[1]))}`;
  return ctx.t.kindLabel[kind] ?? kind;
}

/** A fold-out part: a details element on the dashboard, an open section in the printed report. */
function fold(ctx: ViewContext, summary: string, className: string, ...content: Node[]): HTMLElement {
  if (ctx.mode === 'report') return h('div', { class: `fold ${className}` }, h('h4', {}, summary), ...content);
  return h('details', { class: `fold ${className}` }, h('summary', {}, summary), ...content);
}

/** Why a figure is hidden: under the minimum size, or (secondary) to protect a smaller group. */
function suppressedText(marker: { reason?: string } | undefined, ctx: ViewContext): string {
  return marker?.reason === 'secondary' ? ctx.t.suppressedSecondary : ctx.t.suppressed(ctx.k);
}

function summaryValue(summary: RoundSummary, kind: Kind, ctx: ViewContext): string {
  return isSuppressed(summary) ? ctx.t.suppressed(ctx.k) : formatFigure(estimateOf(summary), kind, ctx.lang);
}

export function significanceText(ind: IndicatorComparison, t: Texts): string {
  return ind.significant === true ? t.significantYes : ind.significant === false ? t.significantNo : t.significantNull;
}

function significanceShort(ind: IndicatorComparison, t: Texts): string {
  return ind.significant === true ? t.sigShortYes : ind.significant === false ? t.sigShortNo : t.sigShortNull;
}

/** A figure with its interval under it. */
function valueCell(value: string, interval: string, field: string, intervalWord: string): HTMLElement {
  return h(
    'td',
    { class: 'number' },
    h('span', { class: 'value strong', 'data-field': field }, value),
    h('br', {}),
    h(
      'span',
      {
        class: 'ci',
        'data-field': `${field === 'diff' ? 'diff' : field.replace(/-value$/, '')}-ci`,
        title: intervalWord,
      },
      interval,
    ),
  );
}

/** The whole-round figures: value with its interval, n, band; and the change. */
function figuresTable(id: string, ind: IndicatorComparison, kind: Kind, ctx: ViewContext): HTMLTableElement {
  const { t, lang, data } = ctx;
  const withBand = kind === 'index';
  const row = (which: 'baseline' | 'followup', round: RoundInfo) => {
    const s = ind[which];
    const head = h(
      'th',
      { scope: 'row' },
      round.name,
      h('span', { class: 'round-kind' }, which === 'baseline' ? t.baseline : t.followup),
    );
    if (isSuppressed(s)) {
      return h(
        'tr',
        {},
        head,
        h(
          'td',
          { colspan: withBand ? 3 : 2, class: 'suppressed', 'data-field': `${which}-value`, 'data-suppressed': 'true' },
          t.suppressed(ctx.k),
        ),
      );
    }
    const value = estimateOf(s);
    return h(
      'tr',
      {},
      head,
      valueCell(
        formatFigure(value, kind, lang),
        formatInterval(scaleOf(kind, s.ciLow), scaleOf(kind, s.ciHigh), kind, lang, t.to),
        `${which}-value`,
        t.interval,
      ),
      h('td', { class: 'number', 'data-field': `${which}-n` }, formatCount(s.n, lang)),
      withBand ? h('td', { 'data-field': `${which}-band` }, bandOf(value, data.project, lang) ?? '–') : null,
    );
  };
  return h(
    'table',
    { class: 'figures' },
    h('caption', { class: 'visually-hidden' }, `${labelOf(data, id)}: ${t.value}, ${t.interval}, ${t.n}`),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t.round),
        h(
          'th',
          { scope: 'col', class: 'number' },
          t.value,
          h('br', {}),
          h('span', { class: 'ci' }, `(${t.intervalShort})`),
        ),
        h('th', { scope: 'col', class: 'number' }, t.n),
        withBand ? h('th', { scope: 'col' }, t.band) : null,
      ),
    ),
    h(
      'tbody',
      {},
      row('baseline', data.baseline),
      row('followup', data.followup),
      h(
        'tr',
        { class: 'change' },
        h('th', { scope: 'row' }, t.change),
        valueCell(
          formatDiff(scaleOf(kind, ind.diff), kind, lang, t.percentagePoints),
          formatInterval(scaleOf(kind, ind.diffCiLow), scaleOf(kind, ind.diffCiHigh), kind, lang, t.to),
          'diff',
          t.interval,
        ),
        h('td', {}),
        withBand ? h('td', {}) : null,
      ),
    ),
  );
}

function verdict(ind: IndicatorComparison, ctx: ViewContext): HTMLElement {
  const { t, lang } = ctx;
  const state = ind.significant === true ? 'yes' : ind.significant === false ? 'no' : 'null';
  const up = (ind.diff ?? 0) > 0;
  const symbol = state === 'yes' ? (up ? '▲' : '▼') : state === 'no' ? '=' : '?';
  const text = state === 'yes' ? (up ? t.significantUp : t.significantDown) : significanceText(ind, t);
  return h(
    'p',
    { class: `verdict verdict-${state}`, 'data-field': 'significant', 'data-significant': state },
    h('span', { class: 'verdict-symbol', 'aria-hidden': 'true' }, symbol),
    ' ',
    h('strong', {}, text),
    ind.pValue !== null ? ` (p ${ind.pValue < 0.001 ? '' : '= '}${formatP(ind.pValue, lang)})` : '',
  );
}

function testDetails(ind: IndicatorComparison, kind: Kind, ctx: ViewContext): HTMLElement {
  const { t, lang, data } = ctx;
  const alpha = data.project.settings.alpha;
  const items: [string, string, string?][] = [
    [t.test, kind === 'share' ? t.testShare : t.testWelch],
    [t.pValue, formatP(ind.pValue, lang), 'p'],
    [t.pHolm, formatP(ind.pHolm, lang), 'p-holm'],
    [t.alpha, formatAlpha(alpha, lang)],
  ];
  if (ind.pHolm !== null) items.push([t.holmVerdict, ind.pHolm < alpha ? t.holmYes : t.holmNo, 'holm-verdict']);
  if (kind !== 'share') {
    const d = ind.cohenD ?? null;
    items.push([
      t.cohenD,
      d === null ? '–' : `${formatDiff(d, 'mean', lang, '')} ${t.effect(t.effectSizes[effectSize(d)])}`,
      'cohen-d',
    ]);
  }
  if (ctx.mode === 'report') {
    // On paper: one compact line.
    return h(
      'p',
      { class: 'test-line' },
      items.flatMap(([term, value, field], i) => [
        i > 0 ? ' · ' : '',
        `${term}: `,
        h('span', field ? { 'data-field': field } : {}, value),
      ]),
    );
  }
  return fold(
    ctx,
    t.testDetails,
    'test-details',
    h(
      'dl',
      { class: 'facts' },
      ...items.flatMap(([term, value, field]) => [
        h('dt', {}, term),
        h('dd', field ? { 'data-field': field } : {}, value),
      ]),
    ),
  );
}

function strataText(strata: Record<string, string | undefined>[], ctx: ViewContext): string {
  const areaNames = new Map(ctx.data.project.areas.map((a) => [a.id, a.name]));
  return strata
    .map((s) =>
      Object.entries(s)
        .map(([variable, value]) =>
          variable === 'area' ? (areaNames.get(value ?? '') ?? value) : groupValueName(variable, value ?? '', ctx),
        )
        .join(' / '),
    )
    .join(', ');
}

function weightedSection(id: string, ind: IndicatorComparison, kind: Kind, ctx: ViewContext): HTMLElement | null {
  const w = ind.weighted;
  const weighting = ctx.data.project.settings.weighting;
  if (!w || !weighting) return null;
  const { t, lang, data } = ctx;
  const strataNames = weighting.strata.map((s) => t.variables[s] ?? s).join(', ');
  const wEstimate = (r: typeof w.baseline) => scaleOf(kind, r.mean ?? r.p ?? null);
  const cellPair = (value: string, ci: string, field: string) =>
    h('td', { class: 'number', 'data-field': field }, value, h('br', {}), h('span', { class: 'ci' }, ci));
  const roundRow = (which: 'baseline' | 'followup', round: RoundInfo) => {
    const s = ind[which];
    const wr = w[which];
    return h(
      'tr',
      {},
      h('th', { scope: 'row' }, round.name),
      isSuppressed(s)
        ? h('td', { class: 'suppressed' }, t.suppressed(ctx.k))
        : cellPair(
            formatFigure(estimateOf(s), kind, lang),
            formatInterval(scaleOf(kind, s.ciLow), scaleOf(kind, s.ciHigh), kind, lang, t.to),
            `unweighted-${which}`,
          ),
      wEstimate(wr) === null
        ? h(
            'td',
            { class: isSuppressed(s) ? 'suppressed' : '', 'data-field': `weighted-${which}` },
            isSuppressed(s) ? t.suppressed(ctx.k) : '–',
          )
        : cellPair(
            formatFigure(wEstimate(wr), kind, lang),
            formatInterval(scaleOf(kind, wr.ciLow), scaleOf(kind, wr.ciHigh), kind, lang, t.to),
            `weighted-${which}`,
          ),
    );
  };
  const notes: string[] = [];
  for (const which of ['baseline', 'followup'] as const) {
    const r = w[which];
    const name = which === 'baseline' ? data.baseline.name : data.followup.name;
    if (r.excluded > 0) notes.push(`${name}: ${t.excluded(r.excluded)}`);
    if (r.strataEmpty.length > 0) notes.push(`${name}: ${t.strataEmpty(strataText(r.strataEmpty, ctx))}`);
    if (r.strataSingle.length > 0) notes.push(`${name}: ${t.strataSingle(strataText(r.strataSingle, ctx))}`);
  }
  return h(
    'section',
    { class: 'weighted' },
    h('h4', {}, t.weightedTitle),
    h('p', { class: 'hint' }, t.weightedExplain(strataNames)),
    h(
      'div',
      { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': `${labelOf(data, id)}: ${t.weightedTitle}` },
      h(
        'table',
        { class: 'weighted-table' },
        h('caption', { class: 'visually-hidden' }, t.weightedTitle),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, t.round),
            h('th', { scope: 'col', class: 'number' }, t.unweighted),
            h('th', { scope: 'col', class: 'number' }, `${t.weighted} (${strataNames})`),
          ),
        ),
        h(
          'tbody',
          {},
          roundRow('baseline', data.baseline),
          roundRow('followup', data.followup),
          h(
            'tr',
            { class: 'change' },
            h('th', { scope: 'row' }, t.change),
            cellPair(
              formatDiff(scaleOf(kind, ind.diff), kind, lang, t.percentagePoints),
              formatInterval(scaleOf(kind, ind.diffCiLow), scaleOf(kind, ind.diffCiHigh), kind, lang, t.to),
              'unweighted-diff',
            ),
            cellPair(
              formatDiff(scaleOf(kind, w.diff), kind, lang, t.percentagePoints),
              formatInterval(scaleOf(kind, w.diffCiLow), scaleOf(kind, w.diffCiHigh), kind, lang, t.to),
              'weighted-diff',
            ),
          ),
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, t.pValue),
            h('td', { class: 'number' }, formatP(ind.pValue, lang)),
            h('td', { class: 'number', 'data-field': 'weighted-p' }, formatP(w.pValue, lang)),
          ),
        ),
      ),
    ),
    notes.length > 0
      ? h(
          'ul',
          { class: 'weighted-notes hint' },
          notes.map((n) => h('li', {}, n)),
        )
      : null,
  );
}

function notesBlock(ind: IndicatorComparison, ctx: ViewContext): HTMLElement | null {
  if (!ind.notes || ind.notes.length === 0) return null;
  return h(
    'div',
    { class: 'notice notes', 'data-field': 'notes' },
    h('strong', {}, `${ctx.t.whyMissing}:`),
    h(
      'ul',
      {},
      ind.notes.map((n) => h('li', {}, translateNote(n, ctx.t))),
    ),
  );
}

// ---- charts ----

export interface PendingChart {
  canvas: HTMLCanvasElement;
  draw: (canvas: HTMLCanvasElement) => void;
}

function chartBox(
  ctx: ViewContext,
  className: string,
  label: string,
  height: number,
  draw: (canvas: HTMLCanvasElement, sizing: Sizing) => void,
  pending: PendingChart[],
  printWidth = 680,
): HTMLElement {
  const canvas = h('canvas', { role: 'img', 'aria-label': label });
  canvas.textContent = `${label} ${ctx.t.chartTableNote}`;
  const sizing: Sizing = ctx.mode === 'report' ? { fixed: { width: printWidth, height } } : {};
  pending.push({ canvas, draw: (c) => draw(c, sizing) });
  // The height is a custom property, so that the stylesheet can give small screens more.
  return h(
    'div',
    { class: `chart ${className}`, style: ctx.mode === 'report' ? undefined : `--chart-height:${height}px` },
    canvas,
  );
}

/** In place of a chart with nothing to draw: everything in it is suppressed. */
function noChart(ctx: ViewContext): HTMLElement {
  return h('p', { class: 'no-chart suppressed', 'data-suppressed': 'true' }, ctx.t.suppressed(ctx.k));
}

type Interval = { estimate: number | null; low: number | null; high: number | null };

function intervalOf(s: RoundSummary, kind: Kind): Interval {
  return isSuppressed(s)
    ? { estimate: null, low: null, high: null }
    : { estimate: estimateOf(s), low: scaleOf(kind, s.ciLow), high: scaleOf(kind, s.ciHigh) };
}

function intervalRow(
  ctx: ViewContext,
  kind: Kind,
  label: string,
  interval: Interval,
  color: string,
  marker: IntervalRow['marker'],
  suppressed: boolean,
): IntervalRow {
  const { t, lang } = ctx;
  const text = suppressed
    ? `${label}: ${t.suppressed(ctx.k)}`
    : `${label}: ${formatFigure(interval.estimate, kind, lang)} (${t.intervalShort} ${formatInterval(interval.low, interval.high, kind, lang, t.to)})`;
  return { ...interval, color, marker, text };
}

function intervalChartBox(
  id: string,
  ind: IndicatorComparison,
  kind: Kind,
  ctx: ViewContext,
  pending: PendingChart[],
): HTMLElement {
  const { t, data } = ctx;
  const def = data.indicators.find((d) => d.id === id);
  const labels: string[][] = [];
  const rows: IntervalRow[] = [];
  const w = ind.weighted;
  const add = (round: RoundInfo, which: 'baseline' | 'followup', weighted: boolean) => {
    const suppressed = isSuppressed(ind[which]);
    const label = [
      round.name,
      ...(w ? [weighted ? t.weighted.toLowerCase() : t.unweighted.toLowerCase()] : []),
      ...(suppressed ? [`(${t.suppressedShort.toLowerCase()})`] : []),
    ];
    const interval =
      weighted && w
        ? {
            estimate: scaleOf(kind, w[which].mean ?? w[which].p ?? null),
            low: scaleOf(kind, w[which].ciLow),
            high: scaleOf(kind, w[which].ciHigh),
          }
        : intervalOf(ind[which], kind);
    const marker = which === 'baseline' ? (weighted ? 'diamond' : 'circle') : weighted ? 'triangle' : 'square';
    labels.push(label);
    rows.push(
      intervalRow(
        ctx,
        kind,
        label.join(' '),
        interval,
        which === 'baseline' ? BASELINE_COLOR : FOLLOWUP_COLOR,
        marker,
        suppressed,
      ),
    );
  };
  add(data.baseline, 'baseline', false);
  add(data.followup, 'followup', false);
  if (w) {
    add(data.baseline, 'baseline', true);
    add(data.followup, 'followup', true);
  }
  const bands =
    kind === 'index'
      ? (data.project.settings.bands ?? []).map((b) => ({ from: b.from, label: b.label[ctx.lang] }))
      : null;
  const label = `${t.intervalChartLabel(labelOf(data, id))} ${rows.map((r) => r.text).join('; ')}.`;
  const height = rows.length * 36 + 40 + (bands ? 16 : 0);
  if (rows.every((r) => r.estimate === null)) return noChart(ctx);
  return chartBox(
    ctx,
    'interval-chart',
    label,
    height,
    (canvas, sizing) =>
      intervalChart(
        canvas,
        labels,
        [{ label: labelOf(data, id), rows }],
        { ...axisOf(def, kind), percent: kind === 'share' },
        bands,
        ctx.lang,
        sizing,
      ),
    pending,
    340,
  );
}

/** Both rounds per group, as intervals (suppressed groups get no interval and say so). */
function groupChartBox(
  id: string,
  variable: string,
  entries: [string, { baseline: RoundSummary; followup: RoundSummary }][],
  kind: Kind,
  ctx: ViewContext,
  pending: PendingChart[],
): HTMLElement {
  const { t, data } = ctx;
  const def = data.indicators.find((d) => d.id === id);
  const labels = entries.map(([value, pair]) => {
    const name = groupValueName(variable, value, ctx);
    return isSuppressed(pair.baseline) || isSuppressed(pair.followup)
      ? [name, `(${t.suppressedShort.toLowerCase()})`]
      : name;
  });
  const series = (['baseline', 'followup'] as const).map((which) => {
    const round = which === 'baseline' ? data.baseline : data.followup;
    return {
      label: round.name,
      rows: entries.map(([value, pair]) =>
        intervalRow(
          ctx,
          kind,
          `${groupValueName(variable, value, ctx)}, ${round.name}`,
          intervalOf(pair[which], kind),
          which === 'baseline' ? BASELINE_COLOR : FOLLOWUP_COLOR,
          which === 'baseline' ? 'circle' : 'square',
          isSuppressed(pair[which]),
        ),
      ),
    };
  });
  const label = `${t.groupChartLabel(labelOf(data, id), t.variables[variable] ?? variable)} ${series.flatMap((s) => s.rows.map((r) => r.text)).join('; ')}.`;
  const height = entries.length * 40 + 70;
  if (series.every((s) => s.rows.every((r) => r.estimate === null))) return noChart(ctx);
  return chartBox(
    ctx,
    'group-chart',
    label,
    height,
    (canvas, sizing) =>
      intervalChart(
        canvas,
        labels,
        series,
        { ...axisOf(def, kind), percent: kind === 'share' },
        null,
        ctx.lang,
        sizing,
      ),
    pending,
  );
}

/** The answers of an item in a sensible order: the questionnaire's, then numbers, then the rest; "dk" last. */
function answerOrder(item: string, distributions: Distribution[], ctx: ViewContext): string[] {
  const present = new Set<string>();
  for (const d of distributions) if (!('suppressed' in d)) for (const key of Object.keys(d.counts)) present.add(key);
  const choices = ctx.questions.get(item)?.choices;
  const order: string[] = [];
  if (choices) for (const value of choices.keys()) if (value !== 'dk' && value !== 'none') order.push(value);
  const rest = [...present].filter((v) => !order.includes(v) && v !== 'dk');
  rest.sort((a, b) => {
    const na = Number(a);
    const nb = Number(b);
    if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
    if (Number.isFinite(na)) return -1;
    if (Number.isFinite(nb)) return 1;
    return a.localeCompare(b);
  });
  const all = [...order, ...rest];
  if (choices?.has('none') || present.has('none')) {
    if (!all.includes('none')) all.push('none');
  }
  if (choices?.has('dk') || present.has('dk')) all.push('dk');
  return all;
}

function answerLabel(item: string, value: string, ctx: ViewContext): string {
  if (value === 'dk') return ctx.t.dontKnow;
  const text = ctx.questions.get(item)?.choices.get(value);
  if (text) return text;
  if (value === 'yes') return ctx.t.yes;
  if (value === 'no') return ctx.t.no;
  return value;
}

function percentOf(d: Distribution, value: string): number | null {
  if ('suppressed' in d) return null;
  return d.n > 0 ? ((d.counts[value] ?? 0) / d.n) * 100 : 0;
}

function distributionItem(id: string, item: string, ctx: ViewContext, pending: PendingChart[]): HTMLElement {
  const { t, lang, data } = ctx;
  const db: Distribution = data.readings.baseline.indicators[id]?.distribution[item] ?? { suppressed: true, n: null };
  const df: Distribution = data.readings.followup.indicators[id]?.distribution[item] ?? { suppressed: true, n: null };
  const values = answerOrder(item, [db, df], ctx);
  const numeric = values.filter((v) => v !== 'dk' && v !== 'none');
  const ordered = numeric.length > 0 && numeric.every((v) => Number.isFinite(Number(v)));
  const palette = paletteFor(numeric.length, ordered);
  const series: StackSeries[] = values.map((value) => ({
    label: answerLabel(item, value, ctx),
    color:
      value === 'dk' || value === 'none'
        ? value === 'dk'
          ? DONT_KNOW_COLOR
          : '#b9c0c7'
        : palette[numeric.indexOf(value)]!,
    values: [percentOf(db, value), percentOf(df, value)],
  }));
  const title = ctx.questions.get(item)?.title ?? item;
  const pct = lang === 'sv' ? '\u00a0%' : '%';
  const roundLabel = (round: RoundInfo, d: Distribution) =>
    'suppressed' in d ? [round.name, `(${t.suppressedShort.toLowerCase()})`] : round.name;
  const describe = (round: RoundInfo, d: Distribution) =>
    'suppressed' in d
      ? `${round.name}: ${t.suppressed(ctx.k)}`
      : `${round.name} (n = ${formatCount(d.n, lang)}): ${series.map((s, i) => `${s.label} ${formatNumber1(percentOf(d, values[i]!), lang)}${pct}`).join(', ')}`;
  const label = `${t.distributionChartLabel(title)} ${describe(data.baseline, db)}. ${describe(data.followup, df)}.`;
  const table = h(
    'table',
    { class: 'distribution-table' },
    h('caption', { class: 'visually-hidden' }, `${t.distributionTitle}: ${title}`),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t.answer),
        h('th', { scope: 'col', class: 'number' }, data.baseline.name),
        h('th', { scope: 'col', class: 'number' }, data.followup.name),
      ),
    ),
    h(
      'tbody',
      {},
      values.map((value, i) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, series[i]!.label),
          ...[db, df].map((d) =>
            h(
              'td',
              { class: 'number' },
              'suppressed' in d ? t.suppressedShort : `${formatNumber1(percentOf(d, value), lang)}${pct}`,
            ),
          ),
        ),
      ),
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, t.n),
        ...[db, df].map((d) =>
          h('td', { class: 'number' }, 'suppressed' in d ? t.suppressed(ctx.k) : formatCount(d.n, lang)),
        ),
      ),
    ),
  );
  const legendRows = Math.ceil(values.length / (ctx.mode === 'report' ? 11 : 6));
  const height = 110 + legendRows * 22 + ('suppressed' in db || 'suppressed' in df ? 24 : 0);
  const bothSuppressed = 'suppressed' in db && 'suppressed' in df;
  return h(
    'div',
    { class: 'distribution-item', 'data-item': item },
    h('p', { class: 'question' }, title),
    bothSuppressed
      ? noChart(ctx)
      : chartBox(
          ctx,
          'distribution-chart',
          label,
          height,
          (canvas, sizing) =>
            stackedChart(canvas, [roundLabel(data.baseline, db), roundLabel(data.followup, df)], series, lang, sizing),
          pending,
        ),
    ctx.mode === 'dashboard'
      ? h('details', { class: 'fold table-fold' }, h('summary', {}, t.distributionTable), table)
      : null,
  );
}

function formatNumber1(value: number | null, lang: Lang): string {
  return formatFigure(value, 'index', lang);
}

// ---- breakdown by group ----

export function groupValueName(variable: string, value: string, ctx: ViewContext): string {
  if (variable === 'area') return ctx.data.project.areas.find((a) => a.id === value)?.name ?? value;
  const question =
    ctx.data.questionnaires.find((q) => q.id === ctx.data.baseline.questionnaireId)?.background[variable] ?? variable;
  const text = ctx.questions.get(question)?.choices.get(value);
  if (text) return text;
  if (value === 'none') return ctx.t.none;
  return value;
}

function breakdown(
  id: string,
  ind: IndicatorComparison,
  kind: Kind,
  ctx: ViewContext,
  pending: PendingChart[],
): HTMLElement[] {
  const { t, lang, data } = ctx;
  const out: HTMLElement[] = [];
  for (const [variable, groups] of Object.entries(ind.groups)) {
    if (!groups) continue;
    let entries = Object.entries(groups);
    if (variable === 'area') {
      const order = data.project.areas.map((a) => a.id);
      entries = entries.sort(
        ([a], [b]) =>
          (order.indexOf(a) === -1 ? 1e9 : order.indexOf(a)) - (order.indexOf(b) === -1 ? 1e9 : order.indexOf(b)),
      );
    }
    const cells = (s: RoundSummary, which: string) =>
      isSuppressed(s)
        ? [
            h(
              'td',
              {
                colspan: 2,
                class: 'suppressed',
                'data-suppressed': s.reason ?? 'true',
                'data-field': `${which}-value`,
              },
              suppressedText(s, ctx),
            ),
          ]
        : [
            valueCell(
              formatFigure(estimateOf(s), kind, lang),
              formatInterval(scaleOf(kind, s.ciLow), scaleOf(kind, s.ciHigh), kind, lang, t.to),
              `${which}-value`,
              t.interval,
            ),
            h('td', { class: 'number', 'data-field': `${which}-n` }, formatCount(s.n, lang)),
          ];
    const title = t.breakdownTitle(t.variables[variable] ?? variable);
    const table = h(
      'table',
      { class: 'breakdown', 'data-variable': variable },
      h('caption', { class: 'visually-hidden' }, `${labelOf(data, id)}: ${title}`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col', rowspan: 2 }, t.variablesTitle[variable] ?? variable),
          h('th', { scope: 'colgroup', colspan: 2 }, data.baseline.name),
          h('th', { scope: 'colgroup', colspan: 2 }, data.followup.name),
        ),
        h(
          'tr',
          {},
          ...[0, 1].flatMap(() => [
            h(
              'th',
              { scope: 'col', class: 'number' },
              t.value,
              h('br', {}),
              h('span', { class: 'ci' }, `(${t.intervalShort})`),
            ),
            h('th', { scope: 'col', class: 'number' }, t.n),
          ]),
        ),
      ),
      h(
        'tbody',
        {},
        entries.map(([value, pair]) =>
          h(
            'tr',
            { 'data-group': value },
            h('th', { scope: 'row' }, groupValueName(variable, value, ctx)),
            ...cells(pair.baseline, 'baseline'),
            ...cells(pair.followup, 'followup'),
          ),
        ),
      ),
    );
    out.push(
      h(
        'section',
        { class: 'breakdown-section' },
        h('h4', {}, title),
        groupChartBox(id, variable, entries, kind, ctx, pending),
        h(
          'div',
          { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': `${labelOf(data, id)}: ${title}` },
          table,
        ),
      ),
    );
  }
  return out;
}

// ---- the card ----

export function indicatorCard(id: string, ctx: ViewContext, pending: PendingChart[]): HTMLElement {
  const { t, data } = ctx;
  const ind = data.comparison.indicators[id]!;
  const kind = kindOf(data, id);
  const def = data.indicators.find((d) => d.id === id);
  const headingId = `ind-${id}-title`;
  const distribution = h(
    'section',
    { class: 'distribution' },
    h('h4', {}, t.distributionTitle),
    (def?.items ?? Object.keys(data.readings.baseline.indicators[id]?.distribution ?? {})).map((item) =>
      distributionItem(id, item, ctx, pending),
    ),
  );
  return h(
    'article',
    { class: `card indicator-card kind-${kind}`, id: `ind-${id}`, 'data-indicator': id, 'aria-labelledby': headingId },
    h('h3', { id: headingId }, labelOf(data, id), h('span', { class: 'kind' }, kindText(def, kind, ctx))),
    h(
      'div',
      { class: 'card-top' },
      h(
        'div',
        { class: 'card-figures' },
        h(
          'div',
          { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': labelOf(data, id) },
          figuresTable(id, ind, kind, ctx),
        ),
        verdict(ind, ctx),
        testDetails(ind, kind, ctx),
      ),
      intervalChartBox(id, ind, kind, ctx, pending),
    ),
    notesBlock(ind, ctx),
    weightedSection(id, ind, kind, ctx),
    distribution,
    ...breakdown(id, ind, kind, ctx, pending),
  );
}

// ---- overview and counts ----

export function overviewTable(ctx: ViewContext, withTests: boolean): HTMLElement {
  const { t, lang, data } = ctx;
  const rows = indicatorOrder(data).map((id) => {
    const ind = data.comparison.indicators[id]!;
    const kind = kindOf(data, id);
    const name = ctx.mode === 'dashboard' ? h('a', { href: `#ind-${id}` }, labelOf(data, id)) : labelOf(data, id);
    return h(
      'tr',
      { 'data-indicator': id },
      h('th', { scope: 'row' }, name),
      h('td', { class: 'number col-round' }, summaryValue(ind.baseline, kind, ctx)),
      h('td', { class: 'number col-round' }, summaryValue(ind.followup, kind, ctx)),
      h(
        'td',
        { class: 'number' },
        formatDiff(scaleOf(kind, ind.diff), kind, lang, t.percentagePoints),
        withTests ? h('br', {}) : null,
        withTests
          ? h(
              'span',
              { class: 'ci' },
              formatInterval(scaleOf(kind, ind.diffCiLow), scaleOf(kind, ind.diffCiHigh), kind, lang, t.to),
            )
          : null,
      ),
      withTests ? h('td', { class: 'number' }, formatP(ind.pValue, lang)) : null,
      withTests ? h('td', { class: 'number' }, formatP(ind.pHolm, lang)) : null,
      h(
        'td',
        { class: `sig sig-${ind.significant === true ? 'yes' : ind.significant === false ? 'no' : 'null'}` },
        significanceShort(ind, t),
      ),
    );
  });
  return h(
    'div',
    { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': t.indicatorTable },
    h(
      'table',
      { class: 'overview' },
      h('caption', { class: 'visually-hidden' }, t.indicatorTable),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, t.indicator),
          h('th', { scope: 'col', class: 'number col-round' }, data.baseline.name),
          h('th', { scope: 'col', class: 'number col-round' }, data.followup.name),
          h('th', { scope: 'col', class: 'number' }, withTests ? `${t.change} (${t.intervalShort})` : t.change),
          withTests ? h('th', { scope: 'col', class: 'number' }, 'p') : null,
          withTests ? h('th', { scope: 'col', class: 'number' }, t.pHolm.replace(/-värde|-value/, '')) : null,
          h('th', { scope: 'col' }, t.significance),
        ),
      ),
      h('tbody', {}, rows),
    ),
  );
}

export function roundsTable(ctx: ViewContext): HTMLElement {
  const { t, lang, data } = ctx;
  const row = (round: RoundInfo, which: 'baseline' | 'followup') =>
    h(
      'tr',
      { 'data-round': which },
      h('th', { scope: 'row' }, round.name),
      h('td', { class: 'col-kind' }, which === 'baseline' ? t.baseline : t.followup),
      h('td', {}, round.access === 'invite' ? t.accessInvite : t.accessOpen),
      h('td', {}, round.status === 'open' ? t.statusOpen : t.statusClosed),
      h('td', {}, formatDate(round.createdAt, lang)),
      h('td', { class: 'number', 'data-field': 'responses' }, formatCount(data.counts[which].responses, lang)),
    );
  return h(
    'div',
    { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': t.roundsTitle },
    h(
      'table',
      { class: 'rounds' },
      h('caption', { class: 'visually-hidden' }, t.roundsTitle),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...[t.round, t.kind, t.access, t.status, t.created].map((c, i) =>
            h('th', { scope: 'col', class: i === 1 ? 'col-kind' : undefined }, c),
          ),
          h('th', { scope: 'col', class: 'number' }, t.responses),
        ),
      ),
      h('tbody', {}, row(data.baseline, 'baseline'), row(data.followup, 'followup')),
    ),
  );
}

export function countsTable(ctx: ViewContext): HTMLElement {
  const { t, lang, data } = ctx;
  const rounds = [
    { which: 'baseline' as const, round: data.baseline, counts: data.counts.baseline },
    { which: 'followup' as const, round: data.followup, counts: data.counts.followup },
  ];
  const invited = (r: (typeof rounds)[number]) => r.round.access === 'invite' || r.counts.invited !== null;
  const areaIds = data.project.areas.map((a) => a.id);
  const suppressedCell = (a: { reason?: string } | undefined) =>
    h('td', { class: 'suppressed', 'data-suppressed': a?.reason ?? 'true' }, suppressedText(a, ctx));
  const body = areaIds.map((areaId) => {
    const name = data.project.areas.find((a) => a.id === areaId)!.name;
    return h(
      'tr',
      { 'data-area': areaId },
      h('th', { scope: 'row' }, name),
      ...rounds.flatMap((r) => {
        const a = r.counts.areas.find((x) => x.area === areaId);
        const cells: HTMLElement[] = [];
        cells.push(
          !a || a.underMinimum || a.responses === null
            ? suppressedCell(a)
            : h('td', { class: 'number', 'data-field': `${r.which}-responses` }, formatCount(a.responses, lang)),
        );
        if (invited(r)) {
          cells.push(h('td', { class: 'number' }, formatCount(a?.invited ?? null, lang)));
          cells.push(
            h(
              'td',
              { class: 'number', 'data-field': `${r.which}-rate` },
              a?.rate === null || a?.rate === undefined
                ? a?.underMinimum
                  ? '–'
                  : '–'
                : formatFigure(a.rate * 100, 'share', lang),
            ),
          );
        }
        return cells;
      }),
    );
  });
  const totalRow = h(
    'tr',
    { class: 'total' },
    h('th', { scope: 'row' }, t.total),
    ...rounds.flatMap((r) => {
      const cells: HTMLElement[] = [
        h('td', { class: 'number strong', 'data-field': `${r.which}-total` }, formatCount(r.counts.responses, lang)),
      ];
      if (invited(r)) {
        cells.push(h('td', { class: 'number' }, formatCount(r.counts.invited, lang)));
        cells.push(
          h(
            'td',
            { class: 'number' },
            r.counts.invited ? formatFigure((r.counts.responses / r.counts.invited) * 100, 'share', lang) : '–',
          ),
        );
      }
      return cells;
    }),
  );
  const head1 = h(
    'tr',
    {},
    h('th', { scope: 'col', rowspan: 2 }, t.area),
    ...rounds.map((r) => h('th', { scope: 'colgroup', colspan: invited(r) ? 3 : 1 }, r.round.name)),
  );
  const head2 = h(
    'tr',
    {},
    ...rounds.flatMap((r) =>
      invited(r)
        ? [
            h('th', { scope: 'col', class: 'number' }, t.responses),
            h('th', { scope: 'col', class: 'number' }, t.invited),
            h('th', { scope: 'col', class: 'number' }, t.responseRate),
          ]
        : [h('th', { scope: 'col', class: 'number' }, t.responses)],
    ),
  );
  return h(
    'div',
    { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': t.responsesTitle },
    h(
      'table',
      { class: 'counts' },
      h('caption', { class: 'visually-hidden' }, t.responsesTitle),
      h('thead', {}, head1, head2),
      h('tbody', {}, body, totalRow),
    ),
  );
}

// ---- free text ----

/** One round's free-text answers: each question with its answers as a plain list, nothing else. */
function roundTexts(
  round: RoundInfo,
  which: 'baseline' | 'followup',
  texts: RoundTexts | null,
  ctx: ViewContext,
): HTMLElement {
  const { t, lang } = ctx;
  const body: Node[] = [];
  if (!texts) body.push(h('p', { class: 'notice error', role: 'status' }, t.textsFailed));
  else if (texts.questions.length === 0) body.push(h('p', { class: 'hint' }, t.textsNone));
  for (const q of texts?.questions ?? []) {
    const title = ctx.questions.get(q.question)?.title ?? q.title;
    body.push(
      h(
        'div',
        { class: 'text-question', 'data-question': q.question },
        h(
          'h4',
          {},
          title,
          q.suppressed ? null : h('span', { class: 'text-count' }, t.textsCount(formatCount(q.answers.length, lang))),
        ),
        q.suppressed
          ? h('p', { class: 'suppressed', 'data-suppressed': 'true' }, t.textsSuppressed(ctx.k))
          : h(
              'ul',
              { class: 'text-answers' },
              q.answers.map((answer) => h('li', {}, answer)),
            ),
      ),
    );
  }
  const heading = [round.name, h('span', { class: 'round-kind' }, which === 'baseline' ? t.baseline : t.followup)];
  // Open in the printed report; folded on the dashboard, where the lists can be long.
  if (ctx.mode === 'report')
    return h('div', { class: 'texts-round', 'data-round': which }, h('h3', {}, ...heading), ...body);
  return h('details', { class: 'fold texts-round', 'data-round': which }, h('summary', {}, ...heading), ...body);
}

/** The free-text answers of both rounds, with the note that they come without background data. */
export function textsSection(ctx: ViewContext): HTMLElement {
  const { t, data } = ctx;
  return h(
    'section',
    { class: 'free-texts', id: 'free-texts', 'aria-labelledby': 'texts-title' },
    h('h2', { id: 'texts-title' }, t.textsTitle),
    h('p', { class: 'notice', role: 'note', 'data-field': 'texts-note' }, t.textsNote),
    roundTexts(data.baseline, 'baseline', data.texts.baseline, ctx),
    roundTexts(data.followup, 'followup', data.texts.followup, ctx),
  );
}

export function drawPending(pending: PendingChart[]): void {
  for (const p of pending) p.draw(p.canvas);
  pending.length = 0;
}
