// The letters of a batch of invitation codes, ready to print: one, two or four per A4 page, each
// with the survey address, the code and a QR code of the personal link. The codes exist only in
// this tab (the API shows them once), so a reload leaves nothing to print. Each letter ends with
// the project's idea page (a QR code and its short address): sharing an idea needs no code.
import { h } from '../../common/dom.ts';
import { batchOf, personalLink, surveyAddress, type CodeBatch } from '../codes.ts';
import { tx } from '../i18n.ts';
import { ideaPageAddress, itx } from '../ideasI18n.ts';
import { link } from '../router.ts';
import { qrSvgDataUrl } from '../qr.ts';
import { radioGroup, setChildren } from '../ui.ts';
import { heading, loadRound, projectTrail, show, type ViewContext } from './common.ts';
import { loadIdeaStyles } from './ideasShared.ts';

const LAYOUTS = ['1', '2', '4'] as const;
type Layout = (typeof LAYOUTS)[number];
const LAYOUT_KEY = 'bygdpuls.lettersPerPage';

/** The letter's last part: the idea page, as a QR code and as an address to type. */
function ideaStrip(projectId: string): HTMLElement {
  const t = itx();
  const address = ideaPageAddress(projectId);
  return h(
    'div',
    { class: 'letter-ideas' },
    h('img', { class: 'qr-small', src: qrSvgDataUrl(address), alt: t.letterIdeasQrAlt, width: 96, height: 96 }),
    h(
      'div',
      {},
      h('p', { class: 'letter-ideas-heading' }, t.letterIdeasHeading),
      h('p', { class: 'letter-ideas-body' }, t.letterIdeasBody),
      h('p', { class: 'letter-ideas-address' }, address.replace(/^https?:\/\//, '')),
    ),
  );
}

function letter(batch: CodeBatch, code: string, index: number, ideas: HTMLElement): HTMLElement {
  const t = tx();
  const headingId = `letter-${index}`;
  return h(
    'article',
    { class: 'letter', 'aria-labelledby': headingId },
    h('p', { class: 'letter-project' }, batch.projectName),
    h('h2', { id: headingId, class: 'letter-heading' }, t.letterHeading),
    h('p', { class: 'letter-body' }, t.letterBody),
    h(
      'div',
      { class: 'letter-answer' },
      h('img', {
        class: 'qr',
        src: qrSvgDataUrl(personalLink(batch.roundId, code)),
        alt: t.qrAlt(code),
        width: 160,
        height: 160,
      }),
      h(
        'div',
        { class: 'letter-how' },
        h('p', {}, t.letterHowTo),
        h('p', { class: 'letter-label' }, t.letterAddress),
        h('p', { class: 'letter-address' }, surveyAddress(batch.roundId)),
        h('p', { class: 'letter-label' }, t.letterCode),
        h('p', { class: 'letter-code' }, code),
        h('p', { class: 'letter-note' }, t.letterCodeNote),
      ),
    ),
    ideas.cloneNode(true),
  );
}

function sheets(batch: CodeBatch, perPage: Layout, projectId: string): HTMLElement {
  const n = Number(perPage);
  const ideas = ideaStrip(projectId);
  const pages: HTMLElement[] = [];
  for (let start = 0; start < batch.codes.length; start += n) {
    pages.push(
      h(
        'div',
        { class: 'sheet' },
        ...batch.codes.slice(start, start + n).map((code, i) => letter(batch, code, start + i, ideas)),
      ),
    );
  }
  return h('div', { class: `letters per-page-${perPage}` }, ...pages);
}

export async function renderLetters(
  context: ViewContext,
  route: { projectId: string; roundId: string },
): Promise<void> {
  const t = tx();
  const [{ details, counts }] = await Promise.all([loadRound(route), loadIdeaStyles()]);
  const { project } = details;
  const round = counts.round;
  const batch = batchOf(round.id);
  const back = link({ view: 'round', projectId: project.id, roundId: round.id }, t.backToRound);
  const trail = projectTrail(
    project,
    { label: round.name, route: { view: 'round', projectId: project.id, roundId: round.id } },
    { label: t.lettersTitle },
  );
  if (!batch || batch.codes.length === 0) {
    show(
      context,
      trail,
      heading(t.lettersTitle),
      h('div', { class: 'notice' }, h('p', {}, t.lettersNone)),
      h('p', {}, back),
    );
    return;
  }
  const stored = localStorage.getItem(LAYOUT_KEY);
  let perPage: Layout = (LAYOUTS as readonly string[]).includes(stored ?? '') ? (stored as Layout) : '1';
  const output = h('div', { class: 'letters-output' }, sheets(batch, perPage, project.id));
  const layout = radioGroup(
    t.lettersPerPage,
    'per-page',
    LAYOUTS.map((value) => ({ value, label: value })),
    perPage,
    (value) => {
      perPage = value as Layout;
      localStorage.setItem(LAYOUT_KEY, perPage);
      setChildren(output, sheets(batch, perPage, project.id));
    },
  );
  layout.fieldset.classList.add('inline-choices');
  const print = h('button', { type: 'button' }, t.print);
  print.addEventListener('click', () => window.print());
  show(
    context,
    h('div', { class: 'no-print' }, trail),
    h(
      'div',
      { class: 'letters-toolbar no-print' },
      heading(t.lettersTitle),
      h('p', {}, t.lettersIntro),
      layout.fieldset,
      h('div', { class: 'actions' }, print, back),
    ),
    output,
  );
  context.main.classList.add('letters-view');
  context.signal.addEventListener('abort', () => context.main.classList.remove('letters-view'));
}
