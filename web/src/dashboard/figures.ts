// An indicator's figures: the whole-round table and the change, the verdict, the test, the
// weighted estimates and the notes on what is missing.
import { h } from '../common/dom.ts';
import type { IndicatorComparison, RoundInfo } from './data.ts';
import {
  bandOf,
  effectSize,
  estimateOf,
  formatAlpha,
  formatCount,
  formatDiff,
  formatFigure,
  formatInterval,
  formatP,
  isSuppressed,
  scaleOf,
  type Kind,
} from './format.ts';
import { translateNote, type Texts } from './i18n.ts';
import { fold, groupValueName, labelOf, significanceText, valueCell, type ViewContext } from './context.ts';

/** The whole-round figures: value with its interval, n, band; and the change. */
export function figuresTable(id: string, ind: IndicatorComparison, kind: Kind, ctx: ViewContext): HTMLTableElement {
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
        valueHeader(t),
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

export function verdict(ind: IndicatorComparison, ctx: ViewContext): HTMLElement {
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

export function testDetails(ind: IndicatorComparison, kind: Kind, ctx: ViewContext): HTMLElement {
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

export function notesBlock(ind: IndicatorComparison, ctx: ViewContext): HTMLElement | null {
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

/** The header of a value column: the value, and under it that the interval follows. */
export function valueHeader(t: Texts): HTMLElement {
  return h(
    'th',
    { scope: 'col', class: 'number' },
    t.value,
    h('br', {}),
    h('span', { class: 'ci' }, `(${t.intervalShort})`),
  );
}
