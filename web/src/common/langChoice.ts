// The page language: Swedish first, English on request (?lang=en, or the switch, remembered).
import type { Lang } from './lang.ts';

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
