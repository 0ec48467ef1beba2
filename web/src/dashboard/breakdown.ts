// An indicator by group (area, age band, gender): a chart and a table per background variable.
import { h } from '../common/dom.ts';
import type { IndicatorComparison, RoundSummary } from './data.ts';
import { estimateOf, formatCount, formatFigure, formatInterval, isSuppressed, scaleOf, type Kind } from './format.ts';
import { groupValueName, labelOf, suppressedText, valueCell, type ViewContext } from './context.ts';
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
        h('tr', {}, ...[0, 1].flatMap(() => [valueHeader(t), h('th', { scope: 'col', class: 'number' }, t.n)])),
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
