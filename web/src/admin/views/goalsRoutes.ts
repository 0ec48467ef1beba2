// The addresses of the goals' admin views (issue 20): a project's activities, its goals with their
// status, its funder reports and one report being written. Each view is a chunk of its own,
// fetched when first opened (web/build.ts splits the admin page at dynamic imports).
import type { ViewContext } from './common.ts';

export type GoalRoute =
  | { view: 'activities'; projectId: string }
  | { view: 'goals'; projectId: string }
  | { view: 'reports'; projectId: string }
  | { view: 'report'; projectId: string; reportId: string };

const LISTS = ['activities', 'goals', 'reports'] as const;

/** The goals' view an address names (?p=<project>&view=goals, ...&view=report&report=<id>), if any. */
export function parseGoalRoute(params: URLSearchParams, projectId: string): GoalRoute | null {
  const view = params.get('view');
  const reportId = params.get('report');
  if (view === 'report' && reportId) return { view: 'report', projectId, reportId };
  const list = LISTS.find((name) => name === view);
  return list ? { view: list, projectId } : null;
}

/** Writes a goals' view into an address's query (the project is written by the router). */
export function goalRouteParams(route: { view: string }, params: URLSearchParams): void {
  if (route.view === 'report' && 'reportId' in route) {
    params.set('view', 'report');
    params.set('report', String(route.reportId));
  } else if ((LISTS as readonly string[]).includes(route.view)) params.set('view', route.view);
}

type Render = (context: ViewContext, route: never) => Promise<void>;

/** The views, each loaded when first shown. */
export const GOAL_VIEWS: Record<GoalRoute['view'], Render> = {
  activities: async (context, route) => (await import('./activities.ts')).renderActivities(context, route),
  goals: async (context, route) => (await import('./goals.ts')).renderGoals(context, route),
  reports: async (context, route) => (await import('./reports.ts')).renderReports(context, route),
  report: async (context, route) => (await import('./reportsEdit.ts')).renderReport(context, route),
};
