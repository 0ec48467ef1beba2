// How figures are written: shares in percent, indexes with one decimal, means on a 1–5 scale with
// two, p-values with three; decimal comma in Swedish (formatNumber).
import { formatDate as formatDateIn, formatNumber, type Lang } from '../common/lang.ts';
import type { Indicator, MeanSummary, ProjectInfo, RoundSummary, ShareSummary, Suppressed } from './data.ts';

export type Kind = Indicator['kind'];

export function isSuppressed(summary: RoundSummary | undefined | null): summary is Suppressed {
  return !summary || 'suppressed' in summary;
}

/** The estimate of a summary on the scale it is shown on (shares in percent). */
export function estimateOf(summary: RoundSummary): number | null {
  if (isSuppressed(summary)) return null;
  return 'p' in summary ? (summary as ShareSummary).p * 100 : (summary as MeanSummary).mean;
}

export function scaleOf(kind: Kind, value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return kind === 'share' ? value * 100 : value;
}

/** Decimals per kind: index 1, share (percent) 1, mean 2. */
export function digitsOf(kind: Kind): number {
  return kind === 'mean' ? 2 : 1;
}

export function percentSign(lang: Lang): string {
  return lang === 'sv' ? '\u00a0%' : '%';
}

/** A figure already on its display scale (percent for shares), with the percent sign for shares. */
export function formatFigure(value: number | null | undefined, kind: Kind, lang: Lang): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return formatNumber(value, lang, digitsOf(kind)) + (kind === 'share' ? percentSign(lang) : '');
}

/** A signed difference on its display scale (percentage points for shares). */
export function formatDiff(value: number | null | undefined, kind: Kind, lang: Lang, pointsWord: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const text = formatNumber(value, lang, digitsOf(kind));
  const signed = value > 0 ? `+${text}` : text;
  return kind === 'share' ? `${signed} ${pointsWord}` : signed;
}

export function formatInterval(
  low: number | null | undefined,
  high: number | null | undefined,
  kind: Kind,
  lang: Lang,
  word: string,
): string {
  if (low === null || low === undefined || high === null || high === undefined) return '–';
  const d = digitsOf(kind);
  return `${formatNumber(low, lang, d)} ${word} ${formatNumber(high, lang, d)}`;
}

export function formatP(p: number | null | undefined, lang: Lang): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '–';
  if (p < 0.001) return `< ${formatNumber(0.001, lang, 3)}`;
  return formatNumber(p, lang, 3);
}

/** The significance level as given (0,05 rather than 0,050). */
export function formatAlpha(alpha: number, lang: Lang): string {
  const decimals = Math.min(6, Math.max(2, (String(alpha).split('.')[1] ?? '').length));
  return formatNumber(alpha, lang, decimals);
}

export function formatCount(n: number | null | undefined, lang: Lang): string {
  if (n === null || n === undefined) return '–';
  return formatNumber(n, lang, 0);
}

export function formatDate(iso: string, lang: Lang): string {
  return formatDateIn(iso, lang);
}

/** A release's time: the date and the minute. */
export function formatDateTime(iso: string, lang: Lang): string {
  return formatDateIn(iso, lang, { time: true });
}

/** The band (project.settings.bands) an index value falls in. */
export function bandOf(value: number | null, project: ProjectInfo, lang: Lang): string | null {
  const bands = project.settings.bands;
  if (value === null || !bands || bands.length === 0) return null;
  let found: (typeof bands)[number] | null = null;
  for (const band of bands) if (value >= band.from) found = band;
  return found ? found.label[lang] : null;
}

/** Cohen's conventional sizes: 0.2 small, 0.5 medium, 0.8 large. */
export function effectSize(d: number): 'negligible' | 'small' | 'medium' | 'large' {
  const a = Math.abs(d);
  return a < 0.2 ? 'negligible' : a < 0.5 ? 'small' : a < 0.8 ? 'medium' : 'large';
}

/** The axis range of an indicator: 0–100 for indexes and shares, the item scale for means. */
export function axisOf(def: Indicator | undefined, kind: Kind): { min: number; max: number } {
  if (kind === 'mean' && def && 'scale' in def && def.scale) return { min: def.scale[0], max: def.scale[1] };
  return { min: 0, max: 100 };
}
