// What evaluators read: one round's indicators (with groups, weighted figures and answer
// distributions, small groups suppressed, and the groups that would give them away by
// subtraction too), the baseline-versus-follow-up comparison, and the free-text answers.
import type { Language } from '../core/language.ts';
import { randomInt } from 'node:crypto';
import { backgroundValues, sumAnswerCounts, sumMoments, type RoundAggregate } from '../core/aggregates.ts';
import {
  compareRounds,
  isPublishable,
  protectBreakdown,
  protectWeighted,
  secondarySuppressed,
  summarize,
  type Comparison,
  type RoundSummary,
} from '../core/compare.ts';
import { complementarySuppressions, type SuppressionReason } from '../core/disclosure.ts';
import { parseSurvey, questionTitle, type TextQuestion } from '../core/questionnaire.ts';
import type { TextAnswers } from '../core/published.ts';
import {
  DONT_KNOW,
  type Background,
  type BackgroundVariable,
  type Indicator,
  type ProjectSettings,
} from '../core/schemas.ts';
import { createScorer, type Scorer } from '../core/scoring.ts';
import { postStratify, type PostStratifiedEstimate } from '../core/stats/weighting.ts';
import { readRoundAggregate } from '../fold/read.ts';
import type { Store } from '../store/index.ts';
import type { Project, Questionnaire, Round } from '../store/types.ts';
import { HttpError } from './errors.ts';

type Distribution =
  | { suppressed: true; n: null; reason?: SuppressionReason }
  | { n: number; counts: Record<string, number> };

export interface IndicatorReading {
  label: string | null;
  kind: Indicator['kind'];
  summary: RoundSummary;
  groups: Partial<Record<BackgroundVariable, Record<string, RoundSummary>>>;
  /** `withheld` when secondary suppression holds the estimate back (a stratum under k). */
  weighted?: PostStratifiedEstimate & { weighted: true; withheld?: true };
  /** Answers to each item (counts include "dk"), for the stacked bars. */
  distribution: Record<string, Distribution>;
  groupDistributions: Partial<Record<BackgroundVariable, Record<string, Record<string, Distribution>>>>;
}

export interface RoundReading {
  round: {
    id: string;
    name: string;
    kind: Round['kind'];
    status: Round['status'];
    access: Round['access'];
    createdAt: string;
  };
  /** Responses counted (removed ones excluded). */
  responses: number;
  minGroupSize: number;
  indicators: Record<string, IndicatorReading>;
}

export async function loadQuestionnaire(store: Store, round: Round): Promise<Questionnaire> {
  const questionnaire = await store.questionnaires.get(round.projectId, round.questionnaireId);
  if (!questionnaire) throw new Error(`round ${round.id} refers to a missing questionnaire`);
  return questionnaire;
}

/** The sizes of a distribution: answers other than "dk" (the values a figure is made of), then all answers. */
function distributionSizes(counts: Record<string, number>): [number, number] {
  let all = 0;
  for (const count of Object.values(counts)) all += count;
  return [all - (counts[DONT_KNOW] ?? 0), all];
}

/**
 * An item's answer counts in a group, or the suppression marker. It is published only when at
 * least k of its answers are values (not "dk"): otherwise it would give away the mean or share of
 * fewer than k respondents that the indicator over this one item suppresses.
 */
function distributionOf(
  round: RoundAggregate,
  question: string,
  include: (b: Background) => boolean,
  minGroupSize: number,
): Distribution {
  const counts = sumAnswerCounts(round, question, include);
  const [values, n] = distributionSizes(counts);
  if (!isPublishable(values, minGroupSize)) return { suppressed: true, n: null };
  return { n, counts: { ...counts } };
}

/** Secondary suppression of one breakdown of an item's distribution (in place). */
function protectDistributions(total: Distribution, groups: Record<string, Distribution>, minGroupSize: number): void {
  const sizes = (d: Distribution) => ('suppressed' in d ? null : distributionSizes(d.counts));
  const extra = complementarySuppressions(
    sizes(total),
    Object.keys(groups)
      .sort()
      .map((key) => ({ key, sizes: sizes(groups[key]!) })),
    minGroupSize,
  );
  for (const key of extra)
    Object.defineProperty(groups, key, {
      value: secondarySuppressed(),
      enumerable: true,
      writable: true,
      configurable: true,
    });
}

/**
 * The indicators of one round as evaluators read them (pure: the API's read path and the privacy
 * tests both call it): whole round, groups, weighted figures and distributions, with primary and
 * secondary suppression.
 */
