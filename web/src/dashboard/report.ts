// The printable report (/report/:projectId#baseline=..&followup=.., or #round=.. for one round):
// a page of plain-words summary first, then one compact block per indicator (none for an indicator
// whose every figure is suppressed), the free-text answers, and the notes on the method last.
import { h } from '../common/dom.ts';
import { indicatorBlock } from './block.ts';
import { drawPending, type PendingChart } from './chartBoxes.ts';
import { formatAlpha, formatCount, formatDate } from './format.ts';
import { textQuestion, textsNotice } from './freeText.ts';
import { demoNotice, freshPage, langSwitch, viewHash, type PageState } from './pageParts.ts';
import { readingGuide } from './readingGuide.ts';
import { summarySection } from './summary.ts';
import { allSuppressed, indicatorIds, isPreliminary, oneRoundView, pairView, type View } from './view.ts';

/** The free-text answers of each round, identical answers once with their number. */
export function compactTexts(view: View): HTMLElement | null {
  const { t, w, lang } = view;
  const rounds = view.columns.map((c) => {
    const body: Node[] = [];
    const notice = textsNotice(c.texts, t);
    if (notice) body.push(notice);
    for (const q of c.texts?.questions ?? []) {
      const counted = new Map<string, number>();
      for (const answer of q.answers) counted.set(answer, (counted.get(answer) ?? 0) + 1);
      const sorted = [...counted].sort((a, b) => b[1] - a[1]);
      const answers = sorted.map(([answer, n]) =>
        h('li', {}, answer, n > 1 ? h('span', { class: 'text-same' }, ` ${w.textsSame(formatCount(n, lang))}`) : null),
      );
      body.push(textQuestion(q, view.questions.get(q.question)?.title ?? q.title, answers, view));
    }
    if (body.length === 0) return null;
    const kind = c.which === 'baseline' ? t.baseline : t.followup;
    return h(
      'div',
      { class: 'texts-round', 'data-round': c.which },
      h('h3', {}, c.round.name, h('span', { class: 'round-kind' }, kind)),
      ...body,
    );
  });
  if (rounds.every((r) => r === null)) return null;
  return h(
    'section',
    { class: 'free-texts report-texts', id: 'free-texts', 'aria-labelledby': 'texts-title' },
    h('h2', { id: 'texts-title' }, t.textsTitle),
    h('p', { class: 'hint', 'data-field': 'texts-note' }, t.textsNote),
    rounds,
  );
}

/** The notes for statisticians, last: the method and the index levels. */
function methodNotes(view: View): HTMLElement {
  const { t, w, lang, project } = view;
  const settings = project.settings;
  const weighting = settings.weighting ? settings.weighting.strata.map((s) => t.variables[s] ?? s).join(', ') : null;
  const paragraphs = view.comparison
    ? t.methodText(settings.minGroupSize, formatAlpha(settings.alpha, lang), weighting)
    : w.oneMethod(settings.minGroupSize, weighting);
  const bands = settings.bands ?? [];
  if (bands.length > 0)
    paragraphs.push(w.bands(bands.map((b) => w.bandFrom(b.label[lang], String(b.from))).join(', ')));
  return h(
    'section',
    { class: 'method', 'aria-labelledby': 'method-title' },
    h('h2', { id: 'method-title' }, w.methodTitle),
    paragraphs.map((p) => h('p', {}, p)),
  );
}

export function renderReport(state: PageState, problem: string | undefined, rerender: () => void): void {
  const { t, root, project, data } = freshPage(state);
  const hash = viewHash(state);
  const back = `/dashboard/${encodeURIComponent(project.project.id)}${hash ? `#${hash}` : ''}`;
  root.append(
    h(
      'div',
      { class: 'report-bar no-print' },
      h('button', { type: 'button', id: 'print', onclick: () => window.print() }, t.print),
      h('a', { class: 'button secondary', href: back }, t.backToDashboard),
      langSwitch(state, rerender),
    ),
  );
  const view = data
    ? pairView(data, state.lang, 'report')
    : state.round
      ? oneRoundView(state.round, state.lang, 'report')
      : null;
  if (!view) {
    root.append(
      h('h1', {}, project.project.name),
      h('div', { class: 'notice error', role: 'alert' }, h('p', {}, problem ?? t.loadFailed)),
    );
    return;
  }
  const { w } = view;
  const one = view.columns.length === 1 ? view.columns[0]! : null;
  const subtitle = one
    ? w.oneRoundSubtitle(w.reportKind(one.which === 'baseline' ? t.baseline : t.followup), one.round.name)
    : t.reportOf(view.columns[0]!.round.name, view.columns[1]!.round.name);
  const open = view.columns.filter(isPreliminary);
  const pending: PendingChart[] = [];
  root.append(
    h(
      'header',
      { class: 'report-header' },
      h('p', { class: 'eyebrow' }, `bygdpuls · ${t.reportTitle}`),
      h('h1', {}, project.project.name),
      h('p', { class: 'subtitle' }, subtitle),
      open.map((c) =>
        h(
          'p',
          { class: 'preliminary-badge', 'data-field': 'preliminary-badge', 'data-round': c.which },
          w.preliminaryBadge(c.round.name, formatCount(c.reading.release?.n ?? c.counts.responses, state.lang)),
        ),
      ),
    ),
    demoNotice(state, t),
    summarySection(view),
    readingGuide(state.lang, view.k, Boolean(project.project.settings.weighting), Boolean(view.comparison)),
    h(
      'section',
      { class: 'indicators report-blocks', 'aria-labelledby': 'indicators-title' },
      h('h2', { id: 'indicators-title' }, t.indicatorsTitle),
      indicatorIds(view)
        .filter((id) => !allSuppressed(view, id))
        .map((id) => indicatorBlock(view, id, pending)),
    ),
    compactTexts(view) ?? '',
    methodNotes(view),
    h(
      'footer',
      { class: 'report-footer' },
      h('p', { class: 'hint' }, t.generated(formatDate(new Date().toISOString(), state.lang))),
    ),
  );
  drawPending(pending);
  document.body.dataset.ready = 'true';
}
