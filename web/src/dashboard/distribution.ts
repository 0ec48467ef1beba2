// The answer distributions of an indicator's items: a stacked chart per item and its table.
import { h } from '../common/dom.ts';
import type { Lang } from '../common/lang.ts';
import { DONT_KNOW_COLOR, paletteFor, stackedChart, type StackSeries } from './charts.ts';
import type { Distribution, RoundInfo } from './data.ts';
import { formatCount, formatFigure } from './format.ts';
import type { ViewContext } from './context.ts';
import { chartBox, noChart, type PendingChart } from './chartBoxes.ts';

/** What naming answers needs. */
type Names = Pick<ViewContext, 'questions' | 't'>;

/** The answers of an item in a sensible order: the questionnaire's, then numbers, then the rest; "dk" last. */
export function answerOrder(item: string, distributions: Distribution[], ctx: Names): string[] {
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

export function answerLabel(item: string, value: string, ctx: Names): string {
  if (value === 'dk') return ctx.t.dontKnow;
  const text = ctx.questions.get(item)?.choices.get(value);
  if (text) return text;
  if (value === 'yes') return ctx.t.yes;
  if (value === 'no') return ctx.t.no;
  return value;
}

export function percentOf(d: Distribution, value: string): number | null {
  if ('suppressed' in d) return null;
  return d.n > 0 ? ((d.counts[value] ?? 0) / d.n) * 100 : 0;
}

export function distributionItem(id: string, item: string, ctx: ViewContext, pending: PendingChart[]): HTMLElement {
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
