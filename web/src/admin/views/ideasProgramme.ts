// A project's action programme: the ideas that were prioritised and what has become of them
// (planned, in progress, carried out), each with its state and last change (who, when). It follows
// from the ideas' states; nothing here is typed in by hand. The list downloads as CSV.
import { h } from '../../common/dom.ts';
import { formatDate, getLang } from '../i18n.ts';
import { itx, type IdeaState } from '../ideasI18n.ts';
import { heading, projectTrail, show, type ViewContext } from './common.ts';
import { downloadIdeasCsv } from './ideasCsv.ts';
import { areaName, ideaLinks, loadIdeaStyles, loadProjectIdeas, stateText } from './ideasShared.ts';

/** The programme's states, in the order work goes. */
const PROGRAMME: IdeaState[] = ['prioritised', 'planned', 'in_progress', 'carried_out'];

export async function renderIdeaProgramme(context: ViewContext, route: { projectId: string }): Promise<void> {
  const [{ details, list }] = await Promise.all([loadProjectIdeas(route.projectId), loadIdeaStyles()]);
  const t = itx();
  const { project } = details;
  const ideas = list.ideas
    .filter((idea) => PROGRAMME.includes(idea.state))
    .sort(
      (a, b) =>
        PROGRAMME.indexOf(a.state) - PROGRAMME.indexOf(b.state) ||
        (a.lastChange?.at ?? a.updatedAt).localeCompare(b.lastChange?.at ?? b.updatedAt),
    );
  const csv = h('button', { type: 'button', class: 'secondary download-csv' }, t.downloadCsv);
  csv.addEventListener('click', () => downloadIdeasCsv(ideas, details, getLang(), 'program'));
  const [idea, area, state, changed, by] = t.programmeColumns;
  const table = h(
    'div',
    { class: 'table-scroll', role: 'region', 'aria-labelledby': 'programme-caption', tabindex: 0 },
    h(
      'table',
      { class: 'idea-programme' },
      h('caption', { id: 'programme-caption' }, t.programmeCaption),
      h(
        'thead',
        {},
        h('tr', {}, ...[idea, area, state, changed, by].map((label) => h('th', { scope: 'col' }, label ?? ''))),
      ),
      h(
        'tbody',
        {},
        ...ideas.map((row) =>
          h(
            'tr',
            { 'data-idea': row.id },
            h(
              'th',
              { scope: 'row' },
              row.title,
              row.merged.length > 0
                ? h('span', { class: 'hint merged-count' }, ` (+${row.merged.map((m) => m.title).join('; ')})`)
                : null,
            ),
            h('td', {}, areaName(details, row.area)),
            h('td', {}, h('span', { class: `idea-state state-${row.state}` }, stateText(row.state))),
            h('td', {}, row.lastChange ? formatDate(row.lastChange.at) : formatDate(row.updatedAt)),
            h('td', {}, row.lastChange?.by ?? ''),
          ),
        ),
      ),
    ),
  );
  const counts = h(
    'ul',
    { class: 'programme-counts' },
    ...PROGRAMME.map((s) => h('li', {}, `${stateText(s)}: ${list.counts.byState[s] ?? 0}`)),
  );
  show(
    context,
    projectTrail(
      project,
      { label: t.ideasTitle, route: { view: 'ideas', projectId: project.id } },
      { label: t.programmeTitle },
    ),
    heading(`${t.programmeTitle}: ${project.name}`),
    h('p', {}, t.programmeIntro),
    ideaLinks(project.id, true),
    ...(ideas.length === 0
      ? [h('p', { class: 'empty' }, t.programmeEmpty)]
      : [counts, h('div', { class: 'actions' }, csv), table]),
  );
}
