// The handlers of the ideas' routes (declared in routes/ideas.ts): residents submit ideas and read
// the public board; administrators moderate (each change an event with who, when and why; an undo
// of one's own last change is an event too); goals read the counts as of a day.
import {
  allowedNext,
  endOfSwedishDay,
  foldIdea,
  ideaCounts,
  ideaSettingsOf,
  MERGE_TARGET_STATES,
  PUBLIC_STATES,
  transitionProblem,
  undoProblem,
  type IdeaEvent,
  type IdeaStatus,
} from '../../core/ideas.ts';
import type { Language } from '../../core/language.ts';
import type { IdeaContact, StoredIdea } from '../../store/ideas.ts';
import { ConflictError } from '../../store/errors.ts';
import type { Project } from '../../store/types.ts';
import type { IdeaBoard, IdeaEvents, IdeaList, ManagedIdea, PublicIdea } from '../contract.ts';
import { HttpError, ValidationError } from '../errors.ts';
import { clientAddress } from '../guessLimit.ts';
import { newId } from '../ids.ts';
import type { IdeaContext, ProjectContext, PublicContext, RouteContext } from '../routeTable.ts';
import { actorOf, swedishToday } from './actors.ts';
import type {
  IdeaCountsQuery,
  IdeaListQuery,
  IdeaSettingsBody,
  IdeaSubmissionBody,
  IdeaTransitionBody,
} from '../schemas.ts';

/** What residents read from the idea routes, in their language. */
const SAY = {
  sv: {
    noProject: 'Projektet finns inte.',
    closed: 'Projektet tar inte emot idéer just nu.',
    tooMany: (seconds: number) => `För många idéer har skickats från din adress. Försök igen om ${seconds} sekunder.`,
    area: (area: string) => `"${area}" är inte ett av projektets områden.`,
    consent: 'Kryssa i att vi får spara dina kontaktuppgifter, eller lämna dem tomma.',
  },
  en: {
    noProject: 'There is no such project.',
    closed: 'The project does not take ideas just now.',
    tooMany: (seconds: number) => `Too many ideas have been sent from your address. Try again in ${seconds} seconds.`,
    area: (area: string) => `"${area}" is not one of the project's areas.`,
    consent: 'Tick that we may keep your contact details, or leave them empty.',
  },
} as const;

type Say = (typeof SAY)[Language];

async function publicProject(ctx: RouteContext, say: Say): Promise<Project> {
  const project = await ctx.deps.store.projects.get(ctx.c.req.param('projectId') ?? '');
  if (!project) throw new HttpError(404, 'not_found', say.noProject);
  return project;
}

/** POST /api/public/projects/:projectId/ideas */
export async function submitIdea(ctx: PublicContext<IdeaSubmissionBody>): Promise<Response> {
  const { c, deps, body, instance } = ctx;
  const say = SAY[ctx.lang];
  const project = await publicProject(ctx, say);
  const settings = ideaSettingsOf(project);
  if (!settings.open) throw new HttpError(410, 'ideas_closed', say.closed);
  const wait = instance.submissions.admit(clientAddress(c), `ideas ${project.id}`);
  if (wait > 0) {
    c.header('Retry-After', String(wait));
    throw new HttpError(429, 'too_many_submissions', say.tooMany(wait));
  }
  if (body.area !== undefined && !project.areas.some((area) => area.id === body.area))
    throw new ValidationError([{ field: 'area', message: say.area(body.area) }]);
  const given = body.contact && (body.contact.name || body.contact.email) ? body.contact : null;
  if (given && body.consent !== true) throw new ValidationError([{ field: 'consent', message: say.consent }]);
  const at = new Date(deps.now()).toISOString();
  const id = newId();
  const contact: IdeaContact | null = given
    ? { name: given.name ?? null, email: given.email ?? null, consentAt: at }
    : null;
  const initialState = settings.premoderation ? 'received' : 'published';
  await deps.store.ideas.submit(
    {
      id,
      projectId: project.id,
      title: body.title,
      text: body.text,
      area: body.area ?? null,
      hasContact: contact !== null,
      at,
      initialState,
    },
    contact,
  );
  // Ids only: an idea's text and its author's details never reach a log.
  deps.log({ event: 'idea_submitted', projectId: project.id, ideaId: id });
  return c.json({ id, state: initialState }, 201);
}

interface Folded {
  idea: StoredIdea;
  status: IdeaStatus;
}

/** Titles and texts of the ideas merged into each idea, by the id of the idea they joined. */
function mergedInto(folded: readonly Folded[]): Map<string, PublicIdea['merged']> {
  const byTarget = new Map<string, PublicIdea['merged']>();
  for (const { idea, status } of folded) {
    if (status.state !== 'merged' || status.mergedInto === null) continue;
    const list = byTarget.get(status.mergedInto) ?? [];
    list.push({ id: idea.submission.id, title: idea.submission.title, text: idea.submission.text });
    byTarget.set(status.mergedInto, list);
  }
  return byTarget;
}

