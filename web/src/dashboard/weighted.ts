// The weighted estimates of an indicator beside the unweighted ones, and what the weighting did:
// merged (collapsed) strata, empty or single strata, responses left out, or that this is withheld.
import { h } from '../common/dom.ts';
import type { IndicatorComparison, RoundInfo } from './data.ts';
import { estimateOf, formatFigure, formatP, isSuppressed, scaleOf, type Kind } from './format.ts';
import {
  changeTexts,
  groupValueName,
  intervalText,
  labelOf,
  roundTable,
  scrollRegion,
  type ViewContext,
} from './context.ts';
import { weightingNotes, type Stratum } from './weightingWords.ts';

/** A stratum by name: "Gårdeby", or "Gårdeby / Kvinna" over several variables. */
function stratumName(stratum: Stratum, ctx: ViewContext): string {
  const areaNames = new Map(ctx.data.project.areas.map((a) => [a.id, a.name]));
  return Object.entries(stratum)
    .map(([variable, value]) =>
      variable === 'area' ? (areaNames.get(value ?? '') ?? value) : groupValueName(variable, value ?? '', ctx),
    )
    .join(' / ');
}

export function weightedSection(
  id: string,
  ind: IndicatorComparison,
  kind: Kind,
  ctx: ViewContext,
): HTMLElement | null {
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
            intervalText(s.ciLow, s.ciHigh, kind, ctx),
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
            intervalText(wr.ciLow, wr.ciHigh, kind, ctx),
            `weighted-${which}`,
          ),
    );
  };
  const notes: string[] = [];
  for (const which of ['baseline', 'followup'] as const) {
    const name = which === 'baseline' ? data.baseline.name : data.followup.name;
    const m = Math.max(weighting.minStratumSize ?? ctx.k, ctx.k);
    for (const note of weightingNotes(w[which], t, m, (s) => stratumName(s, ctx))) notes.push(`${name}: ${note}`);
  }
  return h(
    'section',
    { class: 'weighted' },
    h('h4', {}, t.weightedTitle),
    h('p', { class: 'hint' }, t.weightedExplain(strataNames)),
    scrollRegion(
      `${labelOf(data, id)}: ${t.weightedTitle}`,
      roundTable(
        {
          className: 'weighted-table',
          caption: t.weightedTitle,
          headers: [
            h('th', { scope: 'col', class: 'number' }, t.unweighted),
            h('th', { scope: 'col', class: 'number' }, `${t.weighted} (${strataNames})`),
          ],
          row: roundRow,
          change: [
            cellPair(...changeTexts(ind, kind, ctx), 'unweighted-diff'),
            cellPair(...changeTexts(w, kind, ctx), 'weighted-diff'),
          ],
          after: [
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, t.pValue),
              h('td', { class: 'number' }, formatP(ind.pValue, lang)),
              h('td', { class: 'number', 'data-field': 'weighted-p' }, formatP(w.pValue, lang)),
            ),
          ],
        },
        ctx,
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
