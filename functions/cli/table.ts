// The comparison as a table for the terminal, with Swedish or English labels.
import type { Comparison, IndicatorComparison, RoundSummary, WeightedRound } from '../core/compare.ts';
import type { Indicator, ProjectSettings } from '../core/schemas.ts';

import type { Language } from '../core/language.ts';

export type { Language } from '../core/language.ts';

const LABELS = {
  sv: {
    indicator: 'Indikator',
    baseline: 'Nollmätning',
    followup: 'Uppföljning',
    diff: 'Skillnad (95 % KI)',
    p: 'p',
    pHolm: 'p (Holm)',
    verdict: 'Bedömning',
    verdicts: {
      confirmed: (up: boolean) => (up ? 'Säkerställd ökning' : 'Säkerställd minskning'),
      possible: (up: boolean) => `Möjlig ${up ? 'ökning' : 'minskning'} (kan bero på slumpen)`,
      no_change: () => 'Ingen förändring av betydelse',
      inconclusive: () => 'För få svar för att säga',
      not_assessable: () => 'Kan inte bedömas',
    },
    unknown: '–',
    suppressed: (k: number) => `undertryckt (n < ${k})`,
    weighted: 'viktat',
    band: 'Nivå',
    groups: 'Per grupp',
    notes: 'Noteringar',
    collapsed: (round: string, cells: string) => `viktat, ${round}: strata med för få svar sammanslagna: ${cells}`,
    rounds: { baseline: 'nollmätning', followup: 'uppföljning' },
    method: (alpha: number, k: number) =>
      `Medelvärden: Welch t-test; andelar: Newcombes hybridintervall och z-test. 95 % konfidensintervall. Bedömning: säkerställd när Holm-justerat p < ${alpha}, möjlig när bara p < ${alpha}; annars avgör intervallet mot den minsta förändring som betyder något. Grupper med färre än ${k} svar visas inte.`,
  },
  en: {
    indicator: 'Indicator',
    baseline: 'Baseline',
    followup: 'Follow-up',
    diff: 'Difference (95% CI)',
    p: 'p',
    pHolm: 'p (Holm)',
    verdict: 'Verdict',
    verdicts: {
      confirmed: (up: boolean) => (up ? 'Confirmed increase' : 'Confirmed decrease'),
      possible: (up: boolean) => `Possible ${up ? 'increase' : 'decrease'} (may be chance)`,
      no_change: () => 'No change that matters',
      inconclusive: () => 'Too few answers to tell',
      not_assessable: () => 'Cannot be assessed',
    },
    unknown: '–',
    suppressed: (k: number) => `suppressed (n < ${k})`,
    weighted: 'weighted',
    band: 'Band',
    groups: 'By group',
    notes: 'Notes',
    collapsed: (round: string, cells: string) => `weighted, ${round}: strata with too few answers merged: ${cells}`,
    rounds: { baseline: 'baseline', followup: 'follow-up' },
    method: (alpha: number, k: number) =>
      `Means: Welch's t-test; shares: Newcombe's hybrid interval and z-test. 95% confidence intervals. Verdict: confirmed when the Holm-adjusted p < ${alpha}, possible when only p < ${alpha}; otherwise the interval against the smallest change that matters decides. Groups with fewer than ${k} answers are not shown.`,
  },
} as const;

function formatNumber(value: number | null | undefined, digits: number, lang: Language): string {
  if (value === null || value === undefined) return '–';
  const text = value.toFixed(digits);
  return lang === 'sv' ? text.replace('.', ',').replace('-', '−') : text;
}

function formatP(p: number | null, lang: Language): string {
  if (p === null) return '–';
  if (p < 0.001) return lang === 'sv' ? '< 0,001' : '< 0.001';
  return formatNumber(p, 3, lang);
}

function digitsFor(def: Indicator): number {
  return def.kind === 'share' ? 1 : def.kind === 'index' ? 1 : 2;
}

/** Shares are shown in percent, means and indexes on their own scale. */
function scaled(def: Indicator, value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return def.kind === 'share' ? value * 100 : value;
}

function formatSummary(def: Indicator, summary: RoundSummary, settings: ProjectSettings, lang: Language): string {
  if ('suppressed' in summary) return LABELS[lang].suppressed(settings.minGroupSize);
  const value = 'p' in summary ? summary.p : summary.mean;
  const unit = def.kind === 'share' ? ' %' : '';
  const d = digitsFor(def);
  return `${formatNumber(scaled(def, value), d, lang)}${unit} [${formatNumber(scaled(def, summary.ciLow), d, lang)}, ${formatNumber(scaled(def, summary.ciHigh), d, lang)}] n=${summary.n}`;
}

