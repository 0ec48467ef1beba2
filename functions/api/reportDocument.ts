// A funder report as a Word document (the `docx` package), laid out as the funders' interim and
// final report forms are: the project's facts, the period, the activities carried out, each goal's
// fulfilment (target, actual, verdict, comment, the survey figures behind indicator goals), the
// free-text sections and a signature block. Swedish, or English on request. Loaded only by the
// route that makes it.
import {
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { GoalBasis, GoalVerdict } from '../core/goals.ts';
import type { Language } from '../core/language.ts';
import type { ReportGoal, ReportView } from '../core/reports.ts';

const WORDS = {
  sv: {
    interim: (sequence: number | null, of: number | null) =>
      sequence === null
        ? 'Delrapport'
        : of === null
          ? `Delrapport nr ${sequence}`
          : `Delrapport nr ${sequence} av ${of}`,
    final: 'Slutrapport',
    facts: 'Uppgifter om projektet',
    project: 'Projektnamn',
    owner: 'Projektägare',
    budget: 'Budget och finansiärer',
    contact: 'Kontaktperson',
    period: 'Rapportperiod',
    activities: 'Genomförda aktiviteter under perioden',
    noActivities: 'Inga aktiviteter har registrerats under perioden.',
    goals: 'Måluppfyllelse',
    noGoals: 'Projektet har inga mål registrerade.',
    goal: 'Mål',
    target: 'Målvärde',
    actual: 'Utfall',
    verdict: 'Bedömning',
    computed: 'beräknad bedömning',
    overridden: (reason: string, by: string) => `ändrad av ${by}: ${reason}`,
    comment: 'Kommentar',
    deviations: 'Avvikelse från gällande projektbeslut',
    experiences: 'Övriga upplysningar och erfarenheter',
    challenges: 'Utmaningar',
    empty: '(Inget ifyllt.)',
    signature: 'Underskrift',
    name: 'Namnförtydligande',
    place: 'Ort',
    date: 'Datum',
    locked: (at: string, by: string) => `Låst ${at} av ${by}: siffrorna är de som gällde då.`,
    draft: 'Utkast: siffrorna beräknas per periodens sista dag och kan ändras tills rapporten låses.',
    atLeast: (min: number) => `minst ${min}`,
    range: (min: number, max: number) => `${min}–${max}`,
    overTarget: 'över målet',
    increase: 'ökning',
    decrease: 'minskning',
    difference: 'skillnad',
    interval: '95 % konfidensintervall',
    weighted: 'viktad',
    unweighted: 'ovägd',
    answers: (b: number | null, f: number | null) => `svar: ${b ?? '–'} i nollmätningen, ${f ?? '–'} i uppföljningen`,
    assessment: 'Bedöms av projektet (milstolpe eller kvalitativt mål).',
    participants: (n: number) => `${n} deltagare`,
  },
  en: {
    interim: (sequence: number | null, of: number | null) =>
      sequence === null
        ? 'Interim report'
        : of === null
          ? `Interim report no. ${sequence}`
          : `Interim report no. ${sequence} of ${of}`,
    final: 'Final report',
    facts: 'About the project',
    project: 'Project name',
    owner: 'Project owner',
    budget: 'Budget and funders',
    contact: 'Contact person',
    period: 'Reporting period',
    activities: 'Activities carried out during the period',
    noActivities: 'No activities were recorded during the period.',
    goals: 'Goal fulfilment',
    noGoals: 'The project has no goals recorded.',
    goal: 'Goal',
    target: 'Target',
    actual: 'Actual',
    verdict: 'Assessment',
    computed: 'computed assessment',
    overridden: (reason: string, by: string) => `changed by ${by}: ${reason}`,
    comment: 'Comment',
    deviations: 'Deviations from the project decision',
    experiences: 'Other information and experiences',
    challenges: 'Challenges',
    empty: '(Nothing filled in.)',
    signature: 'Signature',
    name: 'Name in block letters',
    place: 'Place',
    date: 'Date',
    locked: (at: string, by: string) => `Locked on ${at} by ${by}: the figures are those that held then.`,
    draft: "Draft: figures are computed as of the period's last day and may change until the report is locked.",
    atLeast: (min: number) => `at least ${min}`,
    range: (min: number, max: number) => `${min}–${max}`,
    overTarget: 'over target',
    increase: 'increase',
    decrease: 'decrease',
    difference: 'difference',
    interval: '95% confidence interval',
    weighted: 'weighted',
    unweighted: 'unweighted',
    answers: (b: number | null, f: number | null) => `answers: ${b ?? '–'} at baseline, ${f ?? '–'} at follow-up`,
    assessment: 'Assessed by the project (a milestone or a qualitative goal).',
    participants: (n: number) => `${n} participants`,
  },
} as const;

type Words = (typeof WORDS)[Language];
/** What each verdict is called (core/goals.ts's VERDICT_WORDS, passed in: this module imports no values of the API's). */
type VerdictWords = Readonly<Record<GoalVerdict, { sv: string; en: string }>>;

function number(value: number, lang: Language, digits = 1): string {
  return value.toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

function p(text: string, options: { bold?: boolean; italics?: boolean } = {}): Paragraph {
  return new Paragraph({ children: [new TextRun({ text, ...options })], spacing: { after: 120 } });
}

function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_2) {
  return new Paragraph({ text, heading: level, spacing: { before: 240, after: 120 } });
}

function cell(text: string, bold = false): TableCell {
  return new TableCell({ children: [p(text, { bold })], width: { size: 25, type: WidthType.PERCENTAGE } });
}

function table(rows: string[][], header = true): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map((row, i) => new TableRow({ children: row.map((text) => cell(text, header && i === 0)) })),
  });
}