/**
 * An idea as anyone may see it. `publicIds`: the ideas the public may see; a merged idea whose
 * target is not among them (withdrawn since) does not name it.
 */
function publicView(
  { idea, status }: Folded,
  merged: Map<string, PublicIdea['merged']>,
  publicIds?: ReadonlySet<string>,
): PublicIdea {
  const { submission } = idea;
  const target = status.mergedInto;
  return {
    id: submission.id,
    title: submission.title,
    text: submission.text,
    area: submission.area,
    state: status.state,
    mergedInto: target !== null && publicIds !== undefined && !publicIds.has(target) ? null : target,
    merged: merged.get(submission.id) ?? [],
    submittedAt: submission.at,
    updatedAt: status.updatedAt,
  };
}

function managedView(
  folded: Folded,
  merged: Map<string, PublicIdea['merged']>,
  contacts: Map<string, IdeaContact> | null,
): ManagedIdea {
  const { status } = folded;
  const last = status.applied.at(-1);
  const contact = contacts?.get(folded.idea.submission.id);
  return {
    ...publicView(folded, merged),
    next: [...allowedNext(status.state)],
    lastChange: last
      ? {
          seq: last.seq,
          to: last.to,
          at: last.at,
          by: last.actor.name,
          byId: last.actor.id,
          reason: last.reason ?? null,
        }
      : null,
    hasContact: status.hasContact,
    contact: contact ? { name: contact.name, email: contact.email } : null,
  };
}

const fold = (ideas: readonly StoredIdea[]): Folded[] =>
  ideas.map((idea) => ({ idea, status: foldIdea(idea.submission, idea.events) }));

/** GET /api/public/projects/:projectId/ideas */
export async function ideaBoard(ctx: PublicContext): Promise<Response> {
  const say = SAY[ctx.lang];
  const project = await publicProject(ctx, say);
  const folded = fold(await ctx.deps.store.ideas.list(project.id)).filter(({ status }) =>
    PUBLIC_STATES.has(status.state),
  );
  const merged = mergedInto(folded);
  const publicIds = new Set(folded.map(({ idea }) => idea.submission.id));
  const board: IdeaBoard = {
    project: {
      id: project.id,
      name: project.name,
      areas: project.areas.map((area) => ({ id: area.id, name: area.name })),
      open: ideaSettingsOf(project).open,
    },
    ideas: folded.map((idea) => publicView(idea, merged, publicIds)),
  };
  return ctx.c.json(board);
}

/** GET /api/projects/:projectId/ideas?state= */
export async function listIdeas(ctx: ProjectContext<undefined, IdeaListQuery>): Promise<Response> {
  const { deps, project, claims, query } = ctx;
  const [ideas, contacts] = await Promise.all([
    deps.store.ideas.list(project.id),
    // Contact details are for administrators only.
    claims.role === 'admin' ? deps.store.ideas.contacts(project.id) : Promise.resolve(null),
  ]);
  const folded = fold(ideas);
  const merged = mergedInto(folded);
  const byState: Record<string, number> = {};
  const byArea: Record<string, number> = {};
  for (const { idea, status } of folded) {
    byState[status.state] = (byState[status.state] ?? 0) + 1;
    const area = idea.submission.area ?? '';
    byArea[area] = (byArea[area] ?? 0) + 1;
  }
  const listed = query.state === undefined ? folded : folded.filter(({ status }) => status.state === query.state);
  const answer: IdeaList = {
    ideas: listed.map((idea) => managedView(idea, merged, contacts)),
    counts: { total: folded.length, byState, byArea },
    waiting: byState.received ?? 0,
  };
  return ctx.c.json(answer);
}

/** GET /api/projects/:projectId/ideas/counts?asOf=YYYY-MM-DD */
export async function countIdeas(ctx: ProjectContext<undefined, IdeaCountsQuery>): Promise<Response> {
  const asOf = ctx.query.asOf ?? swedishToday(ctx.deps.now());
  const until = endOfSwedishDay(asOf);
  const counts = ideaCounts(await ctx.deps.store.ideas.list(ctx.project.id), until);
  return ctx.c.json({ asOf, until, ...counts });
}

/** The idea of the path (its project is checked by the route's access), folded. */
async function pathIdea(ctx: IdeaContext<unknown>): Promise<Folded> {
  const idea = await ctx.deps.store.ideas.get(ctx.project.id, ctx.c.req.param('ideaId') ?? '');
  if (!idea) throw new HttpError(404, 'not_found', 'no such idea');
  return { idea, status: foldIdea(idea.submission, idea.events) };
}

/** Appends the event; a number taken meanwhile means someone else changed the idea first. */
async function record(ctx: IdeaContext<unknown>, event: IdeaEvent): Promise<void> {
  try {
    await ctx.deps.store.ideas.append(ctx.project.id, ctx.c.req.param('ideaId') ?? '', event);
  } catch (error) {
    if (error instanceof ConflictError)
      throw new HttpError(409, 'changed', 'the idea was changed meanwhile: read it again and retry');
    throw error;
  }
  ctx.deps.log({ event: 'idea_changed', projectId: ctx.project.id, ideaId: ctx.c.req.param('ideaId'), seq: event.seq });
}

