// Building blocks of the admin pages' forms and messages: labelled fields with their hints and
// errors, field errors from the API shown at the fields, notices, announcements and copy buttons.
import { ApiError } from '../common/api.ts';
import { clear, h } from '../common/dom.ts';
import { tx } from './i18n.ts';
import { describeError, SignedOutError } from './session.ts';
import type { FieldError } from './types.ts';

let counter = 0;
/** A page-unique element id. */
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

export interface Field<C extends Control = Control> {
  row: HTMLDivElement;
  control: C;
  error: HTMLParagraphElement;
}

/** Links a control to its hint and error texts. */
function describe(control: Control, hintId: string | null, errorId: string): void {
  control.setAttribute('aria-describedby', [hintId, errorId].filter(Boolean).join(' '));
}

export function errorText(id: string): HTMLParagraphElement {
  const error = h('p', { class: 'field-error', id, hidden: true });
  return error;
}

/** A labelled input (or textarea, or select) with an optional hint and a place for its error. */
export function field<C extends Control>(label: string, control: C, hint?: string): Field<C> {
  if (!control.id) control.id = uid('f');
  const hintId = hint ? `${control.id}-hint` : null;
  const error = errorText(`${control.id}-error`);
  describe(control, hintId, error.id);
  const row = h(
    'div',
    { class: 'field' },
    h('label', { for: control.id }, label),
    hint ? h('p', { class: 'hint', id: hintId! }, hint) : null,
    error,
    control,
  );
  return { row, control, error };
}

export function input(attributes: Record<string, string | number | boolean | undefined>): HTMLInputElement {
  return h('input', { type: 'text', ...attributes });
}

export function textarea(
  attributes: Record<string, string | number | boolean | undefined>,
  value = '',
): HTMLTextAreaElement {
  const element = h('textarea', attributes);
  element.value = value;
  return element;
}

/** A fieldset of radio buttons, each with its own hint after the label. */
export function radioGroup(
  legend: string,
  name: string,
  options: { value: string; label: string; hint?: string }[],
  checked: string,
  onChange?: (value: string) => void,
): { fieldset: HTMLFieldSetElement; error: HTMLParagraphElement; value: () => string; first: HTMLInputElement } {
  const errorId = uid('e');
  const error = errorText(errorId);
  const inputs = options.map((option) => {
    const id = uid('r');
    const radio = h('input', { type: 'radio', name, id, value: option.value, checked: option.value === checked });
    if (onChange) radio.addEventListener('change', () => onChange(option.value));
    return {
      radio,
      row: h(
        'div',
        { class: 'choice' },
        radio,
        h(
          'label',
          { for: id },
          option.label,
          option.hint ? h('span', { class: 'choice-hint' }, ` – ${option.hint}`) : null,
        ),
      ),
    };
  });
  const fieldset = h(
    'fieldset',
    { class: 'choices', 'aria-describedby': errorId },
    h('legend', {}, legend),
    error,
    ...inputs.map((i) => i.row),
  );
  return {
    fieldset,
    error,
    value: () => inputs.find((i) => i.radio.checked)?.radio.value ?? checked,
    first: inputs[0]!.radio,
  };
}

export function notice(
  kind: 'info' | 'error' | 'success' | 'demo',
  ...children: (Node | string | null)[]
): HTMLDivElement {
  return h('div', { class: `notice ${kind === 'info' ? '' : kind}`.trim() }, ...children);
}

let liveRegion: HTMLElement | null = null;

/** The page's polite live region (made once, outside the views, so that changes are announced). */
export function liveRegionElement(): HTMLElement {
  liveRegion ??= h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  return liveRegion;
}

/** Tells screen-reader users about something that happened (a save, a copy). */
export function announce(message: string): void {
  const region = liveRegionElement();
  region.textContent = '';
  // A new text in a later task is announced even when it is the same as before.
  setTimeout(() => {
    region.textContent = message;
  }, 50);
}

/** Where a field's error goes: its error text, its control, its label in the summary. */
export interface ErrorTarget {
  error: HTMLElement;
  control: Element | null;
  label?: string;
  /** Put before the message (e.g. which line of a list it is about). */
  prefix?: string;
}

/**
 * The errors of one form: API field names are mapped to the form's fields, shown under them
 * (with aria-invalid), and listed in a summary at the top that takes the focus.
 */