function targetText(goal: ReportGoal, say: Words): string {
  if (goal.target)
    return goal.target.max === undefined ? say.atLeast(goal.target.min) : say.range(goal.target.min, goal.target.max);
  if (goal.indicator) return goal.indicator.direction === 'increase' ? say.increase : say.decrease;
  return '–';
}

function actualText(goal: ReportGoal, say: Words, lang: Language): string {
  const basis: GoalBasis = goal.basis;
  if (basis.kind === 'count') return `${basis.actual}${basis.overTarget ? ` (${say.overTarget})` : ''}`;
  if (basis.kind === 'indicator' && basis.difference !== null)
    return `${say.difference} ${number(basis.difference, lang)}`;
  return '–';
}

/** The survey figures an indicator goal's verdict rests on, in a sentence. */
function indicatorFigures(goal: ReportGoal, say: Words, lang: Language): string | null {
  const basis = goal.basis;
  if (basis.kind !== 'indicator') return basis.kind === 'assessment' ? say.assessment : null;
  if (basis.difference === null) return basis.note;
  const parts = [`${say.difference} ${number(basis.difference, lang)}`];
  if (basis.ciLow !== null && basis.ciHigh !== null)
    parts.push(`${say.interval} ${number(basis.ciLow, lang)} – ${number(basis.ciHigh, lang)}`);
  if (basis.pValue !== null) parts.push(`p = ${number(basis.pValue, lang, 3)}`);
  parts.push(say.answers(basis.nBaseline, basis.nFollowup));
  parts.push(basis.weighted ? say.weighted : say.unweighted);
  return parts.join('; ');
}

function goalBlock(goal: ReportGoal, say: Words, lang: Language, verdictWords: VerdictWords): (Paragraph | Table)[] {
  const verdict = verdictWords[goal.verdict][lang];
  const verdictLine = goal.override
    ? `${verdict} (${say.computed}: ${verdictWords[goal.computedVerdict][lang]}; ${say.overridden(goal.override.reason, goal.override.by)})`
    : verdict;
  const out: (Paragraph | Table)[] = [
    new Paragraph({ text: goal.title, heading: HeadingLevel.HEADING_3, spacing: { before: 200, after: 80 } }),
    table(
      [
        [say.target, say.actual, say.verdict],
        [targetText(goal, say), actualText(goal, say, lang), verdictLine],
      ],
      true,
    ),
  ];
  const figures = indicatorFigures(goal, say, lang);
  if (figures) out.push(p(figures, { italics: true }));
  if (goal.comment) out.push(p(`${say.comment}: ${goal.comment}`));
  return out;
}

/** The report as a .docx file's bytes. */
export async function reportDocx(
  view: ReportView,
  lang: Language,
  verdictWords: VerdictWords,
): Promise<Uint8Array<ArrayBuffer>> {
  const say = WORDS[lang];
  const kind = view.kind === 'final' ? say.final : say.interim(view.sequence, view.of);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: `${kind}: ${view.title}`, heading: HeadingLevel.TITLE }),
    p(view.locked ? say.locked(view.locked.at.slice(0, 10), view.locked.by) : say.draft, { italics: true }),
    heading(say.facts),
    table(
      [
        [say.project, view.project.name],
        [say.owner, view.facts.owner || '–'],
        [say.budget, [view.facts.budget, view.facts.funders].filter(Boolean).join('; ') || '–'],
        [say.contact, view.facts.contact || '–'],
        [say.period, `${view.periodStart} – ${view.periodEnd}`],
      ],
      false,
    ),
    heading(say.activities),
  ];
  if (view.activities.length === 0) children.push(p(say.noActivities));
  for (const group of view.activities) {
    children.push(p(`${group.label[lang]} (${group.count})`, { bold: true }));
    for (const item of group.items)
      children.push(
        new Paragraph({
          text: [
            item.date,
            item.title,
            item.area,
            item.participants === null ? null : say.participants(item.participants),
          ]
            .filter(Boolean)
            .join(' · '),
          bullet: { level: 0 },
        }),
      );
  }
  children.push(heading(say.goals));
  if (view.goals.length === 0) children.push(p(say.noGoals));
  for (const goal of view.goals) children.push(...goalBlock(goal, say, lang, verdictWords));
  for (const key of ['deviations', 'experiences', 'challenges'] as const) {
    children.push(heading(say[key]));
    const text = view.sections[key].trim();
    for (const paragraph of text ? text.split(/\n{2,}/) : [say.empty]) children.push(p(paragraph));
  }
  children.push(heading(say.signature));
  const signature = view.signature;
  children.push(
    new Paragraph({
      children: [new TextRun({ text: ' ' })],
      border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
      spacing: { before: 600, after: 60 },
    }),
    table(
      [
        [say.name, signature?.name ?? ''],
        [say.place, signature?.place ?? ''],
        [say.date, signature?.date ?? ''],
      ],
      false,
    ),
  );
  const document = new Document({
    creator: 'bygdpuls',
    title: `${kind}: ${view.title}`,
    description: view.project.name,
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [{ properties: {}, children }],
  });
  const buffer = await Packer.toBuffer(document);
  return new Uint8Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer);
}
