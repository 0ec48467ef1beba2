// The addresses of the ideas' admin views (issue 19): a project's moderation (the queue, every
// idea, the collection's settings) and its action programme. Each is a chunk of its own, fetched
// when first opened (web/build.ts splits the admin page at dynamic imports).
import type { ViewContext } from './common.ts';

export type IdeaRoute = { view: 'ideas'; projectId: string } | { view: 'idea-programme'; projectId: string };

const VIEWS = ['ideas', 'idea-programme'] as const;

/** The ideas' view an address names (?p=<project>&view=ideas or view=idea-programme), if any. */
export function parseIdeaRoute(params: URLSearchParams, projectId: string): IdeaRoute | null {
  const view = VIEWS.find((name) => name === params.get('view'));
  return view ? { view, projectId } : null;
}

/** Writes an ideas' view into an address's query (the project is written by the router). */
export function ideaRouteParams(route: { view: string }, params: URLSearchParams): void {
  if ((VIEWS as readonly string[]).includes(route.view)) params.set('view', route.view);
}

type Render = (context: ViewContext, route: never) => Promise<void>;

/** The views, each loaded when first shown. */
export const IDEA_VIEWS: Record<IdeaRoute['view'], Render> = {
  ideas: async (context, route) => (await import('./ideas.ts')).renderIdeas(context, route),
  'idea-programme': async (context, route) => (await import('./ideasProgramme.ts')).renderIdeaProgramme(context, route),
};
