// The handlers of the goals' routes (declared in routes/goals.ts): the activities count goals are
// computed from (removal an event of its own), the project's activity types, the goals, and their
// verdicts as of a day. Reports are in actions/reports.ts.
import { DEFAULT_ACTIVITY_TYPES, type Activity, type ActivityType, type Goal } from '../../core/goals.ts';
import { endOfSwedishDay } from '../../core/ideas.ts';
import { ConflictError } from '../../store/errors.ts';
import type { Project } from '../../store/types.ts';
import { HttpError, ValidationError } from '../errors.ts';
import { goalStatuses } from '../goalStatus.ts';
import { newId } from '../ids.ts';
import type { ProjectContext } from '../routeTable.ts';
import type {
  ActivityBody,
  ActivityQuery,
  ActivityRemovalBody,
  ActivityTypeBody,
  AsOfQuery,
  GoalBody,
} from '../schemas.ts';
import { actorName, swedishToday } from './actors.ts';

/** The project's activity types: its own list, or the one every project starts with. */
export function activityTypesOf(project: Project): readonly ActivityType[] {
  return project.activityTypes ?? DEFAULT_ACTIVITY_TYPES;
}

function checkArea(project: Project, area: string | undefined, field = 'area'): void {
  if (area !== undefined && !project.areas.some((a) => a.id === area))
    throw new ValidationError([{ field, message: `"${area}" is not one of the project's areas` }]);
}

/** POST /api/projects/:projectId/activities */
export async function addActivity(ctx: ProjectContext<ActivityBody>): Promise<Response> {
  const { deps, project, body } = ctx;
  const types = activityTypesOf(project);
  if (!types.some((type) => type.id === body.type))
    throw new ValidationError([
      { field: 'type', message: `not one of the project's activity types: ${types.map((t) => t.id).join(', ')}` },
    ]);
  checkArea(project, body.area);
  const activity: Activity = {
    id: newId(),
    projectId: project.id,
    type: body.type,
    date: body.date,
    title: body.title,
    area: body.area ?? null,
    participants: body.participants ?? null,
    note: body.note || null,
    createdAt: new Date(deps.now()).toISOString(),
    createdBy: await actorName(ctx),
    removed: null,
  };
  await deps.store.goals.addActivity(activity);
  return ctx.c.json({ id: activity.id }, 201);
}

/** GET /api/projects/:projectId/activities?type=&area=&from=&to= (removed ones listed, marked) */
export async function listActivities(ctx: ProjectContext<undefined, ActivityQuery>): Promise<Response> {
  const { query } = ctx;
  const activities = (await ctx.deps.store.goals.activities(ctx.project.id)).filter(
    (activity) =>
      (query.type === undefined || activity.type === query.type) &&
      (query.area === undefined || activity.area === query.area) &&
      (query.from === undefined || activity.date >= query.from) &&
      (query.to === undefined || activity.date <= query.to),
  );
  return ctx.c.json({ activities, types: activityTypesOf(ctx.project) });
}

/** POST /api/projects/:projectId/activities/:activityId/removal */
export async function removeActivity(ctx: ProjectContext<ActivityRemovalBody>): Promise<Response> {
  const id = ctx.c.req.param('activityId') ?? '';
  const activity = (await ctx.deps.store.goals.activities(ctx.project.id)).find((a) => a.id === id);
  if (!activity) throw new HttpError(404, 'not_found', 'no such activity in this project');
  if (activity.removed) throw new HttpError(409, 'already_removed', 'this activity is already removed');
  const removed = {
    at: new Date(ctx.deps.now()).toISOString(),
    by: await actorName(ctx),
    reason: ctx.body.reason ?? null,
  };
  try {
    await ctx.deps.store.goals.removeActivity(ctx.project.id, id, removed);
  } catch (error) {
    if (error instanceof ConflictError) throw new HttpError(409, 'already_removed', 'this activity is already removed');
    throw error;
  }
  return ctx.c.json({ activity: { ...activity, removed } });
}

/** GET /api/projects/:projectId/activity-types */
export async function listActivityTypes(ctx: ProjectContext): Promise<Response> {
  return ctx.c.json({ types: activityTypesOf(ctx.project) });
}

/** POST /api/projects/:projectId/activity-types: a type of the project's own (or new labels for one). */
export async function addActivityType(ctx: ProjectContext<ActivityTypeBody>): Promise<Response> {
  const { project, body } = ctx;
  const types = activityTypesOf(project).filter((type) => type.id !== body.id);
  const activityTypes = [...types, { id: body.id, label: body.label }];
  await ctx.deps.store.projects.update({ ...project, activityTypes });
  return ctx.c.json({ types: activityTypes }, 201);
}

/** POST /api/projects/:projectId/goals */
export async function addGoal(ctx: ProjectContext<GoalBody>): Promise<Response> {
  const { deps, project, body } = ctx;
  checkArea(project, body.area);
  const problems: { field: string; message: string }[] = [];
  if (body.kind === 'count') {
    if (!body.target) problems.push({ field: 'target', message: 'a count goal needs target: {min, max?}' });
    if (!body.measure)
      problems.push({ field: 'measure', message: 'a count goal needs measure: activities of a type, or ideas' });
    const measure = body.measure;
    if (measure?.source === 'activities' && !activityTypesOf(project).some((t) => t.id === measure.type))
      problems.push({ field: 'measure.type', message: `"${measure.type}" is not one of the project's activity types` });
  } else if (body.target || body.measure) {
    problems.push({
      field: body.target ? 'target' : 'measure',
      message: 'only a count goal has a target and a measure',
    });
  }
  if (body.kind === 'indicator') {
    if (!body.indicator)
      problems.push({
        field: 'indicator',
        message: 'an indicator goal needs indicator: {indicatorId, direction, baselineRoundId, followupRoundId}',
      });
    else {
      const rounds = await Promise.all([
        deps.store.rounds.get(body.indicator.baselineRoundId),
        deps.store.rounds.get(body.indicator.followupRoundId),
      ]);
      for (const [i, field] of ['baselineRoundId', 'followupRoundId'].entries())
        if (rounds[i]?.projectId !== project.id)
          problems.push({ field: `indicator.${field}`, message: 'no such round in this project' });
    }
  } else if (body.indicator) {
    problems.push({ field: 'indicator', message: 'only an indicator goal names an indicator' });
  }
  if (problems.length > 0) throw new ValidationError(problems);
  const goal: Goal = {
    id: newId(),
    projectId: project.id,
    title: body.title,
    area: body.area ?? null,
    kind: body.kind,
    target: body.target ?? null,
    measure: body.measure ?? null,
    indicator: body.indicator ?? null,
    due: body.due ?? null,
    createdAt: new Date(deps.now()).toISOString(),
  };
  await deps.store.goals.addGoal(goal);
  return ctx.c.json({ id: goal.id }, 201);
}

/** GET /api/projects/:projectId/goals */
export async function listGoals(ctx: ProjectContext): Promise<Response> {
  return ctx.c.json({ goals: await ctx.deps.store.goals.goals(ctx.project.id) });
}

/** GET /api/projects/:projectId/goals/status?asOf=YYYY-MM-DD (today in Sweden when none is given) */
export async function goalStatusList(ctx: ProjectContext<undefined, AsOfQuery>): Promise<Response> {
  const asOf = ctx.query.asOf ?? swedishToday(ctx.deps.now());
  const goals = await ctx.deps.store.goals.goals(ctx.project.id);
  const statuses = await goalStatuses(ctx.deps.store, ctx.project, goals, asOf);
  return ctx.c.json({ asOf, until: endOfSwedishDay(asOf), goals: statuses });
}
