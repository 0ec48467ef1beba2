// Residents' ideas: the states an idea moves through, who may move it where, and what an idea's
// events say about it at any moment. Pure: the store keeps the events (functions/store/ideas.ts),
// the API checks and records each change (functions/api/actions/ideas.ts).
//
// An idea is its submission and the list of its events, in order. Its state is not stored: it is
// what the events make of it (fold below), so the audit trail and the state cannot disagree, a
// change is one conditional write (the next event number), and the counts as of any past day are
// the same fold over the events up to that day.

import { IDEA_STATES, type IdeaState } from './names.ts';

export { IDEA_STATES, type IdeaState };

/** Where each state may go. Any state may go to withdrawn (on the author's request), but withdrawn itself. */
const NEXT: Readonly<Record<IdeaState, readonly IdeaState[]>> = {
  received: ['published', 'rejected', 'withdrawn'],
  published: ['prioritised', 'not_prioritised', 'merged', 'withdrawn'],
  rejected: ['withdrawn'],
  prioritised: ['planned', 'withdrawn'],
  not_prioritised: ['withdrawn'],
  merged: ['withdrawn'],
  planned: ['in_progress', 'withdrawn'],
  in_progress: ['carried_out', 'withdrawn'],
  carried_out: ['withdrawn'],
  withdrawn: [],
};

/** The states anyone may see: what was published, and all that followed it but a withdrawal. */
export const PUBLIC_STATES: ReadonlySet<IdeaState> = new Set([
  'published',
  'prioritised',
  'not_prioritised',
  'merged',
  'planned',
  'in_progress',
  'carried_out',
]);

/** States an idea may be merged into: published, and not merged away or withdrawn itself. */
export const MERGE_TARGET_STATES: ReadonlySet<IdeaState> = new Set(
  [...PUBLIC_STATES].filter((state) => state !== 'merged'),
);

/** Changes that need a reason (rejected: shown to moderators only). */
export const NEEDS_REASON: ReadonlySet<IdeaState> = new Set(['rejected', 'not_prioritised']);

export function allowedNext(state: IdeaState): readonly IdeaState[] {
  return NEXT[state];
}

export interface IdeaActor {
  /** The token id of the moderator ('ADMIN_TOKEN' for the static one), 'resident', or 'system'. */
  id: string;
  /** Who that is, as the token's record names it. */
  name: string;
}

/** What a resident sent, as stored: the idea's own item (its contact details are stored apart). */
export interface IdeaSubmission {
  id: string;
  projectId: string;
  title: string;
  text: string;
  area: string | null;
  /** Whether contact details were given (with consent); they live in an item of their own. */
  hasContact: boolean;
  /** When it was received (ISO 8601). */
  at: string;
  /** received, or published where the project does not pre-moderate. */
  initialState: 'received' | 'published';
}

export type IdeaEvent =
  | {
      seq: number;
      at: string;
      actor: IdeaActor;
      kind: 'transition';
      from: IdeaState;
      to: IdeaState;
      reason?: string | undefined;
      /** With `to: merged`: the idea this one now lives in. */
      mergedInto?: string | undefined;
    }
  | {
      seq: number;
      at: string;
      actor: IdeaActor;
      kind: 'undo';
      /** The event whose change this takes back. */
      undoes: number;
      from: IdeaState;
      to: IdeaState;
    }
  | { seq: number; at: string; actor: IdeaActor; kind: 'contact_deleted' };

/** An idea's state after its events, and the changes in force (an undo takes the last one back). */
export interface IdeaStatus {
  state: IdeaState;
  mergedInto: string | null;
  /** The transitions in force, oldest first: what an undo would take back is the last. */
  applied: Extract<IdeaEvent, { kind: 'transition' }>[];
  /** Every state the idea has been in (its submission's included), undone ones not. */
  reached: ReadonlySet<IdeaState>;
  /** The number of the next event. */
  nextSeq: number;
  /** The time of its last event (or its submission). */
  updatedAt: string;
  hasContact: boolean;
}

/** What the idea's events make of it; with `until`, only the events up to that time. */
export function foldIdea(submission: IdeaSubmission, events: readonly IdeaEvent[], until?: string): IdeaStatus {
  let state: IdeaState = submission.initialState;
  let mergedInto: string | null = null;
  let hasContact = submission.hasContact;
  const applied: Extract<IdeaEvent, { kind: 'transition' }>[] = [];
  let updatedAt = submission.at;
  let nextSeq = 1;
  for (const event of events) {
    nextSeq = Math.max(nextSeq, event.seq + 1);
    if (until !== undefined && event.at > until) continue;
    updatedAt = event.at;
    if (event.kind === 'transition') {
      applied.push(event);
      state = event.to;
      mergedInto = event.to === 'merged' ? (event.mergedInto ?? null) : null;
    } else if (event.kind === 'undo') {
      const undone = applied.pop();
      state = undone ? undone.from : state;
      const previous = applied.at(-1);
      mergedInto = state === 'merged' && previous ? (previous.mergedInto ?? null) : null;
    } else {
      hasContact = false;
    }
  }
  const reached = new Set<IdeaState>([submission.initialState, ...applied.map((event) => event.to)]);
  return { state, mergedInto, applied, reached, nextSeq, updatedAt, hasContact };
}

