// An indicator by group (area, age band, gender): a chart and a table per background variable.
import { h } from '../common/dom.ts';
import type { IndicatorComparison, RoundSummary } from './data.ts';
import { estimateOf, formatCount, formatFigure, isSuppressed, type Kind } from './format.ts';
import {
  captionedTable,
  groupValueName,
  intervalText,
  labelOf,
  scrollRegion,
  suppressedText,
  valueCell,
  type ViewContext,
} from './context.ts';
import { groupChartBox, type PendingChart } from './chartBoxes.ts';
import { valueHeader } from './figures.ts';

export function breakdown(
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
              intervalText(s.ciLow, s.ciHigh, kind, ctx),
              `${which}-value`,
              t.interval,
            ),
            h('td', { class: 'number', 'data-field': `${which}-n` }, formatCount(s.n, lang)),
          ];
    const title = t.breakdownTitle(t.variables[variable] ?? variable);
    const head = [
      h(
        'tr',
        {},
        h('th', { scope: 'col', rowspan: 2 }, t.variablesTitle[variable] ?? variable),
        h('th', { scope: 'colgroup', colspan: 2 }, data.baseline.name),
        h('th', { scope: 'colgroup', colspan: 2 }, data.followup.name),
      ),
      h('tr', {}, ...[0, 1].flatMap(() => [valueHeader(t), h('th', { scope: 'col', class: 'number' }, t.n)])),
    ];
    const body = entries.map(([value, pair]) =>
      h(
        'tr',
        { 'data-group': value },
        h('th', { scope: 'row' }, groupValueName(variable, value, ctx)),
        ...cells(pair.baseline, 'baseline'),
        ...cells(pair.followup, 'followup'),
      ),
    );
    const label = `${labelOf(data, id)}: ${title}`;
    const table = captionedTable({ class: 'breakdown', 'data-variable': variable }, label, head, body);
    out.push(
      h(
        'section',
        { class: 'breakdown-section' },
        h('h4', {}, title),
        groupChartBox(id, variable, entries, kind, ctx, pending),
        scrollRegion(label, table),
      ),
    );
  }
  return out;
}
