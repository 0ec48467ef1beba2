// One round: its survey address, open or closed, the response count per area (refreshed every
// five seconds while shown; areas under the minimum group size say "fewer than k") and, for
// invited rounds, new invitation codes with their CSV file and letters.
import { clear, h } from '../../common/dom.ts';
import { formatNumber } from '../../common/lang.ts';
import { parseNumber, slugify } from '../areas.ts';
import { downloadText } from '../../common/download.ts';
import { batchCsv, personalLink, rememberBatch, surveyAddress, type CodeBatch } from '../codes.ts';
import { formatTime, getLang, statusText, tx } from '../i18n.ts';
import { link } from '../router.ts';
import { roundToggle } from './roundToggle.ts';
import { call, describeError, SignedOutError } from '../session.ts';
import { copyField, type ErrorTarget, field, FormErrors, setChildren } from '../ui.ts';
import type { FieldError, Project, RoundCounts, RoundSummary } from '../types.ts';
import {
  appForm,
  demoNotice,
  flashNotice,
  heading,
  loadRound,
  projectTrail,
  roundFactTerms,
  sendForm,
  show,
  type ViewContext,
} from './common.ts';

const REFRESH_MS = 5000;

function percent(rate: number | null): string {
  return rate === null ? '–' : `${formatNumber(rate * 100, getLang(), 0)} %`;
}

/** The counts table's body and total, drawn again on every refresh. */
function countsRows(project: Project, counts: RoundCounts, tbody: HTMLElement, tfoot: HTMLElement): void {
  const t = tx();
  const k = project.settings.minGroupSize;
  const invited = counts.round.access === 'invite';
  setChildren(
    tbody,
    ...counts.areas.map((area) =>
      h(
        'tr',
        { 'data-area': area.area },
        h('th', { scope: 'row' }, area.name),
        h(
          'td',
          { class: `number${area.underMinimum ? ' under-minimum' : ''}` },
          area.underMinimum
            ? t.fewerThan(k)
            : area.reason === 'secondary'
              ? t.hiddenToProtect
              : formatNumber(area.responses, getLang(), 0),
        ),
        invited ? h('td', { class: 'number' }, formatNumber(area.invited, getLang(), 0)) : null,
        invited
          ? h('td', { class: 'number' }, area.underMinimum || area.reason === 'secondary' ? '–' : percent(area.rate))
          : null,
      ),
    ),
  );
  setChildren(
    tfoot,
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, t.countTotal),
      h('td', { class: 'number', 'data-total': '' }, formatNumber(counts.responses, getLang(), 0)),
      invited ? h('td', { class: 'number' }, formatNumber(counts.invited, getLang(), 0)) : null,
      invited ? h('td', { class: 'number' }, counts.invited ? percent(counts.responses / counts.invited) : '–') : null,
    ),
  );
}

function countsSection(
  context: ViewContext,
  project: Project,
  first: RoundCounts,
): { element: HTMLElement; refreshNow: () => void } {
  const t = tx();
  const invited = first.round.access === 'invite';
  const tbody = h('tbody');
  const tfoot = h('tfoot');
  const updated = h('p', { class: 'hint counts-updated' });
  const problem = h('p', { class: 'field-error', hidden: true });
  const table = h(
    'table',
    { class: 'counts' },
    h('caption', { class: 'visually-hidden' }, t.countsTitle),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t.countArea),
        h('th', { scope: 'col', class: 'number' }, t.countResponses),
        invited ? h('th', { scope: 'col', class: 'number' }, t.countInvited) : null,
        invited ? h('th', { scope: 'col', class: 'number' }, t.countRate) : null,
      ),
    ),
    tbody,
    tfoot,
  );
  const draw = (counts: RoundCounts) => {
    countsRows(project, counts, tbody, tfoot);
    updated.textContent = t.countsUpdated(formatTime(new Date()));
    problem.hidden = true;
  };
  draw(first);

  // Refresh while this view is shown, one call at a time; wait while the tab is hidden.
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight = false;
  const schedule = () => {
    if (context.signal.aborted) return;
    timer = setTimeout(refresh, REFRESH_MS);
  };
  const refresh = async () => {
    timer = null;
    if (context.signal.aborted || inFlight) return;
    if (document.hidden) {
      updated.textContent = t.countsPaused;
      return; // visibilitychange starts it again
    }
    inFlight = true;
    try {
      const counts = await call<RoundCounts>('GET', `/api/rounds/${encodeURIComponent(first.round.id)}`);
      if (context.signal.aborted) return;
      draw(counts);
    } catch (error) {
      if (error instanceof SignedOutError) return;
      problem.textContent = describeError(error);
      problem.hidden = false;
    } finally {
      inFlight = false;
    }
    schedule();
  };
  const refreshNow = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    void refresh();
  };
  const onVisible = () => {
    if (!document.hidden && timer === null) refreshNow();
  };
  document.addEventListener('visibilitychange', onVisible);
  context.signal.addEventListener('abort', () => {
    if (timer !== null) clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisible);
  });
  schedule();

  const element = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'counts-heading' },
    h('h2', { id: 'counts-heading' }, t.countsTitle),
    h('p', { class: 'hint' }, t.countsIntro(project.settings.minGroupSize)),
    h('div', { class: 'table-scroll' }, table),
    updated,
    problem,
  );
  return { element, refreshNow };
}

