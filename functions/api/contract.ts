// The API's answers, as zod schemas with their types derived from them: the route table names
// one (ANSWERS below) for each JSON answer a route gives, the OpenAPI document publishes them, the
// tests check real answers against them, and the pages import the types. Only the OpenAPI document
// and the opt-in answer check load this module (a Lambda's cold import does not); everything else,
// the pages included, imports its types alone.
import * as z from 'zod';
import {
  AreaCount,
  Comparison,
  IndicatorComparison,
  IndicatorReading,
  Release,
  TextAnswers,
  Withheld,
} from '../core/published.ts';
import { BackgroundVariable, Indicator, ProjectSettings } from '../core/schemas.ts';
import type * as stored from '../store/types.ts';
import { GOAL_ANSWERS } from './goalContract.ts';
import { IDEA_ANSWERS } from './ideaContract.ts';

export type * from './goalContract.ts';
export type * from './ideaContract.ts';

export type {
  Distribution,
  IndicatorComparison,
  MeanSummary,
  RoundSummary,
  ShareSummary,
  Suppressed,
  WeightedReading,
  WeightedRound,
} from '../core/published.ts';
export type { FieldError } from '../core/language.ts';
export type { Indicator, ProjectSettings } from '../core/schemas.ts';
/** Schemas and types of the published figures the answers below carry. */
export { AreaCount, Comparison, IndicatorReading, Release, TextAnswers, Withheld };

// --- Errors: every route may answer them; the OpenAPI document adds them where they apply. ---

/** Every error but a 400: `{error, message}`. */
export const ErrorAnswer = z.lazy(() => z.object({ error: z.string(), message: z.string() }));
export type ErrorAnswer = z.infer<typeof ErrorAnswer>;

/** A 400: what is wrong, field by field. */
export const ValidationErrorAnswer = z.lazy(() =>
  z.object({ errors: z.array(z.object({ field: z.string(), message: z.string() })) }),
);
export type ValidationErrorAnswer = z.infer<typeof ValidationErrorAnswer>;

// --- Projects, questionnaires and rounds (the administrators' routes). ---

const isoTime = () => z.string();
const roundKind = () => z.enum(['baseline', 'followup']);
const roundAccess = () => z.enum(['open', 'invite']);

/** The id of something just created. */
export const Created = z.lazy(() => z.object({ id: z.string() }));
export type Created = z.infer<typeof Created>;

export const ProjectListEntry = z.lazy(() => z.object({ id: z.string(), name: z.string() }));
export type ProjectListEntry = z.infer<typeof ProjectListEntry>;
export const ProjectList = z.lazy(() => z.object({ projects: z.array(ProjectListEntry) }));
export type ProjectList = z.infer<typeof ProjectList>;

export const Area = z.lazy(() => z.object({ id: z.string(), name: z.string() }));
export type Area = z.infer<typeof Area>;

export const Project = z.lazy(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    areas: z.array(Area),
    settings: ProjectSettings,
    /** Demo data is marked as such wherever it is shown. */
    demo: z.boolean(),
    createdAt: isoTime(),
    /** Residents' ideas: open for new ones, pre-moderated (both true when absent). */
    ideas: z.object({ open: z.boolean(), premoderation: z.boolean() }).optional(),
  }),
);
export type Project = z.infer<typeof Project>;

/** A round as listed with its project (no shard count, no update time). */
export const RoundListing = z.lazy(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    kind: roundKind(),
    access: roundAccess(),
    status: z.enum(['open', 'closed']),
    questionnaireId: z.string(),
    createdAt: isoTime(),
  }),
);
export type RoundListing = z.infer<typeof RoundListing>;

/** Which survey question holds each background variable. */
const backgroundMapping = () => z.partialRecord(BackgroundVariable, z.string());

export const QuestionnaireSummary = z.lazy(() =>
  z.object({
    id: z.string(),
    createdAt: isoTime(),
    indicators: z.array(Indicator),
    background: backgroundMapping(),
  }),
);
export type QuestionnaireSummary = z.infer<typeof QuestionnaireSummary>;

