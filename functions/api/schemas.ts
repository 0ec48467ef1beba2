// Request bodies and queries of the API, as zod schemas (the OpenAPI document is made from them),
// built on first use (see core/schemas.ts).
import * as z from 'zod';
import { GOAL_KINDS, GOAL_VERDICTS, IDEA_COUNTS, IDEA_STATES } from '../core/names.ts';
import { BackgroundVariable, QuestionnaireIndicators } from '../core/schemas.ts';

const Text = (max: number) => z.string().trim().min(1).max(max);
/** Area ids may be plain village names ("Östra Ryd"): any short text without control characters. */
const areaId = () =>
  z
    .string()
    .min(1)
    .max(100)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the pattern names the control characters it refuses
    .regex(/^[^\u0000-\u001f\u007f]+$/, 'no control characters');

export const CreateProjectBody = z.lazy(() =>
  z.strictObject({
    name: Text(200),
    areas: z
      .array(z.strictObject({ id: areaId(), name: Text(200) }))
      .min(1)
      .max(500)
      .refine((areas) => new Set(areas.map((a) => a.id)).size === areas.length, 'area ids must be distinct'),
    minGroupSize: z.number().int().min(3).max(1000).optional(),
    alpha: z.number().gt(0).lt(1).optional(),
    groupBy: z.array(BackgroundVariable).max(3).optional(),
    weighting: z
      .strictObject({
        strata: z.array(BackgroundVariable).min(1).max(3),
        population: z
          .array(z.record(z.string(), z.union([z.string(), z.number()])))
          .min(1)
          .max(10_000),
        /** Strata with fewer respondents are merged in what is published; default and floor: k. */
        minStratumSize: z.number().int().min(1).max(1000).optional(),
      })
      .optional(),
    /** Residents' ideas: open for new ones and pre-moderated unless said otherwise. */
    ideas: z.strictObject({ open: z.boolean().optional(), premoderation: z.boolean().optional() }).optional(),
  }),
);
export type CreateProjectBody = z.infer<typeof CreateProjectBody>;

export const CreateQuestionnaireBody = z.lazy(() =>
  z.strictObject({
    survey: z.record(z.string(), z.unknown(), { error: 'survey is a SurveyJS document (a JSON object)' }),
    /** None is fine: a questionnaire may only collect answers (for exports). */
    indicators: QuestionnaireIndicators.default([]),
    background: z
      .strictObject({ area: z.string().optional(), age_band: z.string().optional(), gender: z.string().optional() })
      .optional(),
  }),
);
export type CreateQuestionnaireBody = z.infer<typeof CreateQuestionnaireBody>;

export const CreateRoundBody = z.lazy(() =>
  z.strictObject({
    kind: z.enum(['baseline', 'followup']),
    name: Text(200),
    questionnaireId: z.string().min(1).max(64),
    access: z.enum(['open', 'invite']),
  }),
);
export type CreateRoundBody = z.infer<typeof CreateRoundBody>;

export const CreateInvitationsBody = z.lazy(() =>
  z.strictObject({
    count: z.number().int().min(1).max(10_000),
    area: areaId().optional(),
  }),
);
export type CreateInvitationsBody = z.infer<typeof CreateInvitationsBody>;

export const SubmitResponseBody = z.lazy(() =>
  z.strictObject({
    responseId: z.uuid().optional(),
    code: z.string().min(1).max(64).optional(),
    answers: z.record(z.string(), z.unknown()),
  }),
);

export const ComparisonQuery = z.lazy(() =>
  z.strictObject({
    baseline: z.string().min(1).max(64),
    followup: z.string().min(1).max(64),
  }),
);
export type ComparisonQuery = z.infer<typeof ComparisonQuery>;

export const RemoveResponseBody = z.lazy(() =>
  z.strictObject({
    responseId: z.uuid().optional(),
    code: z.string().min(1).max(64).optional(),
  }),
);
export type RemoveResponseBody = z.infer<typeof RemoveResponseBody>;

