// Questionnaires: immutable versions of a SurveyJS document with the indicator definitions.
// A version whose JSON is small is stored as a string attribute, as it always was; a large one
// (a long multi-language questionnaire) as Brotli-compressed JSON in a binary attribute, so that
// an upload of up to 1 MB fits DynamoDB's 400 KB item (docs/adr/0005-large-questionnaires.md).
import { GetItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { json, readJson, type Item } from './attributes.ts';
import { projectPartition, QUESTIONNAIRE_PREFIX, questionnaireKey } from './keys.ts';
import { keyAttributes, queryPrefix, TableRepository } from './items.ts';
import type { Questionnaire, Round } from './types.ts';
import { createAll } from './writes.ts';

/** JSON up to this many bytes is stored as it is: reading it needs no zlib (a resident's cold start). */
export const COMPRESS_ABOVE_BYTES = 64 * 1024;
/**
 * The most a stored questionnaire may take, compressed: DynamoDB's item limit is 400 KB (409,600
 * bytes, attribute names and keys included); the rest is room for the keys and names.
 */
export const MAX_STORED_QUESTIONNAIRE_BYTES = 390 * 1024;

/** The attribute of a compressed version (a small one keeps `questionnaire`, a string). */
const COMPRESSED = 'questionnaireBrotli';

/** node:zlib, loaded only when a large questionnaire is written or read (see attributes.ts). */
const zlib = () => process.getBuiltinModule('node:zlib');

/** A questionnaire too large to store even compressed: the API answers 413 with the sizes. */
export class QuestionnaireTooLargeError extends Error {
  override readonly name = 'QuestionnaireTooLargeError';
  constructor(
    /** Its JSON, in bytes. */
    readonly jsonBytes: number,
    /** Compressed, in bytes. */
    readonly storedBytes: number,
    readonly maxStoredBytes: number,
  ) {
    super(
      `the questionnaire takes ${storedBytes} bytes compressed (${jsonBytes} as JSON); at most ${maxStoredBytes} fit`,
    );
  }
}

/** The attribute holding a questionnaire: its JSON as a string when small, compressed otherwise. */
export function questionnaireAttribute(questionnaire: Questionnaire): [string, AttributeValue] {
  const text = JSON.stringify(questionnaire);
  const jsonBytes = Buffer.byteLength(text);
  if (jsonBytes <= COMPRESS_ABOVE_BYTES) return ['questionnaire', json(questionnaire)];
  const { brotliCompressSync, constants } = zlib();
  const compressed = brotliCompressSync(text, {
    params: {
      // Quality 6: a 1 MB document in about 20 ms (quality 11 takes 1.4 s for a fifth less); the
      // default window (4 MB) sees the whole document, so a choice list repeated anywhere costs little.
      [constants.BROTLI_PARAM_QUALITY]: 6,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: jsonBytes,
    },
  });
  if (compressed.length > MAX_STORED_QUESTIONNAIRE_BYTES)
    throw new QuestionnaireTooLargeError(jsonBytes, compressed.length, MAX_STORED_QUESTIONNAIRE_BYTES);
  // A plain Uint8Array, as the SDK reads it back: a retried write compares the two (writes.ts).
  return [COMPRESSED, { B: new Uint8Array(compressed.buffer, compressed.byteOffset, compressed.length) }];
}

/** The questionnaire of a stored item, in either form (items stored before compression are strings). */
export function readQuestionnaire(item: Item): Questionnaire {
  const compressed = item[COMPRESSED]?.B;
  if (compressed === undefined) return readJson<Questionnaire>(item, 'questionnaire');
  return JSON.parse(zlib().brotliDecompressSync(compressed).toString('utf8')) as Questionnaire;
}

export class QuestionnaireRepository extends TableRepository {
  /**
   * Stores a new version; an existing id is never overwritten (versions are immutable). Throws a
   * QuestionnaireTooLargeError for one that does not fit an item even compressed.
   */
  async create(questionnaire: Questionnaire): Promise<void> {
    const key = questionnaireKey(questionnaire.projectId, questionnaire.id);
    const [name, value] = questionnaireAttribute(questionnaire);
    await createAll(this.client, this.tableName, [{ item: { ...keyAttributes(key), [name]: value }, unique: true }]);
  }

  async get(projectId: string, questionnaireId: string): Promise<Questionnaire | null> {
    const key = questionnaireKey(projectId, questionnaireId);
    const { Item } = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: keyAttributes(key) }));
    return Item ? readQuestionnaire(Item) : null;
  }

  async list(projectId: string): Promise<Questionnaire[]> {
    const result: Questionnaire[] = [];
    const items = queryPrefix(this.client, this.tableName, projectPartition(projectId), QUESTIONNAIRE_PREFIX);
    for await (const item of items) result.push(readQuestionnaire(item));
    return result;
  }
}

/** A round's questionnaire refers to a version that is not stored: the data is broken, not the request. */
export class MissingQuestionnaireError extends Error {
  override readonly name = 'MissingQuestionnaireError';
  constructor(
    readonly roundId: string,
    readonly questionnaireId: string,
  ) {
    super(`round ${roundId} refers to a missing questionnaire ${questionnaireId}`);
  }
}

/** The round's questionnaire, or a MissingQuestionnaireError: every reader of a round starts here. */
export async function roundQuestionnaire(
  store: { questionnaires: Pick<QuestionnaireRepository, 'get'> },
  round: Pick<Round, 'id' | 'projectId' | 'questionnaireId'>,
): Promise<Questionnaire> {
  const questionnaire = await store.questionnaires.get(round.projectId, round.questionnaireId);
  if (!questionnaire) throw new MissingQuestionnaireError(round.id, round.questionnaireId);
  return questionnaire;
}