export const ProjectDetails = z.lazy(() =>
  z.object({ project: Project, rounds: z.array(RoundListing), questionnaires: z.array(QuestionnaireSummary) }),
);
export type ProjectDetails = z.infer<typeof ProjectDetails>;

/** One questionnaire version with its SurveyJS document, as given. */
export const QuestionnaireVersion = z.lazy(() =>
  z.object({
    id: z.string(),
    projectId: z.string(),
    survey: z.unknown(),
    indicators: z.array(Indicator),
    background: backgroundMapping(),
    createdAt: isoTime(),
  }),
);
export type QuestionnaireVersion = z.infer<typeof QuestionnaireVersion>;

export const NewRound = z.lazy(() => z.object({ id: z.string(), surveyUrl: z.string() }));
export type NewRound = z.infer<typeof NewRound>;

/** A round and its responses per area (and, for invited rounds, the codes issued). */
export const RoundCounts = z.lazy(() =>
  z.object({
    round: RoundListing,
    /** Responses counted (removed ones excluded). */
    responses: z.number().int().min(0),
    areas: z.array(AreaCount),
    invited: z.number().int().min(0).nullable(),
    /** The release the counts come from; absent for live counts (administrators). */
    release: Release.nullable().optional(),
    preliminary: z.boolean().optional(),
    withheld: Withheld.optional(),
  }),
);
export type RoundCounts = z.infer<typeof RoundCounts>;

export const RoundChange = z.lazy(() => z.object({ round: RoundListing }));
export type RoundChange = z.infer<typeof RoundChange>;

/** Invitation codes, shown this once (the store keeps their hashes only). */
export const InvitationCodes = z.lazy(() => z.object({ codes: z.array(z.string()) }));
export type InvitationCodes = z.infer<typeof InvitationCodes>;

export const Removed = z.lazy(() => z.object({ removed: z.literal(true) }));
/** Responses removed at once, by address hash or time window (POST /api/rounds/:roundId/removals/bulk). */
export const BulkRemoved = z.lazy(() => z.object({ removed: z.number().int().min(0) }));
export type BulkRemoved = z.infer<typeof BulkRemoved>;

/**
 * Bursts of an open round: responses from one address hash in one time window, counted (never
 * answers). The hashes are salted per round and dropped when the round closes.
 */
export const RoundBursts = z.lazy(() =>
  z.object({
    windowMinutes: z.number().int(),
    minCount: z.number().int(),
    /** Responses that carry an address hash (those of a closed round do not). */
    hashed: z.number().int().min(0),
    bursts: z.array(
      z.object({ addressHash: z.string(), from: isoTime(), to: isoTime(), count: z.number().int().min(1) }),
    ),
  }),
);
export type RoundBursts = z.infer<typeof RoundBursts>;
/** An issued token as administrators list it (never the token itself). */
export const IssuedToken = z.lazy(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    role: z.enum(['admin', 'evaluator']),
    project: z.string(),
    createdAt: isoTime(),
    expiresAt: isoTime(),
    revokedAt: isoTime().nullable(),
  }),
);
export type IssuedToken = z.infer<typeof IssuedToken>;
export const IssuedTokenList = z.lazy(() => z.object({ tokens: z.array(IssuedToken) }));
export type IssuedTokenList = z.infer<typeof IssuedTokenList>;
/** A new evaluator token, shown this once, with the id and name it is listed and revoked by. */
export const EvaluatorToken = z.lazy(() =>
  z.object({ token: z.string(), id: z.string(), name: z.string(), expiresAt: isoTime() }),
);
export type EvaluatorToken = z.infer<typeof EvaluatorToken>;
export const RevokedToken = z.lazy(() => z.object({ token: IssuedToken }));
export type RevokedToken = z.infer<typeof RevokedToken>;
/** A one-time sign-in code exchanged for a short-lived token (POST /api/public/signin). */
export const SignedIn = z.lazy(() =>
  z.object({
    token: z.string(),
    role: z.enum(['admin', 'evaluator']),
    project: z.string(),
    expiresAt: isoTime(),
  }),
);
export type SignedIn = z.infer<typeof SignedIn>;

// --- What evaluators read. ---

