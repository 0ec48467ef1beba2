// A report's goals: each with its computed verdict and, where set, the verdict the report gives
// instead with its reason (both shown); in a draft, a comment and an override whose reason is
// required, saved per goal.
import { GOAL_VERDICTS } from '../../../../functions/core/goals.ts';
import type { Report, ReportAnswer, ReportGoal } from '../../../../functions/api/contract.ts';
import { h } from '../../common/dom.ts';
import { verdictBadge } from '../../funderReport/goalParts.ts';
import { type GoalLookup, verdictWord } from '../../funderReport/goalWords.ts';
import { gx } from '../goalsI18n.ts';
import { getLang } from '../i18n.ts';
import { announce, type ErrorTarget, field, FormErrors, notice, setChildren, textarea } from '../ui.ts';
import { adminGoalCard, enc, put } from './goalsShared.ts';

/** The computed verdict and the one the report gives, with the override's reason. */
function verdicts(goal: ReportGoal, locked: boolean): HTMLElement {
  const t = gx();
  const lang = getLang();
  return h(
    'div',
    { class: 'verdicts', 'data-field': 'verdicts' },
    h('p', {}, `${t.computedVerdict}: `, verdictBadge(goal.computedVerdict, lang)),
    goal.override
      ? h(
          'p',
          { 'data-field': 'override' },
          `${t.reportVerdict}: `,
          verdictBadge(goal.override.verdict, lang),
          ' ',
          h('span', { class: 'hint' }, t.overridden(goal.override.reason)),
        )
      : null,
    locked && goal.comment
      ? h('p', { 'data-field': 'comment' }, h('strong', {}, `${t.comment}: `), goal.comment)
      : null,
  );
}

function goalForm(reportId: string, goal: ReportGoal, saved: (report: Report) => void): HTMLFormElement {
  const t = gx();
  const lang = getLang();
  const comment = field(t.comment, textarea({ name: 'comment', rows: 3 }, goal.comment ?? ''));
  const change = h('input', { type: 'checkbox', id: `override-${goal.id}`, checked: goal.override !== null });
  const verdict = field(
    t.newVerdict,
    h(
      'select',
      { name: 'verdict' },
      ...GOAL_VERDICTS.map((v) =>
        h(
          'option',
          { value: v, selected: v === (goal.override?.verdict ?? goal.computedVerdict) },
          verdictWord(v, lang),
        ),
      ),
    ),
  );
  const reason = field(
    t.overrideReason,
    textarea({ name: 'reason', rows: 2 }, goal.override?.reason ?? ''),
    t.overrideReasonHint,
  );
  const overrideFields = h(
    'div',
    { class: 'override-fields', hidden: goal.override === null },
    verdict.row,
    reason.row,
  );
  change.addEventListener('change', () => {
    overrideFields.hidden = !change.checked;
    if (change.checked) verdict.control.focus();
  });
  const errors = new FormErrors((name): ErrorTarget | null => {
    if (name === 'comment') return { error: comment.error, control: comment.control, label: t.comment };
    if (name === 'override' || name === 'override.reason')
      return { error: reason.error, control: reason.control, label: t.overrideReason };
    if (name === 'override.verdict') return { error: verdict.error, control: verdict.control, label: t.newVerdict };
    return null;
  });
  const submit = h(
    'button',
    { type: 'submit', class: 'secondary' },
    t.saveGoal,
    h('span', { class: 'visually-hidden' }, `: ${goal.title}`),
  );
  const form = h(
    'form',
    { class: 'report-goal-form', novalidate: true, 'aria-label': t.saveGoalFor(goal.title) },
    errors.summary,
    comment.row,
    h('div', { class: 'choice' }, change, h('label', { for: change.id }, t.changeVerdict)),
    overrideFields,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const why = reason.control.value.trim();
    if (change.checked && !why && errors.show([{ field: 'override.reason', message: t.reasonMissing }])) return;
    const body = {
      comment: comment.control.value.trim() || null,
      override: change.checked ? { verdict: verdict.control.value, reason: why } : null,
    };
    void (async () => {
      submit.setAttribute('aria-busy', 'true');
      try {
        const answer = await put<ReportAnswer>(`/api/reports/${enc(reportId)}/goals/${enc(goal.id)}`, body);
        errors.clear();
        saved(answer.report);
      } catch (error) {
        errors.showError(error);
      } finally {
        submit.removeAttribute('aria-busy');
      }
    })();
  });
  return form;
}

/** One goal of a report: its card with both verdicts, and in a draft its form. */
export function reportGoal(report: Report, goal: ReportGoal, lookup: GoalLookup, message?: string): HTMLElement {
  const t = gx();
  const status = h('div', { role: 'status', class: 'goal-saved', tabindex: -1 });
  if (message) setChildren(status, notice('success', h('p', {}, message)));
  const card = adminGoalCard(goal, lookup, [
    verdicts(goal, report.locked !== null),
    report.locked
      ? null
      : goalForm(report.id, goal, (updated) => {
          const fresh = updated.goals.find((g) => g.id === goal.id);
          if (!fresh) return;
          const next = reportGoal(updated, fresh, lookup, t.goalSaved(goal.title));
          card.replaceWith(next);
          announce(t.goalSaved(goal.title));
          next.querySelector<HTMLElement>('.goal-saved')?.focus();
        }),
    status,
  ]);
  card.classList.add('report-goal');
  return card;
}
