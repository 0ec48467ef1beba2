// A project's ideas for its moderators: what waits for review (oldest first), every idea with a
// state filter and the CSV of what is shown, the collection's settings (open, pre-moderation),
// links to the residents' pages and the action programme. After each change the view is read
// again and says what happened, with an undo of that change.
import { h } from '../../common/dom.ts';
import type { IdeaChanged, IdeaList, ManagedIdea, ProjectDetails } from '../../../../functions/api/contract.ts';
import { IDEA_STATES } from '../../../../functions/core/ideas.ts';
import { getLang } from '../i18n.ts';
import { itx, type IdeaState } from '../ideasI18n.ts';
import { rerender } from '../router.ts';
import { call, describeError } from '../session.ts';
import { busy, notice, setChildren, uid } from '../ui.ts';
import { heading, projectTrail, show, type ViewContext } from './common.ts';
import { type CardContext, ideaCard } from './ideasCard.ts';
import { downloadIdeasCsv } from './ideasCsv.ts';
import { ideaLinks, loadIdeaStyles, loadProjectIdeas, myActorId, stateText } from './ideasShared.ts';

/** What the last change did, shown once after the view is drawn again. */
let flash: { text: string; kind: 'success' | 'error'; undo: ManagedIdea | null } | null = null;
/** The state filter of the list of every idea (kept while moving between changes). */
let filter: IdeaState | '' = '';

function changedTo(text: string, undo: ManagedIdea | null): void {
  flash = { text, kind: 'success', undo };
  rerender(undefined, '#ideas-flash');
}

function flashPart(me: string | null): HTMLElement | null {
  const shown = flash;
  flash = null;
  if (!shown) return null;
  const t = itx();
  const undo = shown.undo;
  const part = notice(shown.kind, h('p', {}, shown.text));
  part.id = 'ideas-flash';
  part.tabIndex = -1;
  part.setAttribute('role', shown.kind === 'error' ? 'alert' : 'status');
  if (undo?.lastChange && undo.lastChange.byId === me) {
    const button = h('button', { type: 'button', class: 'secondary undo' }, t.undo);
    button.addEventListener('click', () => {
      void busy(button, async () => {
        try {
          const path = `/api/ideas/${encodeURIComponent(undo.id)}/undo`;
          const { idea } = await call<IdeaChanged>('POST', path);
          changedTo(t.undone(idea.title, stateText(idea.state)), null);
        } catch (error) {
          flash = { text: describeError(error), kind: 'error', undo: null };
          rerender(undefined, '#ideas-flash');
        }
      });
    });
    part.append(h('p', {}, button));
  }
  return part;
}

function settingsForm(details: ProjectDetails): HTMLElement {
  const t = itx();
  const current = details.project.ideas ?? { open: true, premoderation: true };
  const box = (name: string, label: string, hint: string, checked: boolean) => {
    const id = uid(name);
    const input = h('input', { type: 'checkbox', id, name, checked, 'aria-describedby': `${id}-hint` });
    return {
      input,
      row: h(
        'div',
        { class: 'check-field' },
        h('div', { class: 'check-row' }, input, h('label', { for: id }, label)),
        h('p', { class: 'hint', id: `${id}-hint` }, hint),
      ),
    };
  };
  const open = box('open', t.settingOpen, t.settingOpenHint, current.open);
  const premoderation = box('premoderation', t.settingPremoderation, t.settingPremoderationHint, current.premoderation);
  const problem = h('div', { role: 'alert' });
  const save = h('button', { type: 'submit', class: 'secondary' }, t.saveSettings);
  const form = h(
    'form',
    { class: 'idea-settings', novalidate: true, 'aria-labelledby': 'idea-settings-heading' },
    open.row,
    premoderation.row,
    problem,
    h('div', { class: 'actions' }, save),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(save, async () => {
      try {
        await call('POST', `/api/projects/${encodeURIComponent(details.project.id)}/ideas/settings`, {
          open: open.input.checked,
          premoderation: premoderation.input.checked,
        });
        changedTo(t.settingsSaved, null);
      } catch (error) {
        setChildren(problem, notice('error', h('p', {}, describeError(error))));
      }
    });
  });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'idea-settings-heading' },
    h('h2', { id: 'idea-settings-heading' }, t.settingsTitle),
    form,
  );
}

