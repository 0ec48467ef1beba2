// What the dashboard reads from the API, as types (the API's own, functions/api/contract.ts,
// imported as types only), and how it loads it.
import type {
  ComparisonReading as Comparison,
  Indicator,
  ProjectDetails,
  Project as ProjectInfo,
  QuestionnaireSummary,
  QuestionnaireVersion,
  RoundCounts,
  RoundListing as RoundInfo,
  RoundReading,
  RoundTexts,
} from '../../../functions/api/contract.ts';
import { api } from '../common/api.ts';
import type { Lang } from '../common/lang.ts';

export type {
  Area,
  AreaCount,
  ComparisonReading as Comparison,
  Distribution,
  Indicator,
  IndicatorComparison,
  IndicatorReading,
  MeanSummary,
  Project as ProjectInfo,
  Release,
  ProjectDetails as ProjectResponse,
  RoundCounts,
  RoundListing as RoundInfo,
  RoundReading,
  RoundSummary,
  RoundTexts,
  ShareSummary,
  Suppressed,
  TextAnswers,
  WeightedRound,
} from '../../../functions/api/contract.ts';

/** A questionnaire version as the dashboard reads it: its background mapping looked up by any variable's name. */
export type QuestionnaireInfo = Omit<QuestionnaireSummary, 'background'> & {
  background: Partial<Record<string, string>>;
};

/** Localized text of a SurveyJS document: a string or {default, sv, en, ...}. */
type Localizable = string | Record<string, string> | undefined;

export interface QuestionText {
  title: string;
  /** Answer value -> its text, in the order the questionnaire lists them. */
  choices: Map<string, string>;
}

/** Question titles and choice texts of a questionnaire, in one language. */
export type QuestionTexts = Map<string, QuestionText>;

export interface DashboardData {
  project: ProjectInfo;
  rounds: RoundInfo[];
  questionnaires: QuestionnaireInfo[];
  baseline: RoundInfo;
  followup: RoundInfo;
  comparison: Comparison;
  counts: { baseline: RoundCounts; followup: RoundCounts };
  readings: { baseline: RoundReading; followup: RoundReading };
  /** Free-text answers per round; null when they could not be loaded (the rest of the page still shows). */
  texts: { baseline: RoundTexts | null; followup: RoundTexts | null };
  indicators: Indicator[];
  /** The questionnaire's raw SurveyJS document (texts are taken from it per language). */
  survey: unknown;
}

export function localized(text: Localizable, lang: Lang): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[lang] ?? text.default ?? text.sv ?? Object.values(text)[0] ?? '';
}

/** Question titles and choice labels from a SurveyJS document (best effort: unknown shapes are skipped). */
export function questionTexts(survey: unknown, lang: Lang, dontKnow: string, none: string): QuestionTexts {
  const out: QuestionTexts = new Map();
  const visit = (element: unknown) => {
    if (!element || typeof element !== 'object') return;
    const e = element as Record<string, unknown>;
    if (typeof e.name === 'string' && typeof e.type === 'string' && e.type !== 'panel') {
      const choices = new Map<string, string>();
      const list = (
        Array.isArray(e.rateValues) ? e.rateValues : Array.isArray(e.choices) ? e.choices : []
      ) as unknown[];
      for (const choice of list) {
        if (choice && typeof choice === 'object' && 'value' in choice) {
          const c = choice as { value: unknown; text?: Localizable };
          const value = String(c.value);
          choices.set(value, value === 'dk' ? dontKnow : localized(c.text, lang) || value);
        } else if (choice !== null && choice !== undefined) {
          choices.set(String(choice), String(choice));
        }
      }
      if (e.type === 'boolean') {
        choices.set('true', localized(e.labelTrue as Localizable, lang) || (lang === 'sv' ? 'Ja' : 'Yes'));
        choices.set('false', localized(e.labelFalse as Localizable, lang) || (lang === 'sv' ? 'Nej' : 'No'));
      }
      if (e.showNoneItem) choices.set('none', localized(e.noneText as Localizable, lang) || none);
      const title = localized(e.title as Localizable, lang) || e.name;
      out.set(e.name, { title, choices });
      // A Likert grid's rows are items of their own (`attitudes.future`): the grid's title and the
      // row's text, the columns as the choices.
      if (e.type.toLowerCase() === 'matrix' && Array.isArray(e.rows)) {
        const columns = new Map<string, string>();
        for (const [value, text] of labelled(e.columns)) columns.set(value, value === 'dk' ? dontKnow : text);
        for (const [value, text] of labelled(e.rows))
          out.set(`${e.name}.${value}`, { title: `${title}: ${text}`, choices: columns });
      }
    }
    for (const key of ['pages', 'elements', 'templateElements', 'questions']) {
      const children = e[key];
      if (Array.isArray(children)) children.forEach(visit);
    }
  };
  visit(survey);
  return out;

  /** [value, text] of a SurveyJS item list (strings, or {value, text}). */
  function labelled(list: unknown): [string, string][] {
    if (!Array.isArray(list)) return [];
    return list.flatMap((item): [string, string][] => {
      if (item && typeof item === 'object' && 'value' in item) {
        const value = String((item as { value: unknown }).value);
        return [[value, localized((item as { text?: Localizable }).text, lang) || value]];
      }
      return item === null || item === undefined ? [] : [[String(item), String(item)]];
    });
  }
}

