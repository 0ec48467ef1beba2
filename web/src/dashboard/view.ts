// One view of a project's results, for the report and the one-round dashboard: one round on its
// own (a baseline report before any follow-up exists) or a baseline with its follow-up. The
// summary, the indicator blocks and the response table read the rounds as a list of columns.
import type { Lang } from '../common/lang.ts';
import {
  questionTexts,
  type Comparison,
  type DashboardData,
  type Indicator,
  type ProjectInfo,
  type QuestionTexts,
  type RoundCounts,
  type RoundData,
  type RoundInfo,
  type RoundReading,
  type RoundSummary,
  type RoundTexts,
} from './data.ts';
import { groupName, viewContext, type Mode, type ViewContext } from './context.ts';
import { isSuppressed, type Kind } from './format.ts';
import { texts, type Texts } from './i18n.ts';
import { reportWords, type ReportWords } from './reportWords.ts';

export interface Column {
  which: 'baseline' | 'followup';
  round: RoundInfo;
  counts: RoundCounts;
  reading: RoundReading;
  texts: RoundTexts | null;
}

export interface View {
  project: ProjectInfo;
  indicators: Indicator[];
  /** One round, or the baseline and the follow-up. */
  columns: Column[];
  /** The comparison of the two rounds (null for one round). */
  comparison: Comparison | null;
  /** The comparison dashboard's context (for its verdict and tables); null for one round. */
  pair: ViewContext | null;
  background: Partial<Record<string, string>>;
  lang: Lang;
  t: Texts;
  w: ReportWords;
  mode: Mode;
  k: number;
  questions: QuestionTexts;
}

function base(
  project: ProjectInfo,
  questionnaireId: string,
  questionnaires: DashboardData['questionnaires'],
  survey: unknown,
  lang: Lang,
  mode: Mode,
) {
  const t = texts(lang);
  return {
    project,
    background: questionnaires.find((q) => q.id === questionnaireId)?.background ?? {},
    lang,
    t,
    w: reportWords(lang),
    mode,
    k: project.settings.minGroupSize,
    questions: questionTexts(survey, lang, t.dontKnow, t.none),
  };
}

export function pairView(data: DashboardData, lang: Lang, mode: Mode): View {
  const column = (which: 'baseline' | 'followup'): Column => ({
    which,
    round: data[which],
    counts: data.counts[which],
    reading: data.readings[which],
    texts: data.texts[which],
  });
  return {
    ...base(data.project, data.baseline.questionnaireId, data.questionnaires, data.survey, lang, mode),
    indicators: data.indicators,
    columns: [column('baseline'), column('followup')],
    comparison: data.comparison,
    pair: viewContext(data, lang, mode),
  };
}

export function oneRoundView(data: RoundData, lang: Lang, mode: Mode): View {
  return {
    ...base(data.project, data.round.questionnaireId, data.questionnaires, data.survey, lang, mode),
    indicators: data.indicators,
    columns: [
      { which: data.round.kind, round: data.round, counts: data.counts, reading: data.reading, texts: data.texts },
    ],
    comparison: null,
    pair: null,
  };
}

/** Indicator ids with figures, in the questionnaire's order (then any others). */
export function indicatorIds(view: View): string[] {
  const present = new Set(
    view.comparison
      ? Object.keys(view.comparison.indicators)
      : view.columns.flatMap((c) => Object.keys(c.reading.indicators)),
  );
  const ordered = view.indicators.map((d) => d.id).filter((id) => present.has(id));
  return [...ordered, ...[...present].filter((id) => !ordered.includes(id))];
}

export function definitionOf(view: View, id: string): Indicator | undefined {
  return view.indicators.find((d) => d.id === id);
}

export function kindIn(view: View, id: string): Kind {
  return definitionOf(view, id)?.kind ?? view.columns[0]?.reading.indicators[id]?.kind ?? 'index';
}

export function labelIn(view: View, id: string): string {
  return definitionOf(view, id)?.label ?? view.columns[0]?.reading.indicators[id]?.label ?? id;
}

const SUPPRESSED: RoundSummary = { suppressed: true, n: null };

/** A round's whole figure: the comparison's for a pair (the one its verdict rests on). */
export function summaryIn(view: View, column: Column, id: string): RoundSummary {
  if (view.comparison) return view.comparison.indicators[id]?.[column.which] ?? SUPPRESSED;
  return column.reading.indicators[id]?.summary ?? SUPPRESSED;
}

/** A group's figure in a round. */
export function groupIn(view: View, column: Column, id: string, variable: string, value: string): RoundSummary {
  const v = variable as 'area';
  if (view.comparison) return view.comparison.indicators[id]?.groups[v]?.[value]?.[column.which] ?? SUPPRESSED;
  return column.reading.indicators[id]?.groups[v]?.[value] ?? SUPPRESSED;
}

/** The background variables and their groups of an indicator (areas in the project's order). */
export function groupsOf(view: View, id: string): { variable: string; values: string[] }[] {
  const out = new Map<string, Set<string>>();
  const add = (groups: Partial<Record<string, Record<string, unknown>>> | undefined) => {
    for (const [variable, values] of Object.entries(groups ?? {})) {
      if (!values) continue;
      const set = out.get(variable) ?? new Set<string>();
      for (const value of Object.keys(values)) set.add(value);
      out.set(variable, set);
    }
  };
  if (view.comparison) add(view.comparison.indicators[id]?.groups);
  else for (const c of view.columns) add(c.reading.indicators[id]?.groups);
  const areaOrder = view.project.areas.map((a) => a.id);
  const rank = (v: string) => (areaOrder.indexOf(v) === -1 ? 1e9 : areaOrder.indexOf(v));
  return [...out].map(([variable, values]) => ({
    variable,
    values: variable === 'area' ? [...values].sort((a, b) => rank(a) - rank(b)) : [...values],
  }));
}

export function groupNameIn(view: View, variable: string, value: string): string {
  return groupName(variable, value, view);
}

/** A round's weighted figure: its estimate and interval, or why it is withheld; null when unweighted. */
export function weightedIn(
  view: View,
  column: Column,
  id: string,
): { estimate: number | null; low: number | null; high: number | null; withheld: boolean } | null {
  const w = column.reading.indicators[id]?.weighted;
  if (!w || !view.project.settings.weighting) return null;
  return { estimate: w.estimate, low: w.ciLow, high: w.ciHigh, withheld: w.withheld === true || w.estimate === null };
}

/** Everything of an indicator is suppressed: no whole figure in any round (then it has no block). */
export function allSuppressed(view: View, id: string): boolean {
  return view.columns.every((c) => isSuppressed(summaryIn(view, c, id)));
}

/** The round is open: its figures are preliminary. */
export function isPreliminary(column: Column): boolean {
  return column.reading.preliminary || column.round.status === 'open';
}