function queueSection(list: IdeaList, cards: CardContext): HTMLElement {
  const t = itx();
  const waiting = list.ideas
    .filter((idea) => idea.state === 'received')
    .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  return h(
    'section',
    { class: 'idea-queue', 'aria-labelledby': 'idea-queue-heading' },
    h('h2', { id: 'idea-queue-heading' }, `${t.queueTitle} (${waiting.length})`),
    waiting.length === 0
      ? h('p', { class: 'empty' }, t.queueEmpty)
      : [
          h('p', { class: 'hint' }, t.queueIntro),
          h('div', { class: 'idea-list' }, ...waiting.map((idea) => ideaCard(idea, cards, 'queue'))),
        ],
  );
}

function allSection(details: ProjectDetails, list: IdeaList, cards: CardContext): HTMLElement {
  const t = itx();
  const selectId = uid('filter');
  const select = h(
    'select',
    { id: selectId, name: 'state' },
    h('option', { value: '' }, `${t.filterAll} (${list.counts.total})`),
    ...IDEA_STATES.filter((state) => (list.counts.byState[state] ?? 0) > 0).map((state) =>
      h(
        'option',
        { value: state, selected: state === filter },
        `${stateText(state)} (${list.counts.byState[state] ?? 0})`,
      ),
    ),
  );
  if (![...select.options].some((option) => option.value === filter)) filter = '';
  select.value = filter;
  const count = h('p', { class: 'hint', role: 'status' });
  const output = h('div', { class: 'idea-list' });
  const shown = () => list.ideas.filter((idea) => filter === '' || idea.state === filter);
  const draw = () => {
    const ideas = shown();
    count.textContent = t.filterCount(ideas.length, list.counts.total);
    setChildren(output, ...ideas.map((idea) => ideaCard(idea, cards, 'all')));
  };
  select.addEventListener('change', () => {
    filter = select.value as IdeaState | '';
    draw();
  });
  const csv = h('button', { type: 'button', class: 'secondary download-csv' }, t.downloadCsv);
  csv.addEventListener('click', () => downloadIdeasCsv(shown(), details, getLang(), filter));
  draw();
  return h(
    'section',
    { class: 'idea-all', 'aria-labelledby': 'idea-all-heading' },
    h('h2', { id: 'idea-all-heading' }, t.allTitle),
    list.counts.total === 0
      ? h('p', { class: 'empty' }, t.noIdeas)
      : [
          h(
            'div',
            { class: 'idea-filter' },
            h('div', { class: 'field' }, h('label', { for: selectId }, t.filterLabel), select),
            h('div', { class: 'actions' }, csv),
          ),
          count,
          output,
        ],
  );
}

export async function renderIdeas(context: ViewContext, route: { projectId: string }): Promise<void> {
  const [{ details, list }] = await Promise.all([loadProjectIdeas(route.projectId), loadIdeaStyles()]);
  const t = itx();
  const { project } = details;
  const me = myActorId();
  const cards: CardContext = { details, ideas: list.ideas, me, changed: changedTo };
  show(
    context,
    projectTrail(project, { label: t.ideasTitle }),
    heading(`${t.ideasTitle}: ${project.name}`),
    flashPart(me),
    h('p', {}, t.ideasIntro),
    list.waiting > 0 ? notice('info', h('p', { class: 'ideas-waiting' }, t.waiting(list.waiting))) : null,
    ideaLinks(project.id, false),
    queueSection(list, cards),
    allSection(details, list, cards),
    settingsForm(details),
  );
}
