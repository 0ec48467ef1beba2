// A project: its areas and settings, its questionnaires, its rounds (survey links, open and
// close, a new baseline or follow-up round) and read-only access for evaluators.
import { h } from '../../common/dom.ts';
import { formatNumber } from '../../common/lang.ts';
import { surveyAddress } from '../codes.ts';
import { formatDate, getLang, statusText, tx } from '../i18n.ts';
import { link, rerender } from '../router.ts';
import { roundToggle } from './roundToggle.ts';
import { goalsLinks } from './goalsLinks.ts';
import { ideasPanel } from './ideasPanel.ts';
import { call, describeError } from '../session.ts';
import { busy, copyField, type ErrorTarget, field, FormErrors, notice, setChildren, uid } from '../ui.ts';
import type { Project, ProjectDetails, QuestionnaireSummary, RoundSummary } from '../types.ts';
import {
  appForm,
  breadcrumbs,
  choiceGroup,
  demoBadge,
  demoNotice,
  flashNotice,
  heading,
  roundFactTerms,
  sendForm,
  show,
  type ViewContext,
} from './common.ts';

function questionnaireLabel(questionnaire: QuestionnaireSummary): string {
  const t = tx();
  return `${t.questionnaireName(formatDate(questionnaire.createdAt))} (${t.questionnaireIndicators(questionnaire.indicators.length)})`;
}

function settingsList(project: Project): HTMLElement {
  const t = tx();
  const { settings } = project;
  const weighting = settings.weighting
    ? settings.weighting.strata.length === 1 && settings.weighting.strata[0] === 'area'
      ? t.weightingByArea
      : t.weightingBy(settings.weighting.strata.join(', '))
    : t.weightingNone;
  const population = new Map<string, number>();
  if (settings.weighting?.strata.length === 1 && settings.weighting.strata[0] === 'area') {
    for (const row of settings.weighting.population) population.set(String(row.area), Number(row.population));
  }
  return h(
    'div',
    { class: 'project-facts' },
    h(
      'section',
      { 'aria-labelledby': 'areas-heading' },
      h('h2', { id: 'areas-heading' }, t.projectAreas),
      h(
        'ul',
        { class: 'area-list' },
        ...project.areas.map((area) =>
          h(
            'li',
            {},
            area.name,
            ' ',
            h(
              'span',
              { class: 'hint' },
              `(${area.id}${population.has(area.id) ? `, ${t.areaColumnPopulation.toLowerCase()} ${formatNumber(population.get(area.id), getLang(), 0)}` : ''})`,
            ),
          ),
        ),
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'settings-heading' },
      h('h2', { id: 'settings-heading' }, t.projectSettings),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, t.settingMinGroup),
        h('dd', {}, String(settings.minGroupSize)),
        h('dt', {}, t.settingAlpha),
        h('dd', {}, formatNumber(settings.alpha, getLang(), 2)),
        h('dt', {}, t.settingWeighting),
        h('dd', {}, weighting),
      ),
    ),
  );
}

function questionnaireSection(details: ProjectDetails): HTMLElement {
  const t = tx();
  const add = link({ view: 'questionnaire', projectId: details.project.id }, t.addQuestionnaire);
  add.className = 'button';
  const usedBy = (id: string) =>
    details.rounds.filter((round) => round.questionnaireId === id).map((round) => round.name);
  return h(
    'section',
    { 'aria-labelledby': 'questionnaires-heading', class: 'panel' },
    h('h2', { id: 'questionnaires-heading' }, t.questionnairesTitle),
    h('p', { class: 'hint' }, t.questionnairesIntro),
    details.questionnaires.length === 0
      ? notice('info', h('p', {}, t.noQuestionnaires))
      : h(
          'ul',
          { class: 'questionnaire-list' },
          ...details.questionnaires.map((q) => {
            const rounds = usedBy(q.id);
            return h(
              'li',
              {},
              questionnaireLabel(q),
              rounds.length > 0 ? h('span', { class: 'hint' }, ` – ${rounds.join(', ')}`) : null,
            );
          }),
        ),
    h('p', { class: 'actions' }, add),
  );
}

