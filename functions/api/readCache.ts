// What the submit path reads on every request, kept in memory: questionnaire versions forever
// (they never change), rounds for a moment (status changes must take effect: at most `roundTtlMs`
// late on another instance, at once on this one), and the parsed survey of each version.
import type { ParsedSurvey } from '../core/questionnaire/index.ts';
import { residents } from './lazy.ts';
import type { Store } from '../store/index.ts';
import type { Questionnaire, Round } from '../store/types.ts';

/**
 * The questionnaire parser, loaded when this instance first needs it: an instance that never
 * serves a survey (an administrator's or evaluator's) never compiles it.
 */
const parser = residents;

export class ReadCache {
  private readonly rounds = new Map<string, { round: Round | null; until: number }>();
  private readonly questionnaires = new Map<string, Questionnaire>();
  private readonly parsedSurveys = new Map<string, ParsedSurvey>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly roundTtlMs = 1000,
  ) {}

  /** The round if this instance read it a moment ago (null: it does not exist), else undefined. */
  peekRound(roundId: string): Round | null | undefined {
    const cached = this.rounds.get(roundId);
    return cached && cached.until > this.now() ? cached.round : undefined;
  }

  async round(roundId: string): Promise<Round | null> {
    const cached = this.peekRound(roundId);
    if (cached !== undefined) return cached;
    const round = await this.store.rounds.get(roundId);
    if (this.rounds.size > 1000) this.rounds.clear();
    this.rounds.set(roundId, { round, until: this.now() + this.roundTtlMs });
    return round;
  }

  /** Forget a round this instance just changed. */
  forgetRound(roundId: string): void {
    this.rounds.delete(roundId);
  }

  /** The questionnaire version if this instance has read it before, else undefined. */
  peekQuestionnaire(projectId: string, questionnaireId: string): Questionnaire | undefined {
    return this.questionnaires.get(`${projectId}/${questionnaireId}`);
  }

  async questionnaire(projectId: string, questionnaireId: string): Promise<Questionnaire | null> {
    const key = `${projectId}/${questionnaireId}`;
    const cached = this.questionnaires.get(key);
    if (cached) return cached;
    const questionnaire = await this.store.questionnaires.get(projectId, questionnaireId);
    if (questionnaire) {
      if (this.questionnaires.size > 200) this.questionnaires.clear();
      this.questionnaires.set(key, questionnaire);
    }
    return questionnaire;
  }

  /** The questionnaire's survey if this instance has parsed it before, else undefined. */
  peekParsedSurvey(questionnaire: Questionnaire): ParsedSurvey | undefined {
    return this.parsedSurveys.get(`${questionnaire.projectId}/${questionnaire.id}`);
  }

  /** The questionnaire's survey, parsed (versions never change); fails loudly if a stored one no longer parses. */
  async parsedSurvey(questionnaire: Questionnaire): Promise<ParsedSurvey> {
    const key = `${questionnaire.projectId}/${questionnaire.id}`;
    let parsed = this.parsedSurveys.get(key);
    if (!parsed) {
      const { parseSurvey } = await parser();
      const result = parseSurvey(questionnaire.survey);
      if (!result.ok) throw new Error(`stored questionnaire ${key} does not parse`);
      parsed = result.survey;
      if (this.parsedSurveys.size > 200) this.parsedSurveys.clear();
      this.parsedSurveys.set(key, parsed);
    }
    return parsed;
  }
}
