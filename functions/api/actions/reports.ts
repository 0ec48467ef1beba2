// The handlers of the funder reports' routes (declared in routes/goals.ts): a draft computes its
// goals' verdicts as of the end of its period; a comment and an override (with its reason) per goal;
// locking keeps every figure, verdict and comment as it was (409 on any change after); the Word
// document is made from the same view the page shows.
import { VERDICT_WORDS } from '../../core/goals.ts';
import {
  activitiesInPeriod,
  EMPTY_FACTS,
  EMPTY_SECTIONS,
  reportGoals,
  type FunderReport,
  type ReportView,
} from '../../core/reports.ts';
import { ConflictError } from '../../store/errors.ts';
import type { Store } from '../../store/index.ts';
import type { Project } from '../../store/types.ts';
import { HttpError, ValidationError } from '../errors.ts';
import { goalStatuses } from '../goalStatus.ts';
import { newId } from '../ids.ts';
import type { ProjectContext, ReportContext } from '../routeTable.ts';
import type { ReportBody, ReportEditBody, ReportGoalBody } from '../schemas.ts';
import { actorName } from './actors.ts';
import { activityTypesOf } from './goals.ts';

/** What the report shows: kept as it was once locked, computed as of its period's end before. */
async function viewOf(store: Store, project: Project, report: FunderReport): Promise<ReportView> {
  if (report.frozen) return { ...report.frozen, locked: report.locked };
  const [goals, activities] = await Promise.all([store.goals.goals(project.id), store.goals.activities(project.id)]);
  const statuses = await goalStatuses(store, project, goals, report.periodEnd);
  return {
    id: report.id,
    project: { id: project.id, name: project.name },
    title: report.title,
    kind: report.kind,
    sequence: report.sequence,
    of: report.of,
    periodStart: report.periodStart,
    periodEnd: report.periodEnd,
    facts: report.facts,
    sections: report.sections,
    signature: report.signature,
    locked: null,
    goals: reportGoals(statuses, report.goals),
    activities: activitiesInPeriod(activities, activityTypesOf(project), report.periodStart, report.periodEnd),
  };
}

/** POST /api/projects/:projectId/reports */
export async function createReport(ctx: ProjectContext<ReportBody>): Promise<Response> {
  const { deps, project, body } = ctx;
  // A new report starts from the facts of the project's latest one: they rarely change.
  const latest = (await deps.store.goals.reports(project.id)).at(-1);
  const report: FunderReport = {
    id: newId(),
    projectId: project.id,
    title: body.title,
    kind: body.kind,
    sequence: body.sequence ?? null,
    of: body.of ?? null,
    periodStart: body.periodStart,
    periodEnd: body.periodEnd,
    createdAt: new Date(deps.now()).toISOString(),
    createdBy: await actorName(ctx),
    goals: {},
    facts: { ...EMPTY_FACTS, ...latest?.facts, ...body.facts },
    sections: EMPTY_SECTIONS,
    signature: null,
    locked: null,
    frozen: null,
  };
  await deps.store.goals.createReport(report);
  return ctx.c.json({ id: report.id }, 201);
}

/** GET /api/projects/:projectId/reports */
export async function listReports(ctx: ProjectContext): Promise<Response> {
  const reports = await ctx.deps.store.goals.reports(ctx.project.id);
  return ctx.c.json({
    reports: reports.map(({ id, title, kind, sequence, of, periodStart, periodEnd, createdAt, locked }) => ({
      id,
      title,
      kind,
      sequence,
      of,
      periodStart,
      periodEnd,
      createdAt,
      locked,
    })),
  });
}

async function pathReport(ctx: ReportContext<unknown>): Promise<FunderReport> {
  const report = await ctx.deps.store.goals.report(ctx.project.id, ctx.c.req.param('reportId') ?? '');
  if (!report) throw new HttpError(404, 'not_found', 'no such report');
  return report;
}

