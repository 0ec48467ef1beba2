// Goals and funder reports (måluppfyllelse): the activities count goals are computed from, the
// goals, their verdicts as of a day, and the interim and final reports that freeze them.
// Declarations only: the handlers are in actions/goals.ts and actions/reports.ts.
import { once } from '../../core/once.ts';
import { office } from '../lazy.ts';
import { lazy, route, type RouteSpec } from '../routeTable.ts';
import {
  ActivityBody,
  ActivityQuery,
  ActivityRemovalBody,
  ActivityTypeBody,
  AsOfQuery,
  GoalBody,
  ReportBody,
  ReportEditBody,
  ReportGoalBody,
} from '../schemas.ts';

const ADMIN = ['admin'] as const;
const READERS = ['admin', 'evaluator'] as const;
const goals = once(() => office().then((m) => m.goalActions));
const reports = once(() => office().then((m) => m.reportActions));

export const goalRoutes: RouteSpec[] = [
  route({
    method: 'post',
    path: '/api/projects/:projectId/activities',
    summary: 'Record an activity held (a workshop, a follow-up meeting, a local champion found, ...)',
    access: { kind: 'project', roles: ADMIN },
    body: ActivityBody,
    responses: { 201: { description: 'the new activity', schema: 'Created' }, 400: 'invalid activity' },
    handler: lazy(goals, 'addActivity'),
  }),
  route({
    method: 'get',
    path: '/api/projects/:projectId/activities',
    summary: 'The activities recorded, by date (filter by type, area, from and to); removed ones are marked',
    access: { kind: 'project', roles: READERS },
    query: ActivityQuery,
    responses: { 200: { description: "the activities and the project's activity types", schema: 'ActivityList' } },
    handler: lazy(goals, 'listActivities'),
  }),
  route({
    method: 'post',
    path: '/api/projects/:projectId/activities/:activityId/removal',
    summary: 'Remove a recorded activity (a mistake, a duplicate): an event kept beside it; it counts nowhere after',
    access: { kind: 'project', roles: ADMIN },
    body: ActivityRemovalBody,
    responses: {
      200: { description: 'the activity with its removal', schema: 'ActivityAnswer' },
      404: 'no such activity',
      409: 'already removed',
    },
    handler: lazy(goals, 'removeActivity'),
  }),
  route({
    method: 'get',
    path: '/api/projects/:projectId/activity-types',
    summary: "The project's activity types with their Swedish and English labels",
    access: { kind: 'project', roles: READERS },
    responses: { 200: { description: 'the types', schema: 'ActivityTypeList' } },
    handler: lazy(goals, 'listActivityTypes'),
  }),
  route({
    method: 'post',
    path: '/api/projects/:projectId/activity-types',
    summary: "Add an activity type of the project's own (or relabel one)",
    access: { kind: 'project', roles: ADMIN },
    body: ActivityTypeBody,
    responses: { 201: { description: 'the types now', schema: 'ActivityTypeList' } },
    handler: lazy(goals, 'addActivityType'),
  }),
  route({
    method: 'post',
    path: '/api/projects/:projectId/goals',
    summary:
      'Set a goal: a count (of activities or ideas), an indicator change between two rounds, a milestone or a qualitative goal',
    access: { kind: 'project', roles: ADMIN },
    body: GoalBody,
    responses: {
      201: { description: 'the new goal', schema: 'Created' },
      400: "what the goal's kind needs is missing or wrong",
    },
    handler: lazy(goals, 'addGoal'),
  }),
  route({
    method: 'get',
    path: '/api/projects/:projectId/goals',
    summary: "The project's goals",
    access: { kind: 'project', roles: READERS },
    responses: { 200: { description: 'the goals, in the order they were set', schema: 'GoalList' } },
    handler: lazy(goals, 'listGoals'),
  }),
  route({
    method: 'get',
    path: '/api/projects/:projectId/goals/status',
    summary:
      'Every goal\'s verdict as of the end of a day (Swedish time), with the figures it rests on (METHOD.md, "Goal verdicts")',
    access: { kind: 'project', roles: READERS },
    query: AsOfQuery,
    responses: { 200: { description: 'the goals with target, actual, verdict and basis', schema: 'GoalStatusList' } },
    handler: lazy(goals, 'goalStatusList'),
  }),
  route({
    method: 'post',
    path: '/api/projects/:projectId/reports',
    summary: "Start a funder report (interim or final): a draft whose verdicts are computed as of its period's end",
    access: { kind: 'project', roles: ADMIN },
    body: ReportBody,
    responses: { 201: { description: 'the new report', schema: 'Created' }, 400: 'invalid report' },
    handler: lazy(reports, 'createReport'),
  }),
  route({
    method: 'get',
    path: '/api/projects/:projectId/reports',
    summary: "The project's funder reports, drafts and locked",
    access: { kind: 'project', roles: READERS },
    responses: { 200: { description: 'the reports, oldest first', schema: 'ReportList' } },
    handler: lazy(reports, 'listReports'),
  }),
  route({
    method: 'get',
    path: '/api/reports/:reportId',
    summary:
      'A funder report: facts, period, activities, each goal with its verdict, comment and override, the free-text sections',
    access: { kind: 'report', roles: READERS },
    responses: {
      200: { description: 'the report (as it was, once locked)', schema: 'ReportAnswer' },
      404: 'no such report',
    },
    handler: lazy(reports, 'getReport'),
  }),
  route({
    method: 'put',
    path: '/api/reports/:reportId',
    summary: "A draft's title, the project's facts, the free-text sections and the signature",
    access: { kind: 'report', roles: ADMIN },
    body: ReportEditBody,
    responses: {
      200: { description: 'the report now', schema: 'ReportAnswer' },
      409: 'the report is locked, or was changed meanwhile',
    },
    handler: lazy(reports, 'editReport'),
  }),
  route({
    method: 'put',
    path: '/api/reports/:reportId/goals/:goalId',
    summary: 'A comment on a goal in a draft, and an override of its verdict with a reason (both verdicts are kept)',
    access: { kind: 'report', roles: ADMIN },
    body: ReportGoalBody,
    responses: {
      200: { description: 'the report now', schema: 'ReportAnswer' },
      400: 'an override without a reason',
      404: 'no such goal',
      409: 'the report is locked, or was changed meanwhile',
    },
    handler: lazy(reports, 'setReportGoal'),
  }),
  route({
    method: 'post',
    path: '/api/reports/:reportId/lock',
    summary: 'Lock a report: every figure, verdict and comment stays as it is now, whatever is recorded later',
    access: { kind: 'report', roles: ADMIN },
    responses: { 200: { description: 'the locked report', schema: 'ReportAnswer' }, 409: 'already locked' },
    handler: lazy(reports, 'lockReport'),
  }),
  route({
    method: 'get',
    path: '/api/reports/:reportId/document.docx',
    summary: "The report as a Word document, laid out as the funders' forms (Swedish; ?lang=en for English)",
    access: { kind: 'report', roles: READERS },
    responses: {
      200: {
        description: 'the .docx file',
        mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      },
      404: 'no such report',
    },
    handler: lazy(reports, 'reportDocument'),
  }),
];
