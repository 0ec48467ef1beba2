// The answers of the goals' routes (activities, goals and their verdicts, funder reports), as zod
// schemas with their types (functions/api/contract.ts gathers them in ANSWERS).
import * as z from 'zod';
import { GOAL_KINDS, GOAL_VERDICTS, IDEA_COUNTS } from '../core/goals.ts';

const isoTime = () => z.iso.datetime({ offset: true });
const day = () => z.iso.date();
const labels = () => z.object({ sv: z.string(), en: z.string() });
const verdict = () => z.enum(GOAL_VERDICTS);

export const ActivityType = z.lazy(() => z.object({ id: z.string(), label: labels() }));

export const Activity = z.lazy(() =>
  z.object({
    id: z.string(),
    projectId: z.string(),
    type: z.string(),
    date: day(),
    title: z.string(),
    area: z.string().nullable(),
    participants: z.number().int().nullable(),
    note: z.string().nullable(),
    createdAt: isoTime(),
    createdBy: z.string(),
    removed: z.object({ at: isoTime(), by: z.string(), reason: z.string().nullable() }).nullable(),
  }),
);
export type Activity = z.infer<typeof Activity>;

export const ActivityList = z.lazy(() => z.object({ activities: z.array(Activity), types: z.array(ActivityType) }));
export type ActivityList = z.infer<typeof ActivityList>;
export const ActivityAnswer = z.lazy(() => z.object({ activity: Activity }));
export const ActivityTypeList = z.lazy(() => z.object({ types: z.array(ActivityType) }));
export type ActivityTypeList = z.infer<typeof ActivityTypeList>;

const target = () => z.object({ min: z.number(), max: z.number().optional() }).nullable();
const measure = () =>
  z
    .union([
      z.object({ source: z.literal('activities'), type: z.string() }),
      z.object({ source: z.literal('ideas'), count: z.enum(IDEA_COUNTS) }),
    ])
    .nullable();
const indicator = () =>
  z
    .object({
      indicatorId: z.string(),
      direction: z.enum(['increase', 'decrease']),
      baselineRoundId: z.string(),
      followupRoundId: z.string(),
      minChange: z.number().optional(),
    })
    .nullable();

export const Goal = z.lazy(() =>
  z.object({
    id: z.string(),
    projectId: z.string(),
    title: z.string(),
    area: z.string().nullable(),
    kind: z.enum(GOAL_KINDS),
    target: target(),
    measure: measure(),
    indicator: indicator(),
    due: day().nullable(),
    createdAt: isoTime(),
  }),
);
export type Goal = z.infer<typeof Goal>;
export const GoalList = z.lazy(() => z.object({ goals: z.array(Goal) }));
export type GoalList = z.infer<typeof GoalList>;

const nullableNumber = () => z.number().nullable();
export const GoalBasis = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('count'),
      actual: z.number(),
      min: z.number(),
      max: nullableNumber(),
      overTarget: z.boolean(),
    }),
    z.object({
      kind: z.literal('indicator'),
      difference: nullableNumber(),
      ciLow: nullableNumber(),
      ciHigh: nullableNumber(),
      pValue: nullableNumber(),
      alpha: z.number(),
      nBaseline: nullableNumber(),
      nFollowup: nullableNumber(),
      weighted: z.boolean(),
      minChange: nullableNumber(),
      note: z.string().nullable(),
    }),
    z.object({ kind: z.literal('assessment'), note: z.string() }),
  ]),
);

const statusFields = () => ({
  id: z.string(),
  title: z.string(),
  kind: z.enum(GOAL_KINDS),
  area: z.string().nullable(),
  target: target(),
  measure: measure(),
  indicator: indicator(),
  due: day().nullable(),
  actual: nullableNumber(),
  verdict: verdict(),
  basis: GoalBasis,
});

export const GoalStatus = z.lazy(() => z.object(statusFields()));
export type GoalStatus = z.infer<typeof GoalStatus>;

/** GET /api/projects/:projectId/goals/status */
export const GoalStatusList = z.lazy(() => z.object({ asOf: day(), until: isoTime(), goals: z.array(GoalStatus) }));
export type GoalStatusList = z.infer<typeof GoalStatusList>;

const override = () => z.object({ verdict: verdict(), reason: z.string(), by: z.string(), at: isoTime() }).nullable();

export const ReportGoal = z.lazy(() =>
  z.object({ ...statusFields(), computedVerdict: verdict(), override: override(), comment: z.string().nullable() }),
);
export type ReportGoal = z.infer<typeof ReportGoal>;

const facts = () => z.object({ owner: z.string(), budget: z.string(), funders: z.string(), contact: z.string() });
const locked = () => z.object({ at: isoTime(), by: z.string() }).nullable();

/** What a report is called and covers: in the list and in the report itself. */
const reportHeadFields = () => ({
  id: z.string(),
  title: z.string(),
  kind: z.enum(['interim', 'final']),
  sequence: z.number().int().nullable(),
  of: z.number().int().nullable(),
  periodStart: day(),
  periodEnd: day(),
  locked: locked(),
});

export const Report = z.lazy(() =>
  z.object({
    ...reportHeadFields(),
    project: z.object({ id: z.string(), name: z.string() }),
    facts: facts(),
    sections: z.object({ deviations: z.string(), experiences: z.string(), challenges: z.string() }),
    signature: z.object({ name: z.string(), place: z.string(), date: day() }).nullable(),
    goals: z.array(ReportGoal),
    activities: z.array(
      z.object({
        type: z.string(),
        label: labels(),
        count: z.number().int(),
        items: z.array(
          z.object({ date: day(), title: z.string(), area: z.string().nullable(), participants: nullableNumber() }),
        ),
      }),
    ),
  }),
);
export type Report = z.infer<typeof Report>;

/** GET /api/reports/:reportId and every change of a report: the report as it stands. */
export const ReportAnswer = z.lazy(() => z.object({ report: Report }));
export type ReportAnswer = z.infer<typeof ReportAnswer>;

export const ReportList = z.lazy(() =>
  z.object({
    reports: z.array(z.object({ ...reportHeadFields(), createdAt: isoTime() })),
  }),
);
export type ReportList = z.infer<typeof ReportList>;

export const GOAL_ANSWERS = {
  ActivityList,
  ActivityAnswer,
  ActivityTypeList,
  GoalList,
  GoalStatusList,
  ReportAnswer,
  ReportList,
} satisfies Record<string, z.ZodType>;
