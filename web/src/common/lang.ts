// The page language: Swedish first, English on request (?lang=en, or the switch, remembered).

export type Lang = 'sv' | 'en';
const KEY = 'bygdpuls.lang';

export function currentLang(): Lang {
  const fromQuery = new URLSearchParams(location.search).get('lang');
  if (fromQuery === 'sv' || fromQuery === 'en') return fromQuery;
  const stored = localStorage.getItem(KEY);
  return stored === 'en' ? 'en' : 'sv';
}

export function rememberLang(lang: Lang): void {
  localStorage.setItem(KEY, lang);
  document.documentElement.lang = lang;
}

/** Numbers as each language writes them (decimal comma in Swedish). */
export function formatNumber(value: number | null | undefined, lang: Lang, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}
