// The demo project's residents' ideas: three dozen plausible ideas from the five villages, in every
// state an idea can be in (waiting for moderation, published, rejected with a reason, prioritised,
// not prioritised with a reason, merged into another, planned, under way, carried out, withdrawn),
// a few with (fictional) contact details, one change undone. Submitted and moderated over the past
// half year by two fictional moderators.
//
// With the store at hand the ideas are written as the API would write them, but with their past
// times (the API stamps every event with the present). Without it they go through the API itself,
// every time then being now.
import { newId } from '../api/ids.ts';
import type { IdeaActor, IdeaEvent, IdeaState, IdeaSubmission } from '../core/ideas.ts';
import type { Store } from '../store/index.ts';
import { DEMO_IDEAS, type DemoIdea, type Step } from './demoIdeaList.ts';
import { seeded } from './residents.ts';

/** The fictional moderators of the demo (the store path): one does most, the other the rest. */
const MODERATORS: readonly IdeaActor[] = [
  { id: 'demo-moderator-anna', name: 'Anna Berg (demo)' },
  { id: 'demo-moderator-erik', name: 'Erik Lund (demo)' },
];

const DAY = 86_400_000;

interface Timed {
  idea: DemoIdea;
  index: number;
  /** When it was submitted, and when each step of its path was taken. */
  at: number;
  steps: { step: Step; at: number }[];
}

/** When each idea was submitted and moderated: its steps spread between its submission and yesterday. */
function timeline(now: number, seed: number): Timed[] {
  const random = seeded(seed);
  // Office hours in Sweden, give or take: 07:00 to 19:00 UTC.
  const time = (daysAgo: number) => {
    const day = Math.floor((now - daysAgo * DAY) / DAY) * DAY;
    return day + (7 + random() * 12) * 3_600_000;
  };
  return DEMO_IDEAS.map((idea, index) => {
    const at = time(idea.age);
    const gap = (idea.age - 1) / (idea.path.length + 1);
    const steps = idea.path.map((step, i) => ({ step, at: Math.max(at + 60_000, time(idea.age - gap * (i + 1))) }));
    // Each step after the one before it, and all before now.
    for (let i = 1; i < steps.length; i++) steps[i]!.at = Math.max(steps[i]!.at, steps[i - 1]!.at + 60_000);
    return { idea, index, at, steps };
  });
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The events of one idea, as the API would have recorded them (actor, from, to, reason, mergedInto, undo). */
function eventsOf(timed: Timed, idOf: (key: string) => string): IdeaEvent[] {
  const { idea } = timed;
  const events: IdeaEvent[] = [];
  const applied: Extract<IdeaEvent, { kind: 'transition' }>[] = [];
  let state: IdeaState = 'received';
  const actor = MODERATORS[timed.index % 3 === 2 ? 1 : 0]!;
  for (const { step, at } of timed.steps) {
    const seq = events.length + 1;
    if (step === 'undo') {
      const last = applied.pop()!;
      events.push({
        seq,
        at: iso(at),
        actor: last.actor,
        kind: 'undo',
        undoes: last.seq,
        from: last.to,
        to: last.from,
      });
      state = last.from;
      continue;
    }
    const event: Extract<IdeaEvent, { kind: 'transition' }> = {
      seq,
      at: iso(at),
      actor,
      kind: 'transition',
      from: state,
      to: step,
      ...(step === 'rejected' || step === 'not_prioritised' ? { reason: idea.reason } : {}),
      ...(step === 'merged' ? { mergedInto: idOf(idea.into!) } : {}),
    };
    events.push(event);
    applied.push(event);
    state = step;
  }
  return events;
}

export type DemoCall = (method: string, path: string, body?: unknown) => Promise<{ id: string }>;

/**
 * Adds the demo ideas to the project. With `store`, written directly with their past times;
 * otherwise through the API (`call`, the administrator's), in the order they happened.
 */
export async function createDemoIdeas(
  projectId: string,
  options: { call: DemoCall; store?: Store | undefined; now: number; seed: number },
): Promise<Map<string, string>> {
  const timed = timeline(options.now, options.seed);
  const ids = new Map<string, string>();
  const idOf = (key: string) => ids.get(key)!;

  if (options.store) {
    for (const { idea } of timed) ids.set(idea.key, newId());
    for (const entry of timed) {
      const { idea } = entry;
      const at = iso(entry.at);
      const submission: IdeaSubmission = {
        id: idOf(idea.key),
        projectId,
        title: idea.title,
        text: idea.text,
        area: idea.area,
        hasContact: idea.contact !== undefined,
        at,
        initialState: 'received',
      };
      const contact = idea.contact
        ? { name: idea.contact.name ?? null, email: idea.contact.email ?? null, consentAt: at }
        : null;
      await options.store.ideas.submit(submission, contact);
      for (const event of eventsOf(entry, idOf)) await options.store.ideas.append(projectId, submission.id, event);
    }
    return ids;
  }

  // Through the API: every submission in turn, then every step in the order of its time.
  const byTime = [...timed].sort((a, b) => a.at - b.at);
  for (const { idea } of byTime)
    ids.set(
      idea.key,
      (
        await options.call('POST', `/api/public/projects/${projectId}/ideas`, {
          title: idea.title,
          text: idea.text,
          ...(idea.area === null ? {} : { area: idea.area }),
          ...(idea.contact ? { contact: idea.contact, consent: true } : {}),
        })
      ).id,
    );
  const steps = timed
    .flatMap(({ idea, steps }) => steps.map(({ step, at }) => ({ idea, step, at })))
    .sort((a, b) => a.at - b.at);
  for (const { idea, step } of steps) {
    const id = idOf(idea.key);
    if (step === 'undo') await options.call('POST', `/api/ideas/${id}/undo`);
    else
      await options.call('POST', `/api/ideas/${id}/transitions`, {
        to: step,
        ...(step === 'rejected' || step === 'not_prioritised' ? { reason: idea.reason } : {}),
        ...(step === 'merged' ? { mergedInto: idOf(idea.into!) } : {}),
      });
  }
  return ids;
}
