// The page language: Swedish first, English on request (?lang=en, or the switch, remembered).
import type { Lang } from './lang.ts';

const KEY = 'bygdpuls.lang';

export function currentLang(): Lang {
  const fromQuery = new URLSearchParams(location.search).get('lang');
  if (fromQuery === 'sv' || fromQuery === 'en') return fromQuery;
  const stored = localStorage.getItem(KEY);
  return stored === 'en' ? 'en' : 'sv';
}

/** Sets the page's language and remembers it where the browser lets the page store it. */
export function rememberLang(lang: Lang): void {
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    // Storage blocked: the language holds for this page only.
  }
}