function roundCard(project: Project, round: RoundSummary, questionnaires: QuestionnaireSummary[]): HTMLElement {
  const t = tx();
  const headingId = `round-${round.id}-heading`;
  const address = surveyAddress(round.id);
  const questionnaire = questionnaires.find((q) => q.id === round.questionnaireId);
  const { button: toggle, panel } = roundToggle(round, (updated) => {
    const status = card.querySelector('.status');
    if (status) {
      status.className = `status status-${updated.status}`;
      status.textContent = statusText(updated.status);
    }
    card.className = `round-card status-${updated.status}`;
  });
  const card = h(
    'article',
    { class: `round-card status-${round.status}`, 'aria-labelledby': headingId, 'data-round': round.id },
    h('h3', { id: headingId }, round.name),
    h(
      'dl',
      { class: 'facts' },
      ...roundFactTerms(round, h('span', { class: `status status-${round.status}` }, statusText(round.status))),
      h('dt', {}, t.roundQuestionnaire),
      h('dd', {}, questionnaire ? questionnaireLabel(questionnaire) : round.questionnaireId),
      h('dt', {}, t.surveyLink),
      h('dd', { class: 'survey-link' }, h('a', { href: address }, address)),
    ),
    h(
      'div',
      { class: 'actions' },
      link(
        { view: 'round', projectId: project.id, roundId: round.id },
        t.roundDetails,
        h('span', { class: 'visually-hidden' }, `: ${round.name}`),
      ),
      toggle,
    ),
  );
  card.append(panel);
  return card;
}

function newRoundForm(details: ProjectDetails): HTMLElement {
  const t = tx();
  const { project, questionnaires, rounds } = details;
  const hasBaseline = rounds.some((r) => r.kind === 'baseline');
  const kind = choiceGroup(t.kindLegend, 'kind', hasBaseline ? 'followup' : 'baseline', [
    ['baseline', t.kindBaseline, t.kindBaselineHint],
    ['followup', t.kindFollowup, t.kindFollowupHint],
  ]);
  const name = field(
    t.roundName,
    h('input', { type: 'text', name: 'roundName', autocomplete: 'off', class: 'wide' }),
    t.roundNameHint,
  );
  const newest = [...questionnaires].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  const select = h(
    'select',
    { name: 'questionnaireId' },
    ...questionnaires.map((q) => h('option', { value: q.id, selected: q.id === newest?.id }, questionnaireLabel(q))),
  );
  const questionnaire = field(t.roundQuestionnaire, select);
  const access = choiceGroup(t.accessLegend, 'access', 'open', [
    ['open', t.accessOpen, t.accessOpenHint],
    ['invite', t.accessInvite, t.accessInviteHint],
  ]);
  const errors = new FormErrors((fieldName): ErrorTarget | null => {
    if (fieldName === 'name') return { error: name.error, control: name.control, label: t.roundName };
    if (fieldName === 'kind') return { error: kind.error, control: kind.first, label: t.kindLegend };
    if (fieldName === 'access') return { error: access.error, control: access.first, label: t.accessLegend };
    if (fieldName === 'questionnaireId')
      return { error: questionnaire.error, control: select, label: t.roundQuestionnaire };
    return null;
  });
  const submit = h('button', { type: 'submit' }, t.createRound);
  const form = appForm(
    { class: 'round-form', 'aria-labelledby': 'new-round-heading' },
    errors,
    submit,
    [kind.fieldset, name.row, questionnaire.row, access.fieldset],
    () => {
      void sendForm(submit, errors, async () => {
        const body = {
          kind: kind.value(),
          name: name.control.value,
          questionnaireId: select.value,
          access: access.value(),
        };
        const created = await call<{ id: string; surveyUrl: string }>(
          'POST',
          `/api/projects/${encodeURIComponent(project.id)}/rounds`,
          body,
        );
        rerender(
          {
            kind: 'success',
            text: `${t.roundCreated(name.control.value.trim())} ${t.surveyLink}: ${created.surveyUrl}`,
          },
          `#round-${CSS.escape(created.id)}-heading`,
        );
      });
    },
  );
  return h(
    'section',
    { class: 'new-round', 'aria-labelledby': 'new-round-heading' },
    h('h3', { id: 'new-round-heading', tabindex: -1 }, t.newRoundTitle),
    questionnaires.length === 0 ? notice('info', h('p', {}, t.noQuestionnaires)) : form,
  );
}