/** The draft changed by `change`, written if nobody changed it meanwhile and it is not locked. */
async function changeDraft(
  ctx: ReportContext<unknown>,
  change: (report: FunderReport) => FunderReport | Promise<FunderReport>,
): Promise<Response> {
  const report = await pathReport(ctx);
  if (report.locked)
    throw new HttpError(409, 'locked', `the report was locked on ${report.locked.at.slice(0, 10)}: it changes no more`);
  const next = await change(report);
  try {
    await ctx.deps.store.goals.updateReport(report, next);
  } catch (error) {
    if (error instanceof ConflictError)
      throw new HttpError(409, 'changed', 'the report was changed meanwhile: read it again and retry');
    throw error;
  }
  return ctx.c.json({ report: await viewOf(ctx.deps.store, ctx.project, next) });
}

/** GET /api/reports/:reportId */
export async function getReport(ctx: ReportContext): Promise<Response> {
  return ctx.c.json({ report: await viewOf(ctx.deps.store, ctx.project, await pathReport(ctx)) });
}

/** PUT /api/reports/:reportId: the title, the project's facts, the free-text sections, the signature. */
export async function editReport(ctx: ReportContext<ReportEditBody>): Promise<Response> {
  const { body } = ctx;
  return changeDraft(ctx, (report) => ({
    ...report,
    title: body.title ?? report.title,
    facts: { ...report.facts, ...body.facts },
    sections: { ...report.sections, ...body.sections },
    signature: body.signature === undefined ? report.signature : body.signature,
  }));
}

/** PUT /api/reports/:reportId/goals/:goalId: a comment, and an override with its reason (or null to drop it). */
export async function setReportGoal(ctx: ReportContext<ReportGoalBody>): Promise<Response> {
  const goalId = ctx.c.req.param('goalId') ?? '';
  const goals = await ctx.deps.store.goals.goals(ctx.project.id);
  if (!goals.some((goal) => goal.id === goalId)) throw new HttpError(404, 'not_found', 'no such goal in this project');
  const { body } = ctx;
  if (body.comment === undefined && body.override === undefined)
    throw new ValidationError([{ field: 'comment', message: 'give a comment, an override, or both' }]);
  const by = await actorName(ctx);
  const at = new Date(ctx.deps.now()).toISOString();
  return changeDraft(ctx, (report) => {
    const entry = report.goals[goalId] ?? { comment: null, override: null };
    return {
      ...report,
      goals: {
        ...report.goals,
        [goalId]: {
          comment: body.comment === undefined ? entry.comment : body.comment || null,
          override:
            body.override === undefined ? entry.override : body.override === null ? null : { ...body.override, by, at },
        },
      },
    };
  });
}

/** POST /api/reports/:reportId/lock: every figure, verdict and comment kept as it is now. */
export async function lockReport(ctx: ReportContext): Promise<Response> {
  const by = await actorName(ctx);
  const at = new Date(ctx.deps.now()).toISOString();
  return changeDraft(ctx, async (report) => {
    const view = await viewOf(ctx.deps.store, ctx.project, report);
    const locked = { at, by };
    return { ...report, locked, frozen: { ...view, locked } };
  });
}

/** GET /api/reports/:reportId/document.docx: the report as a Word document (the funders' templates are Word). */
export async function reportDocument(ctx: ReportContext): Promise<Response> {
  const report = await pathReport(ctx);
  const view = await viewOf(ctx.deps.store, ctx.project, report);
  const { reportDocx } = await import('../reportDocument.ts');
  const bytes = await reportDocx(view, ctx.lang, VERDICT_WORDS);
  const name = `${view.title.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'rapport'}.docx`;
  return ctx.c.body(bytes, 200, {
    'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'content-disposition': `attachment; filename="report.docx"; filename*=UTF-8''${encodeURIComponent(name)}`,
    'cache-control': 'no-store',
  });
}
