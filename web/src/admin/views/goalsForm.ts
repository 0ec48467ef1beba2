// The form for a new goal: its kind first (count, survey indicator, milestone, qualitative), then
// what that kind needs: a count's measure (activities of a type, or ideas) and its target (at
// least, or a range); an indicator's id, direction, the two rounds and the smallest change.
import { h } from '../../common/dom.ts';
import { gx } from '../goalsI18n.ts';
import { getLang } from '../i18n.ts';
import { rerender } from '../router.ts';
import { call } from '../session.ts';
import { type ErrorTarget, type Field, field, FormErrors, input, notice } from '../ui.ts';
import { appForm, choiceGroup, sendForm } from './common.ts';
import { enc, type ProjectGoalsContext } from './goalsShared.ts';

function options(list: { value: string; label: string }[], empty?: string): HTMLSelectElement {
  return h(
    'select',
    {},
    empty === undefined ? null : h('option', { value: '' }, empty),
    ...list.map((o) => h('option', { value: o.value }, o.label)),
  );
}

/** A whole number from a field, undefined when empty, NaN when not a whole number. */
function whole(f: Field): number | undefined {
  const text = f.control.value.trim();
  if (!text) return undefined;
  return /^\d+$/.test(text) ? Number(text) : Number.NaN;
}

