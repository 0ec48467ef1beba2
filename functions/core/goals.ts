// A project's goals and their verdicts (måluppfyllelse), by the rules of METHOD.md's "Goal
// verdicts": count goals from what was recorded up to a day (activities, or the ideas' counts),
// indicator goals from the protected comparison of two rounds, milestones and qualitative goals by
// a person's assessment alone. Pure: the API gathers the figures and records the goals.
import {
  GOAL_KINDS,
  GOAL_VERDICTS,
  IDEA_COUNTS,
  type GoalKind,
  type GoalVerdict,
  type IdeaCountName,
} from './names.ts';

export { GOAL_KINDS, GOAL_VERDICTS, IDEA_COUNTS, type GoalKind, type GoalVerdict, type IdeaCountName };

/** "At least 6" is {min: 6}; "10-12" is {min: 10, max: 12}. */
export interface CountTarget {
  min: number;
  max?: number | undefined;
}

export type CountMeasure = { source: 'activities'; type: string } | { source: 'ideas'; count: IdeaCountName };

export interface IndicatorTarget {
  indicatorId: string;
  direction: 'increase' | 'decrease';
  baselineRoundId: string;
  followupRoundId: string;
  /** The smallest change (in the indicator's unit, in the goal's direction) that counts as achieved. */
  minChange?: number | undefined;
}

export interface Goal {
  id: string;
  projectId: string;
  title: string;
  /** A goal for one area counts that area's records only. */
  area: string | null;
  kind: GoalKind;
  target: CountTarget | null;
  measure: CountMeasure | null;
  indicator: IndicatorTarget | null;
  /** When the goal is due (YYYY-MM-DD), if it says. */
  due: string | null;
  createdAt: string;
}

/** What a count goal's verdict rests on. */
export interface CountBasis {
  kind: 'count';
  actual: number;
  min: number;
  max: number | null;
  /** Above max: still achieved, and said. */
  overTarget: boolean;
}

/** What an indicator goal's verdict rests on: the figures of the comparison it reads. */
export interface IndicatorBasis {
  kind: 'indicator';
  /** Follow-up minus baseline, as published (null: suppressed or missing). */
  difference: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** Unadjusted: a goal is one hypothesis stated in advance. */
  pValue: number | null;
  alpha: number;
  nBaseline: number | null;
  nFollowup: number | null;
  /** The weighted difference, published where the project weights. */
  weighted: boolean;
  minChange: number | null;
  /** Why the verdict cannot be given, when it cannot. */
  note: string | null;
}

export interface AssessmentBasis {
  kind: 'assessment';
  note: string;
}

export type GoalBasis = CountBasis | IndicatorBasis | AssessmentBasis;

/** METHOD.md: achieved at min or more (above max said), partly above 0, not achieved at 0. */
export function countVerdict(actual: number, target: CountTarget): { verdict: GoalVerdict; basis: CountBasis } {
  const verdict: GoalVerdict = actual >= target.min ? 'achieved' : actual > 0 ? 'partly' : 'not_achieved';
  const max = target.max ?? null;
  return { verdict, basis: { kind: 'count', actual, min: target.min, max, overTarget: max !== null && actual > max } };
}

/**
 * METHOD.md: d = the difference in the goal's direction, p unadjusted. Not assessable when d or p
 * is null; achieved when d > 0, p < alpha and d reaches minChange (if any); partly when d > 0
 * otherwise; not achieved when d <= 0.
 */
export function indicatorVerdict(basis: IndicatorBasis, direction: IndicatorTarget['direction']): GoalVerdict {
  if (basis.difference === null || basis.pValue === null) return 'not_assessable';
  const d = direction === 'increase' ? basis.difference : -basis.difference;
  if (d <= 0) return 'not_achieved';
  if (basis.pValue < basis.alpha && (basis.minChange === null || d >= basis.minChange)) return 'achieved';
  return 'partly';
}

/** Milestones and qualitative goals: a person's verdict (with a reason), not assessable until then. */
export const ASSESSMENT_BASIS: AssessmentBasis = {
  kind: 'assessment',
  note: 'set by a person with a reason (a report override); not assessable until then',
};

/** What a verdict is called on the funder's report, in Swedish and English. */
export const VERDICT_WORDS: Readonly<Record<GoalVerdict, { sv: string; en: string }>> = {
  achieved: { sv: 'Uppnått', en: 'Achieved' },
  partly: { sv: 'Delvis uppnått', en: 'Partly achieved' },
  not_achieved: { sv: 'Ej uppnått', en: 'Not achieved' },
  not_assessable: { sv: 'Kan inte bedömas', en: 'Cannot be assessed' },
};

/** An activity type of the project's own list, with its labels. */
export interface ActivityType {
  id: string;
  label: { sv: string; en: string };
}

/** The list a project starts with (it may add its own). */
export const DEFAULT_ACTIVITY_TYPES: readonly ActivityType[] = [
  { id: 'workshop', label: { sv: 'Workshop', en: 'Workshop' } },
  { id: 'follow_up_meeting', label: { sv: 'Uppföljningsmöte', en: 'Follow-up meeting' } },
  { id: 'local_champion', label: { sv: 'Lokal eldsjäl', en: 'Local champion' } },
  { id: 'business_opportunity', label: { sv: 'Ny affärsmöjlighet', en: 'New business opportunity' } },
  { id: 'local_group', label: { sv: 'Lokal utvecklingsgrupp', en: 'Local development group' } },
  { id: 'development_plan', label: { sv: 'Lokal utvecklingsplan påbörjad', en: 'Local development plan started' } },
  { id: 'meeting', label: { sv: 'Möte', en: 'Meeting' } },
  { id: 'study_visit', label: { sv: 'Studiebesök', en: 'Study visit' } },
  { id: 'communication', label: { sv: 'Kommunikationsinsats', en: 'Communication effort' } },
];

/** A recorded activity (a workshop held, a champion found). Removal is an event of its own. */
export interface Activity {
  id: string;
  projectId: string;
  type: string;
  /** The day it happened (YYYY-MM-DD). */
  date: string;
  title: string;
  area: string | null;
  participants: number | null;
  note: string | null;
  createdAt: string;
  createdBy: string;
  /** Set when the record was removed (a mistake, a duplicate): it counts nowhere after that. */
  removed: { at: string; by: string; reason: string | null } | null;
}

/** Activities of a type (and area) held on or before a day, not removed. */
export function countActivities(
  activities: readonly Activity[],
  type: string,
  area: string | null,
  throughDay: string,
): number {
  let count = 0;
  for (const activity of activities)
    if (
      activity.removed === null &&
      activity.type === type &&
      activity.date <= throughDay &&
      (area === null || activity.area === area)
    )
      count += 1;
  return count;
}
