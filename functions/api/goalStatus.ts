// Goals' statuses as of a day, from what the store holds: count goals from the activities and the
// ideas' counts up to the end of that day (the goal's area if it has one), indicator goals from the
// protected comparison of their two rounds (the figures the dashboard shows, weighted where the
// weighted difference is published), milestones and qualitative goals not assessable (a report's
// override with its reason sets them). The rules are core/goals.ts's.
import {
  ASSESSMENT_BASIS,
  countActivities,
  countVerdict,
  indicatorVerdict,
  type Activity,
  type Goal,
  type IndicatorBasis,
} from '../core/goals.ts';
import { endOfSwedishDay, ideaCounts } from '../core/ideas.ts';
import type { GoalStatus } from '../core/reports.ts';
import type { StoredIdea } from '../store/ideas.ts';
import type { Store } from '../store/index.ts';
import type { Project } from '../store/types.ts';
import type { ComparisonReading } from './contract.ts';
import { HttpError } from './errors.ts';
import { compareProjectRounds } from './results.ts';

/** What the statuses of a project's goals read, loaded once for all of them. */
interface Sources {
  activities: Promise<Activity[]>;
  ideas: Promise<StoredIdea[]>;
  comparisons: Map<string, Promise<ComparisonReading | string>>;
}

/** The comparison of two rounds, or why there is none (a note for the verdict's basis). */
async function comparison(store: Store, project: Project, baselineId: string, followupId: string) {
  const [baseline, followup] = await Promise.all([store.rounds.get(baselineId), store.rounds.get(followupId)]);
  if (!baseline || baseline.projectId !== project.id) return 'the baseline round does not exist in this project';
  if (!followup || followup.projectId !== project.id) return 'the follow-up round does not exist in this project';
  try {
    return await compareProjectRounds(store, project, baseline, followup);
  } catch (error) {
    if (error instanceof HttpError) return error.message;
    throw error;
  }
}

const summaryN = (summary: { n: number | null } | undefined) => summary?.n ?? null;

function indicatorBasis(
  project: Project,
  goal: Goal & { indicator: NonNullable<Goal['indicator']> },
  reading: ComparisonReading | string,
): IndicatorBasis {
  const base = {
    kind: 'indicator' as const,
    alpha: project.settings.alpha,
    minChange: goal.indicator.minChange ?? null,
  };
  const empty = { difference: null, ciLow: null, ciHigh: null, pValue: null, nBaseline: null, nFollowup: null };
  if (typeof reading === 'string') return { ...base, ...empty, weighted: false, note: reading };
  const figures = reading.indicators[goal.indicator.indicatorId];
  if (!figures) {
    const note =
      reading.releases.baseline && reading.releases.followup
        ? `the rounds have no indicator ${goal.indicator.indicatorId}`
        : 'a round has no release yet (its figures are published with its first release)';
    return { ...base, ...empty, weighted: false, note };
  }
  const n = { nBaseline: summaryN(figures.baseline), nFollowup: summaryN(figures.followup) };
  // Weighted where the project weights and the weighted difference is published (METHOD.md).
  const weighted =
    project.settings.weighting !== null && figures.weighted !== undefined && figures.weighted.diff !== null;
  const source = weighted ? figures.weighted! : figures;
  const note =
    source.diff === null || source.pValue === null
      ? 'the difference is suppressed or missing (a group under the minimum size, or too few answers)'
      : null;
  return {
    ...base,
    ...n,
    difference: source.diff,
    ciLow: source.diffCiLow,
    ciHigh: source.diffCiHigh,
    pValue: source.pValue,
    weighted,
    note,
  };
}

/** The status of each goal as of the end of `asOf` (a day, Swedish time). */
export async function goalStatuses(
  store: Store,
  project: Project,
  goals: readonly Goal[],
  asOf: string,
): Promise<GoalStatus[]> {
  const until = endOfSwedishDay(asOf);
  const sources: Sources = {
    activities: goals.some((goal) => goal.measure?.source === 'activities')
      ? store.goals.activities(project.id)
      : Promise.resolve([]),
    ideas: goals.some((goal) => goal.measure?.source === 'ideas') ? store.ideas.list(project.id) : Promise.resolve([]),
    comparisons: new Map(),
  };
  return Promise.all(
    goals.map(async (goal): Promise<GoalStatus> => {
      const fields = {
        id: goal.id,
        title: goal.title,
        kind: goal.kind,
        area: goal.area,
        target: goal.target,
        measure: goal.measure,
        indicator: goal.indicator,
        due: goal.due,
      };
      if (goal.kind === 'count' && goal.target && goal.measure) {
        let actual: number;
        if (goal.measure.source === 'activities') {
          actual = countActivities(await sources.activities, goal.measure.type, goal.area, asOf);
        } else {
          const counts = ideaCounts(await sources.ideas, until);
          const scope =
            goal.area === null
              ? counts
              : (counts.byArea[goal.area] ?? { identified: 0, prioritised: 0, carried_out: 0 });
          actual = scope[goal.measure.count];
        }
        const { verdict, basis } = countVerdict(actual, goal.target);
        return { ...fields, actual, verdict, basis };
      }
      if (goal.kind === 'indicator' && goal.indicator) {
        const key = `${goal.indicator.baselineRoundId} ${goal.indicator.followupRoundId}`;
        let reading = sources.comparisons.get(key);
        if (!reading) {
          reading = comparison(store, project, goal.indicator.baselineRoundId, goal.indicator.followupRoundId);
          sources.comparisons.set(key, reading);
        }
        const basis = indicatorBasis(project, { ...goal, indicator: goal.indicator }, await reading);
        const verdict = indicatorVerdict(basis, goal.indicator.direction);
        const actual =
          basis.difference === null
            ? null
            : goal.indicator.direction === 'increase'
              ? basis.difference
              : -basis.difference;
        return { ...fields, actual, verdict, basis };
      }
      return { ...fields, actual: null, verdict: 'not_assessable', basis: ASSESSMENT_BASIS };
    }),
  );
}
