// How goals, their targets and the figures their verdicts rest on are written, in Swedish and
// English: shared by the funder's report, the admin pages' goals and the dashboard's overview.
// No DOM here (goalParts.ts draws).
import { VERDICT_WORDS, type GoalVerdict } from '../../../functions/core/goals.ts';
import type { GoalStatus } from '../../../functions/api/contract.ts';
import { formatNumber, type Lang } from '../common/lang.ts';

export type IndicatorKind = 'index' | 'mean' | 'share';

/** What the pages know of the project beside the goals: indicator labels, activity types, rounds. */
export interface GoalLookup {
  lang: Lang;
  indicator: (id: string) => { label: string; kind: IndicatorKind } | null;
  activityType: (id: string) => string;
  round: (id: string) => string;
  area: (id: string) => string;
}

const sv = {
  kinds: { count: 'Antal', indicator: 'Enkätindikator', milestone: 'Milstolpe', qualitative: 'Kvalitativt mål' },
  ideaCounts: {
    identified: 'idéer som kommit in',
    prioritised: 'prioriterade idéer',
    carried_out: 'genomförda idéer',
  },
  atLeast: (min: string) => `minst ${min}`,
  range: (min: string, max: string) => `${min}–${max}`,
  increase: 'ökning',
  decrease: 'minskning',
  byAtLeast: (value: string) => `med minst ${value}`,
  noFigure: 'Ingen siffra: bedöms av en person',
  progress: (actual: string, target: string) => `${actual} av ${target}`,
  overTarget: 'över målet',
  difference: 'Skillnad',
  interval: (level: string) => `${level} % konfidensintervall`,
  intervalWord: 'till',
  pValue: 'p-värde',
  n: 'Antal svar (nollmätning / uppföljning)',
  weighting: 'Viktning',
  weighted: 'viktade värden',
  unweighted: 'oviktade värden',
  minChange: 'Minsta förändring som räknas',
  comparison: (baseline: string, followup: string) => `${baseline} jämförd med ${followup}`,
  points: 'procentenheter',
  area: 'Område',
  due: 'Klart senast',
  target: 'Mål',
  actual: 'Utfall',
  verdict: 'Bedömning',
  surveyFigures: 'Enkätens siffror',
  why: 'Varför',
  noActual: '–',
};
export type GoalTexts = typeof sv;

const en: GoalTexts = {
  kinds: { count: 'Count', indicator: 'Survey indicator', milestone: 'Milestone', qualitative: 'Qualitative goal' },
  ideaCounts: { identified: 'ideas received', prioritised: 'ideas prioritised', carried_out: 'ideas carried out' },
  atLeast: (min) => `at least ${min}`,
  range: (min, max) => `${min}–${max}`,
  increase: 'increase',
  decrease: 'decrease',
  byAtLeast: (value) => `by at least ${value}`,
  noFigure: 'No figure: assessed by a person',
  progress: (actual, target) => `${actual} of ${target}`,
  overTarget: 'above the target',
  difference: 'Difference',
  interval: (level) => `${level}% confidence interval`,
  intervalWord: 'to',
  pValue: 'p-value',
  n: 'Responses (baseline / follow-up)',
  weighting: 'Weighting',
  weighted: 'weighted figures',
  unweighted: 'unweighted figures',
  minChange: 'Smallest change that counts',
  comparison: (baseline, followup) => `${baseline} compared with ${followup}`,
  points: 'percentage points',
  area: 'Area',
  due: 'Due',
  target: 'Target',
  actual: 'Actual',
  verdict: 'Verdict',
  surveyFigures: 'Survey figures',
  why: 'Why',
  noActual: '–',
};

export function goalTexts(lang: Lang): GoalTexts {
  return lang === 'en' ? en : sv;
}

export function verdictWord(verdict: GoalVerdict, lang: Lang): string {
  return VERDICT_WORDS[verdict][lang];
}