function roundsSection(details: ProjectDetails): HTMLElement {
  const t = tx();
  const sorted = [...details.rounds].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return h(
    'section',
    { 'aria-labelledby': 'rounds-heading' },
    h('h2', { id: 'rounds-heading' }, t.roundsTitle),
    h('p', { class: 'hint' }, t.roundsIntro),
    sorted.length === 0
      ? h('p', { class: 'empty' }, t.noRounds)
      : h(
          'div',
          { class: 'round-list' },
          ...sorted.map((round) => roundCard(details.project, round, details.questionnaires)),
        ),
    newRoundForm(details),
  );
}

function evaluatorSection(project: Project): HTMLElement {
  const t = tx();
  const result = h('div', { class: 'evaluator-result' });
  const button = h('button', { type: 'button' }, t.createEvaluator);
  button.addEventListener('click', () => {
    void busy(button, async () => {
      try {
        const { token } = await call<{ token: string }>(
          'POST',
          `/api/projects/${encodeURIComponent(project.id)}/evaluators`,
        );
        const dashboard = `${location.origin}/dashboard/${encodeURIComponent(project.id)}#token=${encodeURIComponent(token)}`;
        const headingId = uid('evaluator');
        setChildren(
          result,
          h(
            'div',
            { class: 'notice success', role: 'region', 'aria-labelledby': headingId },
            h('p', { id: headingId, tabindex: -1 }, h('strong', {}, t.evaluatorCreated)),
            copyField(t.dashboardLink, dashboard, t.copyLink, 'dashboard-link'),
            copyField(t.evaluatorToken, token, t.copy, 'evaluator-token'),
            h('p', {}, h('a', { href: dashboard, target: '_blank', rel: 'noopener' }, t.dashboardOpen)),
          ),
        );
        result.querySelector<HTMLElement>(`#${headingId}`)?.focus();
      } catch (error) {
        setChildren(result, notice('error', h('p', { role: 'alert' }, describeError(error))));
      }
    });
  });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'evaluators-heading' },
    h('h2', { id: 'evaluators-heading' }, t.evaluatorsTitle),
    h('p', { class: 'hint' }, t.evaluatorsIntro),
    h('p', { class: 'actions' }, button),
    result,
  );
}

export async function renderProject(context: ViewContext, route: { projectId: string }): Promise<void> {
  const t = tx();
  const details = await call<ProjectDetails>('GET', `/api/projects/${encodeURIComponent(route.projectId)}`);
  const { project } = details;
  show(
    context,
    breadcrumbs([{ label: t.projectsTitle, route: { view: 'projects' } }, { label: project.name }]),
    heading(project.name, project.demo ? ' ' : null, project.demo ? demoBadge() : null),
    flashNotice(),
    project.demo ? demoNotice() : null,
    // The dashboard reads the same signed-in token (sessionStorage) in this tab.
    details.rounds.length > 0
      ? h('p', {}, h('a', { href: `/dashboard/${encodeURIComponent(project.id)}` }, t.viewResults))
      : null,
    settingsList(project),
    questionnaireSection(details),
    roundsSection(details),
    goalsLinks(project.id),
    ideasPanel(project),
    evaluatorSection(project),
  );
}
