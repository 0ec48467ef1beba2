// One funder report: its printable page and Word document; in a draft, the project's facts, the
// free-text sections the funders' forms ask for and the signature, each goal's comment and
// override (reportsGoals.ts), and locking it after a confirmation; once locked, all of it as it was.
import type { Report, ReportAnswer } from '../../../../functions/api/contract.ts';
import { h } from '../../common/dom.ts';
import { gx } from '../goalsI18n.ts';
import { formatDate } from '../i18n.ts';
import { rerender } from '../router.ts';
import { call, describeError } from '../session.ts';
import {
  announce,
  busy,
  type ErrorTarget,
  type Field,
  field,
  FormErrors,
  input,
  notice,
  setChildren,
  textarea,
} from '../ui.ts';
import { appForm, flashNotice, heading, projectTrail, sendForm, show, type ViewContext } from './common.ts';
import { dayText, docxButton, enc, loadProjectContext, printableHref, put, today } from './goalsShared.ts';
import { reportKindText, reportState } from './reports.ts';
import { reportGoal } from './reportsGoals.ts';

const FACTS = ['owner', 'budget', 'funders', 'contact'] as const;
const SECTIONS = ['deviations', 'experiences', 'challenges'] as const;

function detailsForm(report: Report): HTMLElement {
  const t = gx();
  const title = field(t.reportTitle, input({ type: 'text', name: 'title', class: 'wide', value: report.title }));
  const facts = FACTS.map((key) =>
    field(t[key], input({ type: 'text', name: key, class: 'wide', value: report.facts[key] })),
  );
  const sections = SECTIONS.map((key) => field(t[key], textarea({ name: key, rows: 5 }, report.sections[key])));
  const name = field(
    t.signatureName,
    input({ type: 'text', name: 'signatureName', value: report.signature?.name ?? '' }),
  );
  const place = field(
    t.signaturePlace,
    input({ type: 'text', name: 'signaturePlace', value: report.signature?.place ?? '' }),
  );
  const date = field(
    t.signatureDate,
    input({ type: 'date', name: 'signatureDate', value: report.signature?.date ?? '' }),
  );
  const done = h('div', { role: 'status', tabindex: -1 });
  const errors = new FormErrors((path): ErrorTarget | null => {
    const at = (f: Field, label: string) => ({ error: f.error, control: f.control, label });
    if (path === 'title') return at(title, t.reportTitle);
    const [group, key] = path.split('.');
    if (group === 'facts') {
      const i = FACTS.indexOf(key as (typeof FACTS)[number]);
      if (i >= 0) return at(facts[i]!, t[FACTS[i]!]);
    }
    if (group === 'sections') {
      const i = SECTIONS.indexOf(key as (typeof SECTIONS)[number]);
      if (i >= 0) return at(sections[i]!, t[SECTIONS[i]!]);
    }
    if (group === 'signature')
      return key === 'place'
        ? at(place, t.signaturePlace)
        : key === 'date'
          ? at(date, t.signatureDate)
          : at(name, t.signatureName);
    return null;
  });
  const submit = h('button', { type: 'submit' }, t.saveReport);
  return appForm(
    { class: 'report-details', 'aria-labelledby': 'details-heading' },
    errors,
    submit,
    [
      h('h2', { id: 'details-heading' }, t.factsTitle),
      title.row,
      ...facts.map((f) => f.row),
      h('h2', {}, t.sectionsTitle),
      ...sections.map((f) => f.row),
      h(
        'fieldset',
        {},
        h('legend', {}, t.signatureTitle),
        h('p', { class: 'hint' }, t.signatureHint),
        h('div', { class: 'field-row' }, name.row, place.row, date.row),
      ),
      done,
    ],
    () => {
      const signed = name.control.value.trim();
      const body = {
        title: title.control.value.trim(),
        facts: Object.fromEntries(FACTS.map((key, i) => [key, facts[i]!.control.value.trim()])),
        sections: Object.fromEntries(SECTIONS.map((key, i) => [key, sections[i]!.control.value.trim()])),
        signature: signed
          ? { name: signed, place: place.control.value.trim(), date: date.control.value || today() }
          : null,
      };
      void sendForm(submit, errors, async () => {
        const answer = await put<ReportAnswer>(`/api/reports/${enc(report.id)}`, body);
        errors.clear();
        if (answer.report.signature) date.control.value = answer.report.signature.date;
        setChildren(done, notice('success', h('p', {}, t.reportSaved)));
        announce(t.reportSaved);
      });
    },
  );
}

