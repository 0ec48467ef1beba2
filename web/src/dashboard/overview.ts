// The overview of all indicators, the rounds and the response counts by area.
import { h } from '../common/dom.ts';
import type { RoundInfo } from './data.ts';
import { formatCount, formatDate, formatDiff, formatFigure, formatInterval, formatP, scaleOf } from './format.ts';
import { indicatorOrder, kindOf, labelOf, summaryValue, suppressedText, type ViewContext } from './context.ts';
import type { IndicatorComparison } from './data.ts';
import type { Kind } from './format.ts';
import { verdictBasis, verdictHeadline, verdictTone } from './verdictWords.ts';

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
      verdictCell(id, ind, kind, ctx),
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
          h('th', { scope: 'col' }, t.verdictTitle),
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
