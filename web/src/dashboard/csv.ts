// The comparison (or one round) as CSV, made in the browser from the API's JSON: one row per
// indicator and round (or group, or the difference), UTF-8 with a byte order mark so that Excel
// reads å, ä, ö.
// Swedish: semicolons, decimal commas and Swedish headers (what Swedish Excel expects); English:
// commas, points and the column names. Values (codes such as `baseline`, `confirmed`) are the same.
// Figures are the API's, unrounded; shares are proportions (0–1), as in the comparison. The one
// judgement is `verdict` (../shared/docs/METHOD.md, "How the pages word a change"), on the
// unweighted difference row: confirmed, possible, no_change, inconclusive or not_assessable.
import type { Lang } from '../common/lang.ts';
import type { Comparison, DashboardData, RoundData, RoundSummary, WeightedRound } from './data.ts';
import { isSuppressed } from './format.ts';

export const CSV_COLUMNS = [
  'indicator',
  'label',
  'kind',
  'round',
  'round_name',
  'group_variable',
  'group',
  'group_name',
  'weighted',
  'suppressed',
  'n',
  'k',
  'estimate',
  'sd',
  'se',
  'ci_low',
  'ci_high',
  'p_value',
  'p_holm',
  'verdict',
  'cohen_d',
  'notes',
] as const;

type Column = (typeof CSV_COLUMNS)[number];

/** The header row in Swedish (the English one is the column names themselves). */
const SWEDISH_HEADERS: Readonly<Record<Column, string>> = {
  indicator: 'indikator',
  label: 'namn',
  kind: 'slag',
  round: 'omgång',
  round_name: 'omgångens namn',
  group_variable: 'gruppvariabel',
  group: 'grupp',
  group_name: 'gruppens namn',
  weighted: 'viktad',
  suppressed: 'undertryckt',
  n: 'n',
  k: 'k',
  estimate: 'skattning',
  sd: 'standardavvikelse',
  se: 'medelfel',
  ci_low: 'ki nedre',
  ci_high: 'ki övre',
  p_value: 'p-värde',
  p_holm: 'p (Holm)',
  verdict: 'bedömning',
  cohen_d: 'Cohens d',
  notes: 'noteringar',
};

/** The header row of the page's language, column by column in CSV_COLUMNS order. */
export function csvHeaders(lang: Lang): string[] {
  return CSV_COLUMNS.map((column) => (lang === 'sv' ? SWEDISH_HEADERS[column] : column));
}
type Row = Partial<Record<Column, string | number | boolean | null | undefined>>;

export function csvSeparator(lang: Lang): string {
  return lang === 'sv' ? ';' : ',';
}

function cell(value: Row[Column], lang: Lang, sep: string): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'number') {
    text = Number.isFinite(value) ? String(value) : '';
    if (lang === 'sv') text = text.replace('.', ',');
  } else if (typeof value === 'boolean') {
    text = value ? 'yes' : 'no';
  } else {
    text = value;
    // A text cell that a spreadsheet would take for a formula is kept as text.
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  }
  return text.includes(sep) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function summaryFields(summary: RoundSummary): Row {
  if (isSuppressed(summary)) return { suppressed: true };
  if ('p' in summary)
    return {
      suppressed: false,
      n: summary.n,
      k: summary.k,
      estimate: summary.p,
      ci_low: summary.ciLow,
      ci_high: summary.ciHigh,
    };
  return {
    suppressed: false,
    n: summary.n,
    estimate: summary.mean,
    sd: summary.sd,
    ci_low: summary.ciLow,
    ci_high: summary.ciHigh,
  };
}

function weightedFields(w: WeightedRound): Row {
  return { estimate: w.mean ?? w.p ?? null, se: w.se, ci_low: w.ciLow, ci_high: w.ciHigh };
}

