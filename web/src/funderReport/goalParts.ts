// Goals drawn: the verdict's badge, a count goal's progress bar, an indicator goal's figures and a
// goal's status card. Shared by the admin pages' goals, the dashboard's overview and the funder's
// report (web/styles/goals.css styles them; pages that do not link it load it with useStylesheet).
import type { GoalVerdict } from '../../../functions/core/goals.ts';
import type { GoalStatus } from '../../../functions/api/contract.ts';
import { h } from '../common/dom.ts';
import { formatNumber, type Lang } from '../common/lang.ts';
import { actualText, goalTexts, type GoalLookup, indicatorFigures, targetText, verdictWord } from './goalWords.ts';

const SIGNS: Record<GoalVerdict, string> = { achieved: '✓', partly: '◐', not_achieved: '✗', not_assessable: '?' };

/** Links a stylesheet once (the admin page and the dashboard do not link the goals' styles). */
export function useStylesheet(href: string): void {
  if (document.querySelector(`link[rel="stylesheet"][href="${href}"]`)) return;
  document.head.append(h('link', { rel: 'stylesheet', href }));
}

export function verdictBadge(verdict: GoalVerdict, lang: Lang): HTMLElement {
  return h(
    'span',
    { class: `goal-verdict verdict-${verdict}`, 'data-verdict': verdict },
    h('span', { class: 'verdict-sign', 'aria-hidden': 'true' }, SIGNS[verdict]),
    ' ',
    verdictWord(verdict, lang),
  );
}

/** A count goal's bar: the count against the target's minimum (and its maximum, if any). */
export function countProgress(goal: GoalStatus, lookup: GoalLookup, labelledBy: string): HTMLElement | null {
  if (goal.basis.kind !== 'count') return null;
  const { actual, min, max, overTarget } = goal.basis;
  const { lang } = lookup;
  const t = goalTexts(lang);
  const whole = Math.max(min, 1);
  const share = Math.min(actual / whole, 1);
  const target =
    max === null || max === min
      ? t.atLeast(formatNumber(min, lang, 0))
      : t.range(formatNumber(min, lang, 0), formatNumber(max, lang, 0));
  const text = `${t.progress(formatNumber(actual, lang, 0), target)}${overTarget ? ` (${t.overTarget})` : ''}`;
  return h(
    'div',
    { class: 'goal-progress' },
    h(
      'div',
      {
        class: `goal-bar${actual >= min ? ' reached' : ''}`,
        role: 'progressbar',
        'aria-labelledby': labelledBy,
        'aria-valuemin': 0,
        'aria-valuemax': whole,
        'aria-valuenow': Math.min(actual, whole),
        'aria-valuetext': text,
        'data-actual': actual,
        'data-min': min,
      },
      h('span', { class: 'goal-bar-fill', style: `width: ${(share * 100).toFixed(1)}%` }),
    ),
    h('p', { class: 'goal-progress-text', 'data-field': 'progress' }, text),
  );
}

/** An indicator goal's figures as a definition list. */
export function figureList(goal: GoalStatus, lookup: GoalLookup): HTMLElement | null {
  const rows = indicatorFigures(goal, lookup);
  if (rows.length === 0) return null;
  return h(
    'dl',
    { class: 'goal-figures', 'data-field': 'figures' },
    ...rows.flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]),
  );
}

/** A goal's status: its title, target and actual, the bar or the figures, and the verdict. */
export function goalCard(
  goal: GoalStatus,
  lookup: GoalLookup,
  options: { level: 'h3' | 'h4'; extra?: (Node | null)[] },
): HTMLElement {
  const t = goalTexts(lookup.lang);
  const titleId = `goal-${goal.id}-title`;
  const meta = [
    t.kinds[goal.kind],
    goal.area ? `${t.area}: ${lookup.area(goal.area)}` : null,
    goal.due ? `${t.due}: ${goal.due}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return h(
    'article',
    { class: `goal-card kind-${goal.kind}`, 'data-goal': goal.id, 'aria-labelledby': titleId },
    h(
      'div',
      { class: 'goal-head' },
      h(options.level, { id: titleId }, goal.title),
      verdictBadge(goal.verdict, lookup.lang),
    ),
    h('p', { class: 'goal-meta' }, meta),
    h(
      'dl',
      { class: 'goal-facts' },
      h('dt', {}, t.target),
      h('dd', { 'data-field': 'target' }, targetText(goal, lookup)),
      goal.kind === 'count' || goal.kind === 'indicator' ? h('dt', {}, t.actual) : null,
      goal.kind === 'count' || goal.kind === 'indicator'
        ? h('dd', { 'data-field': 'actual' }, actualText(goal, lookup))
        : null,
    ),
    goal.kind === 'count' ? countProgress(goal, lookup, titleId) : null,
    goal.kind === 'indicator' ? figureList(goal, lookup) : null,
    ...(options.extra ?? []),
  );
}
