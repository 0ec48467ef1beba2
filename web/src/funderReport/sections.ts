// The report's parts, laid out as the funders' interim and final report forms are: the project's
// facts and the period, the activities carried out (grouped by type), goal fulfilment (each goal's
// target, actual, verdict, comment and the survey figures behind it), the free-text sections and
// the signature block.
import type { Report, ReportGoal } from '../../../functions/api/contract.ts';
import { h } from '../common/dom.ts';
import { formatDate, formatNumber, type Lang } from '../common/lang.ts';
import { verdictBadge } from './goalParts.ts';
import { actualText, type GoalLookup, goalTexts, indicatorFigures, targetText } from './goalWords.ts';
import type { ReportTexts } from './words.ts';

export function dayText(day: string, lang: Lang): string {
  return formatDate(`${day}T12:00:00`, lang);
}

/** "Delrapport nr 2 av 3", "Slutrapport". */
export function kindText(report: Report, w: ReportTexts): string {
  if (report.kind === 'final') return w.final;
  return report.sequence === null ? w.interim : w.interimOf(report.sequence, report.of);
}

function section(id: string, number: number, title: string, ...content: (Node | null)[]): HTMLElement {
  return h(
    'section',
    { class: 'report-section', 'aria-labelledby': id, 'data-section': id },
    h('h2', { id }, `${number}. ${title}`),
    ...content,
  );
}

/** Text as written: paragraphs at blank lines, line breaks kept (white-space: pre-line). */
function prose(text: string, w: ReportTexts): Node[] {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (paragraphs.length === 0) return [h('p', { class: 'empty' }, w.empty)];
  return paragraphs.map((p) => h('p', { class: 'prose' }, p));
}

export function factsSection(report: Report, w: ReportTexts, lang: Lang): HTMLElement {
  const row = (label: string, value: string, field: string) =>
    h('tr', {}, h('th', { scope: 'row' }, label), h('td', { 'data-field': field }, value || '–'));
  return section(
    'facts',
    1,
    w.factsTitle,
    h(
      'table',
      { class: 'facts-table' },
      h(
        'tbody',
        {},
        row(w.projectName, report.project.name, 'project'),
        row(w.owner, report.facts.owner, 'owner'),
        row(w.budget, report.facts.budget, 'budget'),
        row(w.funders, report.facts.funders, 'funders'),
        row(w.contact, report.facts.contact, 'contact'),
        row(w.period, w.periodText(dayText(report.periodStart, lang), dayText(report.periodEnd, lang)), 'period'),
      ),
    ),
  );
}

export function activitiesSection(report: Report, lookup: GoalLookup, w: ReportTexts): HTMLElement {
  const { lang } = lookup;
  const groups = report.activities.filter((group) => group.count > 0);
  return section(
    'activities',
    2,
    w.activitiesTitle,
    groups.length === 0 ? h('p', { class: 'empty' }, w.noActivities) : null,
    ...groups.map((group) => {
      const id = `type-${group.type}`;
      return h(
        'div',
        { class: 'activity-group', 'data-type': group.type },
        h('h3', { id }, w.activityCount(group.label[lang], group.count)),
        h(
          'table',
          { class: 'activity-table', 'aria-labelledby': id },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col', class: 'date' }, w.date),
              h('th', { scope: 'col' }, w.activity),
              h('th', { scope: 'col' }, w.area),
              h('th', { scope: 'col', class: 'number' }, w.participants),
            ),
          ),
          h(
            'tbody',
            {},
            ...group.items.map((item) =>
              h(
                'tr',
                {},
                h('td', { class: 'date' }, dayText(item.date, lang)),
                h('td', {}, item.title),
                h('td', {}, item.area ? lookup.area(item.area) : '–'),
                h(
                  'td',
                  { class: 'number' },
                  item.participants === null ? '–' : formatNumber(item.participants, lang, 0),
                ),
              ),
            ),
          ),
        ),
      );
    }),
  );
}

function goalBlock(goal: ReportGoal, lookup: GoalLookup, w: ReportTexts): HTMLElement {
  const { lang } = lookup;
  const t = goalTexts(lang);
  const id = `report-goal-${goal.id}`;
  const row = (label: string, field: string, ...value: (Node | string)[]) =>
    h('tr', {}, h('th', { scope: 'row' }, label), h('td', { 'data-field': field }, ...value));
  const figures = indicatorFigures(goal, lookup);
  return h(
    'div',
    { class: 'report-goal-block', 'data-goal': goal.id, role: 'group', 'aria-labelledby': id },
    h('h3', { id }, goal.title),
    h(
      'table',
      { class: 'goal-table' },
      h(
        'tbody',
        {},
        row(t.target, 'target', targetText(goal, lookup)),
        goal.kind === 'count' || goal.kind === 'indicator' ? row(t.actual, 'actual', actualText(goal, lookup)) : null,
        row(t.verdict, 'verdict', verdictBadge(goal.verdict, lang)),
        goal.override
          ? row(
              w.computed,
              'computed',
              verdictBadge(goal.computedVerdict, lang),
              h('span', { class: 'override-reason' }, ` ${w.changed(goal.override.reason)}`),
            )
          : null,
        goal.comment ? row(w.comment, 'comment', goal.comment) : null,
      ),
    ),
    figures.length > 0
      ? h(
          'dl',
          { class: 'goal-figures', 'data-field': 'figures' },
          ...figures.flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]),
        )
      : null,
  );
}

export function goalsSection(report: Report, lookup: GoalLookup, w: ReportTexts): HTMLElement {
  return section(
    'goals',
    3,
    w.goalsTitle,
    h('p', { class: 'intro' }, w.goalsIntro(dayText(report.periodEnd, lookup.lang))),
    report.goals.length === 0 ? h('p', { class: 'empty' }, w.noGoals) : null,
    ...report.goals.map((goal) => goalBlock(goal, lookup, w)),
  );
}

export function textSections(report: Report, w: ReportTexts): HTMLElement[] {
  return [
    section('deviations', 4, w.deviations, ...prose(report.sections.deviations, w)),
    section('experiences', 5, w.experiences, ...prose(report.sections.experiences, w)),
    section('challenges', 6, w.challenges, ...prose(report.sections.challenges, w)),
  ];
}

export function signatureSection(report: Report, w: ReportTexts, lang: Lang): HTMLElement {
  const s = report.signature;
  const cell = (label: string, value: string, field: string) =>
    h(
      'div',
      { class: 'signature-cell' },
      h('span', { class: 'signature-label' }, label),
      h('span', { class: 'signature-value', 'data-field': field }, value),
    );
  return section(
    'signature',
    7,
    w.signatureTitle,
    h(
      'div',
      { class: 'signature-block' },
      cell(w.signaturePlace, s?.place ?? '', 'place'),
      cell(w.signatureDate, s ? dayText(s.date, lang) : '', 'date'),
      h(
        'div',
        { class: 'signature-cell wide' },
        h('span', { class: 'signature-label' }, w.signatureLine),
        h('span', { class: 'signature-value line' }),
      ),
      cell(w.signatureName, s?.name ?? '', 'name'),
    ),
  );
}
