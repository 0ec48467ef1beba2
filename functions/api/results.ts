// What evaluators read: one round's indicators (functions/core/roundIndicators.ts: groups,
// weighted figures and answer distributions, small groups suppressed, and the groups that would
// give them away by subtraction too), the baseline-versus-follow-up comparison, and the free-text
// answers.
import { randomInt } from 'node:crypto';
import { comparableIndicators, NOT_COMPARABLE_MESSAGE } from '../core/comparable.ts';
import { compareRounds, isPublishable } from '../core/compare.ts';
import type { Language } from '../core/language.ts';
import { parseSurvey, questionTitle, type TextQuestion } from '../core/questionnaire/index.ts';
import { roundIndicators } from '../core/roundIndicators.ts';
import { createScorer } from '../core/scoring.ts';
import { readRoundAggregate } from '../fold/read.ts';
import type { Store } from '../store/index.ts';
import { roundQuestionnaire } from '../store/questionnaires.ts';
import type { Project, Questionnaire, Round } from '../store/types.ts';
import type { Comparison, RoundReading, RoundTexts } from './contract.ts';
import { HttpError } from './errors.ts';

export async function readRound(store: Store, project: Project, round: Round): Promise<RoundReading> {
  const questionnaire = await roundQuestionnaire(store, round);
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

export async function compareProjectRounds(
  store: Store,
  project: Project,
  baseline: Round,
  followup: Round,
): Promise<Comparison> {
  const [qb, qf] = await Promise.all([roundQuestionnaire(store, baseline), roundQuestionnaire(store, followup)]);
  if (!comparableIndicators(qb.indicators, qf.indicators))
    throw new HttpError(409, 'not_comparable', NOT_COMPARABLE_MESSAGE);
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
): Promise<RoundTexts> {
  const questions = freeTextQuestions(await roundQuestionnaire(store, round));
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
