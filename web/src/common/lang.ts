// The page language and how each language writes numbers: no browser APIs here, so that tests
// on Node can use what the pages compute (the browser side is in langChoice.ts).

import type { Language } from '../../../functions/core/language.ts';

export type Lang = Language;
/** Numbers as each language writes them (decimal comma in Swedish). */
export function formatNumber(value: number | null | undefined, lang: Lang, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}