/** Why a change is refused, or null: the state machine and the reasons it needs. */
export function transitionProblem(
  status: IdeaStatus,
  to: IdeaState,
  reason: string | undefined,
  mergedInto: string | undefined,
): { status: 400 | 409; field?: 'reason' | 'mergedInto'; message: string } | null {
  const allowed = allowedNext(status.state);
  if (!allowed.includes(to))
    return {
      status: 409,
      message:
        allowed.length === 0
          ? `an idea in state ${status.state} cannot change`
          : `an idea in state ${status.state} can go to ${listed(allowed)}, not ${to}`,
    };
  if (NEEDS_REASON.has(to) && !reason?.trim())
    return { status: 400, field: 'reason', message: `give a reason for ${to}` };
  if (to === 'merged' && !mergedInto)
    return { status: 400, field: 'mergedInto', message: 'give mergedInto: the idea this one joins' };
  if (to !== 'merged' && mergedInto !== undefined)
    return { status: 400, field: 'mergedInto', message: 'mergedInto goes only with to: merged' };
  return null;
}

/** Why this actor may not undo now, or null. Moderators undo their own last change only. */
export function undoProblem(status: IdeaStatus, actor: IdeaActor): string | null {
  const last = status.applied.at(-1);
  if (!last) return 'there is no change to undo';
  if (last.actor.id !== actor.id) return `the last change was made by ${last.actor.name}: only they can undo it`;
  return null;
}

function listed(states: readonly string[]): string {
  return states.length === 1 ? states[0]! : `${states.slice(0, -1).join(', ')} or ${states.at(-1)}`;
}

/** What the counts of the goals read (issue: goals): identified, prioritised, carried out. */
export interface IdeaCounts {
  identified: number;
  prioritised: number;
  carried_out: number;
}

/**
 * The counts of ideas as of a moment: identified = reached published and not merged or withdrawn
 * since; prioritised = reached prioritised; carried_out = in carried_out. Undone changes do not
 * count. Per area too (ideas without an area under the empty key "").
 */
export function ideaCounts(
  ideas: readonly { submission: IdeaSubmission; events: readonly IdeaEvent[] }[],
  until: string,
): IdeaCounts & { byArea: Record<string, IdeaCounts> } {
  const total: IdeaCounts = { identified: 0, prioritised: 0, carried_out: 0 };
  const byArea: Record<string, IdeaCounts> = {};
  for (const { submission, events } of ideas) {
    if (submission.at > until) continue;
    const status = foldIdea(submission, events, until);
    const area = (byArea[submission.area ?? ''] ??= { identified: 0, prioritised: 0, carried_out: 0 });
    const identified =
      status.reached.has('published') && status.state !== 'merged' && status.state !== 'withdrawn' ? 1 : 0;
    const prioritised = status.reached.has('prioritised') ? 1 : 0;
    const carriedOut = status.state === 'carried_out' ? 1 : 0;
    for (const counts of [total, area]) {
      counts.identified += identified;
      counts.prioritised += prioritised;
      counts.carried_out += carriedOut;
    }
  }
  return { ...total, byArea };
}

/**
 * The end of a calendar day in Swedish time (Europe/Stockholm), as an ISO 8601 instant: "as of
 * 2026-03-31" means everything up to midnight in Sweden, summer time or not.
 */
export function endOfSwedishDay(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const nextMidnightUtc = Date.UTC(year, month - 1, day + 1);
  // Stockholm is UTC+1 or UTC+2: try both offsets and keep the one whose local time is midnight.
  for (const hours of [1, 2]) {
    const instant = nextMidnightUtc - hours * 3600_000;
    const local = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Stockholm',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(instant));
    if (local === '00:00') return new Date(instant - 1).toISOString();
  }
  return new Date(nextMidnightUtc - 3600_000 - 1).toISOString();
}

/** A project's idea collection: open for new ideas, and whether a moderator publishes each first. */
export interface IdeaSettings {
  open: boolean;
  premoderation: boolean;
}

/** The settings of a project that never set them: open, pre-moderated. */
export const DEFAULT_IDEA_SETTINGS: IdeaSettings = { open: true, premoderation: true };

export function ideaSettingsOf(project: { ideas?: Partial<IdeaSettings> | undefined }): IdeaSettings {
  return { ...DEFAULT_IDEA_SETTINGS, ...project.ideas };
}