export function goalForm(pc: ProjectGoalsContext, projectId: string): HTMLElement {
  const t = gx();
  const lang = getLang();
  const { details } = pc;
  const kind = choiceGroup(
    t.goalKind,
    'goal-kind',
    'count',
    [
      ['count', t.kindCount, t.kindCountHint],
      ['indicator', t.kindIndicator, t.kindIndicatorHint],
      ['milestone', t.kindMilestone, t.kindMilestoneHint],
      ['qualitative', t.kindQualitative, t.kindQualitativeHint],
    ],
    (value) => toggle(value),
  );
  const title = field(
    t.goalTitle,
    input({ type: 'text', name: 'title', class: 'wide', autocomplete: 'off' }),
    t.goalTitleHint,
  );
  const area = field(
    `${t.goalArea} ${t.optional}`,
    options(
      details.project.areas.map((a) => ({ value: a.id, label: a.name })),
      t.wholeProject,
    ),
    t.goalAreaHint,
  );
  const due = field(`${t.goalDue} ${t.optional}`, input({ type: 'date', name: 'due' }));

  // Count goals.
  const source = choiceGroup(
    t.measureSource,
    'measure-source',
    'activities',
    [
      ['activities', t.measureActivities],
      ['ideas', t.measureIdeas],
    ],
    (value) => {
      typeField.row.hidden = value !== 'activities';
      ideaField.row.hidden = value !== 'ideas';
    },
  );
  const typeField = field(t.measureType, options(pc.types.map((x) => ({ value: x.id, label: x.label[lang] }))));
  const ideaField = field(
    t.measureIdeaCount,
    options([
      { value: 'identified', label: t.ideaIdentified },
      { value: 'prioritised', label: t.ideaPrioritised },
      { value: 'carried_out', label: t.ideaCarriedOut },
    ]),
  );
  ideaField.row.hidden = true;
  const min = field(t.targetMin, input({ type: 'text', inputmode: 'numeric', name: 'min', class: 'short' }));
  const max = field(
    `${t.targetMax} ${t.optional}`,
    input({ type: 'text', inputmode: 'numeric', name: 'max', class: 'short' }),
    t.targetMaxHint,
  );
  const countGroup = h(
    'div',
    { class: 'kind-fields', 'data-kind': 'count' },
    source.fieldset,
    typeField.row,
    ideaField.row,
    h('div', { class: 'field-row' }, min.row, max.row),
  );

  // Indicator goals.
  const indicators = new Map<string, string>();
  for (const q of details.questionnaires)
    for (const d of q.indicators) indicators.set(d.id, d.label ? `${d.label} (${d.id})` : d.id);
  const rounds = (which: 'baseline' | 'followup') =>
    details.rounds.filter((r) => r.kind === which).map((r) => ({ value: r.id, label: r.name }));
  const indicator = field(t.indicator, options([...indicators].map(([value, label]) => ({ value, label }))));
  const direction = choiceGroup(t.direction, 'direction', 'increase', [
    ['increase', t.directionIncrease],
    ['decrease', t.directionDecrease],
  ]);
  const baseline = field(t.baselineRound, options(rounds('baseline')));
  const followup = field(t.followupRound, options(rounds('followup')));
  const minChange = field(
    `${t.minChange} ${t.optional}`,
    input({ type: 'text', inputmode: 'decimal', name: 'minChange', class: 'short' }),
    t.minChangeHint,
  );
  const possible = indicators.size > 0 && rounds('baseline').length > 0 && rounds('followup').length > 0;
  const indicatorGroup = h(
    'div',
    { class: 'kind-fields', 'data-kind': 'indicator', hidden: true },
    possible
      ? [indicator.row, direction.fieldset, h('div', { class: 'field-row' }, baseline.row, followup.row), minChange.row]
      : notice('info', h('p', {}, t.noIndicators)),
  );

  function toggle(value: string) {
    countGroup.hidden = value !== 'count';
    indicatorGroup.hidden = value !== 'indicator';
  }

  const errors = new FormErrors((name): ErrorTarget | null => {
    const at = (f: Field, label: string) => ({ error: f.error, control: f.control, label });
    if (name === 'title') return at(title, t.goalTitle);
    if (name === 'area') return at(area, t.goalArea);
    if (name === 'due') return at(due, t.goalDue);
    if (name === 'target' || name === 'target.min') return at(min, t.targetMin);
    if (name === 'target.max') return at(max, t.targetMax);
    if (name === 'measure' || name === 'measure.type') return at(typeField, t.measureType);
    if (name === 'measure.count') return at(ideaField, t.measureIdeaCount);
    if (name === 'indicator' || name === 'indicator.indicatorId') return at(indicator, t.indicator);
    if (name === 'indicator.baselineRoundId') return at(baseline, t.baselineRound);
    if (name === 'indicator.followupRoundId') return at(followup, t.followupRound);
    if (name === 'indicator.minChange') return at(minChange, t.minChange);
    if (name === 'kind') return { error: kind.error, control: kind.first, label: t.goalKind };
    return null;
  });
  const submit = h('button', { type: 'submit' }, t.addGoal);
  const form = appForm(
    { class: 'goal-form', 'aria-labelledby': 'new-goal-heading' },
    errors,
    submit,
    [kind.fieldset, title.row, area.row, due.row, countGroup, indicatorGroup],
    () => {
      const chosen = kind.value();
      const body: Record<string, unknown> = { title: title.control.value.trim(), kind: chosen };
      if (area.control.value) body.area = area.control.value;
      if (due.control.value) body.due = due.control.value;
      const problems: { field: string; message: string }[] = [];
      if (chosen === 'count') {
        const [low, high] = [whole(min), whole(max)];
        if (low === undefined || Number.isNaN(low)) problems.push({ field: 'target.min', message: t.numberInvalid });
        if (high !== undefined && Number.isNaN(high)) problems.push({ field: 'target.max', message: t.numberInvalid });
        body.target = { min: low, ...(high === undefined ? {} : { max: high }) };
        body.measure =
          source.value() === 'activities'
            ? { source: 'activities', type: typeField.control.value }
            : { source: 'ideas', count: ideaField.control.value };
      } else if (chosen === 'indicator' && possible) {
        const change = minChange.control.value.trim().replace(',', '.');
        body.indicator = {
          indicatorId: indicator.control.value,
          direction: direction.value(),
          baselineRoundId: baseline.control.value,
          followupRoundId: followup.control.value,
          ...(change ? { minChange: Number(change) } : {}),
        };
      }
      if (errors.show(problems)) return;
      void sendForm(submit, errors, async () => {
        await call<{ id: string }>('POST', `/api/projects/${enc(projectId)}/goals`, body);
        rerender({ kind: 'success', text: t.goalAdded(String(body.title)) }, '#status-heading');
      });
    },
  );
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'new-goal-heading' },
    h('h2', { id: 'new-goal-heading' }, t.newGoalTitle),
    form,
  );
}