const count = (value: number, lang: Lang) => formatNumber(value, lang, 0);

/** A figure of an indicator on its display scale (percentage points for shares). */
function scaled(value: number, kind: IndicatorKind): number {
  return kind === 'share' ? value * 100 : value;
}

function digits(kind: IndicatorKind): number {
  return kind === 'mean' ? 2 : 1;
}

/** A change in an indicator's unit: signed when asked, with "percentage points" for shares. */
export function formatChange(value: number | null, kind: IndicatorKind, lang: Lang, signed = true): string {
  if (value === null || !Number.isFinite(value)) return '–';
  const text = formatNumber(scaled(value, kind), lang, digits(kind));
  const withSign = signed && value > 0 ? `+${text}` : text;
  return kind === 'share' ? `${withSign} ${goalTexts(lang).points}` : withSign;
}

export function formatP(p: number | null, lang: Lang): string {
  if (p === null || !Number.isFinite(p)) return '–';
  return p < 0.001 ? `< ${formatNumber(0.001, lang, 3)}` : formatNumber(p, lang, 3);
}

type GoalLike = Pick<GoalStatus, 'kind' | 'target' | 'measure' | 'indicator'>;

/** What a goal counts: "Workshop", "ideas carried out" (count goals only). */
export function measureText(goal: GoalLike, lookup: GoalLookup): string {
  const m = goal.measure;
  if (!m) return '';
  return m.source === 'activities' ? lookup.activityType(m.type) : goalTexts(lookup.lang).ideaCounts[m.count];
}

/** The target as the report states it: "at least 6", "10–12", "increase by at least 2.0". */
export function targetText(goal: GoalLike, lookup: GoalLookup): string {
  const t = goalTexts(lookup.lang);
  const { lang } = lookup;
  if (goal.kind === 'count' && goal.target) {
    const figure =
      goal.target.max === undefined || goal.target.max === goal.target.min
        ? t.atLeast(count(goal.target.min, lang))
        : t.range(count(goal.target.min, lang), count(goal.target.max, lang));
    const what = measureText(goal, lookup);
    return what ? `${figure} (${what})` : figure;
  }
  if (goal.kind === 'indicator' && goal.indicator) {
    const info = lookup.indicator(goal.indicator.indicatorId);
    const kind = info?.kind ?? 'index';
    const direction = goal.indicator.direction === 'increase' ? t.increase : t.decrease;
    const by =
      goal.indicator.minChange === undefined
        ? ''
        : ` ${t.byAtLeast(formatChange(goal.indicator.minChange, kind, lang, false))}`;
    const label = info?.label || goal.indicator.indicatorId;
    return `${label}: ${direction}${by}`;
  }
  return t.noFigure;
}

/** The actual figure: the count, or the change in the goal's direction; a dash otherwise. */
export function actualText(goal: GoalLike & Pick<GoalStatus, 'actual' | 'basis'>, lookup: GoalLookup): string {
  const { lang } = lookup;
  if (goal.actual === null) return goalTexts(lang).noActual;
  if (goal.kind === 'count') {
    const over = goal.basis.kind === 'count' && goal.basis.overTarget ? ` (${goalTexts(lang).overTarget})` : '';
    return `${count(goal.actual, lang)}${over}`;
  }
  if (goal.kind === 'indicator' && goal.basis.kind === 'indicator') {
    const kind = goal.indicator ? (lookup.indicator(goal.indicator.indicatorId)?.kind ?? 'index') : 'index';
    return formatChange(goal.basis.difference, kind, lang);
  }
  return formatNumber(goal.actual, lang, 1);
}

/**
 * The figures an indicator goal's verdict rests on, as [label, value] rows: the difference, its
 * interval, p, n in each round, weighted or not, the smallest change that counts, the note.
 */
