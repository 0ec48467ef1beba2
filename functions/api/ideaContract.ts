// The answers of the ideas' routes, as zod schemas with their types (functions/api/contract.ts
// gathers them in ANSWERS; the pages import the types from there).
import * as z from 'zod';
import { IDEA_STATES } from '../core/ideas.ts';

const isoTime = () => z.iso.datetime({ offset: true });
const ideaState = () => z.enum(IDEA_STATES);
const counts = () =>
  z.object({ identified: z.number().int(), prioritised: z.number().int(), carried_out: z.number().int() });

export const IdeaSettingsAnswer = z.lazy(() =>
  z.object({ ideas: z.object({ open: z.boolean(), premoderation: z.boolean() }) }),
);
export type IdeaSettingsAnswer = z.infer<typeof IdeaSettingsAnswer>;

/** What a resident gets back for an idea: its id, and whether it waits for a moderator. */
export const IdeaReceipt = z.lazy(() => z.object({ id: z.string(), state: z.enum(['received', 'published']) }));
export type IdeaReceipt = z.infer<typeof IdeaReceipt>;

/** An idea as anyone may see it: never its contact details, reasons or moderators. */
const publicIdeaFields = () => ({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  area: z.string().nullable(),
  state: ideaState(),
  /** Where a merged idea now lives. */
  mergedInto: z.string().nullable(),
  /** Ideas merged into this one: their titles and texts stay visible here. */
  merged: z.array(z.object({ id: z.string(), title: z.string(), text: z.string() })),
  submittedAt: isoTime(),
  updatedAt: isoTime(),
});

export const PublicIdea = z.lazy(() => z.object(publicIdeaFields()));
export type PublicIdea = z.infer<typeof PublicIdea>;

/** The public board: the project's published ideas and all that followed, and whether it takes new ones. */
export const IdeaBoard = z.lazy(() =>
  z.object({
    project: z.object({
      id: z.string(),
      name: z.string(),
      areas: z.array(z.object({ id: z.string(), name: z.string() })),
      open: z.boolean(),
    }),
    ideas: z.array(PublicIdea),
  }),
);
export type IdeaBoard = z.infer<typeof IdeaBoard>;

/** An idea as the project's administrators and evaluators see it. */
export const ManagedIdea = z.lazy(() =>
  z.object({
    ...publicIdeaFields(),
    /** The states it may go to next. */
    next: z.array(ideaState()),
    /** The last change in force: who made it, when, why (the one an undo would take back). */
    lastChange: z
      .object({
        seq: z.number().int(),
        to: ideaState(),
        at: isoTime(),
        by: z.string(),
        byId: z.string(),
        reason: z.string().nullable(),
      })
      .nullable(),
    /** Whether contact details were given (still kept). */
    hasContact: z.boolean(),
    /** The contact details: administrators only, never evaluators. */
    contact: z.object({ name: z.string().nullable(), email: z.string().nullable() }).nullable(),
  }),
);
export type ManagedIdea = z.infer<typeof ManagedIdea>;

export const IdeaList = z.lazy(() =>
  z.object({
    ideas: z.array(ManagedIdea),
    /** Every idea of the project (whatever the state filter), per state and per area (""; none given). */
    counts: z.object({
      total: z.number().int(),
      byState: z.record(z.string(), z.number().int()),
      byArea: z.record(z.string(), z.number().int()),
    }),
    /** Ideas waiting for a moderator (received), oldest first in `ideas` when listed. */
    waiting: z.number().int(),
  }),
);
export type IdeaList = z.infer<typeof IdeaList>;

export const IdeaCountsAnswer = z.lazy(() =>
  z.object({
    /** The day asked for (today in Sweden when none was given). */
    asOf: z.iso.date(),
    /** The instant counted up to: the end of that day in Swedish time. */
    until: isoTime(),
    identified: z.number().int(),
    prioritised: z.number().int(),
    carried_out: z.number().int(),
    byArea: z.record(z.string(), counts()),
  }),
);
export type IdeaCountsAnswer = z.infer<typeof IdeaCountsAnswer>;

export const IdeaChanged = z.lazy(() => z.object({ idea: ManagedIdea }));
export type IdeaChanged = z.infer<typeof IdeaChanged>;

/** The audit trail: the submission, then every change (and undo, and contact deletion) with who and why. */
export const IdeaEvents = z.lazy(() =>
  z.object({
    events: z.array(
      z.object({
        seq: z.number().int(),
        at: isoTime(),
        kind: z.enum(['submitted', 'transition', 'undo', 'contact_deleted']),
        by: z.string(),
        byId: z.string(),
        from: ideaState().nullable(),
        to: ideaState().nullable(),
        reason: z.string().nullable(),
        mergedInto: z.string().nullable(),
        undoes: z.number().int().nullable(),
      }),
    ),
  }),
);
export type IdeaEvents = z.infer<typeof IdeaEvents>;

export const ContactDeleted = z.lazy(() => z.object({ deleted: z.boolean() }));
export type ContactDeleted = z.infer<typeof ContactDeleted>;

export const IDEA_ANSWERS = {
  IdeaSettingsAnswer,
  IdeaReceipt,
  IdeaBoard,
  IdeaList,
  IdeaCountsAnswer,
  IdeaChanged,
  IdeaEvents,
  ContactDeleted,
} satisfies Record<string, z.ZodType>;
