// The overview of all indicators, the rounds and the response counts by area.
import { h } from '../common/dom.ts';
import type { RoundInfo } from './data.ts';
import { formatCount, formatDate, formatP } from './format.ts';
import {
  captionedTable,
  changeTexts,
  indicatorOrder,
  kindOf,
  labelOf,
  scrollRegion,
  summaryValue,
  type ViewContext,
} from './context.ts';
import type { IndicatorComparison } from './data.ts';
import type { Kind } from './format.ts';
import { verdictBasis, verdictHeadline, verdictTone } from './verdictWords.ts';
import { countsTableOf } from './countsTable.ts';

/**
 * An indicator's verdict in the overview, in the card's words; where it cannot be assessed, why.
 * The figures (p, Holm's p) beside it are figures only: this is the one judgement.
 */
function verdictCell(id: string, ind: IndicatorComparison, kind: Kind, ctx: ViewContext): HTMLElement {
  const tone = verdictTone(ind);
  const def = ctx.data.indicators.find((d) => d.id === id);
  return h(
    'td',
    {
      class: `sig sig-${tone.strong ? 'yes' : 'no'}${tone.down ? ' tone-down' : ''}`,
      'data-field': 'verdict',
      'data-verdict': ind.verdict,
    },
    h('span', { 'data-field': 'verdict-text' }, verdictHeadline(ind, ctx.t)),
    ind.verdict === 'not_assessable' ? h('br', {}) : null,
    ind.verdict === 'not_assessable'
      ? h('span', { class: 'verdict-basis' }, verdictBasis(ind, kind, def, ctx.lang, ctx.t))
      : null,
  );
}

export function overviewTable(ctx: ViewContext, withTests: boolean): HTMLElement {
  const { t, lang, data } = ctx;
  const rows = indicatorOrder(data).map((id) => {
    const ind = data.comparison.indicators[id]!;
    const kind = kindOf(data, id);
    const name = ctx.mode === 'dashboard' ? h('a', { href: `#ind-${id}` }, labelOf(data, id)) : labelOf(data, id);
    const [change, interval] = changeTexts(ind, kind, ctx);
    return h(
      'tr',
      { 'data-indicator': id },
      h('th', { scope: 'row' }, name),
      h('td', { class: 'number col-round' }, summaryValue(ind.baseline, kind, ctx)),
      h('td', { class: 'number col-round' }, summaryValue(ind.followup, kind, ctx)),
      h(
        'td',
        { class: 'number' },
        change,
        withTests ? h('br', {}) : null,
        withTests ? h('span', { class: 'ci' }, interval) : null,
      ),
      withTests ? h('td', { class: 'number' }, formatP(ind.pValue, lang)) : null,
      withTests ? h('td', { class: 'number' }, formatP(ind.pHolm, lang)) : null,
      verdictCell(id, ind, kind, ctx),
    );
  });
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, t.indicator),
    h('th', { scope: 'col', class: 'number col-round' }, data.baseline.name),
    h('th', { scope: 'col', class: 'number col-round' }, data.followup.name),
    h('th', { scope: 'col', class: 'number' }, withTests ? `${t.change} (${t.intervalShort})` : t.change),
    withTests ? h('th', { scope: 'col', class: 'number' }, 'p') : null,
    withTests ? h('th', { scope: 'col', class: 'number' }, t.pHolm.replace(/-värde|-value/, '')) : null,
    h('th', { scope: 'col' }, t.verdictTitle),
  );
  return scrollRegion(t.indicatorTable, captionedTable({ class: 'overview' }, t.indicatorTable, [head], rows));
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
  const head = h(
    'tr',
    {},
    ...[t.round, t.kind, t.access, t.status, t.created].map((c, i) =>
      h('th', { scope: 'col', class: i === 1 ? 'col-kind' : undefined }, c),
    ),
    h('th', { scope: 'col', class: 'number' }, t.responses),
  );
  return scrollRegion(
    t.roundsTitle,
    captionedTable(
      { class: 'rounds' },
      t.roundsTitle,
      [head],
      [row(data.baseline, 'baseline'), row(data.followup, 'followup')],
    ),
  );
}

export function countsTable(ctx: ViewContext): HTMLElement {
  const { data } = ctx;
  return countsTableOf(
    [
      { which: 'baseline', round: data.baseline, counts: data.counts.baseline },
      { which: 'followup', round: data.followup, counts: data.counts.followup },
    ],
    data.project,
    ctx,
  );
}
