// A project's goals with their status as of a day (today unless chosen): count goals with their
// progress bars (actual against the minimum, the maximum said), indicator goals with their
// verdicts and the survey figures they rest on; then the form for a new goal (goalsForm.ts).
import type { GoalStatusList } from '../../../../functions/api/contract.ts';
import { h } from '../../common/dom.ts';
import { gx } from '../goalsI18n.ts';
import { call } from '../session.ts';
import { field, input, notice, setChildren } from '../ui.ts';
import { flashNotice, heading, show, type ViewContext } from './common.ts';
import { goalForm } from './goalsForm.ts';
import {
  adminGoalCard,
  dayText,
  enc,
  goalsTrail,
  loadProjectContext,
  type ProjectGoalsContext,
  today,
} from './goalsShared.ts';

async function statusList(pc: ProjectGoalsContext, projectId: string, asOf: string): Promise<Node[]> {
  const t = gx();
  const status = await call<GoalStatusList>('GET', `/api/projects/${enc(projectId)}/goals/status?asOf=${enc(asOf)}`);
  if (status.goals.length === 0) return [h('p', { class: 'empty' }, t.noGoals)];
  return [
    h('p', { class: 'hint', 'data-field': 'as-of' }, t.statusOn(dayText(status.asOf))),
    h('div', { class: 'goal-list' }, ...status.goals.map((goal) => adminGoalCard(goal, pc.lookup))),
  ];
}

export async function renderGoals(context: ViewContext, route: { projectId: string }): Promise<void> {
  const t = gx();
  const pc = await loadProjectContext(route.projectId);
  const day = field(t.statusAsOf, input({ type: 'date', name: 'asOf', value: today() }));
  const results = h('div', { class: 'goal-status', 'aria-live': 'polite' });
  const asOfForm = h(
    'form',
    { class: 'filters', 'aria-label': t.statusAsOf },
    day.row,
    h('div', { class: 'field' }, h('button', { type: 'submit', class: 'secondary' }, t.showStatus)),
  );
  const load = async () => {
    try {
      const nodes = await statusList(pc, route.projectId, day.control.value || today());
      if (!context.signal.aborted) setChildren(results, ...nodes);
    } catch (error) {
      setChildren(results, notice('error', h('p', { role: 'alert' }, error instanceof Error ? error.message : '')));
    }
  };
  asOfForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void load();
  });
  setChildren(results, ...(await statusList(pc, route.projectId, today())));
  show(
    context,
    goalsTrail(pc.details, t.goalsTitle),
    heading(t.goalsTitle),
    flashNotice(),
    h('p', { class: 'hint' }, t.goalsIntro),
    h(
      'section',
      { 'aria-labelledby': 'status-heading' },
      h('h2', { id: 'status-heading', tabindex: -1 }, t.reportGoalsTitle),
      asOfForm,
      results,
    ),
    goalForm(pc, route.projectId),
  );
}
