// One idea as a moderator sees it: its text, state, area, last change (who, when, why), what was
// merged into it; a button for each state the API lists as next (a dialog asks for a reason or the
// idea to merge into where one is needed), an undo of one's own last change, the audit trail on
// demand, and the contact details with their deletion.
import { h } from '../../common/dom.ts';
import type { IdeaChanged, IdeaEvents, ManagedIdea, ProjectDetails } from '../../../../functions/api/contract.ts';
import { NEEDS_REASON } from '../../../../functions/core/ideas.ts';
import { formatDate } from '../i18n.ts';
import { itx, type IdeaState } from '../ideasI18n.ts';
import { describeError } from '../session.ts';
import { busy, setChildren } from '../ui.ts';
import { askReason, askTarget, confirmDialog } from './ideasDialogs.ts';
import { areaName, ideaCall, mergeTargets, stateText } from './ideasShared.ts';

export interface CardContext {
  details: ProjectDetails;
  /** Every idea of the project: merge targets and the titles of related ideas. */
  ideas: readonly ManagedIdea[];
  /** The signed-in moderator's id (see myActorId). */
  me: string | null;
  /** After a change: the view is drawn again with this message (and an undo where it applies). */
  changed: (message: string, undoable: ManagedIdea | null) => void;
}

const ideaPath = (id: string, rest: string) => `/api/ideas/${encodeURIComponent(id)}/${rest}`;

/** Moves the idea to a state; asks first for what the change needs. */
async function transition(idea: ManagedIdea, to: IdeaState, context: CardContext): Promise<ManagedIdea | null> {
  const t = itx();
  let reason: string | undefined;
  let mergedInto: string | undefined;
  if (to === 'merged') {
    const targets = mergeTargets(context.ideas, idea);
    if (targets.length === 0) throw new Error(t.mergeNone);
    const chosen = await askTarget(
      t.mergeTitle,
      t.mergeIntro(idea.title),
      targets.map((target) => ({
        id: target.id,
        label: `${target.title} (${stateText(target.state)}, ${areaName(context.details, target.area)})`,
      })),
    );
    if (chosen === null) return null;
    mergedInto = chosen;
  } else if (NEEDS_REASON.has(to)) {
    const given = await askReason(t.reasonTitle(t.actions[to]), t.reasonHint[to] ?? t.reasonOptionalHint, true);
    if (given === null) return null;
    reason = given;
  }
  const body = { to, ...(reason === undefined ? {} : { reason }), ...(mergedInto ? { mergedInto } : {}) };
  return (await ideaCall<IdeaChanged>('POST', ideaPath(idea.id, 'transitions'), body)).idea;
}

function eventLines(events: IdeaEvents['events']): HTMLElement {
  const t = itx();
  const state = (value: IdeaState | null) => (value ? stateText(value) : '');
  return h(
    'ol',
    { class: 'idea-events' },
    ...events.map((event) => {
      const what =
        event.kind === 'submitted'
          ? t.eventSubmitted(state(event.to))
          : event.kind === 'transition'
            ? t.eventTransition(state(event.from), state(event.to))
            : event.kind === 'undo'
              ? t.eventUndo(state(event.from), state(event.to))
              : t.eventContactDeleted;
      return h(
        'li',
        {},
        h('span', { class: 'event-what' }, what),
        ' ',
        h('span', { class: 'hint' }, `(${t.eventBy(event.by, formatDate(event.at))})`),
        event.reason ? h('span', { class: 'event-reason' }, `${t.reasonLabel}: ${event.reason}`) : null,
      );
    }),
  );
}

function contactPart(idea: ManagedIdea, context: CardContext, report: (error: unknown) => void): HTMLElement | null {
  const t = itx();
  if (!idea.contact && !idea.hasContact) return null;
  const remove = h('button', { type: 'button', class: 'secondary delete-contact' }, t.contactDelete);
  remove.addEventListener('click', async () => {
    const sure = await confirmDialog(t.contactDelete, t.contactDeleteConfirm(idea.title), t.contactDelete);
    if (!sure) return;
    await busy(remove, async () => {
      try {
        await ideaCall('DELETE', ideaPath(idea.id, 'contact'));
        context.changed(t.contactDeleted(idea.title), null);
      } catch (error) {
        report(error);
      }
    });
  });
  return h(
    'div',
    { class: 'idea-contact' },
    h('h4', {}, t.contactLabel),
    idea.contact
      ? h(
          'dl',
          { class: 'facts' },
          h('dt', {}, t.contactName),
          h('dd', {}, idea.contact.name ?? '–'),
          h('dt', {}, t.contactEmail),
          h('dd', {}, idea.contact.email ? h('a', { href: `mailto:${idea.contact.email}` }, idea.contact.email) : '–'),
        )
      : null,
    h('p', {}, remove),
  );
}

