// Sign-in: a form for the administrator's token (or #token=... in the address, taken at load).
// The token is checked against the project list before it is kept: 401 and 403 say why not.
import { api, ApiError } from '../../common/api.ts';
import { h } from '../../common/dom.ts';
import { getLang, tx } from '../i18n.ts';
import { describeError, signIn } from '../session.ts';
import { busy, field, FormErrors, notice, setChildren } from '../ui.ts';
import { appForm, heading, type ViewContext } from './common.ts';

export function renderSignIn(
  context: ViewContext,
  message: { kind: 'error' | 'info'; text: string } | null,
  signedIn: () => void,
): void {
  const t = tx();
  const token = field(
    t.tokenLabel,
    h('input', { type: 'password', name: 'token', autocomplete: 'off', spellcheck: 'false', class: 'wide' }),
    t.tokenHint,
  );
  const errors = new FormErrors((name) =>
    name === 'token' ? { error: token.error, control: token.control, label: t.tokenLabel } : null,
  );
  const submit = h('button', { type: 'submit' }, t.signInButton);
  const form = appForm({ class: 'sign-in' }, errors, submit, [token.row], () => {
    const value = token.control.value.trim();
    if (!value) {
      errors.show([{ field: 'token', message: t.tokenMissing }]);
      return;
    }
    void busy(submit, async () => {
      try {
        await api('GET', '/api/projects', { token: value, lang: getLang() });
        signIn(value);
        signedIn();
      } catch (error) {
        if (error instanceof ApiError && error.status === 401)
          errors.show([{ field: 'token', message: t.tokenRejected }]);
        else if (error instanceof ApiError && error.status === 403)
          errors.show([{ field: 'token', message: t.tokenNotAdmin }]);
        else errors.show([{ field: '', message: describeError(error) }]);
      }
    });
  });
  const messageNotice = message ? notice(message.kind, h('p', {}, message.text)) : null;
  if (messageNotice) messageNotice.setAttribute('role', message!.kind === 'error' ? 'alert' : 'status');
  const nodes: (Node | null)[] = [heading(t.signInTitle), messageNotice, h('p', {}, t.signInIntro), form];
  setChildren(context.main, ...nodes.filter((node): node is Node => node !== null));
}
