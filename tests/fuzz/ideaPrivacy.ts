// The privacy property of residents' ideas, and what it needs: a ledger of every idea the fuzzing
// sent (acknowledged or refused) and of what the moderators made of each, the moderation itself
// (publish, reject, withdraw, prioritise, merge, undo through the administrators' routes while the
// fuzzing runs), and the checks: no contact detail, no moderator's reason and no unpublished idea
// (received, rejected, withdrawn, or refused) in any public answer; the public board shows exactly
// the ideas that are public now; the administrators' list holds every acknowledged idea and nothing
// refused.
//
// Every title, contact detail and reason carries a tag (`itag-`, `ctag-`, `rtag-` and 12 hex
// digits), made unique just before its request is sent (withFreshTags), so that it is found again
// in any answer, whatever the answer's shape.
import { randomBytes } from 'node:crypto';
import { allowedNext, MERGE_TARGET_STATES, PUBLIC_STATES, type IdeaState } from '../../functions/core/ideas.ts';
import type { RawRequest } from './rawHttp.ts';
import type { FuzzTarget } from './target.ts';

const TAG = /([icr])tag-[0-9a-f]{12}(?![0-9a-f])/g;

export interface LedgerIdea {
  id: string;
  projectId: string;
  state: IdeaState;
  mergedInto: string | null;
  /** Its place among the acknowledged ideas of its project (0 first). */
  order: number;
}

export interface IdeaLedger {
  ideas: Map<string, LedgerIdea>;
  /** The acknowledged ideas, in the order of their 201s. */
  acknowledged: LedgerIdea[];
  /** Title tags of acknowledged ideas: the idea's id. */
  titles: Map<string, string>;
  /** Tags no public answer may ever hold: contact details, reasons, titles of refused submissions. */
  secret: Set<string>;
  /** Acknowledged ideas the moderation has dealt with (a prefix of `acknowledged`). */
  moderated: number;
  /** Moderation requests sent, per what they asked for. */
  moves: Map<string, number>;
}

export const newLedger = (): IdeaLedger => ({
  ideas: new Map(),
  acknowledged: [],
  titles: new Map(),
  secret: new Set(),
  moderated: 0,
  moves: new Map(),
});

export const tagsIn = (text: string): string[] => text.match(TAG) ?? [];

const freshHex = () => randomBytes(6).toString('hex');

/**
 * The request with every tag in its path and body replaced by a fresh one (the same tag by the same
 * fresh one): generated values repeat, and shrink to the same ones, but a tag must name one thing.
 * Tags are ASCII and keep their length, so lengths and chunks stay as generated.
 */
export function withFreshTags(request: RawRequest): RawRequest {
  const fresh = new Map<string, string>();
  const rewrite = (bytes: Buffer) =>
    Buffer.from(
      bytes.toString('latin1').replace(TAG, (tag) => {
        let renamed = fresh.get(tag);
        if (!renamed) fresh.set(tag, (renamed = `${tag.slice(0, 5)}${freshHex()}`));
        return renamed;
      }),
      'latin1',
    );
  return {
    ...request,
    ...(request.body ? { body: rewrite(request.body) } : {}),
    ...(request.chunks ? { chunks: request.chunks.map(rewrite) } : {}),
  };
}

/** The tags a request itself sent (its own answer may hold them). */
export function tagsOfRequest(request: RawRequest): Set<string> {
  const parts = [request.body, ...(request.chunks ?? [])].filter((part): part is Buffer => part !== undefined);
  const target = Buffer.isBuffer(request.target) ? request.target.toString('latin1') : request.target;
  return new Set([...tagsIn(target), ...parts.flatMap((part) => tagsIn(part.toString('latin1')))]);
}

/**
 * Records what a submission sent and what it got: contact tags are secret whatever the answer; a
 * 201's title tags name the new idea, any other answer's titles are secret (refused: never public).
 */
export function recordSubmission(
  ledger: IdeaLedger,
  projectId: string,
  sent: Set<string>,
  status: number,
  answer: { id?: unknown; state?: unknown } | null,
): LedgerIdea | null {
  let idea: LedgerIdea | null = null;
  if (status === 201 && typeof answer?.id === 'string') {
    idea = {
      id: answer.id,
      projectId,
      state: answer.state as IdeaState,
      mergedInto: null,
      order: ledger.acknowledged.filter((other) => other.projectId === projectId).length,
    };
    ledger.ideas.set(idea.id, idea);
    ledger.acknowledged.push(idea);
  }
  for (const tag of sent) {
    if (tag.startsWith('i') && idea) ledger.titles.set(tag, idea.id);
    else ledger.secret.add(tag);
  }
  return idea;
}

