// What the ideas' admin views share: their stylesheet, their API calls (a DELETE too), the project
// with its ideas, who the signed-in moderator is (to offer an undo of their own last change only),
// and how a state or an area reads.
import { api } from '../../common/api.ts';
import { h } from '../../common/dom.ts';
import { MERGE_TARGET_STATES } from '../../../../functions/core/ideas.ts';
import type { IdeaList, ManagedIdea, ProjectDetails } from '../../../../functions/api/contract.ts';
import { getLang } from '../i18n.ts';
import { ideaPageAddress, itx, type IdeaState } from '../ideasI18n.ts';
import { link } from '../router.ts';
import { call, currentToken } from '../session.ts';

let styles: Promise<void> | null = null;

/** The ideas' admin stylesheet (web/styles/ideas-admin.css), added to the page once; waits for it. */
export function loadIdeaStyles(): Promise<void> {
  styles ??= new Promise<void>((resolve) => {
    const sheet = document.createElement('link');
    sheet.rel = 'stylesheet';
    sheet.href = '/assets/ideas-admin.css';
    sheet.addEventListener('load', () => resolve());
    sheet.addEventListener('error', () => resolve());
    document.head.append(sheet);
  });
  return styles;
}

/** A call with the session's token: GET and POST through the session (a 401 signs out), DELETE here. */
export async function ideaCall<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  if (method !== 'DELETE') return call<T>(method, path, body);
  return api<T>(method, path, { token: currentToken(), lang: getLang() });
}

export interface ProjectIdeas {
  details: ProjectDetails;
  list: IdeaList;
}

export async function loadProjectIdeas(projectId: string): Promise<ProjectIdeas> {
  const id = encodeURIComponent(projectId);
  const [details, list] = await Promise.all([
    call<ProjectDetails>('GET', `/api/projects/${id}`),
    call<IdeaList>('GET', `/api/projects/${id}/ideas`),
  ]);
  return { details, list };
}

/**
 * The id the API records for the signed-in moderator: a token's jti (read from the token, which
 * is a JWT), or ADMIN_TOKEN for the static administrator token. Only to offer the undo button
 * where it can work: the API decides.
 */
export function myActorId(): string | null {
  const token = currentToken();
  if (!token) return null;
  const parts = token.split('.');
  if (parts.length !== 3) return 'ADMIN_TOKEN';
  try {
    const json = atob(parts[1]!.replace(/-/g, '+').replace(/_/g, '/'));
    const jti = (JSON.parse(json) as { jti?: unknown }).jti;
    return typeof jti === 'string' ? jti : null;
  } catch {
    return null;
  }
}

export function stateText(state: IdeaState): string {
  return itx().states[state];
}

export function areaName(details: ProjectDetails, area: string | null): string {
  if (!area) return itx().noArea;
  return details.project.areas.find((a) => a.id === area)?.name ?? area;
}

/** Ideas another may be merged into: published or later, not merged or withdrawn, not itself. */
export function mergeTargets(ideas: readonly ManagedIdea[], idea: ManagedIdea): ManagedIdea[] {
  return ideas.filter((other) => other.id !== idea.id && MERGE_TARGET_STATES.has(other.state));
}

/** The residents' pages and the action programme. */
export function ideaLinks(projectId: string, withModeration: boolean): HTMLElement {
  const t = itx();
  const page = ideaPageAddress(projectId);
  const board = ideaPageAddress(projectId, true);
  return h(
    'ul',
    { class: 'idea-links' },
    withModeration ? h('li', {}, link({ view: 'ideas', projectId }, t.moderate)) : null,
    h('li', {}, link({ view: 'idea-programme', projectId }, t.programme)),
    h('li', {}, `${t.publicPage}: `, h('a', { href: page }, page)),
    h('li', {}, `${t.publicBoard}: `, h('a', { href: board }, board)),
  );
}
