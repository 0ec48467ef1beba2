// The moderators' dialogs (native modal <dialog>: the browser keeps the focus inside and closes it
// on Escape): a reason for a change, the idea to merge into, a confirmation. Each resolves to what
// was given, or null when cancelled, and hands the focus back to where it was.
import { h } from '../../common/dom.ts';
import { itx } from '../ideasI18n.ts';
import { uid } from '../ui.ts';

type Check<T> = () => { value: T } | { error: string; control: HTMLElement };

function modal<T>(title: string, parts: (Node | null)[], confirmLabel: string, check: Check<T>): Promise<T | null> {
  const t = itx();
  const opener = document.activeElement as HTMLElement | null;
  const titleId = uid('dialog');
  const errorId = `${titleId}-error`;
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const confirm = h('button', { type: 'submit' }, confirmLabel);
  const cancel = h('button', { type: 'button', class: 'secondary' }, t.cancel);
  const form = h(
    'form',
    { novalidate: true },
    h('h2', { id: titleId }, title),
    error,
    ...parts,
    h('div', { class: 'actions' }, confirm, cancel),
  );
  const dialog = h('dialog', { class: 'idea-dialog', 'aria-labelledby': titleId }, form);
  document.body.append(dialog);
  return new Promise<T | null>((resolve) => {
    let result: T | null = null;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const checked = check();
      if ('error' in checked) {
        error.textContent = checked.error;
        error.hidden = false;
        checked.control.setAttribute('aria-invalid', 'true');
        checked.control.setAttribute('aria-describedby', errorId);
        checked.control.focus();
        return;
      }
      result = checked.value;
      dialog.close();
    });
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (opener?.isConnected) opener.focus();
      resolve(result);
    });
    dialog.showModal();
  });
}

/** A reason for a change: required for rejections and "not prioritised", optional otherwise. */
export function askReason(title: string, hint: string, required: boolean): Promise<string | undefined | null> {
  const t = itx();
  const id = uid('reason');
  const text = h('textarea', { id, rows: 4, maxlength: 1000, 'aria-describedby': `${id}-hint` });
  return modal<string | undefined>(
    title,
    [h('label', { for: id }, t.reasonLabel), h('p', { class: 'hint', id: `${id}-hint` }, hint), text],
    t.confirm,
    () => {
      const value = text.value.trim();
      if (required && !value) return { error: t.reasonMissing, control: text };
      return { value: value || undefined };
    },
  );
}

/** The idea to merge into, among the published ones. */
export function askTarget(
  title: string,
  intro: string,
  choices: { id: string; label: string }[],
): Promise<string | null> {
  const t = itx();
  const id = uid('target');
  const select = h(
    'select',
    { id, class: 'wide' },
    h('option', { value: '' }, t.mergeChoose),
    ...choices.map((choice) => h('option', { value: choice.id }, choice.label)),
  );
  return modal<string>(title, [h('p', {}, intro), h('label', { for: id }, t.mergeTarget), select], t.confirm, () =>
    select.value ? { value: select.value } : { error: t.mergeMissing, control: select },
  );
}

/** Yes or no to something that cannot be taken back. */
export async function confirmDialog(title: string, text: string, confirmLabel: string): Promise<boolean> {
  return (await modal(title, [h('p', {}, text)], confirmLabel, () => ({ value: true }))) === true;
}
