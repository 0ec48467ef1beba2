// The public board: the project's published ideas and what became of them, grouped by area or by
// state (the resident chooses), each idea under a heading of its own with its state in plain
// words; ideas merged into another are shown inside it, with their own titles and texts. The API
// sends only what anyone may see (never received, rejected or withdrawn ideas).
import { h } from '../common/dom.ts';
import { formatDate, type Lang } from '../common/lang.ts';
import type { IdeaBoard, PublicIdea } from '../../../functions/api/contract.ts';
import type { Texts } from './texts.ts';

export type GroupBy = 'area' | 'state';

/** The states in the order of the board: what is new, what is under way, what is done, what is not. */
const STATE_ORDER: PublicIdea['state'][] = [
  'published',
  'prioritised',
  'planned',
  'in_progress',
  'carried_out',
  'not_prioritised',
  'merged',
];

/** The ideas shown as cards: all but those merged into an idea that is on the board itself. */
export function boardCards(ideas: readonly PublicIdea[]): PublicIdea[] {
  const shown = new Set(ideas.map((idea) => idea.id));
  return ideas.filter((idea) => !(idea.state === 'merged' && idea.mergedInto !== null && shown.has(idea.mergedInto)));
}

/** The groups of the board, in order, empty ones left out. */
export function boardGroups(
  data: IdeaBoard,
  by: GroupBy,
  t: Texts,
): { key: string; label: string; ideas: PublicIdea[] }[] {
  const cards = boardCards(data.ideas);
  const groups =
    by === 'area'
      ? [...data.project.areas.map((area) => ({ key: area.id, label: area.name })), { key: '', label: t.noArea }].map(
          (group) => ({
            ...group,
            ideas: cards.filter((idea) =>
              group.key === '' ? !data.project.areas.some((a) => a.id === idea.area) : idea.area === group.key,
            ),
          }),
        )
      : STATE_ORDER.map((state) => ({
          key: state,
          label: t.states[state],
          ideas: cards.filter((idea) => idea.state === state),
        }));
  return groups.filter((group) => group.ideas.length > 0);
}

function ideaCard(idea: PublicIdea, data: IdeaBoard, t: Texts, lang: Lang): HTMLElement {
  const headingId = `idea-${idea.id}`;
  const area = data.project.areas.find((a) => a.id === idea.area);
  const target = idea.mergedInto ? data.ideas.find((other) => other.id === idea.mergedInto) : undefined;
  return h(
    'article',
    { class: `idea-card state-${idea.state}`, 'aria-labelledby': headingId, 'data-idea': idea.id },
    h('h3', { id: headingId }, idea.title),
    h(
      'dl',
      { class: 'idea-facts' },
      h('dt', {}, t.stateLabel),
      h('dd', {}, h('span', { class: `state state-${idea.state}` }, t.states[idea.state])),
      h('dt', {}, t.areaLabel),
      h('dd', {}, area?.name ?? t.noArea),
      h('dt', {}, t.submitted),
      h('dd', {}, h('time', { datetime: idea.submittedAt }, formatDate(idea.submittedAt, lang))),
      target ? [h('dt', {}, t.mergedNote), h('dd', {}, target.title)] : null,
    ),
    h('p', { class: 'idea-text' }, idea.text),
    idea.merged.length > 0
      ? h(
          'section',
          { class: 'merged', 'aria-labelledby': `${headingId}-merged` },
          h('h4', { id: `${headingId}-merged` }, t.mergedHeading(idea.merged.length)),
          h(
            'ul',
            {},
            ...idea.merged.map((merged) =>
              h(
                'li',
                { 'data-idea': merged.id },
                h('p', { class: 'merged-title' }, merged.title),
                h('p', { class: 'idea-text' }, merged.text),
              ),
            ),
          ),
        )
      : null,
  );
}

/** The board's content after its heading: the grouping choice, then the groups. */
export function boardView(
  data: IdeaBoard,
  by: GroupBy,
  t: Texts,
  lang: Lang,
  onGroupBy: (by: GroupBy) => void,
): Node[] {
  const groups = boardGroups(data, by, t);
  const choice = h(
    'fieldset',
    { class: 'group-by' },
    h('legend', {}, t.groupBy),
    ...(['area', 'state'] as const).map((value) => {
      const id = `group-by-${value}`;
      const radio = h('input', { type: 'radio', name: 'group-by', id, value, checked: value === by });
      radio.addEventListener('change', () => onGroupBy(value));
      return h('div', { class: 'check-row' }, radio, h('label', { for: id }, value === 'area' ? t.byArea : t.byState));
    }),
  );
  if (groups.length === 0) return [h('p', { class: 'empty' }, t.boardEmpty)];
  return [
    choice,
    ...groups.map((group) =>
      h(
        'section',
        { class: 'idea-group', 'aria-labelledby': `group-${by}-${group.key || 'none'}` },
        h(
          'h2',
          { id: `group-${by}-${group.key || 'none'}` },
          group.label,
          ' ',
          h('span', { class: 'count' }, `(${t.ideaCount(group.ideas.length)})`),
        ),
        h('div', { class: 'idea-list' }, ...group.ideas.map((idea) => ideaCard(idea, data, t, lang))),
      ),
    ),
  ];
}
