// The free-text answers of both rounds.
import { h } from '../common/dom.ts';
import type { Lang } from '../common/lang.ts';
import type { RoundInfo, RoundTexts, TextAnswers } from './data.ts';
import { formatCount } from './format.ts';
import type { ViewContext } from './context.ts';
import type { Texts } from './i18n.ts';

/** Why a round shows no answers: they could not be loaded, or wait for the round's final release. */
export function textsNotice(texts: RoundTexts | null, t: Texts): HTMLElement | null {
  if (!texts) return h('p', { class: 'notice error', role: 'status' }, t.textsFailed);
  if (texts.withheld) return h('p', { class: 'hint', 'data-field': 'texts-withheld' }, t.textsNotFinal);
  return null;
}

/** One free-text question: its title and how many answered, then its answers, or that they are suppressed. */
export function textQuestion(
  q: TextAnswers,
  title: string,
  answers: HTMLElement[],
  ctx: { t: Texts; lang: Lang; k: number },
): HTMLElement {
  const { t, lang } = ctx;
  return h(
    'div',
    { class: 'text-question', 'data-question': q.question },
    h(
      'h4',
      {},
      title,
      q.suppressed ? null : h('span', { class: 'text-count' }, t.textsCount(formatCount(q.answers.length, lang))),
    ),
    q.suppressed
      ? h('p', { class: 'suppressed', 'data-suppressed': 'true' }, t.textsSuppressed(ctx.k))
      : h('ul', { class: 'text-answers' }, answers),
  );
}

/** One round's free-text answers: each question with its answers as a plain list, nothing else. */
function roundTexts(
  round: RoundInfo,
  which: 'baseline' | 'followup',
  texts: RoundTexts | null,
  ctx: ViewContext,
): HTMLElement {
  const { t } = ctx;
  const body: Node[] = [];
  const notice = textsNotice(texts, t);
  if (notice) body.push(notice);
  else if (texts?.questions.length === 0) body.push(h('p', { class: 'hint' }, t.textsNone));
  for (const q of texts?.questions ?? []) {
    const title = ctx.questions.get(q.question)?.title ?? q.title;
    const answers = q.answers.map((answer) => h('li', {}, answer));
    body.push(textQuestion(q, title, answers, ctx));
  }
  const heading = [round.name, h('span', { class: 'round-kind' }, which === 'baseline' ? t.baseline : t.followup)];
  // Open in the printed report; folded on the dashboard, where the lists can be long.
  if (ctx.mode === 'report')
    return h('div', { class: 'texts-round', 'data-round': which }, h('h3', {}, ...heading), ...body);
  return h('details', { class: 'fold texts-round', 'data-round': which }, h('summary', {}, ...heading), ...body);
}

/** The free-text answers of both rounds, with the note that they come without background data. */
export function textsSection(ctx: ViewContext): HTMLElement {
  const { t, data } = ctx;
  return h(
    'section',
    { class: 'free-texts', id: 'free-texts', 'aria-labelledby': 'texts-title' },
    h('h2', { id: 'texts-title' }, t.textsTitle),
    h('p', { class: 'notice', role: 'note', 'data-field': 'texts-note' }, t.textsNote),
    roundTexts(data.baseline, 'baseline', data.texts.baseline, ctx),
    roundTexts(data.followup, 'followup', data.texts.followup, ctx),
  );
}
