// Responses per area and round: counts, invitations and response rates (for invited rounds), with
// areas under the minimum size (or protecting a smaller one) suppressed. One round or two.
import { h } from '../common/dom.ts';
import type { Lang } from '../common/lang.ts';
import type { ProjectInfo, RoundCounts, RoundInfo } from './data.ts';
import { formatCount, formatFigure } from './format.ts';
import type { Texts } from './i18n.ts';
import { captionedTable, scrollRegion, suppressedText } from './context.ts';

export interface CountsColumn {
  which: 'baseline' | 'followup';
  round: RoundInfo;
  counts: RoundCounts;
}

export function countsTableOf(
  rounds: CountsColumn[],
  project: ProjectInfo,
  ctx: { t: Texts; lang: Lang; k: number },
): HTMLElement {
  const { t, lang } = ctx;
  const invited = (r: CountsColumn) => r.round.access === 'invite' || r.counts.invited !== null;
  const rate = (value: number | null | undefined) =>
    value === null || value === undefined ? '–' : formatFigure(value * 100, 'share', lang);
  const suppressedCell = (a: { reason?: string } | undefined) =>
    h('td', { class: 'suppressed', 'data-suppressed': a?.reason ?? 'true' }, suppressedText(a, ctx));
  const body = project.areas.map((area) =>
    h(
      'tr',
      { 'data-area': area.id },
      h('th', { scope: 'row' }, area.name),
      ...rounds.flatMap((r) => {
        const a = r.counts.areas.find((x) => x.area === area.id);
        const cells: HTMLElement[] = [
          !a || a.underMinimum || a.responses === null
            ? suppressedCell(a)
            : h('td', { class: 'number', 'data-field': `${r.which}-responses` }, formatCount(a.responses, lang)),
        ];
        if (invited(r)) {
          cells.push(h('td', { class: 'number' }, formatCount(a?.invited ?? null, lang)));
          cells.push(h('td', { class: 'number', 'data-field': `${r.which}-rate` }, rate(a?.rate)));
        }
        return cells;
      }),
    ),
  );
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
            { class: 'number', 'data-field': `${r.which}-total-rate` },
            r.counts.invited ? rate(r.counts.responses / r.counts.invited) : '–',
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
  return scrollRegion(
    t.responsesTitle,
    captionedTable({ class: 'counts' }, t.responsesTitle, [head1, head2], [...body, totalRow]),
  );
}
