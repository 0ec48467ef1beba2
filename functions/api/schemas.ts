// Request bodies and queries of the API, as zod schemas (the OpenAPI document is made from them),
// built on first use (see core/schemas.ts).
import * as z from 'zod';
import { IDEA_STATES } from '../core/ideas.ts';
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
