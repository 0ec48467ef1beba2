// The dashboard's goals overview (måluppfyllelse): every goal of the project as of today, read
// from /goals/status: progress bars for count goals, verdicts with the survey figures they rest on
// for indicator goals. Loaded beside the rest of the page; a project without goals shows nothing.
import type { ActivityTypeList, GoalStatusList } from '../../../functions/api/contract.ts';
import { api } from '../common/api.ts';
import { formatDate, type Lang } from '../common/lang.ts';
import { h } from '../common/dom.ts';
import { goalCard, useStylesheet } from '../funderReport/goalParts.ts';
import { lookupFrom } from '../funderReport/goalWords.ts';
import type { PageState } from './pageParts.ts';

const WORDS = {
  sv: {
    title: 'Måluppfyllelse',
    intro: (day: string) =>
      `Projektets mål per ${day}. Antalsmål räknas ur projektets register av aktiviteter och idéer, enkätmål ur jämförelsen av två mätomgångar (skillnaden i målets riktning, med sitt intervall och ojusterade p-värde).`,
    failed: 'Målen kunde inte hämtas.',
  },
  en: {
    title: 'Goal fulfilment',
    intro: (day: string) =>
      `The project's goals as of ${day}. Count goals are counted from the project's records of activities and ideas, survey goals from the comparison of two rounds (the difference in the goal's direction, with its interval and unadjusted p-value).`,
    failed: 'The goals could not be loaded.',
  },
} satisfies Record<Lang, unknown>;

async function fill(section: HTMLElement, state: PageState): Promise<void> {
  const words = WORDS[state.lang];
  const get = <T>(path: string) => api<T>('GET', path, { token: state.token, lang: state.lang });
  const project = encodeURIComponent(state.projectId);
  try {
    const [status, types] = await Promise.all([
      get<GoalStatusList>(`/api/projects/${project}/goals/status`),
      get<ActivityTypeList>(`/api/projects/${project}/activity-types`)
        .then((answer) => answer.types)
        .catch(() => []),
    ]);
    if (status.goals.length === 0) return;
    const lookup = lookupFrom(state.lang, state.project, types);
    section.append(
      h('h2', { id: 'goals-overview-title' }, words.title),
      h('p', { class: 'hint' }, words.intro(formatDate(`${status.asOf}T12:00:00`, state.lang))),
      h('div', { class: 'goal-list' }, ...status.goals.map((goal) => goalCard(goal, lookup, { level: 'h3' }))),
    );
    section.hidden = false;
  } catch {
    section.append(
      h('h2', { id: 'goals-overview-title' }, words.title),
      h('div', { class: 'notice error', role: 'alert' }, h('p', {}, words.failed)),
    );
    section.hidden = false;
  } finally {
    section.dataset.ready = 'true';
  }
}

/** The overview's section: empty and hidden until the goals are in (and stays so without goals). */
export function goalsOverview(state: PageState): HTMLElement {
  useStylesheet('/assets/goals.css');
  const section = h('section', {
    class: 'goals-overview',
    'aria-labelledby': 'goals-overview-title',
    'data-field': 'goals-overview',
    hidden: true,
  });
  void fill(section, state);
  return section;
}
