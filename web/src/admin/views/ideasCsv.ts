// The list of ideas as CSV, made in the browser from the API's answer, as the dashboard's and the
// invitation codes' files are: UTF-8 with a byte-order mark (Excel reads å, ä, ö), in Swedish with
// semicolons and Swedish headers, in English with commas. Contact details stay out of the file
// (personal data kept in one place, deleted there on request): only whether there are any.
import { downloadText } from '../../common/download.ts';
import type { Lang } from '../../common/lang.ts';
import type { ManagedIdea, ProjectDetails } from '../../../../functions/api/contract.ts';
import { csvSeparator } from '../../dashboard/csv.ts';
import { itx } from '../ideasI18n.ts';
import { areaName, stateText } from './ideasShared.ts';

const HEADERS = {
  sv: [
    'id',
    'rubrik',
    'text',
    'område',
    'läge',
    'lämnad',
    'senaste ändring',
    'ändrad av',
    'skäl',
    'sammanslagen med',
    'sammanslagna hit',
    'kontaktuppgifter',
  ],
  en: [
    'id',
    'title',
    'text',
    'area',
    'state',
    'submitted',
    'last_change',
    'changed_by',
    'reason',
    'merged_into',
    'merged_here',
    'contact_details',
  ],
} satisfies Record<Lang, string[]>;

/** A cell: quoted when it must be, and a text a spreadsheet would take for a formula kept as text. */
function cell(value: string, separator: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A time as Swedish spreadsheets read it (Swedish time). */
function time(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/** The CSV text (without the byte order mark; downloadIdeasCsv adds it). */
export function ideasCsv(ideas: readonly ManagedIdea[], details: ProjectDetails, lang: Lang): string {
  const separator = csvSeparator(lang);
  const yes = lang === 'sv' ? 'ja' : 'yes';
  const no = lang === 'sv' ? 'nej' : 'no';
  const titleOf = (id: string | null) => (id ? (ideas.find((idea) => idea.id === id)?.title ?? id) : '');
  const rows = ideas.map((idea) => [
    idea.id,
    idea.title,
    idea.text,
    idea.area ? areaName(details, idea.area) : '',
    stateText(idea.state),
    time(idea.submittedAt),
    idea.lastChange ? time(idea.lastChange.at) : '',
    idea.lastChange?.by ?? '',
    idea.lastChange?.reason ?? '',
    titleOf(idea.mergedInto),
    idea.merged.map((merged) => merged.title).join('; '),
    idea.hasContact ? yes : no,
  ]);
  return `${[HEADERS[lang], ...rows].map((row) => row.map((value) => cell(value, separator)).join(separator)).join('\r\n')}\r\n`;
}

export function downloadIdeasCsv(ideas: readonly ManagedIdea[], details: ProjectDetails, lang: Lang, part = ''): void {
  const slug =
    details.project.name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'projekt';
  const name = `bygdpuls-${slug}-${itx().csvFile}${part ? `-${part}` : ''}.csv`;
  downloadText(name, `\ufeff${ideasCsv(ideas, details, lang)}`, 'text/csv;charset=utf-8');
}
