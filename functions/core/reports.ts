// Funder reports (delrapport, slutrapport): a draft whose verdicts are computed as of the end of its
// period, with a comment and an optional override (with its reason) per goal; locked, it keeps every
// figure, verdict and comment as it was. Pure: the shapes, and the view built from the statuses.
import type {
  Activity,
  ActivityType,
  CountMeasure,
  CountTarget,
  GoalBasis,
  GoalKind,
  GoalVerdict,
  IndicatorTarget,
} from './goals.ts';

export interface ReportOverride {
  verdict: GoalVerdict;
  reason: string;
  by: string;
  at: string;
}

export interface ReportGoalEntry {
  comment: string | null;
  override: ReportOverride | null;
}

/** The project's facts, as the funders' forms ask for them. */
export interface ReportFacts {
  owner: string;
  budget: string;
  funders: string;
  contact: string;
}

/** The free-text sections of the forms. */
export interface ReportSections {
  /** Avvikelse från gällande projektbeslut */
  deviations: string;
  /** Övriga upplysningar och erfarenheter */
  experiences: string;
  /** Utmaningar */
  challenges: string;
}

export interface ReportSignature {
  name: string;
  place: string;
  date: string;
}

/** A goal's status as of a day: the figure, the verdict and what it rests on. */
export interface GoalStatus {
  id: string;
  title: string;
  kind: GoalKind;
  area: string | null;
  target: CountTarget | null;
  measure: CountMeasure | null;
  indicator: IndicatorTarget | null;
  due: string | null;
  /** The count (count goals) or the difference in the goal's direction (indicator goals); null otherwise. */
  actual: number | null;
  verdict: GoalVerdict;
  basis: GoalBasis;
}

/** A goal in a report: the computed verdict, the override if any, and the one that stands. */
export interface ReportGoal extends GoalStatus {
  computedVerdict: GoalVerdict;
  override: ReportOverride | null;
  comment: string | null;
}

export interface ReportActivityGroup {
  type: string;
  label: { sv: string; en: string };
  count: number;
  items: { date: string; title: string; area: string | null; participants: number | null }[];
}

/** What every report has, draft or locked, stored or shown. */
interface ReportHead {
  id: string;
  title: string;
  kind: 'interim' | 'final';
  sequence: number | null;
  of: number | null;
  periodStart: string;
  periodEnd: string;
  facts: ReportFacts;
  sections: ReportSections;
  signature: ReportSignature | null;
  locked: { at: string; by: string } | null;
}

/** Everything a report shows: computed live for a draft, kept as it was once locked. */
export interface ReportView extends ReportHead {
  project: { id: string; name: string };
  goals: ReportGoal[];
  activities: ReportActivityGroup[];
}

export interface FunderReport extends ReportHead {
  projectId: string;
  createdAt: string;
  createdBy: string;
  goals: Record<string, ReportGoalEntry>;
  /** The view as it was when locked; null for a draft. */
  frozen: ReportView | null;
}

export const EMPTY_FACTS: ReportFacts = { owner: '', budget: '', funders: '', contact: '' };
export const EMPTY_SECTIONS: ReportSections = { deviations: '', experiences: '', challenges: '' };

/** The activities held in the report's period (not removed), grouped by type in the project's order. */
export function activitiesInPeriod(
  activities: readonly Activity[],
  types: readonly ActivityType[],
  periodStart: string,
  periodEnd: string,
): ReportActivityGroup[] {
  const groups = new Map<string, ReportActivityGroup>();
  for (const type of types) groups.set(type.id, { type: type.id, label: type.label, count: 0, items: [] });
  for (const activity of activities) {
    if (activity.removed !== null || activity.date < periodStart || activity.date > periodEnd) continue;
    let group = groups.get(activity.type);
    if (!group) {
      group = { type: activity.type, label: { sv: activity.type, en: activity.type }, count: 0, items: [] };
      groups.set(activity.type, group);
    }
    group.count += 1;
    group.items.push({
      date: activity.date,
      title: activity.title,
      area: activity.area,
      participants: activity.participants,
    });
  }
  return [...groups.values()].filter((group) => group.count > 0);
}

/** A report's goals: each status with the report's comment and override; the override stands where given. */
export function reportGoals(
  statuses: readonly GoalStatus[],
  entries: Readonly<Record<string, ReportGoalEntry>>,
): ReportGoal[] {
  return statuses.map((status) => {
    const entry = entries[status.id];
    const override = entry?.override ?? null;
    return {
      ...status,
      computedVerdict: status.verdict,
      verdict: override ? override.verdict : status.verdict,
      override,
      comment: entry?.comment ?? null,
    };
  });
}