/** A locked report's facts, sections and signature, as they were sent. */
function lockedDetails(report: Report): HTMLElement {
  const t = gx();
  const row = (label: string, value: string) => [h('dt', {}, label), h('dd', {}, value || t.none)];
  return h(
    'section',
    { 'aria-labelledby': 'details-heading' },
    h('h2', { id: 'details-heading' }, t.factsTitle),
    h('dl', { class: 'facts' }, ...FACTS.flatMap((key) => row(t[key], report.facts[key]))),
    h('h2', {}, t.sectionsTitle),
    h('dl', { class: 'facts' }, ...SECTIONS.flatMap((key) => row(t[key], report.sections[key]))),
    h('h2', {}, t.signatureTitle),
    h(
      'p',
      {},
      report.signature
        ? `${report.signature.name}, ${report.signature.place}, ${dayText(report.signature.date)}`
        : t.noSignature,
    ),
  );
}

function lockBox(report: Report): HTMLElement {
  const t = gx();
  const confirmBox = h('div', { class: 'confirm', hidden: true, role: 'group', 'aria-labelledby': 'lock-question' });
  const open = h('button', { type: 'button', class: 'danger', 'aria-expanded': 'false' }, t.lock);
  const yes = h('button', { type: 'button', class: 'danger' }, t.lockYes);
  const no = h('button', { type: 'button', class: 'secondary' }, t.cancel);
  const problem = h('div');
  confirmBox.append(
    h('p', { id: 'lock-question', tabindex: -1 }, h('strong', {}, t.lockConfirm)),
    h('div', { class: 'actions' }, yes, no),
    problem,
  );
  open.addEventListener('click', () => {
    confirmBox.hidden = false;
    open.setAttribute('aria-expanded', 'true');
    yes.focus();
  });
  no.addEventListener('click', () => {
    confirmBox.hidden = true;
    open.setAttribute('aria-expanded', 'false');
    open.focus();
  });
  yes.addEventListener('click', () => {
    void busy(yes, async () => {
      try {
        await call<ReportAnswer>('POST', `/api/reports/${enc(report.id)}/lock`);
        rerender({ kind: 'success', text: t.reportLocked });
      } catch (error) {
        setChildren(problem, notice('error', h('p', { role: 'alert' }, describeError(error))));
      }
    });
  });
  return h(
    'section',
    { class: 'lock-box', 'aria-labelledby': 'lock-heading' },
    h('h2', { id: 'lock-heading' }, t.lockTitle),
    h('p', {}, t.lockIntro),
    h('p', { class: 'actions' }, open),
    confirmBox,
  );
}

export async function renderReport(
  context: ViewContext,
  route: { projectId: string; reportId: string },
): Promise<void> {
  const t = gx();
  const [pc, { report }] = await Promise.all([
    loadProjectContext(route.projectId),
    call<ReportAnswer>('GET', `/api/reports/${enc(route.reportId)}`),
  ]);
  show(
    context,
    projectTrail(
      pc.details.project,
      { label: t.reportsTitle, route: { view: 'reports', projectId: route.projectId } },
      { label: report.title },
    ),
    heading(report.title),
    flashNotice(),
    h(
      'p',
      {},
      `${reportKindText(report)} · ${t.period(dayText(report.periodStart), dayText(report.periodEnd))} · `,
      reportState(report),
    ),
    report.locked ? notice('info', h('p', {}, t.lockedNotice(formatDate(report.locked.at)))) : null,
    h(
      'div',
      { class: 'actions' },
      h('a', { href: printableHref(report.id), class: 'button secondary', 'data-action': 'printable' }, t.printable),
      docxButton(report.id, report.title),
    ),
    report.locked ? lockedDetails(report) : detailsForm(report),
    h(
      'section',
      { 'aria-labelledby': 'report-goals-heading' },
      h('h2', { id: 'report-goals-heading' }, t.reportGoalsTitle),
      h('p', { class: 'hint' }, t.reportGoalsIntro(dayText(report.periodEnd))),
      report.goals.length === 0
        ? h('p', { class: 'empty' }, t.noGoals)
        : h('div', { class: 'report-goals' }, ...report.goals.map((goal) => reportGoal(report, goal, pc.lookup))),
    ),
    report.locked ? null : lockBox(report),
  );
}
