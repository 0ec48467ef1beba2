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

/** A date as each language writes it; with `time`, the hour and minute too. An unreadable date as given. */
export function formatDate(iso: string, lang: Lang, options: { time?: boolean } = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    ...(options.time ? { hour: '2-digit', minute: '2-digit' } : {}),
  }).format(date);
}
