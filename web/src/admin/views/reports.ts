// A project's funder reports: the list (drafts and locked ones, each with its printable page and
// its Word document) and the form that starts an interim or final report for a period.
import type { ReportList } from '../../../../functions/api/contract.ts';
import { h } from '../../common/dom.ts';
import { formatDate } from '../i18n.ts';
import { gx } from '../goalsI18n.ts';
import { link, navigate } from '../router.ts';
import { call } from '../session.ts';
import { type ErrorTarget, type Field, field, FormErrors, input } from '../ui.ts';
import { appForm, choiceGroup, flashNotice, heading, sendForm, show, type ViewContext } from './common.ts';
import { dayText, docxButton, enc, goalsTrail, loadProjectContext, printableHref } from './goalsShared.ts';

type ReportHead = ReportList['reports'][number];

/** "Delrapport nr 2 av 3", "Slutrapport". */
export function reportKindText(report: Pick<ReportHead, 'kind' | 'sequence' | 'of'>): string {
  const t = gx();
  if (report.kind === 'final') return t.final;
  return report.sequence === null
    ? t.interim
    : t.interimOf(String(report.sequence), report.of === null ? '' : String(report.of));
}

export function reportState(report: Pick<ReportHead, 'locked'>): HTMLElement {
  const t = gx();
  return report.locked
    ? h('span', { class: 'report-state locked', 'data-field': 'state' }, t.lockedAt(formatDate(report.locked.at)))
    : h('span', { class: 'report-state draft', 'data-field': 'state' }, t.draft);
}

function reportItem(projectId: string, report: ReportHead): HTMLElement {
  const t = gx();
  const open = link({ view: 'report', projectId, reportId: report.id }, report.title);
  return h(
    'li',
    { class: 'report-item', 'data-report': report.id },
    h('h3', {}, open),
    h(
      'p',
      {},
      `${reportKindText(report)} · ${t.period(dayText(report.periodStart), dayText(report.periodEnd))} · `,
      reportState(report),
    ),
    h(
      'div',
      { class: 'actions' },
      h(
        'a',
        { href: printableHref(report.id), class: 'button secondary' },
        t.printable,
        h('span', { class: 'visually-hidden' }, `: ${report.title}`),
      ),
      docxButton(report.id, report.title),
    ),
  );
}

function newReportForm(projectId: string, count: number): HTMLElement {
  const t = gx();
  const title = field(
    t.reportTitle,
    input({ type: 'text', name: 'title', class: 'wide', autocomplete: 'off' }),
    t.reportTitleHint,
  );
  const sequence = field(
    t.sequence,
    input({ type: 'text', inputmode: 'numeric', name: 'sequence', class: 'short', value: count + 1 }),
  );
  const of = field(`${t.of} ${t.optional}`, input({ type: 'text', inputmode: 'numeric', name: 'of', class: 'short' }));
  const numbers = h('div', { class: 'field-row' }, sequence.row, of.row);
  const kind = choiceGroup(
    t.reportKind,
    'report-kind',
    'interim',
    [
      ['interim', t.kindInterim],
      ['final', t.kindFinal],
    ],
    (value) => {
      numbers.hidden = value !== 'interim';
    },
  );
  const start = field(t.periodStart, input({ type: 'date', name: 'periodStart' }));
  const end = field(t.periodEnd, input({ type: 'date', name: 'periodEnd' }));
  const errors = new FormErrors((name): ErrorTarget | null => {
    const at = (f: Field, label: string) => ({ error: f.error, control: f.control, label });
    if (name === 'title') return at(title, t.reportTitle);
    if (name === 'sequence') return at(sequence, t.sequence);
    if (name === 'of') return at(of, t.of);
    if (name === 'periodStart') return at(start, t.periodStart);
    if (name === 'periodEnd') return at(end, t.periodEnd);
    if (name === 'kind') return { error: kind.error, control: kind.first, label: t.reportKind };
    return null;
  });
  const submit = h('button', { type: 'submit' }, t.createReport);
  return appForm(
    { 'aria-labelledby': 'new-report-heading' },
    errors,
    submit,
    [
      h('h2', { id: 'new-report-heading' }, t.newReportTitle),
      kind.fieldset,
      numbers,
      title.row,
      h('div', { class: 'field-row' }, start.row, end.row),
    ],
    () => {
      const number = (f: Field) => {
        const text = f.control.value.trim();
        return /^\d+$/.test(text) ? Number(text) : undefined;
      };
      const interim = kind.value() === 'interim';
      const body = {
        title: title.control.value.trim(),
        kind: kind.value(),
        periodStart: start.control.value,
        periodEnd: end.control.value,
        ...(interim && number(sequence) !== undefined ? { sequence: number(sequence) } : {}),
        ...(interim && number(of) !== undefined ? { of: number(of) } : {}),
      };
      void sendForm(submit, errors, async () => {
        const created = await call<{ id: string }>('POST', `/api/projects/${enc(projectId)}/reports`, body);
        navigate(
          { view: 'report', projectId, reportId: created.id },
          { kind: 'success', text: t.reportCreated(body.title) },
        );
      });
    },
  );
}

export async function renderReports(context: ViewContext, route: { projectId: string }): Promise<void> {
  const t = gx();
  const [pc, { reports }] = await Promise.all([
    loadProjectContext(route.projectId),
    call<ReportList>('GET', `/api/projects/${enc(route.projectId)}/reports`),
  ]);
  const sorted = [...reports].sort(
    (a, b) => a.periodEnd.localeCompare(b.periodEnd) || a.createdAt.localeCompare(b.createdAt),
  );
  show(
    context,
    goalsTrail(pc.details, t.reportsTitle),
    heading(t.reportsTitle),
    flashNotice(),
    h('p', { class: 'hint' }, t.reportsIntro),
    sorted.length === 0
      ? h('p', { class: 'empty' }, t.noReports)
      : h('ul', { class: 'report-list' }, ...sorted.map((report) => reportItem(route.projectId, report))),
    h(
      'section',
      { class: 'panel new-report' },
      newReportForm(route.projectId, reports.filter((r) => r.kind === 'interim').length),
    ),
  );
}