/** The card; `prefix` keeps its element ids apart from another card of the same idea on the page. */
export function ideaCard(idea: ManagedIdea, context: CardContext, prefix = 'idea'): HTMLElement {
  const t = itx();
  const headingId = `${prefix}-${idea.id}-title`;
  const titleOf = (id: string | null) => context.ideas.find((other) => other.id === id)?.title ?? id ?? '';
  const problem = h('div', { class: 'idea-problem', role: 'alert' });
  const report = (error: unknown) => setChildren(problem, h('p', { class: 'notice error' }, describeError(error)));

  const buttons = idea.next.map((to) => {
    const button = h(
      'button',
      { type: 'button', class: to === 'published' || to === 'prioritised' ? '' : 'secondary', 'data-to': to },
      t.actions[to],
    );
    button.addEventListener('click', () => {
      setChildren(problem);
      void busy(button, async () => {
        try {
          const updated = await transition(idea, to, context);
          if (updated) context.changed(t.changed(updated.title, stateText(updated.state)), updated);
        } catch (error) {
          report(error);
        }
      });
    });
    return button;
  });
  const last = idea.lastChange;
  if (last && context.me !== null && last.byId === context.me) {
    const undo = h('button', { type: 'button', class: 'secondary undo' }, t.undo);
    undo.addEventListener('click', () => {
      setChildren(problem);
      void busy(undo, async () => {
        try {
          const { idea: updated } = await ideaCall<IdeaChanged>('POST', ideaPath(idea.id, 'undo'));
          context.changed(t.undone(updated.title, stateText(updated.state)), null);
        } catch (error) {
          report(error);
        }
      });
    });
    buttons.push(undo);
  }

  const eventsId = `${prefix}-${idea.id}-events`;
  const events = h('section', {
    id: eventsId,
    class: 'idea-events-box',
    hidden: true,
    'aria-label': t.eventsTitle(idea.title),
  });
  const toggle = h(
    'button',
    { type: 'button', class: 'link-button', 'aria-expanded': 'false', 'aria-controls': eventsId },
    t.eventsShow,
  );
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') === 'true';
    if (open) {
      toggle.setAttribute('aria-expanded', 'false');
      events.hidden = true;
      return;
    }
    void busy(toggle, async () => {
      try {
        const answer = await ideaCall<IdeaEvents>('GET', ideaPath(idea.id, 'events'));
        setChildren(events, eventLines(answer.events));
        events.hidden = false;
        toggle.setAttribute('aria-expanded', 'true');
      } catch (error) {
        report(error);
      }
    });
  });

  return h(
    'article',
    { class: `idea-card state-${idea.state}`, 'aria-labelledby': headingId, 'data-idea': idea.id },
    h('h3', { id: headingId, tabindex: -1 }, idea.title),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, t.stateLabel),
      h('dd', {}, h('span', { class: `idea-state state-${idea.state}` }, stateText(idea.state))),
      h('dt', {}, t.areaLabel),
      h('dd', {}, areaName(context.details, idea.area)),
      h('dt', {}, t.submittedLabel),
      h('dd', {}, formatDate(idea.submittedAt)),
      ...(last
        ? [
            h('dt', {}, t.lastChangeLabel),
            h('dd', {}, t.lastChange(stateText(last.to), last.by, formatDate(last.at))),
            ...(last.reason ? [h('dt', {}, t.reasonLabel), h('dd', {}, last.reason)] : []),
          ]
        : []),
      idea.mergedInto ? [h('dt', {}, t.mergedIntoLabel), h('dd', {}, titleOf(idea.mergedInto))] : null,
      idea.merged.length > 0
        ? [h('dt', {}, t.mergedLabel), h('dd', {}, idea.merged.map((merged) => merged.title).join('; '))]
        : null,
    ),
    h('p', { class: 'idea-text' }, idea.text),
    contactPart(idea, context, report),
    buttons.length > 0
      ? h('div', { class: 'actions idea-actions', role: 'group', 'aria-label': t.actionsLabel(idea.title) }, ...buttons)
      : null,
    problem,
    h('p', { class: 'events-toggle' }, toggle),
    events,
  );
}
