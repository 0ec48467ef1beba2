// A project's activities (issue 20): recording one in a few seconds on a phone (a meeting just
// ended: the type as large buttons, today's date, a title; area, participants and a note if
// wanted), the list with its filters and removals (activitiesList.ts), and the project's types.
import { h } from '../../common/dom.ts';
import { gx } from '../goalsI18n.ts';
import { getLang } from '../i18n.ts';
import { call } from '../session.ts';
import {
  announce,
  type ErrorTarget,
  errorText,
  field,
  FormErrors,
  input,
  notice,
  setChildren,
  textarea,
  uid,
} from '../ui.ts';
import { activityList } from './activitiesList.ts';
import { typesSection } from './activitiesTypes.ts';
import { appForm, flashNotice, heading, sendForm, show, type ViewContext } from './common.ts';
import { enc, goalsTrail, loadProjectContext, type ProjectGoalsContext, today } from './goalsShared.ts';

const LAST_TYPE = 'bygdpuls.lastActivityType';

/** The types as large buttons: radios whose labels are the buttons. */
function typeChoices(pc: ProjectGoalsContext) {
  const t = gx();
  const lang = getLang();
  const last = localStorage.getItem(LAST_TYPE);
  const chosen = pc.types.some((type) => type.id === last) ? last : pc.types[0]?.id;
  const error = errorText(uid('type-error'));
  const radios = pc.types.map((type) => {
    const id = uid('type');
    const radio = h('input', { type: 'radio', name: 'activity-type', id, value: type.id, checked: type.id === chosen });
    return { radio, row: h('div', { class: 'type-choice' }, radio, h('label', { for: id }, type.label[lang])) };
  });
  const fieldset = h(
    'fieldset',
    { class: 'type-choices', 'aria-describedby': error.id },
    h('legend', {}, t.activityType),
    error,
    ...radios.map((r) => r.row),
  );
  return {
    fieldset,
    error,
    first: radios.find((r) => r.radio.checked)?.radio ?? radios[0]?.radio ?? null,
    value: () => radios.find((r) => r.radio.checked)?.radio.value ?? '',
  };
}

function recordForm(pc: ProjectGoalsContext, projectId: string, saved: () => Promise<void>): HTMLElement {
  const t = gx();
  const types = typeChoices(pc);
  const date = field(t.activityDate, input({ type: 'date', name: 'date', value: today(), required: true }));
  const title = field(
    t.activityTitle,
    input({ type: 'text', name: 'title', autocomplete: 'off', required: true }),
    t.activityTitleHint,
  );
  const areas = pc.details.project.areas;
  const area =
    areas.length > 0
      ? field(
          `${t.activityArea} ${t.optional}`,
          h(
            'select',
            { name: 'area' },
            h('option', { value: '' }, t.wholeProject),
            ...areas.map((a) => h('option', { value: a.id }, a.name)),
          ),
        )
      : null;
  const participants = field(
    `${t.activityParticipants} ${t.optional}`,
    input({ type: 'number', name: 'participants', min: 0, step: 1, inputmode: 'numeric' }),
  );
  const note = field(t.activityNote, textarea({ name: 'note', rows: 3 }));
  const done = h('div', { role: 'status' });
  const errors = new FormErrors((name): ErrorTarget | null => {
    const target = (f: { error: HTMLElement; control: Element } | null, label: string) =>
      f ? { error: f.error, control: f.control, label } : null;
    if (name === 'type') return { error: types.error, control: types.first, label: t.activityType };
    if (name === 'date') return target(date, t.activityDate);
    if (name === 'title') return target(title, t.activityTitle);
    if (name === 'area') return target(area, t.activityArea);
    if (name === 'participants') return target(participants, t.activityParticipants);
    if (name === 'note') return target(note, t.activityNote);
    return null;
  });
  const submit = h('button', { type: 'submit' }, t.saveActivity);
  return appForm(
    { class: 'quick-form', 'aria-labelledby': 'record-heading' },
    errors,
    submit,
    [
      h('h2', { id: 'record-heading' }, t.recordTitle),
      done,
      types.fieldset,
      h('div', { class: 'field-row' }, date.row, participants.row),
      title.row,
      area?.row ?? null,
      h('details', { class: 'more' }, h('summary', {}, t.moreDetails), note.row),
    ],
    () => {
      const type = types.value();
      const name = title.control.value.trim();
      const missing = [
        ...(type ? [] : [{ field: 'type', message: t.typeMissing }]),
        ...(name ? [] : [{ field: 'title', message: t.titleMissing }]),
      ];
      if (errors.show(missing)) return;
      void sendForm(submit, errors, async () => {
        const count = participants.control.value.trim();
        const body = {
          type,
          date: date.control.value,
          title: name,
          ...(area?.control.value ? { area: area.control.value } : {}),
          ...(count ? { participants: Number(count) } : {}),
          ...(note.control.value.trim() ? { note: note.control.value.trim() } : {}),
        };
        await call<{ id: string }>('POST', `/api/projects/${enc(projectId)}/activities`, body);
        errors.clear();
        localStorage.setItem(LAST_TYPE, type);
        const message = t.activitySaved(name);
        setChildren(done, notice('success', h('p', {}, message)));
        announce(message);
        title.control.value = '';
        participants.control.value = '';
        note.control.value = '';
        await saved();
        title.control.focus();
      });
    },
  );
}

export async function renderActivities(context: ViewContext, route: { projectId: string }): Promise<void> {
  const t = gx();
  const pc = await loadProjectContext(route.projectId);
  const list = activityList(pc, route.projectId, context.signal);
  show(
    context,
    goalsTrail(pc.details, t.activitiesTitle),
    heading(t.activitiesTitle),
    flashNotice(),
    h('p', { class: 'hint' }, t.activitiesIntro),
    recordForm(pc, route.projectId, list.refresh),
    list.section,
    typesSection(pc, route.projectId),
  );
  await list.refresh();
}