export function comparisonRows(
  data: Pick<DashboardData, 'comparison' | 'baseline' | 'followup' | 'indicators' | 'project'>,
): Row[] {
  const { comparison, baseline, followup, project } = data;
  const defs = new Map(data.indicators.map((d) => [d.id, d]));
  const areaNames = new Map(project.areas.map((a) => [a.id, a.name]));
  const rows: Row[] = [];
  for (const [id, ind] of Object.entries(comparison.indicators) as [string, Comparison['indicators'][string]][]) {
    const def = defs.get(id);
    const base: Row = {
      indicator: id,
      label: def?.label ?? '',
      kind: def?.kind ?? ('p' in ind.baseline || 'p' in ind.followup ? 'share' : ''),
    };
    // Baseline, follow-up and their difference, unweighted or weighted: the same three rows.
    const roundRows = (weighted: boolean, fields: Record<'baseline' | 'followup' | 'difference', Row>): Row[] => [
      { ...base, round: 'baseline', round_name: baseline.name, weighted, ...fields.baseline },
      { ...base, round: 'followup', round_name: followup.name, weighted, ...fields.followup },
      {
        ...base,
        round: 'difference',
        round_name: `${followup.name} - ${baseline.name}`,
        weighted,
        ...fields.difference,
      },
    ];
    rows.push(
      ...roundRows(false, {
        baseline: summaryFields(ind.baseline),
        followup: summaryFields(ind.followup),
        difference: {
          estimate: ind.diff,
          ci_low: ind.diffCiLow,
          ci_high: ind.diffCiHigh,
          p_value: ind.pValue,
          p_holm: ind.pHolm,
          verdict: ind.verdict,
          cohen_d: ind.cohenD,
          notes: (ind.notes ?? []).join(' | '),
        },
      }),
    );
    if (ind.weighted) {
      const w = ind.weighted;
      rows.push(
        ...roundRows(true, {
          baseline: weightedFields(w.baseline),
          followup: weightedFields(w.followup),
          difference: { estimate: w.diff, ci_low: w.diffCiLow, ci_high: w.diffCiHigh, p_value: w.pValue },
        }),
      );
    }
    for (const [variable, groups] of Object.entries(ind.groups)) {
      for (const [value, pair] of Object.entries(groups ?? {})) {
        const group: Row = {
          group_variable: variable,
          group: value,
          group_name: variable === 'area' ? (areaNames.get(value) ?? value) : value,
          weighted: false,
        };
        rows.push({ ...base, ...group, round: 'baseline', round_name: baseline.name, ...summaryFields(pair.baseline) });
        rows.push({ ...base, ...group, round: 'followup', round_name: followup.name, ...summaryFields(pair.followup) });
      }
    }
  }
  return rows;
}

/** One round on its own, in the same columns: the whole round, its weighted figure, each group. */
export function roundRows(data: Pick<RoundData, 'round' | 'reading' | 'indicators' | 'project'>): Row[] {
  const { round, reading, project } = data;
  const defs = new Map(data.indicators.map((d) => [d.id, d]));
  const areaNames = new Map(project.areas.map((a) => [a.id, a.name]));
  const rows: Row[] = [];
  for (const [id, ind] of Object.entries(reading.indicators)) {
    const base: Row = {
      indicator: id,
      label: defs.get(id)?.label ?? ind.label ?? '',
      kind: ind.kind,
      round: round.kind,
      round_name: round.name,
    };
    rows.push({ ...base, weighted: false, ...summaryFields(ind.summary) });
    const w = ind.weighted;
    if (w)
      rows.push({
        ...base,
        weighted: true,
        suppressed: w.withheld === true,
        estimate: w.estimate,
        se: w.se,
        ci_low: w.ciLow,
        ci_high: w.ciHigh,
        notes: w.reason,
      });
    for (const [variable, groups] of Object.entries(ind.groups))
      for (const [value, summary] of Object.entries(groups ?? {}))
        rows.push({
          ...base,
          group_variable: variable,
          group: value,
          group_name: variable === 'area' ? (areaNames.get(value) ?? value) : value,
          weighted: false,
          ...summaryFields(summary),
        });
  }
  return rows;
}

function csvText(rows: Row[], lang: Lang): string {
  const sep = csvSeparator(lang);
  const lines = [
    csvHeaders(lang)
      .map((header) => cell(header, lang, sep))
      .join(sep),
  ];
  for (const row of rows) lines.push(CSV_COLUMNS.map((column) => cell(row[column], lang, sep)).join(sep));
  return `${lines.join('\r\n')}\r\n`;
}

/** The CSV text (without the byte order mark; downloadCsv adds it). */
export function comparisonCsv(data: Parameters<typeof comparisonRows>[0], lang: Lang): string {
  return csvText(comparisonRows(data), lang);
}

/** One round's CSV text (without the byte order mark). */
export function roundCsv(data: Parameters<typeof roundRows>[0], lang: Lang): string {
  return csvText(roundRows(data), lang);
}

export function csvFileName(projectName: string, baselineName: string, followupName?: string): string {
  const slug = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40);
  const second = followupName === undefined ? '' : `-${slug(followupName) || 'followup'}`;
  return `bygdpuls-${slug(projectName) || 'projekt'}-${slug(baselineName) || 'baseline'}${second}.csv`;
}
