// The admin pages' views and their addresses: /admin?p=<project>&r=<round>&view=<view>, moved
// between with the History API (the page is served at /admin only; the query keeps reloads and
// the back button working). A message can be handed from one view to the next.
import { h } from '../common/dom.ts';
import { type GoalRoute, goalRouteParams, parseGoalRoute } from './views/goalsRoutes.ts';
import { type IdeaRoute, ideaRouteParams, parseIdeaRoute } from './views/ideasRoutes.ts';

export type Route =
  | { view: 'projects' }
  | { view: 'new-project' }
  | { view: 'project'; projectId: string }
  | { view: 'questionnaire'; projectId: string }
  | { view: 'round'; projectId: string; roundId: string }
  | { view: 'letters'; projectId: string; roundId: string }
  | GoalRoute
  | IdeaRoute;

export function parseRoute(search: string): Route {
  const params = new URLSearchParams(search);
  const projectId = params.get('p');
  const roundId = params.get('r');
  const view = params.get('view');
  if (!projectId) return view === 'new' ? { view: 'new-project' } : { view: 'projects' };
  if (roundId)
    return view === 'letters' ? { view: 'letters', projectId, roundId } : { view: 'round', projectId, roundId };
  if (view === 'questionnaire') return { view: 'questionnaire', projectId };
  const goalRoute = parseGoalRoute(params, projectId);
  if (goalRoute) return goalRoute;
  const ideaRoute = parseIdeaRoute(params, projectId);
  if (ideaRoute) return ideaRoute;
  return { view: 'project', projectId };
}

export function routeHref(route: Route): string {
  const params = new URLSearchParams();
  if (route.view === 'new-project') params.set('view', 'new');
  if ('projectId' in route) params.set('p', route.projectId);
  if ('roundId' in route) params.set('r', route.roundId);
  if (route.view === 'questionnaire') params.set('view', 'questionnaire');
  if (route.view === 'letters') params.set('view', 'letters');
  goalRouteParams(route, params);
  ideaRouteParams(route, params);
  const query = params.toString();
  return `/admin${query ? `?${query}` : ''}`;
}

export interface Flash {
  kind: 'success' | 'info' | 'error';
  text: string;
}

let renderer: (focus: boolean) => void = () => {};
let pendingFlash: Flash | null = null;
let pendingFocus: string | null = null;

export function setRenderer(render: (focus: boolean) => void): void {
  renderer = render;
  window.addEventListener('popstate', () => renderer(true));
}

/** Goes to a view (a new history entry), with a message for it. */
export function navigate(route: Route, flash?: Flash): void {
  pendingFlash = flash ?? null;
  history.pushState(null, '', routeHref(route));
  renderer(true);
}

/**
 * Shows the current view again (after a change), with a message for it; the element matching
 * `focus` (a CSS selector) takes the focus, or else the heading.
 */
export function rerender(flash?: Flash, focus?: string): void {
  pendingFlash = flash ?? null;
  pendingFocus = focus ?? null;
  renderer(true);
}

/** The element the view asked to focus after it is drawn, once. */
export function takeFocusRequest(): string | null {
  const selector = pendingFocus;
  pendingFocus = null;
  return selector;
}

/** The message handed to this view, once. */
export function takeFlash(): Flash | null {
  const flash = pendingFlash;
  pendingFlash = null;
  return flash;
}

/** A link to a view: a real link (new tab, copy address), followed in the page on a plain click. */
export function link(route: Route, ...children: (Node | string)[]): HTMLAnchorElement {
  const anchor = h('a', { href: routeHref(route) }, ...children);
  anchor.addEventListener('click', (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(route);
  });
  return anchor;
}