function* strings(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* strings(item);
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) {
      yield key;
      yield* strings(item);
    }
}

/**
 * What a public answer shows that it must not, or null: a contact detail or a reason (any tag of
 * theirs), the title of an idea that is not public now (or was never accepted), or the id of an idea
 * that is not public now. `sent` are the tags of the request answered: its own answer may echo them.
 */
export function publicLeak(ledger: IdeaLedger, text: string, json: unknown, sent: ReadonlySet<string>): string | null {
  for (const tag of tagsIn(text)) {
    if (sent.has(tag)) continue;
    if (tag.startsWith('c')) return `a contact detail someone sent (${tag})`;
    if (tag.startsWith('r')) return `a moderator's reason (${tag})`;
    const owner = ledger.ideas.get(ledger.titles.get(tag) ?? '');
    if (!owner) return `the title of a refused submission (${tag})`;
    if (!PUBLIC_STATES.has(owner.state)) return `the title of a ${owner.state} idea (${tag}, ${owner.id})`;
  }
  for (const value of strings(json)) {
    const idea = ledger.ideas.get(value);
    if (idea && !PUBLIC_STATES.has(idea.state)) return `the id of a ${idea.state} idea (${idea.id})`;
  }
  return null;
}

const PUBLIC_KEYS = 'area,id,merged,mergedInto,state,submittedAt,text,title,updatedAt';
const MERGED_KEYS = 'id,text,title';

/**
 * What is wrong with a public board of a project, or null: each idea on it must be one the ledger
 * knows as public now, in its state, with public fields only (no contact, no reason, no moderator),
 * what was merged into it listed; and every idea public now must be on it.
 */