/** The idea as it is now, with what was merged into it. */
async function changed(ctx: IdeaContext<unknown>): Promise<Response> {
  const folded = fold(await ctx.deps.store.ideas.list(ctx.project.id));
  const idea = folded.find(({ idea }) => idea.submission.id === ctx.c.req.param('ideaId'));
  if (!idea) throw new HttpError(404, 'not_found', 'no such idea');
  const contacts = await ctx.deps.store.ideas.contacts(ctx.project.id);
  return ctx.c.json({ idea: managedView(idea, mergedInto(folded), contacts) });
}

/** POST /api/ideas/:ideaId/transitions */
export async function transitionIdea(ctx: IdeaContext<IdeaTransitionBody>): Promise<Response> {
  const { body } = ctx;
  const { idea, status } = await pathIdea(ctx);
  const problem = transitionProblem(status, body.to, body.reason, body.mergedInto);
  if (problem?.status === 400) throw new ValidationError([{ field: problem.field ?? 'to', message: problem.message }]);
  if (problem) throw new HttpError(409, 'not_allowed', problem.message);
  if (body.to === 'merged') {
    const targetId = body.mergedInto!;
    if (targetId === idea.submission.id)
      throw new ValidationError([{ field: 'mergedInto', message: 'an idea cannot be merged into itself' }]);
    const target = await ctx.deps.store.ideas.get(ctx.project.id, targetId);
    if (!target) throw new ValidationError([{ field: 'mergedInto', message: 'no such idea in this project' }]);
    const targetState = foldIdea(target.submission, target.events).state;
    if (!MERGE_TARGET_STATES.has(targetState))
      throw new ValidationError([
        { field: 'mergedInto', message: `the idea to merge into is ${targetState}: it must be published` },
      ]);
  }
  await record(ctx, {
    seq: status.nextSeq,
    at: new Date(ctx.deps.now()).toISOString(),
    actor: await actorOf(ctx),
    kind: 'transition',
    from: status.state,
    to: body.to,
    ...(body.reason === undefined ? {} : { reason: body.reason }),
    ...(body.mergedInto === undefined ? {} : { mergedInto: body.mergedInto }),
  });
  return changed(ctx);
}

/** POST /api/ideas/:ideaId/undo: the moderator's own last change, taken back (an event too). */
export async function undoIdeaChange(ctx: IdeaContext): Promise<Response> {
  const { status } = await pathIdea(ctx);
  const actor = await actorOf(ctx);
  const problem = undoProblem(status, actor);
  if (problem) throw new HttpError(409, 'not_allowed', problem);
  const last = status.applied.at(-1)!;
  await record(ctx, {
    seq: status.nextSeq,
    at: new Date(ctx.deps.now()).toISOString(),
    actor,
    kind: 'undo',
    undoes: last.seq,
    from: last.to,
    to: last.from,
  });
  return changed(ctx);
}

/** GET /api/ideas/:ideaId/events */
export async function ideaEvents(ctx: IdeaContext): Promise<Response> {
  const { idea } = await pathIdea(ctx);
  const { submission } = idea;
  const events: IdeaEvents['events'] = [
    {
      seq: 0,
      at: submission.at,
      kind: 'submitted',
      by: 'resident',
      byId: 'resident',
      from: null,
      to: submission.initialState,
      reason: null,
      mergedInto: null,
      undoes: null,
    },
    ...idea.events.map((event) => ({
      seq: event.seq,
      at: event.at,
      kind: event.kind,
      by: event.actor.name,
      byId: event.actor.id,
      from: event.kind === 'contact_deleted' ? null : event.from,
      to: event.kind === 'contact_deleted' ? null : event.to,
      reason: event.kind === 'transition' ? (event.reason ?? null) : null,
      mergedInto: event.kind === 'transition' ? (event.mergedInto ?? null) : null,
      undoes: event.kind === 'undo' ? event.undoes : null,
    })),
  ];
  return ctx.c.json({ events });
}

/** DELETE /api/ideas/:ideaId/contact: on the resident's request; the deletion is an event (no details). */
export async function deleteIdeaContact(ctx: IdeaContext): Promise<Response> {
  const { status } = await pathIdea(ctx);
  const deleted = await ctx.deps.store.ideas.deleteContact(ctx.project.id, ctx.c.req.param('ideaId') ?? '');
  if (deleted || status.hasContact)
    await record(ctx, {
      seq: status.nextSeq,
      at: new Date(ctx.deps.now()).toISOString(),
      actor: await actorOf(ctx),
      kind: 'contact_deleted',
    });
  return ctx.c.json({ deleted });
}

/** POST /api/projects/:projectId/ideas/settings */
export async function setIdeaSettings(ctx: ProjectContext<IdeaSettingsBody>): Promise<Response> {
  const { deps, project, body } = ctx;
  const ideas = { ...ideaSettingsOf(project), ...body };
  await deps.store.projects.update({ ...project, ideas });
  return ctx.c.json({ ideas });
}