/** The latest round of a kind (by creation time), or null. */
export function latestOf(rounds: readonly RoundInfo[], kind: RoundInfo['kind']): RoundInfo | null {
  return rounds
    .filter((r) => r.kind === kind)
    .reduce<RoundInfo | null>((latest, r) => (!latest || r.createdAt > latest.createdAt ? r : latest), null);
}

export async function loadProject(projectId: string, token: string): Promise<ProjectDetails> {
  return api<ProjectDetails>('GET', `/api/projects/${encodeURIComponent(projectId)}`, { token });
}

/** Everything the page shows for one round on its own (a baseline report before any follow-up). */
export interface RoundData {
  project: ProjectInfo;
  rounds: RoundInfo[];
  questionnaires: QuestionnaireInfo[];
  round: RoundInfo;
  counts: RoundCounts;
  reading: RoundReading;
  texts: RoundTexts | null;
  indicators: Indicator[];
  survey: unknown;
}

function surveyOf(project: ProjectDetails, questionnaireId: string, token: string) {
  const questionnaire = project.questionnaires.find((q) => q.id === questionnaireId) ?? project.questionnaires[0];
  const survey = questionnaire
    ? api<QuestionnaireVersion>(
        'GET',
        `/api/projects/${encodeURIComponent(project.project.id)}/questionnaires/${encodeURIComponent(questionnaire.id)}`,
        { token },
      ).then(
        (q) => q.survey,
        () => null,
      )
    : Promise.resolve(null);
  return { questionnaire, survey };
}

export async function loadRound(project: ProjectDetails, round: RoundInfo, token: string): Promise<RoundData> {
  const r = encodeURIComponent(round.id);
  const { questionnaire, survey } = surveyOf(project, round.questionnaireId, token);
  const [counts, reading, texts, document] = await Promise.all([
    api<RoundCounts>('GET', `/api/rounds/${r}`, { token }),
    api<RoundReading>('GET', `/api/rounds/${r}/indicators`, { token }),
    api<RoundTexts>('GET', `/api/rounds/${r}/texts`, { token }).catch(() => null),
    survey,
  ]);
  return {
    project: project.project,
    rounds: project.rounds,
    questionnaires: project.questionnaires,
    round,
    counts,
    reading,
    texts,
    indicators: questionnaire?.indicators ?? [],
    survey: document,
  };
}

/** Everything the page shows for one pair of rounds. */
export async function loadComparison(
  project: ProjectDetails,
  baseline: RoundInfo,
  followup: RoundInfo,
  token: string,
): Promise<DashboardData> {
  const id = encodeURIComponent(project.project.id);
  const b = encodeURIComponent(baseline.id);
  const f = encodeURIComponent(followup.id);
  const questionnaire =
    project.questionnaires.find((q) => q.id === baseline.questionnaireId) ?? project.questionnaires[0];
  const textsOf = (round: string) => api<RoundTexts>('GET', `/api/rounds/${round}/texts`, { token }).catch(() => null);
  const [comparison, countsB, countsF, readingB, readingF, survey, textsB, textsF] = await Promise.all([
    api<Comparison>('GET', `/api/projects/${id}/comparison?baseline=${b}&followup=${f}`, { token }),
    api<RoundCounts>('GET', `/api/rounds/${b}`, { token }),
    api<RoundCounts>('GET', `/api/rounds/${f}`, { token }),
    api<RoundReading>('GET', `/api/rounds/${b}/indicators`, { token }),
    api<RoundReading>('GET', `/api/rounds/${f}/indicators`, { token }),
    questionnaire
      ? api<QuestionnaireVersion>('GET', `/api/projects/${id}/questionnaires/${encodeURIComponent(questionnaire.id)}`, {
          token,
        }).then(
          (q) => q.survey,
          () => null,
        )
      : Promise.resolve(null),
    textsOf(b),
    textsOf(f),
  ]);
  return {
    project: project.project,
    rounds: project.rounds,
    questionnaires: project.questionnaires,
    baseline,
    followup,
    comparison,
    counts: { baseline: countsB, followup: countsF },
    readings: { baseline: readingB, followup: readingF },
    texts: { baseline: textsB, followup: textsF },
    indicators: questionnaire?.indicators ?? [],
    survey,
  };
}