function formatWeighted(def: Indicator, round: WeightedRound, lang: Language): string {
  const value = def.kind === 'share' ? round.p : round.mean;
  const d = digitsFor(def);
  const unit = def.kind === 'share' ? ' %' : '';
  return `${formatNumber(scaled(def, value), d, lang)}${unit} [${formatNumber(scaled(def, round.ciLow), d, lang)}, ${formatNumber(scaled(def, round.ciHigh), d, lang)}]`;
}

function bandOf(value: number, settings: ProjectSettings, lang: Language): string {
  let label = settings.bands[0]!.label[lang];
  for (const band of settings.bands) if (value >= band.from) label = band.label[lang];
  return label;
}

function renderTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => [...(row[column] ?? '')].length)));
  return rows
    .map((row, i) => {
      const line = row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd();
      return i === 0 ? `${line}\n${widths.map((w) => '─'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

/** The comparison as text: a main table, weighted figures, groups, notes and the method in a line. */
export function formatComparisonTable(
  comparison: Comparison,
  indicators: readonly Indicator[],
  settings: ProjectSettings,
  lang: Language,
): string {
  const L = LABELS[lang];
  const byId = new Map(indicators.map((def) => [def.id, def]));
  const label = (def: Indicator) => def.label ?? def.id;
  const main: string[][] = [[L.indicator, L.baseline, L.followup, L.diff, L.p, L.pHolm, L.verdict, L.band]];
  const sections: string[] = [];
  const notes: string[] = [];

  for (const [id, result] of Object.entries(comparison.indicators) as [string, IndicatorComparison][]) {
    const def = byId.get(id)!;
    const d = digitsFor(def);
    const unit = def.kind === 'share' ? ' %-enh.' : '';
    const diff =
      result.diff === null
        ? '–'
        : `${formatNumber(scaled(def, result.diff), d, lang)} [${formatNumber(scaled(def, result.diffCiLow), d, lang)}, ${formatNumber(scaled(def, result.diffCiHigh), d, lang)}]${lang === 'sv' ? unit : def.kind === 'share' ? ' pp' : ''}`;
    const followupValue = 'mean' in result.followup ? result.followup.mean : null;
    main.push([
      label(def),
      formatSummary(def, result.baseline, settings, lang),
      formatSummary(def, result.followup, settings, lang),
      diff,
      formatP(result.pValue, lang),
      formatP(result.pHolm, lang),
      L.verdicts[result.verdict]((result.diff ?? 0) > 0),
      def.kind === 'index' && followupValue !== null ? bandOf(followupValue, settings, lang) : '',
    ]);
    if (result.weighted) {
      const w = result.weighted;
      const wdiff =
        w.diff === null
          ? '–'
          : `${formatNumber(scaled(def, w.diff), d, lang)} [${formatNumber(scaled(def, w.diffCiLow), d, lang)}, ${formatNumber(scaled(def, w.diffCiHigh), d, lang)}]`;
      main.push([
        `  ${L.weighted}`,
        formatWeighted(def, w.baseline, lang),
        formatWeighted(def, w.followup, lang),
        wdiff,
        formatP(w.pValue, lang),
        '',
        '',
        '',
      ]);
    }
    for (const [variable, groups] of Object.entries(result.groups)) {
      const rows: string[][] = [[`${label(def)}: ${variable}`, L.baseline, L.followup]];
      for (const [value, pair] of Object.entries(groups ?? {})) {
        rows.push([
          value,
          formatSummary(def, pair.baseline, settings, lang),
          formatSummary(def, pair.followup, settings, lang),
        ]);
      }
      if (rows.length > 1) sections.push(renderTable(rows));
    }
    for (const note of result.notes ?? []) notes.push(`${label(def)}: ${note}`);
    for (const which of ['baseline', 'followup'] as const) {
      const cells = result.weighted?.[which].strataCollapsed ?? [];
      const named = cells.map((cell) => cell.map((stratum) => Object.values(stratum).join(' × ')).join(' + '));
      if (named.length > 0) notes.push(`${label(def)}: ${L.collapsed(L.rounds[which], named.join('; '))}`);
    }
  }
  const parts = [renderTable(main)];
  if (sections.length > 0) parts.push(`${L.groups}\n\n${sections.join('\n\n')}`);
  if (notes.length > 0) parts.push(`${L.notes}\n${notes.map((n) => `- ${n}`).join('\n')}`);
  parts.push(L.method(settings.alpha, settings.minGroupSize));
  return `${parts.join('\n\n')}\n`;
}
