// Closing and opening a round, the same on the project page and the round page: closing stops the
// answers, so it is asked for first, in the page (not a browser dialog), and what happened is said
// where the button is and announced to screen readers.
import { h } from '../../common/dom.ts';
import { tx } from '../i18n.ts';
import { call, describeError } from '../session.ts';
import { announce, busy } from '../ui.ts';
import type { RoundSummary } from '../types.ts';

export interface RoundToggle {
  /** The close / open button. */
  button: HTMLButtonElement;
  /** The question before closing, what happened and any error: placed after the button's row. */
  panel: HTMLElement;
}

/** `changed` runs with the round as the server now has it (the caller redraws what it shows). */
export function roundToggle(round: RoundSummary, changed: (updated: RoundSummary) => void): RoundToggle {
  const t = tx();
  let current = round;
  const button = h(
    'button',
    { type: 'button', class: 'secondary', 'data-round-toggle': round.id },
    round.status === 'open' ? t.closeRound : t.openRound,
    h('span', { class: 'visually-hidden' }, ` ${round.name}`),
  );
  const message = h('p', { class: 'field-error', role: 'alert', hidden: true });
  const done = h('p', { class: 'hint', 'data-field': 'round-toggled', hidden: true });
  const yes = h('button', { type: 'button', class: 'danger' }, t.confirmClose);
  const no = h('button', { type: 'button', class: 'secondary' }, t.cancel);
  const question = h(
    'div',
    { class: 'confirm', role: 'group', 'aria-label': `${t.closeRound} ${round.name}`, hidden: true },
    h('p', {}, t.closeQuestion(round.name)),
    yes,
    ' ',
    no,
  );
  const toggle = () =>
    busy(button, async () => {
      try {
        const { round: updated } = await call<{ round: RoundSummary }>(
          'POST',
          `/api/rounds/${encodeURIComponent(current.id)}/${current.status === 'open' ? 'close' : 'open'}`,
        );
        current = updated;
        button.firstChild!.textContent = updated.status === 'open' ? t.closeRound : t.openRound;
        message.hidden = true;
        done.textContent = updated.status === 'open' ? t.roundOpened(updated.name) : t.roundClosedWhat(updated.name);
        done.hidden = false;
        announce(updated.status === 'open' ? t.roundOpened(updated.name) : t.roundClosed(updated.name));
        changed(updated);
      } catch (error) {
        message.textContent = describeError(error);
        message.hidden = false;
      }
    });
  no.addEventListener('click', () => {
    question.hidden = true;
    button.focus();
  });
  yes.addEventListener('click', () => {
    question.hidden = true;
    void toggle().then(() => button.focus());
  });
  button.addEventListener('click', () => {
    if (current.status !== 'open') {
      void toggle();
      return;
    }
    question.hidden = false;
    no.focus();
  });
  return { button, panel: h('div', { class: 'round-toggle' }, question, done, message) };
}