export function boardProblem(ledger: IdeaLedger, projectId: string, board: unknown): string | null {
  const ideas = (board as { ideas?: unknown } | null)?.ideas;
  if (!Array.isArray(ideas)) return 'the board has no list of ideas';
  const shown = new Set<string>();
  for (const entry of ideas as Record<string, unknown>[]) {
    const keys = Object.keys(entry ?? {})
      .sort()
      .join();
    if (keys !== PUBLIC_KEYS) return `an idea on the board has the fields ${keys}`;
    const known = ledger.ideas.get(String(entry.id));
    if (!known || known.projectId !== projectId) return `the board shows an idea never acknowledged here (${entry.id})`;
    if (!PUBLIC_STATES.has(known.state)) return `the board shows a ${known.state} idea (${known.id})`;
    if (entry.state !== known.state) return `the board shows ${known.id} as ${entry.state}, not ${known.state}`;
    if (entry.mergedInto !== known.mergedInto) return `the board shows ${known.id} merged into ${entry.mergedInto}`;
    for (const merged of entry.merged as Record<string, unknown>[]) {
      const part = ledger.ideas.get(String(merged?.id));
      if (
        Object.keys(merged ?? {})
          .sort()
          .join() !== MERGED_KEYS
      )
        return `an idea merged into ${known.id} is shown with the fields ${Object.keys(merged ?? {}).join()}`;
      if (part?.state !== 'merged' || part.mergedInto !== known.id)
        return `the board lists ${merged?.id} as merged into ${known.id}, which it is not`;
    }
    shown.add(known.id);
  }
  for (const idea of ledger.acknowledged)
    if (idea.projectId === projectId && PUBLIC_STATES.has(idea.state) && !shown.has(idea.id))
      return `the board leaves out the ${idea.state} idea ${idea.id}`;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Moderation while the fuzzing runs: each acknowledged idea gets a fate by its place, so a seed
// gives the same moderation every time.

type Step = { to: IdeaState } | 'undo' | 'merge';
const FATES: Step[][] = [
  [],
  [{ to: 'rejected' }],
  [{ to: 'published' }],
  [{ to: 'published' }, { to: 'withdrawn' }],
  [{ to: 'published' }, { to: 'prioritised' }, { to: 'planned' }, { to: 'in_progress' }, { to: 'carried_out' }],
  [{ to: 'published' }, { to: 'not_prioritised' }],
  [{ to: 'published' }, 'merge'],
  [{ to: 'withdrawn' }],
  [{ to: 'published' }, { to: 'prioritised' }, { to: 'withdrawn' }],
  [{ to: 'published' }, 'undo'],
  [{ to: 'rejected' }, { to: 'withdrawn' }],
  [{ to: 'published' }, { to: 'prioritised' }, 'undo'],
  [{ to: 'published' }, 'merge', 'undo'],
  [{ to: 'published' }, { to: 'prioritised' }],
  [{ to: 'published' }, { to: 'prioritised' }, { to: 'planned' }],
  [{ to: 'published' }, { to: 'prioritised' }, { to: 'planned' }, { to: 'in_progress' }],
];

/** Ideas moderated in full per project; past that, every fifth (each change reads the whole project). */
const MODERATED_IN_FULL = 120;

/** Sends one step of an idea's fate, if its state allows it; whether it was sent. */
async function step(target: FuzzTarget, ledger: IdeaLedger, idea: LedgerIdea, move: Step): Promise<boolean> {
  let route = `/api/ideas/${idea.id}/transitions`;
  let body: Record<string, unknown> | undefined;
  if (move === 'undo') route = `/api/ideas/${idea.id}/undo`;
  else if (move === 'merge') {
    const into = [...ledger.acknowledged]
      .reverse()
      .find(
        (other) => other.projectId === idea.projectId && other.id !== idea.id && MERGE_TARGET_STATES.has(other.state),
      );
    if (!into || !allowedNext(idea.state).includes('merged')) return false;
    body = { to: 'merged', mergedInto: into.id };
  } else {
    if (!allowedNext(idea.state).includes(move.to)) return false;
    body = { to: move.to };
    if (move.to === 'rejected' || move.to === 'not_prioritised') {
      const tag = `rtag-${freshHex()}`;
      ledger.secret.add(tag);
      body.reason = `Skäl: ${tag}`;
    }
  }
  const what = move === 'undo' ? 'undo' : String(body?.to);
  ledger.moves.set(what, (ledger.moves.get(what) ?? 0) + 1);
  const answer = await target.admin('POST', route, body);
  const now = answer.json?.idea as { state?: IdeaState; mergedInto?: string | null } | undefined;
  if (answer.status !== 200 || !now?.state)
    throw new Error(
      `moderation: ${what} of ${idea.id} (${idea.state}) answered ${answer.status}: ${JSON.stringify(answer.json)}`,
    );
  if (move !== 'undo' && now.state !== body?.to)
    throw new Error(`moderation: ${what} of ${idea.id} left it ${now.state}`);
  idea.state = now.state;
  idea.mergedInto = now.mergedInto ?? null;
  return true;
}

/** Moderates the ideas acknowledged since the last call. */
export async function moderate(target: FuzzTarget, ledger: IdeaLedger): Promise<void> {
  while (ledger.moderated < ledger.acknowledged.length) {
    const idea = ledger.acknowledged[ledger.moderated++]!;
    if (idea.order >= MODERATED_IN_FULL && idea.order % 5 !== 0) continue;
    // An undo takes back a change of this fate: where none was made (an idea public at once), none.
    let changed = false;
    for (const move of FATES[idea.order % FATES.length]!)
      if (move !== 'undo' || changed) changed = (await step(target, ledger, idea, move)) || changed;
  }
}

/** After a run: each idea project's list for administrators holds exactly the acknowledged ideas, in their states. */
export async function checkIdeaTotals(target: FuzzTarget, ledger: IdeaLedger): Promise<string[]> {
  const problems: string[] = [];
  for (const projectId of [...target.premoderated, target.unmoderated, target.ideasClosed]) {
    const list = await target.admin('GET', `/api/projects/${projectId}/ideas`);
    if (list.status !== 200) {
      problems.push(`the ideas of ${projectId}: ${list.status}`);
      continue;
    }
    const stored = new Map<string, IdeaState>(
      (list.json.ideas as { id: string; state: IdeaState }[]).map((idea) => [idea.id, idea.state]),
    );
    const acknowledged = ledger.acknowledged.filter((idea) => idea.projectId === projectId);
    const lost = acknowledged.filter((idea) => !stored.has(idea.id));
    const unasked = [...stored.keys()].filter((id) => ledger.ideas.get(id)?.projectId !== projectId);
    const moved = acknowledged.filter((idea) => stored.has(idea.id) && stored.get(idea.id) !== idea.state);
    if (lost.length > 0) problems.push(`${projectId}: ${lost.length} acknowledged ideas are not stored`);
    if (unasked.length > 0) problems.push(`${projectId}: ${unasked.length} stored ideas were never acknowledged`);
    if (moved.length > 0) problems.push(`${projectId}: ${moved.length} ideas are in another state than moderated`);
    if (list.json.counts?.total !== stored.size) problems.push(`${projectId}: counts.total is not the list's length`);
  }
  return problems;
}

/** Acknowledged ideas per state now (for the report). */
export function ideaStates(ledger: IdeaLedger): Record<string, number> {
  const states: Record<string, number> = {};
  for (const idea of ledger.acknowledged) states[idea.state] = (states[idea.state] ?? 0) + 1;
  return states;
}
