// The admin pages' shell: the header (name, language switch, sign-out), the sign-in gate, and
// which view the address shows. Each view renders into <main>.
import { ApiError } from '../common/api.ts';
import { clear, h } from '../common/dom.ts';
import { getLang, setLang, tx } from './i18n.ts';
import { parseRoute, setRenderer, takeFocusRequest, type Route } from './router.ts';
import { currentToken, describeError, initSession, signOut, SignedOutError } from './session.ts';
import { liveRegionElement, notice, setChildren } from './ui.ts';
import type { ViewContext } from './views/common.ts';
import { renderLetters } from './views/letters.ts';
import { renderNewProject } from './views/newProject.ts';
import { renderProject } from './views/project.ts';
import { renderProjects } from './views/projects.ts';
import { renderQuestionnaire } from './views/questionnaire.ts';
import { renderRound } from './views/round.ts';
import { renderSignIn } from './views/signIn.ts';
import { GOAL_VIEWS } from './views/goalsRoutes.ts';
import { IDEA_VIEWS } from './views/ideasRoutes.ts';

let controller: AbortController | null = null;
let signInMessage: { kind: 'error' | 'info'; text: string } | null = null;
const header = h('header', { class: 'admin-header no-print' });

function renderHeader(): void {
  const t = tx();
  clear(header);
  const signedIn = currentToken() !== null;
  const home = h(
    'a',
    { href: '/admin', class: 'brand' },
    h('span', { class: 'brand-name' }, t.appName),
    h('span', { class: 'brand-part' }, t.adminTitle),
  );
  home.addEventListener('click', (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    history.pushState(null, '', '/admin');
    render(true);
  });
  const langButton = h('button', { type: 'button', class: 'secondary', lang: t.switchLanguageLang }, t.switchLanguage);
  langButton.addEventListener('click', () => {
    setLang(getLang() === 'sv' ? 'en' : 'sv');
    // A ?lang= in the address would override the choice on the next load.
    const url = new URL(location.href);
    if (url.searchParams.has('lang')) {
      url.searchParams.delete('lang');
      history.replaceState(null, '', url.pathname + url.search + url.hash);
    }
    render(false);
    document.querySelector<HTMLElement>('.admin-header button[lang]')?.focus();
  });
  const tools = h('div', { class: 'header-tools' }, langButton);
  if (signedIn) {
    const out = h('button', { type: 'button', class: 'secondary' }, t.signOut);
    out.addEventListener('click', () => {
      signOut();
      signInMessage = { kind: 'info', text: tx().signedOut };
      render(true);
    });
    tools.append(out);
  }
  header.append(h('div', { class: 'header-inner' }, home, tools));
}

const VIEWS: Record<Route['view'], (context: ViewContext, route: never) => Promise<void>> = {
  projects: renderProjects,
  'new-project': renderNewProject,
  project: renderProject,
  questionnaire: renderQuestionnaire,
  round: renderRound,
  letters: renderLetters,
  ...GOAL_VIEWS,
  ...IDEA_VIEWS,
};

export function render(focus: boolean): void {
  controller?.abort();
  controller = new AbortController();
  const signal = controller.signal;
  const t = tx();
  document.documentElement.lang = getLang();
  const skip = document.querySelector('.skip-link');
  if (skip) skip.textContent = t.skipLink;
  renderHeader();
  const main = document.getElementById('main')!;
  const context: ViewContext = { main, signal };
  const focusHeading = () => {
    const requested = takeFocusRequest();
    if (!focus || signal.aborted) return;
    const target =
      (requested ? main.querySelector<HTMLElement>(requested) : null) ?? main.querySelector<HTMLElement>('h1');
    target?.focus();
  };

  if (!currentToken()) {
    const message = signInMessage;
    signInMessage = null;
    renderSignIn(context, message, () => render(true));
    focusHeading();
    return;
  }
  const route = parseRoute(location.search);
  setChildren(main, h('p', { class: 'loading', role: 'status' }, t.loading));
  VIEWS[route.view](context, route as never)
    .then(focusHeading)
    .catch((error: unknown) => {
      if (error instanceof SignedOutError || signal.aborted) return;
      const parts: Node[] = [
        h('h1', { tabindex: -1 }, t.adminTitle),
        notice('error', h('p', { role: 'alert' }, describeError(error))),
      ];
      if (error instanceof ApiError && error.status === 403) {
        // Another kind of token (an evaluator's, kept by the dashboard in this tab) or another project's.
        const other = h('button', { type: 'button', class: 'secondary' }, t.signInOther);
        other.addEventListener('click', () => {
          signOut();
          render(true);
        });
        parts.push(h('p', { class: 'actions' }, other));
      }
      setChildren(main, ...parts);
      focusHeading();
    });
}

export function start(): void {
  // Wipes a token or sign-in code from the address at once; a code is then exchanged for a token.
  const session = initSession((message) => {
    signInMessage = { kind: 'error', text: message };
    render(true);
  });
  document.body.insertBefore(header, document.getElementById('main'));
  document.body.append(liveRegionElement());
  setRenderer(render);
  void session.then((message) => {
    if (message) signInMessage = { kind: 'error', text: message };
    render(false);
  });
}
