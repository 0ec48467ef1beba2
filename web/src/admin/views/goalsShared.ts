// What the goals' admin views share: the project with its activity types (and the lookup that
// names indicators, rounds, areas and types), calls the session's GET/POST do not cover (PUT),
// days as the page writes them, the trail, and the Word document's download.
import type { ActivityTypeList, GoalStatus } from '../../../../functions/api/contract.ts';
import { h } from '../../common/dom.ts';
import { formatDate } from '../../common/lang.ts';
import { type GoalLookup, lookupFrom } from '../../funderReport/goalWords.ts';
import { goalCard, useStylesheet } from '../../funderReport/goalParts.ts';
import { gx } from '../goalsI18n.ts';
import { getLang } from '../i18n.ts';
import { call, currentToken } from '../session.ts';
import type { ProjectDetails } from '../types.ts';
import { projectTrail } from './common.ts';

export type ActivityType = ActivityTypeList['types'][number];

export interface ProjectGoalsContext {
  details: ProjectDetails;
  types: ActivityType[];
  lookup: GoalLookup;
}

export const enc = encodeURIComponent;

/** The project, its activity types and the lookup; the goals' styles linked. */
export async function loadProjectContext(projectId: string): Promise<ProjectGoalsContext> {
  useStylesheet('/assets/goals.css');
  const [details, { types }] = await Promise.all([
    call<ProjectDetails>('GET', `/api/projects/${enc(projectId)}`),
    call<ActivityTypeList>('GET', `/api/projects/${enc(projectId)}/activity-types`),
  ]);
  return { details, types, lookup: lookupFrom(getLang(), details, types) };
}

/** A PUT with the session's token (the session's call types GET and POST; it passes any method on). */
export function put<T>(path: string, body: unknown): Promise<T> {
  return (call as unknown as (method: string, path: string, body?: unknown) => Promise<T>)('PUT', path, body);
}

/** Today in the browser's time zone, as YYYY-MM-DD. */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A day (YYYY-MM-DD) as the page's language writes it. */
export function dayText(day: string): string {
  return formatDate(`${day}T12:00:00`, getLang());
}

export function goalsTrail(details: ProjectDetails, label: string) {
  return projectTrail(details.project, { label });
}

/** A goal's status card in the admin pages. */
export function adminGoalCard(goal: GoalStatus, lookup: GoalLookup, extra: (Node | null)[] = []): HTMLElement {
  return goalCard(goal, lookup, { level: 'h3', extra });
}

/** Downloads the report's Word document (the API wants the token, so a plain link will not do). */
export function docxButton(reportId: string, title: string): HTMLButtonElement {
  const t = gx();
  const button = h('button', { type: 'button', class: 'secondary', 'data-action': 'docx' }, t.wordDocument);
  button.addEventListener('click', async () => {
    if (button.getAttribute('aria-busy') === 'true') return;
    button.setAttribute('aria-busy', 'true');
    try {
      const response = await fetch(`/api/reports/${enc(reportId)}/document.docx?lang=${getLang()}`, {
        headers: { authorization: `Bearer ${currentToken() ?? ''}` },
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const url = URL.createObjectURL(await response.blob());
      const link = h('a', {
        href: url,
        download: `${title.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'rapport'}.docx`,
        hidden: true,
      });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } finally {
      button.removeAttribute('aria-busy');
    }
  });
  return button;
}

/** The printable report's address (the page reads the token this tab keeps). */
export function printableHref(reportId: string): string {
  return `/funder-report/${enc(reportId)}${getLang() === 'en' ? '?lang=en' : ''}`;
}
