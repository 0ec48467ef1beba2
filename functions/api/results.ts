// What evaluators read: one round's indicators (with groups, weighted figures and answer
// distributions, small groups suppressed) and the baseline-versus-follow-up comparison.
import { backgroundValues, sumAnswerCounts, sumMoments, type RoundAggregate } from '../core/aggregates.ts';
import { compareRounds, isPublishable, summarize, type Comparison, type RoundSummary } from '../core/compare.ts';
import type { Background, BackgroundVariable, Indicator } from '../core/schemas.ts';
import { createScorer } from '../core/scoring.ts';
import { postStratify, type PostStratifiedEstimate } from '../core/stats/weighting.ts';
import { readRoundAggregate } from '../fold/read.ts';
import type { Store } from '../store/index.ts';
import type { Project, Questionnaire, Round } from '../store/types.ts';
import { HttpError } from './errors.ts';

type Distribution = { suppressed: true; n: null } | { n: number; counts: Record<string, number> };

export interface IndicatorReading {
  label: string | null;
  kind: Indicator['kind'];
  summary: RoundSummary;
  groups: Partial<Record<BackgroundVariable, Record<string, RoundSummary>>>;
  weighted?: PostStratifiedEstimate & { weighted: true };
  /** Answers to each item (counts include "dk"), for the stacked bars. */
  distribution: Record<string, Distribution>;
  groupDistributions: Partial<Record<BackgroundVariable, Record<string, Record<string, Distribution>>>>;
}

export interface RoundReading {
  round: { id: string; name: string; kind: Round['kind']; status: Round['status']; access: Round['access']; createdAt: string };
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

function distributionOf(round: RoundAggregate, question: string, include: (b: Background) => boolean, minGroupSize: number): Distribution {
  const counts = sumAnswerCounts(round, question, include);
  const n = Object.values(counts).reduce((sum, c) => sum + c, 0);
  if (!isPublishable(n, minGroupSize)) return { suppressed: true, n: null };
  return { n, counts: { ...counts } };
}

export async function readRound(store: Store, project: Project, round: Round): Promise<RoundReading> {
  const questionnaire = await loadQuestionnaire(store, round);
  const scorer = createScorer(questionnaire.indicators);
  const { aggregate, responses } = await readRoundAggregate(store, round, scorer);
  const { minGroupSize: k, groupBy, weighting } = project.settings;
  const indicators: Record<string, IndicatorReading> = {};
  for (const compiled of scorer.indicators) {
    const { id, kind, label, items } = compiled.def;
    const summary = summarize(compiled, sumMoments(aggregate, id), k);
    const groups: IndicatorReading['groups'] = {};
    const groupDistributions: IndicatorReading['groupDistributions'] = {};
    for (const variable of groupBy) {
      const values = [...backgroundValues(aggregate, variable)].sort();
      groups[variable] = Object.fromEntries(values.map((value) => [value, summarize(compiled, sumMoments(aggregate, id, (b) => b[variable] === value), k)]));
      groupDistributions[variable] = Object.fromEntries(
        values.map((value) => [value, Object.fromEntries(items.map((q) => [q, distributionOf(aggregate, q, (b) => b[variable] === value, k)]))]),
      );
    }
    const reading: IndicatorReading = {
      label: label ?? null,
      kind,
      summary,
      groups,
      distribution: Object.fromEntries(items.map((q) => [q, distributionOf(aggregate, q, () => true, k)])),
      groupDistributions,
    };
    if (weighting && !('suppressed' in summary)) {
      reading.weighted = { ...postStratify(aggregate, id, compiled.factor, compiled.exact, weighting), weighted: true };
    }
    indicators[id] = reading;
  }
  return {
    round: { id: round.id, name: round.name, kind: round.kind, status: round.status, access: round.access, createdAt: round.createdAt },
    responses,
    minGroupSize: k,
    indicators,
  };
}

/** Indicator definitions are comparable only when identical (METHOD.md). */
function sameIndicators(a: Indicator[], b: Indicator[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export async function compareProjectRounds(store: Store, project: Project, baseline: Round, followup: Round): Promise<Comparison> {
  const [qb, qf] = await Promise.all([loadQuestionnaire(store, baseline), loadQuestionnaire(store, followup)]);
  if (!sameIndicators(qb.indicators, qf.indicators)) {
    throw new HttpError(409, 'not_comparable', 'the two rounds have different indicator definitions, so they cannot be compared');
  }
  const scorer = createScorer(qb.indicators);
  const [viewB, viewF] = await Promise.all([readRoundAggregate(store, baseline, scorer), readRoundAggregate(store, followup, scorer)]);
  return compareRounds(qb.indicators, project.settings, viewB.aggregate, viewF.aggregate);
}
