// What every part of a view reads: the comparison, the language, dashboard or report, and the
// names and small pieces the parts share (labels, a figure cell, a fold-out).
import { h } from '../common/dom.ts';
import type { Lang } from '../common/lang.ts';
import {
  questionTexts,
  type DashboardData,
  type IndicatorComparison,
  type QuestionTexts,
  type RoundInfo,
  type RoundSummary,
} from './data.ts';
import { estimateOf, formatDiff, formatFigure, formatInterval, isSuppressed, scaleOf, type Kind } from './format.ts';
import { texts, type Texts } from './i18n.ts';

export type Mode = 'dashboard' | 'report';

export interface ViewContext {
  data: DashboardData;
  lang: Lang;
  t: Texts;
  mode: Mode;
  k: number;
  questions: QuestionTexts;
}

export function viewContext(data: DashboardData, lang: Lang, mode: Mode): ViewContext {
  const t = texts(lang);
  return {
    data,
    lang,
    t,
    mode,
    k: data.project.settings.minGroupSize,
    questions: questionTexts(data.survey, lang, t.dontKnow, t.none),
  };
}

/** Indicator ids in the questionnaire's order (then any others of the comparison). */
export function indicatorOrder(data: DashboardData): string[] {
  const ids = Object.keys(data.comparison.indicators);
  const ordered = data.indicators.map((d) => d.id).filter((id) => ids.includes(id));
  return [...ordered, ...ids.filter((id) => !ordered.includes(id))];
}

export function kindOf(data: DashboardData, id: string): Kind {
  const def = data.indicators.find((d) => d.id === id);
  if (def) return def.kind;
  const ind = data.comparison.indicators[id]!;
  if ('p' in ind.baseline || 'p' in ind.followup) return 'share';
  return 'cohenD' in ind ? 'mean' : 'share';
}

export function labelOf(data: DashboardData, id: string): string {
  return data.indicators.find((d) => d.id === id)?.label ?? id;
}

/** A fold-out part: a details element on the dashboard, an open section in the printed report. */
export function fold(ctx: ViewContext, summary: string, className: string, ...content: Node[]): HTMLElement {
  if (ctx.mode === 'report') return h('div', { class: `fold ${className}` }, h('h4', {}, summary), ...content);
  return h('details', { class: `fold ${className}` }, h('summary', {}, summary), ...content);
}

/** Why a figure is hidden: under the minimum size, or (secondary) to protect a smaller group. */
export function suppressedText(marker: { reason?: string } | undefined, ctx: Pick<ViewContext, 't' | 'k'>): string {
  return marker?.reason === 'secondary' ? ctx.t.suppressedSecondary : ctx.t.suppressed(ctx.k);
}

export function summaryValue(summary: RoundSummary, kind: Kind, ctx: ViewContext): string {
  return isSuppressed(summary) ? ctx.t.suppressed(ctx.k) : formatFigure(estimateOf(summary), kind, ctx.lang);
}

/** A figure with its interval under it. */
export function valueCell(value: string, interval: string, field: string, intervalWord: string): HTMLElement {
  return h(
    'td',
    { class: 'number' },
    h('span', { class: 'value strong', 'data-field': field }, value),
    h('br', {}),
    h(
      'span',
      {
        class: 'ci',
        'data-field': `${field === 'diff' ? 'diff' : field.replace(/-value$/, '')}-ci`,
        title: intervalWord,
      },
      interval,
    ),
  );
}

/** An interval on its display scale (shares in percent): "3,9 till 4,5". */
export function intervalText(
  low: number | null | undefined,
  high: number | null | undefined,
  kind: Kind,
  ctx: Pick<ViewContext, 't' | 'lang'>,
): string {
  return formatInterval(scaleOf(kind, low), scaleOf(kind, high), kind, ctx.lang, ctx.t.to);
}

/** A change and its interval on the display scale (percentage points for shares): [change, interval]. */
export function changeTexts(
  change: Pick<IndicatorComparison, 'diff' | 'diffCiLow' | 'diffCiHigh'>,
  kind: Kind,
  ctx: Pick<ViewContext, 't' | 'lang'>,
): [string, string] {
  return [
    formatDiff(scaleOf(kind, change.diff), kind, ctx.lang, ctx.t.percentagePoints),
    intervalText(change.diffCiLow, change.diffCiHigh, kind, ctx),
  ];
}

/** What a table by round holds besides its round column and the change's heading. */
export interface RoundTableParts {
  className: string;
  caption: string;
  /** The column headers after the round column. */
  headers: (HTMLElement | null)[];
  row: (which: 'baseline' | 'followup', round: RoundInfo) => HTMLElement;
  /** The change row's cells after its heading. */
  change: (HTMLElement | null)[];
  /** Any rows after the change. */
  after?: HTMLElement[];
}

/** A table by round: the baseline's row, the follow-up's, then the change (and any rows after it). */
export function roundTable(parts: RoundTableParts, ctx: ViewContext): HTMLTableElement {
  const { t, data } = ctx;
  return captionedTable(
    { class: parts.className },
    parts.caption,
    [h('tr', {}, h('th', { scope: 'col' }, t.round), ...parts.headers)],
    [
      parts.row('baseline', data.baseline),
      parts.row('followup', data.followup),
      h('tr', { class: 'change' }, h('th', { scope: 'row' }, t.change), ...parts.change),
      ...(parts.after ?? []),
    ],
  );
}

/** A table with a caption for screen readers only, its header rows and its body rows. */
export function captionedTable(
  attributes: Record<string, string>,
  caption: string,
  head: Node[],
  body: Node[],
): HTMLTableElement {
  return h(
    'table',
    attributes,
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, head),
    h('tbody', {}, body),
  );
}

/** A table that scrolls sideways on a narrow screen: a focusable region, named for screen readers. */
export function scrollRegion(label: string, table: HTMLElement): HTMLElement {
  return h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': label }, table);
}

/** What naming a group needs: the areas, the background questions and their texts. */
export interface Naming {
  project: DashboardData['project'];
  /** Background variable -> its question in the questionnaire. */
  background: Partial<Record<string, string>>;
  questions: QuestionTexts;
  t: Texts;
}

export function groupName(variable: string, value: string, n: Naming): string {
  if (variable === 'area') return n.project.areas.find((a) => a.id === value)?.name ?? value;
  const text = n.questions.get(n.background[variable] ?? variable)?.choices.get(value);
  if (text) return text;
  if (value === 'none') return n.t.none;
  return value;
}

export function groupValueName(variable: string, value: string, ctx: ViewContext): string {
  const background = ctx.data.questionnaires.find((q) => q.id === ctx.data.baseline.questionnaireId)?.background ?? {};
  return groupName(variable, value, { project: ctx.data.project, background, questions: ctx.questions, t: ctx.t });
}
