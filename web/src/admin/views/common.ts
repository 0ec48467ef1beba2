// What every admin view shares: its context, the breadcrumb trail, the heading (which takes the
// focus after a move) and the message handed over from the previous view.
import { h } from '../../common/dom.ts';
import { accessText, kindText, tx } from '../i18n.ts';
import { link, takeFlash, type Route } from '../router.ts';
import { busy, type FormErrors, notice, radioGroup, setChildren } from '../ui.ts';
import { call } from '../session.ts';
import type { ProjectDetails, RoundCounts, RoundSummary } from '../types.ts';

export interface ViewContext {
  main: HTMLElement;
  /** Aborted when the page moves to another view (stops refreshes, drops late answers). */
  signal: AbortSignal;
}

export function setTitle(title: string): void {
  document.title = `${title} – ${tx().adminTitle} – ${tx().appName}`;
}

/** The breadcrumb trail: earlier views as links, the current one last. */
export function breadcrumbs(trail: { label: string; route?: Route }[]): HTMLElement {
  return h(
    'nav',
    { class: 'breadcrumbs', 'aria-label': tx().breadcrumbs },
    h(
      'ol',
      {},
      ...trail.map((step) =>
        h('li', {}, step.route ? link(step.route, step.label) : h('span', { 'aria-current': 'page' }, step.label)),
      ),
    ),
  );
}

/** The trail from the project list through a project to the current view (and any steps between). */
export function projectTrail(project: { id: string; name: string }, ...steps: { label: string; route?: Route }[]) {
  return breadcrumbs([
    { label: tx().projectsTitle, route: { view: 'projects' } },
    { label: project.name, route: { view: 'project', projectId: project.id } },
    ...steps,
  ]);
}

/** A radio group whose choices are rows of [value, label, hint]; `checked` is chosen at first. */
export function choiceGroup(
  legend: string,
  name: string,
  checked: string,
  choices: [value: string, label: string, hint?: string][],
  onChange?: (value: string) => void,
): ReturnType<typeof radioGroup> {
  return radioGroup(
    legend,
    name,
    choices.map(([value, label, hint]) => ({ value, label, hint })),
    checked,
    onChange,
  );
}

/**
 * A form the page checks itself (novalidate): the error summary first, then its parts, then the
 * submit button; `onSubmit` runs in place of the browser's submission.
 */
export function appForm(
  attributes: Record<string, string>,
  errors: FormErrors,
  submit: HTMLButtonElement,
  parts: (Node | null)[],
  onSubmit: () => void,
): HTMLFormElement {
  const form = h(
    'form',
    { novalidate: true, ...attributes },
    errors.summary,
    ...parts,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit();
  });
  return form;
}

/** Runs a form's request with its button busy; what goes wrong is shown in the form. */
export async function sendForm(
  button: HTMLButtonElement,
  errors: FormErrors,
  request: () => Promise<void>,
): Promise<void> {
  await busy(button, async () => {
    try {
      await request();
    } catch (error) {
      errors.showError(error);
    }
  });
}

/** The view's h1 (focused after a move, so that screen readers start there). */
export function heading(title: string, ...extra: (Node | string | null)[]): HTMLHeadingElement {
  setTitle(title);
  return h('h1', { tabindex: -1 }, title, ...extra);
}

/** The message handed to this view, as a notice (or nothing). */
export function flashNotice(): HTMLElement | null {
  const flash = takeFlash();
  if (!flash) return null;
  const element = notice(flash.kind, h('p', {}, flash.text));
  element.setAttribute('role', flash.kind === 'error' ? 'alert' : 'status');
  return element;
}

export function demoBadge(): HTMLElement {
  return h('span', { class: 'badge demo' }, tx().demoBadge);
}

export function demoNotice(): HTMLElement {
  return notice('demo', h('p', {}, h('strong', {}, `${tx().demoBadge}: `), tx().demoNotice));
}

/** Replaces the view's content (unless the page has moved on). */
export function show(context: ViewContext, ...nodes: (Node | null)[]): boolean {
  if (context.signal.aborted) return false;
  setChildren(context.main, ...nodes.filter((node): node is Node => node !== null));
  return true;
}

/** The project and the round (with its counts) that the round and letters views show. */
export async function loadRound(route: {
  projectId: string;
  roundId: string;
}): Promise<{ details: ProjectDetails; counts: RoundCounts }> {
  const [details, counts] = await Promise.all([
    call<ProjectDetails>('GET', `/api/projects/${encodeURIComponent(route.projectId)}`),
    call<RoundCounts>('GET', `/api/rounds/${encodeURIComponent(route.roundId)}`),
  ]);
  return { details, counts };
}

/** A round's kind, access and status as terms of a fact list; `status` is what the status shows. */
export function roundFactTerms(round: RoundSummary, ...status: (Node | string)[]): Node[] {
  const t = tx();
  return [
    h('dt', {}, t.roundKind),
    h('dd', {}, kindText(round.kind)),
    h('dt', {}, t.roundAccess),
    h('dd', {}, accessText(round.access)),
    h('dt', {}, t.roundStatus),
    h('dd', {}, ...status),
  ];
}
