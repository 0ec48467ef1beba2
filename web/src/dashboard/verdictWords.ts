// One verdict per indicator, in words (../shared/docs/METHOD.md, "How the pages word a change"):
// the overview, the cards, the report and the CSV show the API's `verdict` and no other yes/no
// judgement. No DOM here, so that Node tests can check the wording.
import { formatNumber, type Lang } from '../common/lang.ts';
import { meaningfulChange } from '../../../functions/core/verdict.ts';
import type { Indicator, IndicatorComparison } from './data.ts';
import { digitsOf, formatInterval, formatP, scaleOf, type Kind } from './format.ts';
import { translateNote, type Texts } from './i18n.ts';

export type Verdict = IndicatorComparison['verdict'];

/** What the wording reads of a comparison. */
export type Compared = Pick<
  IndicatorComparison,
  'verdict' | 'diff' | 'diffCiLow' | 'diffCiHigh' | 'pValue' | 'pHolm' | 'notes'
>;

/** The direction of a change: the sign of the difference. */
function up(ind: Compared): boolean {
  return (ind.diff ?? 0) > 0;
}

/** The verdict in words: "Säkerställd ökning", "Ingen förändring av betydelse", ... */
export function verdictHeadline(ind: Compared, t: Texts): string {
  switch (ind.verdict) {
    case 'confirmed':
      return t.verdictConfirmed(up(ind));
    case 'possible':
      return t.verdictPossible(up(ind));
    case 'no_change':
      return t.verdictNoChange;
    case 'inconclusive':
      return t.verdictInconclusive;
    default:
      return t.verdictNotAssessable;
  }
}

/** "= 0,012", or "< 0,001". */
function pText(p: number | null, lang: Lang): string {
  const text = formatP(p, lang);
  return text.startsWith('<') ? text : `= ${text}`;
}

/**
 * The smallest change that matters (on the comparison's scale: shares as proportions): the
 * definition's, else the default of its kind; null for a mean without its definition.
 */
export function deltaOf(def: Indicator | undefined, kind: Kind): number | null {
  if (def) return meaningfulChange(def);
  return kind === 'index' ? 5 : kind === 'share' ? 0.05 : null;
}

/** Why there is no verdict: the comparison's own reasons (those of the unweighted figures). */
export function notAssessableReasons(ind: Compared, t: Texts): string[] {
  return (ind.notes ?? []).filter((n) => !/^weighted\b/.test(n)).map((n) => translateNote(n, t));
}

/**
 * What the verdict rests on: the Holm-adjusted p (confirmed, possible), the change's interval
 * against ± the meaningful change (no change, inconclusive), or why it cannot be assessed.
 */
export function verdictBasis(ind: Compared, kind: Kind, def: Indicator | undefined, lang: Lang, t: Texts): string {
  switch (ind.verdict) {
    case 'confirmed':
      return t.basisHolm(pText(ind.pHolm, lang));
    case 'possible':
      return t.basisPossible(pText(ind.pValue, lang), pText(ind.pHolm, lang));
    case 'no_change':
    case 'inconclusive': {
      const ci = formatInterval(scaleOf(kind, ind.diffCiLow), scaleOf(kind, ind.diffCiHigh), kind, lang, t.to);
      const delta = deltaOf(def, kind);
      if (delta === null) return t.basisInterval(ci);
      const deltaText = `${formatNumber(scaleOf(kind, delta), lang, digitsOf(kind))}${kind === 'share' ? ` ${t.percentagePoints}` : ''}`;
      return ind.verdict === 'no_change' ? t.basisWithin(ci, deltaText) : t.basisOutside(ci, deltaText);
    }
    default: {
      const reasons = notAssessableReasons(ind, t);
      return reasons.length > 0 ? reasons.join(' ') : t.basisNoP;
    }
  }
}

/** A symbol beside the words (hidden from screen readers: the words say it). */
export function verdictSymbol(ind: Compared): string {
  switch (ind.verdict) {
    case 'confirmed':
      return up(ind) ? '▲' : '▼';
    case 'possible':
      return up(ind) ? '△' : '▽';
    case 'no_change':
      return '=';
    case 'inconclusive':
      return '?';
    default:
      return '–';
  }
}

/**
 * Emphasis by the verdict alone: a confirmed change stands out, coloured by its direction; every
 * other verdict is neutral. `strong` picks the stylesheet's emphasised class, `down` a red tone.
 */
export function verdictTone(ind: Compared): { strong: boolean; down: boolean } {
  const strong = ind.verdict === 'confirmed';
  return { strong, down: strong && !up(ind) };
}