export function indicatorFigures(goal: GoalLike & Pick<GoalStatus, 'basis'>, lookup: GoalLookup): [string, string][] {
  const b = goal.basis;
  if (b.kind !== 'indicator') return [];
  const t = goalTexts(lookup.lang);
  const { lang } = lookup;
  const kind = goal.indicator ? (lookup.indicator(goal.indicator.indicatorId)?.kind ?? 'index') : 'index';
  const level = formatNumber((1 - b.alpha) * 100, lang, 0);
  const rows: [string, string][] = [];
  if (goal.indicator)
    rows.push([
      t.surveyFigures,
      t.comparison(lookup.round(goal.indicator.baselineRoundId), lookup.round(goal.indicator.followupRoundId)),
    ]);
  rows.push([t.difference, formatChange(b.difference, kind, lang)]);
  rows.push([
    t.interval(level),
    b.ciLow === null || b.ciHigh === null
      ? '–'
      : `${formatChange(b.ciLow, kind, lang)} ${t.intervalWord} ${formatChange(b.ciHigh, kind, lang)}`,
  ]);
  rows.push([t.pValue, formatP(b.pValue, lang)]);
  rows.push([
    t.n,
    `${b.nBaseline === null ? '–' : count(b.nBaseline, lang)} / ${b.nFollowup === null ? '–' : count(b.nFollowup, lang)}`,
  ]);
  rows.push([t.weighting, b.weighted ? t.weighted : t.unweighted]);
  if (b.minChange !== null) rows.push([t.minChange, formatChange(b.minChange, kind, lang, false)]);
  if (b.note) rows.push([t.why, noteText(b.note, lang)]);
  return rows;
}

/** The API's notes (English) in the page's language, where the page knows them. */
const NOTES: [RegExp, { sv: string; en: string }][] = [
  [
    /no release yet/,
    {
      sv: 'En av omgångarna har inga publicerade siffror än.',
      en: 'One of the rounds has no published figures yet.',
    },
  ],
  [
    /suppressed or missing/,
    {
      sv: 'Skillnaden är dold eller saknas (en grupp under minsta gruppstorleken, eller för få svar).',
      en: 'The difference is hidden or missing (a group under the minimum size, or too few answers).',
    },
  ],
  [
    /have no indicator/,
    { sv: 'Omgångarna har inte den här indikatorn.', en: 'The rounds do not have this indicator.' },
  ],
  [/does not exist/, { sv: 'Omgången finns inte i projektet.', en: 'The round does not exist in this project.' }],
  [
    /standard error/,
    {
      sv: 'Skillnadens standardfel är 0 (ingen spridning): inget intervall eller p-värde.',
      en: 'The standard error of the difference is 0 (no variation): no interval or p-value.',
    },
  ],
];

export function noteText(note: string, lang: Lang): string {
  const known = NOTES.find(([pattern]) => pattern.test(note));
  return known ? known[1][lang] : note;
}

/** The lookup from a project's details (questionnaires' indicators, rounds) and activity types. */
export function lookupFrom(
  lang: Lang,
  details: {
    project: { areas: { id: string; name: string }[] };
    rounds: { id: string; name: string }[];
    questionnaires: { indicators: { id: string; label?: string | undefined; kind: IndicatorKind }[] }[];
  } | null,
  types: { id: string; label: { sv: string; en: string } }[],
): GoalLookup {
  const indicators = new Map<string, { label: string; kind: IndicatorKind }>();
  // The newest questionnaire's label wins (questionnaires are listed oldest first).
  for (const q of details?.questionnaires ?? [])
    for (const d of q.indicators) indicators.set(d.id, { label: d.label ?? d.id, kind: d.kind });
  return {
    lang,
    indicator: (id) => indicators.get(id) ?? null,
    activityType: (id) => types.find((type) => type.id === id)?.label[lang] ?? id,
    round: (id) => details?.rounds.find((round) => round.id === id)?.name ?? id,
    area: (id) => details?.project.areas.find((area) => area.id === id)?.name ?? id,
  };
}
