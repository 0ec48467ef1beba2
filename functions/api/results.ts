// What evaluators read: one round's indicators (functions/core/roundIndicators.ts: groups,
// weighted figures and answer distributions, small groups suppressed, and the groups that would
// give them away by subtraction too), the baseline-versus-follow-up comparison, and the free-text
// answers. All of it from the round's latest release (../shared/docs/METHOD.md, "Releases, not live figures"):
// one item read per round, never the live snapshots and tail, so two reads between releases agree.
import { randomInt } from 'node:crypto';
import { comparableIndicators, NOT_COMPARABLE_MESSAGE } from '../core/comparable.ts';
import { compareRounds, isPublishable } from '../core/compare.ts';
import type { Language } from '../core/language.ts';
import { parseSurvey, questionTitle, type TextQuestion } from '../core/questionnaire/index.ts';
import { roundIndicators } from '../core/roundIndicators.ts';
import { createScorer } from '../core/scoring.ts';
import type { Store } from '../store/index.ts';
import { roundQuestionnaire } from '../store/questionnaires.ts';
import type { Project, Questionnaire, Round } from '../store/types.ts';
import type { ComparisonReading, RoundReading, RoundTexts, Withheld } from './contract.ts';
import { HttpError } from './errors.ts';
import { NO_RELEASE, releaseInfo } from './releaseInfo.ts';

export async function readRound(store: Store, project: Project, round: Round): Promise<RoundReading> {
  const [questionnaire, release] = await Promise.all([
    roundQuestionnaire(store, round),
    store.releases.latest(round.id),
  ]);
  const scorer = createScorer(questionnaire.indicators);
  return {
    round: {
      id: round.id,
      name: round.name,
      kind: round.kind,
      status: round.status,
      access: round.access,
      createdAt: round.createdAt,
    },
    responses: release?.n ?? 0,
    minGroupSize: project.settings.minGroupSize,
    release: release ? releaseInfo(release) : null,
    preliminary: round.status === 'open',
    ...(release ? {} : { withheld: NO_RELEASE }),
    indicators: release ? roundIndicators(scorer, release.aggregate, project.settings) : {},
  };
}

export async function compareProjectRounds(
  store: Store,
  project: Project,
  baseline: Round,
  followup: Round,
): Promise<ComparisonReading> {
  const [qb, qf, releaseB, releaseF] = await Promise.all([
    roundQuestionnaire(store, baseline),
    roundQuestionnaire(store, followup),
    store.releases.latest(baseline.id),
    store.releases.latest(followup.id),
  ]);
  if (!comparableIndicators(qb.indicators, qf.indicators))
    throw new HttpError(409, 'not_comparable', NOT_COMPARABLE_MESSAGE);
  const releases = {
    baseline: releaseB ? releaseInfo(releaseB) : null,
    followup: releaseF ? releaseInfo(releaseF) : null,
  };
  const preliminary = baseline.status === 'open' || followup.status === 'open';
  if (!releaseB || !releaseF) return { indicators: {}, releases, preliminary, withheld: NO_RELEASE };
  const comparison = compareRounds(qb.indicators, project.settings, releaseB.aggregate, releaseF.aggregate, {
    secondarySuppression: true,
  });
  return { ...comparison, releases, preliminary };
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

export const NOT_FINAL: Withheld = {
  reason: 'not_final',
  message: 'Free-text answers are released only when the round has closed and its final release is taken.',
};

/**
 * Every free-text answer of a round's final release (removed responses excluded), per question,
 * for evaluators: the texts only, shuffled, and nothing for a question with fewer than k answers
 * (../shared/docs/METHOD.md, "Protecting small groups"). Nothing before the round's final release.
 */
export async function readRoundTexts(
  store: Store,
  project: Project,
  round: Round,
  lang: Language,
): Promise<RoundTexts> {
  const k = project.settings.minGroupSize;
  const release = await store.releases.latest(round.id);
  const preliminary = round.status === 'open';
  if (!release?.final || preliminary)
    return {
      round: round.id,
      minGroupSize: k,
      release: release ? releaseInfo(release) : null,
      preliminary,
      withheld: NOT_FINAL,
      questions: [],
    };
  const questions = freeTextQuestions(await roundQuestionnaire(store, round));
  const answers = new Map<string, string[]>(questions.map((q) => [q.name, []]));
  if (questions.length > 0) {
    for (let shard = 0; shard < round.shards; shard++) {
      const hwm = release.hwms[shard] ?? '';
      for await (const response of store.responses.responses(round.id, shard)) {
        // Only what the release holds (a removed response's text is already gone).
        if (response.tsKey > hwm) continue;
        for (const [name, list] of answers) {
          const answer = Object.hasOwn(response.answers, name) ? response.answers[name] : undefined;
          if (typeof answer === 'string' && answer.trim() !== '') list.push(answer);
        }
      }
    }
  }
  return {
    round: round.id,
    minGroupSize: k,
    release: releaseInfo(release),
    preliminary,
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
