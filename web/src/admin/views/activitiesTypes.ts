// The project's activity types (the defaults and its own), and a form to add one with its Swedish
// and English labels; the id is made from the Swedish label unless given.
import type { ActivityTypeList } from '../../../../functions/api/contract.ts';
import { h } from '../../common/dom.ts';
import { gx } from '../goalsI18n.ts';
import { rerender } from '../router.ts';
import { call } from '../session.ts';
import { type ErrorTarget, field, FormErrors, input } from '../ui.ts';
import { appForm, sendForm } from './common.ts';
import { enc, type ProjectGoalsContext } from './goalsShared.ts';

/** An id from a label: "Skördemarknad på torget" -> "skordemarknad_pa_torget". */
export function typeIdOf(label: string): string {
  const id = label
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64);
  return /^[a-z]/.test(id) ? id : `t_${id}`.slice(0, 64);
}

export function typesSection(pc: ProjectGoalsContext, projectId: string): HTMLElement {
  const t = gx();
  const sv = field(t.typeLabelSv, input({ type: 'text', name: 'labelSv', autocomplete: 'off' }));
  const en = field(t.typeLabelEn, input({ type: 'text', name: 'labelEn', autocomplete: 'off' }));
  const id = field(
    `${t.typeId} ${t.optional}`,
    input({ type: 'text', name: 'typeId', autocomplete: 'off', spellcheck: 'false' }),
    t.typeIdHint,
  );
  const errors = new FormErrors((name): ErrorTarget | null => {
    if (name === 'id') return { error: id.error, control: id.control, label: t.typeId };
    if (name === 'label.sv') return { error: sv.error, control: sv.control, label: t.typeLabelSv };
    if (name === 'label.en') return { error: en.error, control: en.control, label: t.typeLabelEn };
    return null;
  });
  const submit = h('button', { type: 'submit', class: 'secondary' }, t.addType);
  const form = appForm(
    { 'aria-labelledby': 'add-type-heading' },
    errors,
    submit,
    [h('h3', { id: 'add-type-heading' }, t.addType), h('div', { class: 'field-row' }, sv.row, en.row), id.row],
    () => {
      void sendForm(submit, errors, async () => {
        const label = { sv: sv.control.value.trim(), en: en.control.value.trim() || sv.control.value.trim() };
        const body = { id: id.control.value.trim() || typeIdOf(label.sv), label };
        await call<ActivityTypeList>('POST', `/api/projects/${enc(projectId)}/activity-types`, body);
        rerender({ kind: 'success', text: t.typeAdded(label.sv) }, '#types-heading');
      });
    },
  );
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'types-heading' },
    h('h2', { id: 'types-heading', tabindex: -1 }, t.typesTitle),
    h('p', { class: 'hint' }, t.typesIntro),
    h(
      'ul',
      { class: 'type-list' },
      ...pc.types.map((type) =>
        h('li', {}, `${type.label.sv} / ${type.label.en} `, h('span', { class: 'hint' }, `(${type.id})`)),
      ),
    ),
    form,
  );
}