/** Responses grouped by address hash and time window (GET /api/rounds/:roundId/bursts). */
export const BurstsQuery = z.lazy(() =>
  z.strictObject({
    windowMinutes: z.coerce.number().int().min(1).max(1440).default(10),
    minCount: z.coerce.number().int().min(2).max(100_000).default(10),
  }),
);
export type BurstsQuery = z.infer<typeof BurstsQuery>;

/** Many responses at once: those of one address hash, of a time window, or both. */
export const BulkRemovalBody = z.lazy(() =>
  z
    .strictObject({
      addressHash: z
        .string()
        .regex(/^[0-9a-f]{32}$/, 'an address hash as GET /api/rounds/:roundId/bursts lists it')
        .optional(),
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
    })
    .refine((body) => body.addressHash !== undefined || (body.from !== undefined && body.to !== undefined), {
      message: 'give an addressHash, a time window (from and to), or both',
      path: ['addressHash'],
    })
    .refine((body) => body.from === undefined || body.to === undefined || Date.parse(body.from) < Date.parse(body.to), {
      message: 'from must be before to',
      path: ['to'],
    }),
);
export type BulkRemovalBody = z.infer<typeof BulkRemovalBody>;

/** A resident's idea (POST /api/public/projects/:projectId/ideas); area and consent are checked by the route. */
export const IdeaSubmissionBody = z.lazy(() =>
  z.strictObject({
    title: z.string().trim().min(3).max(120),
    text: z.string().trim().min(1).max(4000),
    area: z.string().min(1).max(100).optional(),
    contact: z
      .strictObject({
        name: z.string().trim().min(1).max(100).optional(),
        email: z.email().max(200).optional(),
      })
      .optional(),
    consent: z.literal(true).optional(),
  }),
);
export type IdeaSubmissionBody = z.infer<typeof IdeaSubmissionBody>;

export const IdeaTransitionBody = z.lazy(() =>
  z.strictObject({
    to: z.enum(IDEA_STATES),
    reason: z.string().trim().min(1).max(1000).optional(),
    mergedInto: z.string().min(1).max(64).optional(),
  }),
);
export type IdeaTransitionBody = z.infer<typeof IdeaTransitionBody>;

export const IdeaListQuery = z.lazy(() => z.strictObject({ state: z.enum(IDEA_STATES).optional() }));
export type IdeaListQuery = z.infer<typeof IdeaListQuery>;

export const IdeaCountsQuery = z.lazy(() =>
  z.strictObject({
    asOf: z.iso.date().optional(),
  }),
);
export type IdeaCountsQuery = z.infer<typeof IdeaCountsQuery>;

export const IdeaSettingsBody = z.lazy(() =>
  z.strictObject({ open: z.boolean().optional(), premoderation: z.boolean().optional() }),
);
export type IdeaSettingsBody = z.infer<typeof IdeaSettingsBody>;

const day = () => z.iso.date();

/** An activity held (POST /api/projects/:projectId/activities); type and area are checked by the route. */
export const ActivityBody = z.lazy(() =>
  z.strictObject({
    type: z.string().min(1).max(64),
    date: day(),
    title: Text(200),
    area: z.string().min(1).max(100).optional(),
    participants: z.number().int().min(0).max(1_000_000).optional(),
    note: z.string().trim().max(2000).optional(),
  }),
);
export type ActivityBody = z.infer<typeof ActivityBody>;

export const ActivityQuery = z.lazy(() =>
  z.strictObject({
    type: z.string().min(1).max(64).optional(),
    area: z.string().min(1).max(100).optional(),
    from: day().optional(),
    to: day().optional(),
  }),
);
export type ActivityQuery = z.infer<typeof ActivityQuery>;

export const ActivityRemovalBody = z.lazy(() =>
  z.strictObject({ reason: z.string().trim().min(1).max(500).optional() }),
);
export type ActivityRemovalBody = z.infer<typeof ActivityRemovalBody>;

export const ActivityTypeBody = z.lazy(() =>
  z.strictObject({
    id: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'lower-case letters, digits and _ (such as study_visit)'),
    label: z.strictObject({ sv: Text(100), en: Text(100) }),
  }),
);
export type ActivityTypeBody = z.infer<typeof ActivityTypeBody>;