export class FormErrors {
  private readonly shown: { control: Element | null; error: HTMLElement }[] = [];
  readonly summary: HTMLDivElement;

  constructor(private readonly resolve: (field: string) => ErrorTarget | null) {
    this.summary = h('div', { class: 'notice error error-summary', tabindex: -1, hidden: true });
  }

  clear(): void {
    for (const { control, error } of this.shown) {
      control?.removeAttribute('aria-invalid');
      clear(error);
      error.hidden = true;
    }
    this.shown.length = 0;
    clear(this.summary);
    this.summary.hidden = true;
  }

  /** Shows field errors; returns whether there were any. */
  show(errors: readonly FieldError[]): boolean {
    this.clear();
    if (errors.length === 0) return false;
    const items: HTMLLIElement[] = [];
    for (const { field: name, message } of errors) {
      const target = this.resolve(name);
      if (target) {
        if (target.error.hidden) {
          target.error.hidden = false;
          this.shown.push(target);
        }
        const full = target.prefix ? `${target.prefix}${message}` : message;
        target.error.append(h('span', {}, full));
        target.control?.setAttribute('aria-invalid', 'true');
        const id = target.control?.id;
        const text = target.label ? `${target.label}: ${full}` : full;
        items.push(h('li', {}, id ? h('a', { href: `#${id}`, onclick: focusTarget(id) }, text) : text));
      } else {
        items.push(h('li', {}, name && name !== 'body' ? `${name}: ${message}` : message));
      }
    }
    this.summary.append(h('p', {}, h('strong', {}, tx().fixErrors)), h('ul', {}, ...items));
    this.summary.hidden = false;
    this.summary.setAttribute('role', 'alert');
    this.summary.focus();
    return true;
  }

  /** Shows any error of a call: field errors at their fields, anything else in the summary. */
  showError(error: unknown): void {
    if (error instanceof SignedOutError) return;
    if (error instanceof ApiError && error.status === 400 && error.body?.errors) {
      this.show(error.body.errors);
      return;
    }
    this.clear();
    this.summary.append(h('p', {}, describeError(error)));
    this.summary.hidden = false;
    this.summary.setAttribute('role', 'alert');
    this.summary.focus();
  }
}

function focusTarget(id: string): EventListener {
  return (event) => {
    event.preventDefault();
    const element = document.getElementById(id);
    element?.focus();
    element?.scrollIntoView({ block: 'center' });
  };
}

/** Copies a text to the clipboard; falls back to selecting it in its field. */
export async function copyText(text: string, fallbackField?: HTMLInputElement | HTMLTextAreaElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (fallbackField) {
      fallbackField.focus();
      fallbackField.select();
      try {
        return document.execCommand('copy');
      } catch {
        return false;
      }
    }
    return false;
  }
}

/** A read-only field with a copy button next to it. */
export function copyField(label: string, value: string, buttonLabel: string, extraClass = ''): HTMLDivElement {
  const control = h('input', {
    type: 'text',
    readonly: true,
    value,
    class: `copy-value ${extraClass}`.trim(),
    spellcheck: 'false',
  });
  control.id = uid('c');
  control.addEventListener('focus', () => control.select());
  const status = h('span', { class: 'copy-status', role: 'status' });
  const button = h('button', { type: 'button', class: 'secondary' }, buttonLabel);
  button.addEventListener('click', async () => {
    const ok = await copyText(value, control);
    status.textContent = ok ? tx().copied : tx().copyFailed;
  });
  return h(
    'div',
    { class: 'field copy-field' },
    h('label', { for: control.id }, label),
    h('div', { class: 'copy-row' }, control, button),
    status,
  );
}

/**
 * Runs a call on behalf of a button, once at a time: the button is marked busy (aria-disabled,
 * not disabled, so that it keeps the keyboard focus). Returns undefined when it was busy already.
 */
export async function busy<T>(button: HTMLElement, work: () => Promise<T>): Promise<T | undefined> {
  if (button.getAttribute('aria-busy') === 'true') return undefined;
  button.setAttribute('aria-busy', 'true');
  button.setAttribute('aria-disabled', 'true');
  try {
    return await work();
  } finally {
    button.removeAttribute('aria-busy');
    button.removeAttribute('aria-disabled');
  }
}

/** Replaces an element's children (Element.replaceChildren is newer than the browsers we build for). */
export function setChildren(element: Element, ...nodes: Node[]): void {
  clear(element);
  element.append(...nodes);
}