export function roundIndicators(
  scorer: Scorer,
  aggregate: RoundAggregate,
  settings: ProjectSettings,
): Record<string, IndicatorReading> {
  const { minGroupSize: k, groupBy, weighting } = settings;
  const indicators: Record<string, IndicatorReading> = {};
  for (const compiled of scorer.indicators) {
    const { id, kind, label, items } = compiled.def;
    const summary = summarize(compiled, sumMoments(aggregate, id), k);
    const distribution: Record<string, Distribution> = Object.fromEntries(
      items.map((q) => [q, distributionOf(aggregate, q, () => true, k)]),
    );
    const groups: IndicatorReading['groups'] = {};
    const groupDistributions: IndicatorReading['groupDistributions'] = {};
    for (const variable of groupBy) {
      const values = [...backgroundValues(aggregate, variable)].sort();
      const byValue: Record<string, RoundSummary> = Object.fromEntries(
        values.map((value) => [
          value,
          summarize(
            compiled,
            sumMoments(aggregate, id, (b) => b[variable] === value),
            k,
          ),
        ]),
      );
      protectBreakdown(summary, byValue, k);
      groups[variable] = byValue;
      // Per item: the groups' distributions of that item, protected against its whole-round one.
      const perItem = items.map((q) => {
        const byGroup: Record<string, Distribution> = Object.fromEntries(
          values.map((value) => [value, distributionOf(aggregate, q, (b) => b[variable] === value, k)]),
        );
        protectDistributions(distribution[q]!, byGroup, k);
        return byGroup;
      });
      groupDistributions[variable] = Object.fromEntries(
        values.map((value) => [value, Object.fromEntries(items.map((q, i) => [q, perItem[i]![value]!]))]),
      );
    }
    const reading: IndicatorReading = { label: label ?? null, kind, summary, groups, distribution, groupDistributions };
    if (weighting && !('suppressed' in summary)) {
      // Secondary suppression: withheld when a stratum is small (core/disclosure.ts).
      const { estimate, withheld } = protectWeighted(
        postStratify(aggregate, id, compiled.factor, compiled.exact, weighting),
        aggregate,
        id,
        weighting,
        k,
      );
      reading.weighted = { ...estimate, weighted: true, ...(withheld ? { withheld: true } : {}) };
    }
    indicators[id] = reading;
  }
  return indicators;
}

export async function readRound(store: Store, project: Project, round: Round): Promise<RoundReading> {
  const questionnaire = await loadQuestionnaire(store, round);
  const scorer = createScorer(questionnaire.indicators);
  const { aggregate, responses } = await readRoundAggregate(store, round, scorer);
  return {
    round: {
      id: round.id,
      name: round.name,
      kind: round.kind,
      status: round.status,
      access: round.access,
      createdAt: round.createdAt,
    },
    responses,
    minGroupSize: project.settings.minGroupSize,
    indicators: roundIndicators(scorer, aggregate, project.settings),
  };
}

/** Indicator definitions are comparable only when identical (METHOD.md). */
function sameIndicators(a: Indicator[], b: Indicator[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export async function compareProjectRounds(
  store: Store,
  project: Project,
  baseline: Round,
  followup: Round,
): Promise<Comparison> {
  const [qb, qf] = await Promise.all([loadQuestionnaire(store, baseline), loadQuestionnaire(store, followup)]);
  if (!sameIndicators(qb.indicators, qf.indicators)) {
    throw new HttpError(
      409,
      'not_comparable',
      'the two rounds have different indicator definitions, so they cannot be compared',
    );
  }
  const scorer = createScorer(qb.indicators);
  const [viewB, viewF] = await Promise.all([
    readRoundAggregate(store, baseline, scorer),
    readRoundAggregate(store, followup, scorer),
  ]);
  return compareRounds(qb.indicators, project.settings, viewB.aggregate, viewF.aggregate, {
    secondarySuppression: true,
  });
}

/** The free-text questions of a questionnaire: text and comment questions no indicator or background variable uses. */
function freeTextQuestions(questionnaire: Questionnaire): TextQuestion[] {
  const parsed = parseSurvey(questionnaire.survey);
  if (!parsed.ok) throw new Error(`stored questionnaire ${questionnaire.id} does not parse`);
  const used = new Set<string>([
    ...questionnaire.indicators.flatMap((def) => def.items),
    ...Object.values(questionnaire.background).filter((name): name is string => !!name),
  ]);
  return parsed.survey.questions.filter((q): q is TextQuestion => q.kind === 'text' && !used.has(q.name));
}

/** Fisher-Yates with a cryptographic source: the order says nothing about when anyone answered. */
function shuffle<T>(list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

/**
 * Every free-text answer of a round (removed responses excluded), per question, for evaluators:
 * the texts only, shuffled, and nothing for a question with fewer than k answers (METHOD.md,
 * "Protecting small groups").
 */
export async function readRoundTexts(
  store: Store,
  project: Project,
  round: Round,
  lang: Language,
): Promise<{ round: string; minGroupSize: number; questions: TextAnswers[] }> {
  const questions = freeTextQuestions(await loadQuestionnaire(store, round));
  const answers = new Map<string, string[]>(questions.map((q) => [q.name, []]));
  if (questions.length > 0) {
    for (let shard = 0; shard < round.shards; shard++) {
      for await (const response of store.responses.responses(round.id, shard)) {
        for (const [name, list] of answers) {
          const answer = Object.hasOwn(response.answers, name) ? response.answers[name] : undefined;
          if (typeof answer === 'string' && answer.trim() !== '') list.push(answer);
        }
      }
    }
  }
  const k = project.settings.minGroupSize;
  return {
    round: round.id,
    minGroupSize: k,
    questions: questions.map((q) => {
      const list = answers.get(q.name)!;
      const published = isPublishable(list.length, k);
      return {
        question: q.name,
        title: questionTitle(q, lang),
        n: published ? list.length : null,
        suppressed: !published,
        answers: published ? shuffle(list) : [],
      };
    }),
  };
}
