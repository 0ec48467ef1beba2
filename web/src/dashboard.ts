// The evaluators' dashboard (/dashboard/:projectId) and its printable report
// (/report/:projectId): both pages load this bundle; the path says which one to draw.
import { currentLang } from './common/langChoice.ts';
import { takeToken } from './common/session.ts';
import { readWanted, startPage, type PageState } from './dashboard/pages.ts';

const [, kind, id] = location.pathname.split('/');
const mode = kind === 'report' ? 'report' : 'dashboard';
document.body.classList.toggle('page-report', mode === 'report');

const state: PageState = {
  mode,
  projectId: decodeURIComponent(id ?? ''),
  lang: currentLang(),
  // Read (and wiped from the address bar) before anything else happens.
  token: takeToken(),
  project: null,
  data: null,
  wanted: readWanted(),
};

void startPage(state);
