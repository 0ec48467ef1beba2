// The indicator card: figures, verdict, test, interval chart, weighting, distributions and breakdown.
import { h } from '../common/dom.ts';
import type { Indicator } from './data.ts';
import type { Kind } from './format.ts';
import { kindOf, labelOf, scrollRegion, type ViewContext } from './context.ts';
import { figuresTable, notesBlock, testDetails, verdict } from './figures.ts';
import { weightedSection } from './weighted.ts';
import { intervalChartBox, type PendingChart } from './chartBoxes.ts';
import { distributionItem } from './distribution.ts';
import { breakdown } from './breakdown.ts';

function kindText(def: Indicator | undefined, kind: Kind, ctx: ViewContext): string {
  if (kind === 'mean' && def && 'scale' in def && def.scale)
    return `${ctx.t.kindLabel.mean}, ${ctx.t.scaleRange(String(def.scale[0]), String(def.scale[1]))}`;
  return ctx.t.kindLabel[kind] ?? kind;
}

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
        scrollRegion(labelOf(data, id), figuresTable(id, ind, kind, ctx)),
        verdict(id, ind, kind, ctx),
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