function codesResult(batch: CodeBatch, project: Project): HTMLElement {
  const t = tx();
  const download = h('button', { type: 'button', class: 'download-csv' }, t.downloadCsv);
  download.addEventListener('click', () => {
    const date = new Date().toISOString().slice(0, 10);
    downloadText(
      `${slugify(batch.roundName) || 'koder'}-${date}.csv`,
      batchCsv(batch, getLang()),
      'text/csv;charset=utf-8',
    );
  });
  const letters = link({ view: 'letters', projectId: project.id, roundId: batch.roundId }, t.printLetters);
  letters.className = 'button secondary';
  const shown = batch.codes.slice(0, 50);
  const headingId = 'codes-result-heading';
  return h(
    'div',
    { class: 'notice success codes-result', role: 'region', 'aria-labelledby': headingId },
    h('p', { id: headingId, tabindex: -1 }, h('strong', {}, t.codesCreated(batch.codes.length))),
    h('div', { class: 'actions' }, download, letters),
    h(
      'table',
      { class: 'codes' },
      h('caption', {}, t.codesTable),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t.codeColumn), h('th', { scope: 'col' }, t.personalLink))),
      h(
        'tbody',
        {},
        ...shown.map((code) =>
          h(
            'tr',
            {},
            h('td', { class: 'code' }, code),
            h('td', { class: 'link-cell' }, personalLink(batch.roundId, code)),
          ),
        ),
      ),
    ),
    batch.codes.length > shown.length ? h('p', {}, t.moreCodes(batch.codes.length - shown.length)) : null,
  );
}

function invitationsSection(project: Project, round: RoundSummary, issued: () => void): HTMLElement {
  const t = tx();
  const section = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'invitations-heading' },
    h('h2', { id: 'invitations-heading' }, t.invitationsTitle),
  );
  if (round.access !== 'invite') {
    section.append(h('p', {}, t.invitationsOpenRound), h('p', { class: 'hint' }, t.openLinkWeaker));
    return section;
  }
  const count = field(
    t.codeCount,
    h('input', { type: 'text', inputmode: 'numeric', name: 'count', value: '100', class: 'short' }),
  );
  const areaSelect = h(
    'select',
    { name: 'area' },
    h('option', { value: '' }, t.codeAreaNone),
    ...project.areas.map((area) => h('option', { value: area.id }, area.name)),
  );
  const area = field(t.codeArea, areaSelect, t.codeAreaHint);
  const errors = new FormErrors((fieldName): ErrorTarget | null => {
    if (fieldName === 'count') return { error: count.error, control: count.control, label: t.codeCount };
    if (fieldName === 'area') return { error: area.error, control: areaSelect, label: t.codeArea };
    return null;
  });
  const result = h('div', { class: 'codes-output' });
  const submit = h('button', { type: 'submit' }, t.createCodes);
  const form = appForm({ class: 'codes-form' }, errors, submit, [count.row, area.row], () => {
    const n = parseNumber(count.control.value);
    if (n === null) {
      errors.show([{ field: 'count', message: t.notANumber } satisfies FieldError]);
      return;
    }
    void sendForm(submit, errors, async () => {
      const body = { count: n, ...(areaSelect.value ? { area: areaSelect.value } : {}) };
      const { codes } = await call<{ codes: string[] }>(
        'POST',
        `/api/rounds/${encodeURIComponent(round.id)}/invitations`,
        body,
      );
      errors.clear();
      const batch: CodeBatch = {
        roundId: round.id,
        roundName: round.name,
        projectName: project.name,
        area: areaSelect.value || null,
        codes,
      };
      rememberBatch(batch);
      issued();
      clear(result);
      result.append(codesResult(batch, project));
      result.querySelector<HTMLElement>('#codes-result-heading')?.focus();
    });
  });
  section.append(h('p', { class: 'hint' }, t.invitationsIntro), form, result);
  return section;
}

function roundFacts(round: RoundSummary): HTMLElement {
  const t = tx();
  const status = h('span', { class: `status status-${round.status}` }, statusText(round.status));
  const { button, panel } = roundToggle(round, (updated) => {
    status.className = `status status-${updated.status}`;
    status.textContent = statusText(updated.status);
  });
  return h(
    'div',
    { class: 'round-facts' },
    h('dl', { class: 'facts' }, ...roundFactTerms(round, status, ' ', button)),
    panel,
    copyField(t.surveyLink, surveyAddress(round.id), t.copyLink, 'survey-address'),
  );
}

export async function renderRound(context: ViewContext, route: { projectId: string; roundId: string }): Promise<void> {
  const { details, counts } = await loadRound(route);
  const { project } = details;
  const round = counts.round;
  if (context.signal.aborted) return;
  const countsPanel = countsSection(context, project, counts);
  show(
    context,
    projectTrail(project, { label: round.name }),
    heading(round.name),
    flashNotice(),
    project.demo ? demoNotice() : null,
    roundFacts(round),
    countsPanel.element,
    invitationsSection(project, round, countsPanel.refreshNow),
  );
}
