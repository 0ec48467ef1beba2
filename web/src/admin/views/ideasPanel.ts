// The ideas' part of a project's page: how many ideas wait for review (a notice, read after the
// page is drawn), the way to the moderation and the action programme, and the residents' links.
import { h } from '../../common/dom.ts';
import type { IdeaList } from '../../../../functions/api/contract.ts';
import { itx } from '../ideasI18n.ts';
import { call } from '../session.ts';
import { notice, setChildren } from '../ui.ts';
import { ideaLinks } from './ideasShared.ts';

export function ideasPanel(project: { id: string }): HTMLElement {
  const t = itx();
  const count = h('div', { class: 'ideas-waiting-notice', role: 'status' });
  call<IdeaList>('GET', `/api/projects/${encodeURIComponent(project.id)}/ideas?state=received`)
    .then((list) => {
      const text = h('p', {}, t.waiting(list.waiting));
      setChildren(count, list.waiting > 0 ? notice('info', text) : text);
    })
    .catch(() => setChildren(count, h('p', { class: 'hint' }, t.waitingFailed)));
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'ideas-heading' },
    h('h2', { id: 'ideas-heading' }, t.ideasTitle),
    h('p', { class: 'hint' }, t.panelIntro),
    count,
    ideaLinks(project.id, true),
  );
}
