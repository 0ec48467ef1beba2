// The evaluators' dashboard (/dashboard/:projectId) and its printable report
// (/report/:projectId): both pages load this bundle; the path says which one to draw.
import { currentLang } from './common/langChoice.ts';
import { exchangeSignInCode, storedToken, takeFromAddress } from './common/session.ts';
import { readWanted, startPage, type PageState } from './dashboard/pages.ts';

// Read (and wiped from the address bar) before anything else happens.
const fromAddress = takeFromAddress();
const [, kind, id] = location.pathname.split('/');
const mode = kind === 'report' ? 'report' : 'dashboard';
document.body.classList.toggle('page-report', mode === 'report');

const state: PageState = {
  mode,
  projectId: decodeURIComponent(id ?? ''),
  lang: currentLang(),
  token: fromAddress.token ?? storedToken(),
  project: null,
  data: null,
  wanted: readWanted(),
};

void (async () => {
  // A one-time sign-in code (a printed or shared link) becomes a token for this tab; a spent one
  // leaves the page asking for a token, as without one.
  if (fromAddress.signInCode) state.token = (await exchangeSignInCode(fromAddress.signInCode)) ?? state.token;
  await startPage(state);
})();
