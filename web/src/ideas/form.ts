// The form of the idea page: title, text, area, and contact details with a consent box that is
// needed only when a name or an address is given. The API checks everything and answers in the
// resident's language; its errors are shown at their fields and listed in a summary that takes the
// focus. What the resident has typed is kept in a draft, so that a new language or an error keeps it.
import { h } from '../common/dom.ts';
import type { Texts } from './texts.ts';

export interface Draft {
  title: string;
  text: string;
  area: string;
  name: string;
  email: string;
  consent: boolean;
}

export interface FieldError {
  field: string;
  message: string;
}

export const emptyDraft = (): Draft => ({ title: '', text: '', area: '', name: '', email: '', consent: false });

/** The body the API expects: empty optional fields left out, consent only with contact details. */
export function ideaBody(draft: Draft): Record<string, unknown> {
  const name = draft.name.trim();
  const email = draft.email.trim();
  const contact = name || email ? { ...(name ? { name } : {}), ...(email ? { email } : {}) } : null;
  return {
    title: draft.title.trim(),
    text: draft.text.trim(),
    ...(draft.area ? { area: draft.area } : {}),
    ...(contact ? { contact } : {}),
    ...(contact && draft.consent ? { consent: true } : {}),
  };
}

type Key = keyof Draft;

/** The form's field an API error names (contact.email is the address field, and so on). */
export function fieldOf(name: string): Key | null {
  if (name === 'title' || name === 'text' || name === 'area' || name === 'consent') return name;
  if (name === 'contact.email') return 'email';
  if (name === 'contact.name' || name === 'contact') return 'name';
  return null;
}

const ID: Record<Key, string> = {
  title: 'idea-title',
  text: 'idea-text',
  area: 'idea-area',
  name: 'idea-name',
  email: 'idea-email',
  consent: 'idea-consent',
};

export interface FormProps {
  t: Texts;
  areas: { id: string; name: string }[];
  draft: Draft;
  errors: readonly FieldError[];
  /** A message about the whole form (429, no connection). */
  problem: string | null;
  sending: boolean;
  onSubmit: () => void;
}

export function ideaForm(props: FormProps): HTMLFormElement {
  const { t, draft, errors } = props;
  const errorsOf = (key: Key) => errors.filter((error) => fieldOf(error.field) === key).map((e) => e.message);
  const labels: Record<Key, string> = {
    title: t.title,
    text: t.text,
    area: t.area,
    name: t.name,
    email: t.email,
    consent: t.consent,
  };

  /** A control's hint and error, linked to it for screen readers. */
  const parts = (key: Key, control: HTMLElement, hint: string | null) => {
    const messages = errorsOf(key);
    const hintId = hint ? `${ID[key]}-hint` : null;
    const errorId = messages.length > 0 ? `${ID[key]}-error` : null;
    const described = [hintId, errorId].filter(Boolean).join(' ');
    if (described) control.setAttribute('aria-describedby', described);
    if (errorId) control.setAttribute('aria-invalid', 'true');
    return {
      hint: hintId ? h('p', { class: 'hint', id: hintId }, hint) : null,
      error: errorId ? h('p', { class: 'field-error', id: errorId }, ...messages.map((m) => h('span', {}, m))) : null,
    };
  };
  const row = (key: Key, control: HTMLElement, hint: string | null, required: boolean) => {
    const { hint: hintNode, error } = parts(key, control, hint);
    return h(
      'div',
      { class: 'field' },
      h(
        'label',
        { for: ID[key] },
        labels[key],
        ' ',
        h('span', { class: 'field-note' }, `(${required ? t.required : t.optional})`),
      ),
      hintNode,
      error,
      control,
    );
  };
  const text = <K extends 'title' | 'name' | 'email'>(
    key: K,
    attributes: Record<string, string | number | boolean>,
  ) => {
    const control = h('input', { id: ID[key], name: key, type: 'text', ...attributes });
    control.value = draft[key];
    control.addEventListener('input', () => {
      draft[key] = control.value;
      if (key !== 'title') updateConsent();
    });
    return control;
  };

  const title = text('title', { maxlength: 120, autocomplete: 'off', required: true });
  const body = h('textarea', { id: ID.text, name: 'text', rows: 6, maxlength: 4000, required: true });
  body.value = draft.text;
  body.addEventListener('input', () => (draft.text = body.value));
  const area = h(
    'select',
    { id: ID.area, name: 'area' },
    h('option', { value: '' }, t.areaNone),
    ...props.areas.map((a) => h('option', { value: a.id, selected: a.id === draft.area }, a.name)),
  );
  area.addEventListener('change', () => (draft.area = area.value));
  const name = text('name', { autocomplete: 'name', maxlength: 100 });
  const email = text('email', { type: 'email', autocomplete: 'email', maxlength: 200, spellcheck: 'false' });
  const consent = h('input', { id: ID.consent, name: 'consent', type: 'checkbox', checked: draft.consent });
  consent.addEventListener('change', () => (draft.consent = consent.checked));
  const consentParts = parts('consent', consent, t.consentHint);
  /** The box is required exactly when contact details are given. */
  function updateConsent(): void {
    const needed = draft.name.trim() !== '' || draft.email.trim() !== '';
    consent.setAttribute('aria-required', String(needed));
  }
  updateConsent();

  const summary =
    errors.length > 0 || props.problem
      ? h(
          'div',
          { class: 'notice error form-problem', role: 'alert', tabindex: -1 },
          errors.length > 0 ? h('p', {}, h('strong', {}, t.fixErrors)) : null,
          errors.length > 0
            ? h(
                'ul',
                {},
                ...errors.map((error) => {
                  const key = fieldOf(error.field);
                  const label = key ? `${labels[key]}: ` : '';
                  return h(
                    'li',
                    {},
                    key
                      ? h('a', { href: `#${ID[key]}`, onclick: focusField(ID[key]) }, `${label}${error.message}`)
                      : error.message,
                  );
                }),
              )
            : null,
          props.problem ? h('p', {}, props.problem) : null,
        )
      : null;

  const submit = h(
    'button',
    { type: 'submit', class: 'send', 'aria-disabled': props.sending ? 'true' : undefined },
    props.sending ? t.sending : t.send,
  );
  const form = h(
    'form',
    { class: 'idea-form', novalidate: true, 'aria-labelledby': 'form-heading' },
    summary,
    row('title', title, t.titleHint, true),
    row('text', body, t.textHint, true),
    props.areas.length > 0 ? row('area', area, t.areaHint, false) : null,
    h(
      'fieldset',
      { class: 'contact', 'aria-describedby': 'contact-hint' },
      h('legend', {}, t.contactLegend),
      h('p', { class: 'hint', id: 'contact-hint' }, t.contactHint),
      row('name', name, null, false),
      row('email', email, null, false),
      h(
        'div',
        { class: 'field check' },
        consentParts.error,
        h('div', { class: 'check-row' }, consent, h('label', { for: ID.consent }, t.consent)),
        consentParts.hint,
      ),
    ),
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!props.sending) props.onSubmit();
  });
  return form;
}

function focusField(id: string): EventListener {
  return (event) => {
    event.preventDefault();
    const element = document.getElementById(id);
    element?.focus();
    element?.scrollIntoView({ block: 'center' });
  };
}
