// An indicator's figures: the whole-round table and the change, the verdict, the test and the
// notes on what is missing (the weighted estimates are in weighted.ts).
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
  formatP,
  isSuppressed,
  type Kind,
} from './format.ts';
import { translateNote, type Texts } from './i18n.ts';
import { reportWords } from './reportWords.ts';
import { changeTexts, fold, intervalText, labelOf, roundTable, valueCell, type ViewContext } from './context.ts';
import { verdictBasis, verdictHeadline, verdictSymbol, verdictTone } from './verdictWords.ts';

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
      data.readings[which].preliminary
        ? h('span', { class: 'preliminary-mark', 'data-field': 'preliminary' }, reportWords(lang).preliminary)
        : null,
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
        intervalText(s.ciLow, s.ciHigh, kind, ctx),
        `${which}-value`,
        t.interval,
      ),
      h('td', { class: 'number', 'data-field': `${which}-n` }, formatCount(s.n, lang)),
      withBand ? h('td', { 'data-field': `${which}-band` }, bandOf(value, data.project, lang) ?? '–') : null,
    );
  };
  return roundTable(
    {
      className: 'figures',
      caption: `${labelOf(data, id)}: ${t.value}, ${t.interval}, ${t.n}`,
      headers: [
        valueHeader(t),
        h('th', { scope: 'col', class: 'number' }, t.n),
        withBand ? h('th', { scope: 'col' }, t.band) : null,
      ],
      row,
      change: [
        valueCell(...changeTexts(ind, kind, ctx), 'diff', t.interval),
        h('td', {}),
        withBand ? h('td', {}) : null,
      ],
    },
    ctx,
  );
}

/** The verdict (the API's, in words), what it rests on, and emphasis by the verdict alone. */
export function verdict(id: string, ind: IndicatorComparison, kind: Kind, ctx: ViewContext): HTMLElement {
  const { t, lang, data } = ctx;
  const tone = verdictTone(ind);
  const def = data.indicators.find((d) => d.id === id);
  return h(
    'p',
    {
      class: `verdict verdict-${tone.strong ? 'yes' : 'no'} verdict-${ind.verdict.replace('_', '-')}${tone.down ? ' tone-down' : ''}`,
      'data-field': 'verdict',
      'data-verdict': ind.verdict,
    },
    h('span', { class: 'verdict-symbol', 'aria-hidden': 'true' }, verdictSymbol(ind)),
    ' ',
    h('strong', { 'data-field': 'verdict-text' }, verdictHeadline(ind, t)),
    h('br', {}),
    h('span', { class: 'verdict-basis', 'data-field': 'verdict-basis' }, verdictBasis(ind, kind, def, lang, t)),
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