/** A round's indicators (GET /api/rounds/:roundId/indicators). */
export const RoundReading = z.lazy(() =>
  z.object({
    round: z.object({
      id: z.string(),
      name: z.string(),
      kind: roundKind(),
      status: z.enum(['open', 'closed']),
      access: roundAccess(),
      createdAt: isoTime(),
    }),
    /** Responses in the release shown (removed ones excluded); 0 before the first release. */
    responses: z.number().int().min(0),
    minGroupSize: z.number().int(),
    /** The release shown; null before the first (then there are no figures, and `withheld` says why). */
    release: Release.nullable(),
    /** The round is still open: figures may change with the next release. */
    preliminary: z.boolean(),
    withheld: Withheld.optional(),
    indicators: z.record(z.string(), IndicatorReading),
  }),
);
export type RoundReading = z.infer<typeof RoundReading>;

/** A round's free-text answers (GET /api/rounds/:roundId/texts). */
export const RoundTexts = z.lazy(() =>
  z.object({
    round: z.string(),
    minGroupSize: z.number().int(),
    /** The round's final release; null before it (then `questions` is empty and `withheld` says why). */
    release: Release.nullable(),
    preliminary: z.boolean(),
    withheld: Withheld.optional(),
    questions: z.array(TextAnswers),
  }),
);
export type RoundTexts = z.infer<typeof RoundTexts>;

/**
 * Baseline versus follow-up from the two rounds' releases (GET /api/projects/:projectId/comparison):
 * the comparison, which release of each it shows, and no indicators while either has none.
 */
export const ComparisonReading = z.lazy(() =>
  z.object({
    indicators: z.record(z.string(), IndicatorComparison),
    releases: z.object({ baseline: Release.nullable(), followup: Release.nullable() }),
    /** Either round is still open. */
    preliminary: z.boolean(),
    withheld: Withheld.optional(),
  }),
);
export type ComparisonReading = z.infer<typeof ComparisonReading>;

// --- The public routes. ---

export const Health = z.lazy(() => z.object({ ok: z.literal(true) }));

/** What the survey page needs of an open round. */
export const PublicRound = z.lazy(() =>
  z.object({
    round: z.object({ id: z.string(), name: z.string(), kind: roundKind(), access: roundAccess() }),
    /** The project's id links the thank-you page to its idea page (/i/:projectId). */
    project: z.object({ id: z.string(), name: z.string(), demo: z.boolean() }),
    survey: z.unknown(),
  }),
);
export type PublicRound = z.infer<typeof PublicRound>;

/** A stored submission: its id (the client's, for open rounds) and the server's time of receipt. */
export const SubmissionReceipt = z.lazy(() => z.object({ id: z.string(), receivedAt: isoTime() }));
export type SubmissionReceipt = z.infer<typeof SubmissionReceipt>;

/** An invitation code checked before answering: unused and valid for the round. */
export const CodeCheck = z.lazy(() => z.object({ status: z.literal('ok') }));
export type CodeCheck = z.infer<typeof CodeCheck>;

// What the store holds must fit what the routes publish of it: a change to either side that
// breaks the other fails to compile here.
type Fits<Held extends Published, Published> = Held;
export type StoredFits = [
  Fits<stored.Project, Project>,
  Fits<stored.Questionnaire, QuestionnaireVersion>,
  Fits<Pick<stored.Round, keyof RoundListing>, RoundListing>,
];

/** Every answer schema by name: routes name theirs (routeTable.ts's JsonAnswer), typed, without loading them. */
export const ANSWERS = {
  Created,
  ProjectList,
  ProjectDetails,
  QuestionnaireVersion,
  NewRound,
  RoundCounts,
  RoundChange,
  InvitationCodes,
  Removed,
  BulkRemoved,
  RoundBursts,
  EvaluatorToken,
  IssuedTokenList,
  RevokedToken,
  SignedIn,
  RoundReading,
  RoundTexts,
  Comparison,
  ComparisonReading,
  Health,
  PublicRound,
  SubmissionReceipt,
  CodeCheck,
  ErrorAnswer,
  ValidationErrorAnswer,
  ...IDEA_ANSWERS,
  ...GOAL_ANSWERS,
} satisfies Record<string, z.ZodType>;
export type AnswerName = keyof typeof ANSWERS;
