// The project view's way to its activities, goals and funder reports (the views are loaded when opened).
import { h } from '../../common/dom.ts';
import { gx } from '../goalsI18n.ts';
import { link } from '../router.ts';

export function goalsLinks(projectId: string): HTMLElement {
  const t = gx();
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'goals-nav-heading' },
    h('h2', { id: 'goals-nav-heading' }, t.goalsNav),
    h('p', { class: 'hint' }, t.goalsNavIntro),
    h(
      'ul',
      { class: 'goals-nav' },
      h('li', {}, link({ view: 'activities', projectId }, t.activitiesTitle)),
      h('li', {}, link({ view: 'goals', projectId }, t.goalsTitle)),
      h('li', {}, link({ view: 'reports', projectId }, t.reportsTitle)),
    ),
  );
}
