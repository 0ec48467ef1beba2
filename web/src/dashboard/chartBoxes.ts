// The charts of a card, as boxes that draw once they are in the page: the interval chart of the
// rounds and the interval chart per group.
import { h } from '../common/dom.ts';
import {
  BASELINE_COLOR,
  FOLLOWUP_COLOR,
  intervalChart,
  type IntervalRow,
  type IntervalSeries,
  type Sizing,
} from './charts.ts';
import type { IndicatorComparison, RoundInfo, RoundSummary } from './data.ts';
import { axisOf, estimateOf, formatFigure, formatInterval, isSuppressed, scaleOf, type Kind } from './format.ts';
import { groupValueName, labelOf, type ViewContext } from './context.ts';

export interface PendingChart {
  canvas: HTMLCanvasElement;
  draw: (canvas: HTMLCanvasElement) => void;
}

export function chartBox(
  ctx: Pick<ViewContext, 'mode' | 't'>,
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
export function noChart(ctx: Pick<ViewContext, 't' | 'k'>): HTMLElement {
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

/**
 * An indicator's interval chart in a box, its text alternative the title and every row's text; in
 * its place noChart when there is nothing to draw (every row suppressed).
 */
function intervalBox(
  id: string,
  kind: Kind,
  ctx: ViewContext,
  pending: PendingChart[],
  chart: {
    className: string;
    title: string;
    height: number;
    labels: (string | string[])[];
    series: IntervalSeries[];
    bands: { from: number; label: string }[] | null;
    printWidth?: number;
  },
): HTMLElement {
  const rows = chart.series.flatMap((s) => s.rows);
  if (rows.every((r) => r.estimate === null)) return noChart(ctx);
  const def = ctx.data.indicators.find((d) => d.id === id);
  return chartBox(
    ctx,
    chart.className,
    `${chart.title} ${rows.map((r) => r.text).join('; ')}.`,
    chart.height,
    (canvas, sizing) =>
      intervalChart(
        canvas,
        chart.labels,
        chart.series,
        { ...axisOf(def, kind), percent: kind === 'share' },
        chart.bands,
        ctx.lang,
        sizing,
      ),
    pending,
    chart.printWidth,
  );
}

export function intervalChartBox(
  id: string,
  ind: IndicatorComparison,
  kind: Kind,
  ctx: ViewContext,
  pending: PendingChart[],
): HTMLElement {
  const { t, data } = ctx;
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
  return intervalBox(id, kind, ctx, pending, {
    className: 'interval-chart',
    title: t.intervalChartLabel(labelOf(data, id)),
    height: rows.length * 36 + 40 + (bands ? 16 : 0),
    labels,
    series: [{ label: labelOf(data, id), rows }],
    bands,
    printWidth: 340,
  });
}

/** Both rounds per group, as intervals (suppressed groups get no interval and say so). */
export function groupChartBox(
  id: string,
  variable: string,
  entries: [string, { baseline: RoundSummary; followup: RoundSummary }][],
  kind: Kind,
  ctx: ViewContext,
  pending: PendingChart[],
): HTMLElement {
  const { t, data } = ctx;
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
  return intervalBox(id, kind, ctx, pending, {
    className: 'group-chart',
    title: t.groupChartLabel(labelOf(data, id), t.variables[variable] ?? variable),
    height: entries.length * 40 + 70,
    labels,
    series,
    bands: null,
  });
}

export function drawPending(pending: PendingChart[]): void {
  for (const p of pending) p.draw(p.canvas);
  pending.length = 0;
}
