// The recorded activities: filtered by type, area and dates (the API's filters), removed ones
// hidden unless asked for, newest first; each removable with a reason (an event: the activity
// stays in the history and counts nowhere after).
import type { Activity, ActivityList } from '../../../../functions/api/contract.ts';
import { h } from '../../common/dom.ts';
import { formatNumber } from '../../common/lang.ts';
import { gx } from '../goalsI18n.ts';
import { getLang } from '../i18n.ts';
import { call, describeError } from '../session.ts';
import { announce, busy, field, input, notice, setChildren } from '../ui.ts';
import { dayText, enc, type ProjectGoalsContext } from './goalsShared.ts';

function select(name: string, all: string, options: { value: string; label: string }[]): HTMLSelectElement {
  return h(
    'select',
    { name },
    h('option', { value: '' }, all),
    ...options.map((o) => h('option', { value: o.value }, o.label)),
  );
}

/** The list's section and how to load it again (after a new record or a removal). */
export function activityList(
  pc: ProjectGoalsContext,
  projectId: string,
  signal: AbortSignal,
): { section: HTMLElement; refresh: () => Promise<void> } {
  const t = gx();
  const lang = getLang();
  const typeLabel = (id: string) => pc.types.find((type) => type.id === id)?.label[lang] ?? id;
  const areaName = (id: string) => pc.details.project.areas.find((a) => a.id === id)?.name ?? id;
  const type = field(
    t.filterType,
    select(
      'filter-type',
      t.filterAll,
      pc.types.map((x) => ({ value: x.id, label: x.label[lang] })),
    ),
  );
  const area = field(
    t.filterArea,
    select(
      'filter-area',
      t.filterAll,
      pc.details.project.areas.map((a) => ({ value: a.id, label: a.name })),
    ),
  );
  const from = field(t.filterFrom, input({ type: 'date', name: 'from' }));
  const to = field(t.filterTo, input({ type: 'date', name: 'to' }));
  const showRemoved = h('input', { type: 'checkbox', id: 'filter-removed', name: 'removed' });
  const status = h('p', { class: 'hint', role: 'status', id: 'activity-count', tabindex: -1 });
  const list = h('ul', { class: 'activity-list' });
  const filters = h(
    'form',
    { class: 'filters', 'aria-label': t.filterLegend },
    type.row,
    area.row,
    from.row,
    to.row,
    h(
      'div',
      { class: 'field' },
      h('div', { class: 'choice' }, showRemoved, h('label', { for: 'filter-removed' }, t.filterRemoved)),
    ),
    h('div', { class: 'field' }, h('button', { type: 'submit', class: 'secondary' }, t.applyFilter)),
  );

  const refresh = async () => {
    const query = new URLSearchParams();
    for (const [key, control] of [
      ['type', type.control],
      ['area', area.control],
      ['from', from.control],
      ['to', to.control],
    ] as const)
      if (control.value) query.set(key, control.value);
    try {
      const answer = await call<ActivityList>(
        'GET',
        `/api/projects/${enc(projectId)}/activities${query.toString() ? `?${query}` : ''}`,
      );
      if (signal.aborted) return;
      const all = [...answer.activities].sort(
        (a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt),
      );
      const shown = showRemoved.checked ? all : all.filter((a) => !a.removed);
      status.textContent = shown.length === 0 ? t.noActivities : t.activityCount(shown.length, all.length);
      setChildren(list, ...shown.map((activity) => item(activity)));
    } catch (error) {
      setChildren(list, h('li', {}, notice('error', h('p', { role: 'alert' }, describeError(error)))));
    }
  };
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    void refresh();
  });
  showRemoved.addEventListener('change', () => void refresh());

  function item(activity: Activity): HTMLElement {
    const details = [
      activity.area ? areaName(activity.area) : null,
      activity.participants === null ? null : t.participants(formatNumber(activity.participants, lang, 0)),
    ].filter(Boolean);
    const li = h(
      'li',
      { class: `activity-item${activity.removed ? ' removed' : ''}`, 'data-activity': activity.id },
      h(
        'div',
        { class: 'activity-line' },
        h('span', {}, dayText(activity.date)),
        h('span', { class: 'badge' }, typeLabel(activity.type)),
        h('span', { class: 'activity-title' }, activity.title),
      ),
      details.length > 0 ? h('p', { class: 'hint' }, details.join(' · ')) : null,
      activity.note ? h('p', { class: 'hint' }, activity.note) : null,
      activity.removed
        ? h('p', { class: 'hint', 'data-field': 'removed' }, t.removed(activity.removed.reason ?? ''))
        : null,
    );
    if (!activity.removed) li.append(removeControls(activity, li));
    return li;
  }

  function removeControls(activity: Activity, li: HTMLElement): HTMLElement {
    const box = h('div', { class: 'actions' });
    const open = h(
      'button',
      { type: 'button', class: 'secondary', 'aria-expanded': 'false' },
      t.remove,
      h('span', { class: 'visually-hidden' }, `: ${activity.title}`),
    );
    box.append(open);
    open.addEventListener('click', () => {
      open.setAttribute('aria-expanded', 'true');
      const reason = field(
        t.removeReason,
        input({ type: 'text', name: 'reason', autocomplete: 'off' }),
        t.removeReasonHint,
      );
      const confirm = h('button', { type: 'submit', class: 'danger' }, t.confirmRemove);
      const cancel = h('button', { type: 'button', class: 'secondary' }, t.cancel);
      const form = h(
        'form',
        { class: 'removal', 'aria-label': t.removeWhat(activity.title), novalidate: true },
        reason.row,
        h('div', { class: 'actions' }, confirm, cancel),
      );
      cancel.addEventListener('click', () => {
        form.remove();
        open.setAttribute('aria-expanded', 'false');
        open.focus();
      });
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const why = reason.control.value.trim();
        if (!why) {
          reason.error.hidden = false;
          setChildren(reason.error, h('span', {}, t.removeReasonMissing));
          reason.control.setAttribute('aria-invalid', 'true');
          reason.control.focus();
          return;
        }
        void busy(confirm, async () => {
          try {
            await call('POST', `/api/projects/${enc(projectId)}/activities/${enc(activity.id)}/removal`, {
              reason: why,
            });
            announce(t.activityRemoved(activity.title));
            await refresh();
            status.focus();
          } catch (error) {
            reason.error.hidden = false;
            setChildren(reason.error, h('span', { role: 'alert' }, describeError(error)));
          }
        });
      });
      li.append(form);
      reason.control.focus();
    });
    return box;
  }

  const section = h(
    'section',
    { 'aria-labelledby': 'list-heading' },
    h('h2', { id: 'list-heading' }, t.listTitle),
    filters,
    status,
    list,
  );
  return { section, refresh };
}