/** A goal (POST /api/projects/:projectId/goals): what each kind needs is checked by the route. */
export const GoalBody = z.lazy(() =>
  z.strictObject({
    title: Text(300),
    area: z.string().min(1).max(100).optional(),
    kind: z.enum(GOAL_KINDS),
    target: z
      .strictObject({
        min: z.number().int().min(0).max(1_000_000),
        max: z.number().int().min(0).max(1_000_000).optional(),
      })
      .refine((target) => target.max === undefined || target.max >= target.min, {
        message: 'max must be at least min',
        path: ['max'],
      })
      .optional(),
    measure: z
      .discriminatedUnion('source', [
        z.strictObject({ source: z.literal('activities'), type: z.string().min(1).max(64) }),
        z.strictObject({ source: z.literal('ideas'), count: z.enum(IDEA_COUNTS) }),
      ])
      .optional(),
    indicator: z
      .strictObject({
        indicatorId: z.string().min(1).max(64),
        direction: z.enum(['increase', 'decrease']),
        baselineRoundId: z.string().min(1).max(64),
        followupRoundId: z.string().min(1).max(64),
        minChange: z.number().gt(0).max(1_000_000).optional(),
      })
      .optional(),
    due: day().optional(),
  }),
);
export type GoalBody = z.infer<typeof GoalBody>;

export const AsOfQuery = z.lazy(() => z.strictObject({ asOf: day().optional() }));
export type AsOfQuery = z.infer<typeof AsOfQuery>;

const facts = () =>
  z.strictObject({
    owner: z.string().max(300).optional(),
    budget: z.string().max(300).optional(),
    funders: z.string().max(300).optional(),
    contact: z.string().max(300).optional(),
  });
const sections = () =>
  z.strictObject({
    deviations: z.string().max(20_000).optional(),
    experiences: z.string().max(20_000).optional(),
    challenges: z.string().max(20_000).optional(),
  });
const signature = () => z.strictObject({ name: z.string().max(200), place: z.string().max(200), date: day() });

export const ReportBody = z.lazy(() =>
  z
    .strictObject({
      title: Text(200),
      kind: z.enum(['interim', 'final']),
      sequence: z.number().int().min(1).max(100).optional(),
      of: z.number().int().min(1).max(100).optional(),
      periodStart: day(),
      periodEnd: day(),
      facts: facts().optional(),
    })
    .refine((body) => body.periodStart <= body.periodEnd, {
      message: 'periodStart must not be after periodEnd',
      path: ['periodEnd'],
    })
    .refine((body) => body.sequence === undefined || body.of === undefined || body.sequence <= body.of, {
      message: 'sequence must not be greater than of',
      path: ['sequence'],
    }),
);
export type ReportBody = z.infer<typeof ReportBody>;

export const ReportEditBody = z.lazy(() =>
  z.strictObject({
    title: Text(200).optional(),
    facts: facts().optional(),
    sections: sections().optional(),
    signature: signature().nullable().optional(),
  }),
);
export type ReportEditBody = z.infer<typeof ReportEditBody>;

export const ReportGoalBody = z.lazy(() =>
  z.strictObject({
    comment: z.string().trim().max(5000).nullable().optional(),
    override: z
      .strictObject({ verdict: z.enum(GOAL_VERDICTS), reason: z.string().trim().min(1).max(2000) })
      .nullable()
      .optional(),
  }),
);
export type ReportGoalBody = z.infer<typeof ReportGoalBody>;

/**
 * How deep a request body may nest. Far beyond any survey document (a few pages of panels of
 * questions of choices is about a dozen levels), and far below what a recursive step (zod, the
 * store's marshalling) can take without overflowing the stack: 4,100 levels did.
 */
export const MAX_JSON_DEPTH = 64;

/** Whether JSON text nests objects and arrays more than `max` deep; read before parsing, without recursion. */
export function nestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c)
        i++; // a backslash escapes the next character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) {
      if (++depth > max) return true;
    } else if (char === 0x7d || char === 0x5d) depth--;
  }
  return false;
}
