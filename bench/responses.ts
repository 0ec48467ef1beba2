// Benchmark support: plausible residents' answers (as functions/local/demo.ts generates them), stored responses and their DynamoDB items exactly as the store writes them, and a fast BatchWriteItem loader for setup.
import { randomUUID } from 'node:crypto';
import {
  BatchWriteItemCommand,
  type DynamoDBClient,
  type PutItemCommandInput,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { NONE_VALUE, parseSurvey, validateResponse, type ParsedSurvey } from '../functions/core/questionnaire/index.ts';
import type { Answer, Background } from '../functions/core/schemas.ts';
import type { QuestionnaireTemplate } from '../functions/core/template.ts';
import type { Item } from '../functions/store/attributes.ts';
import { timeKey } from '../functions/store/keys.ts';
import { ResponseRepository } from '../functions/store/responses.ts';
import type { Round, StoredResponse } from '../functions/store/types.ts';
import { residentSource } from '../functions/local/residents.ts';
import { pool } from './stack.ts';

/** A generator of plausible submissions: the demo's resident model, with free-text answers now and then. */
export function answerSource(seed: number): { next(lift: number): Record<string, unknown> } {
  return residentSource(seed, { freeText: true });
}

/**
 * Stored responses as the submit path makes them (functions/api/submissions.ts: validated answers,
 * background with "prefer not to say" as null, key I.<responseId>), with
 * server times from `firstTs` on, one millisecond apart.
 */
export function storedResponses(
  template: QuestionnaireTemplate,
  count: number,
  options: { seed: number; lift: number; firstTs: number },
): StoredResponse[] {
  const parsed = parseSurvey(template.survey);
  if (!parsed.ok) throw new Error('bench: the built-in template does not parse');
  const survey: ParsedSurvey = parsed.survey;
  const source = answerSource(options.seed);
  const out: StoredResponse[] = [];
  for (let i = 0; i < count; i++) {
    const validation = validateResponse(survey, template.background, source.next(options.lift), 'sv');
    if (!validation.ok)
      throw new Error(`bench: a generated answer set does not validate: ${JSON.stringify(validation.errors)}`);
    const answers: Record<string, Answer> = validation.answers;
    const background: Background = { ...validation.background };
    for (const variable of ['area', 'age_band', 'gender'] as const)
      if (background[variable] === NONE_VALUE) background[variable] = null;
    const responseId = randomUUID();
    const key = `I.${responseId}`;
    const ts = options.firstTs + i;
    out.push({ type: 'response', key, responseId, ts, tsKey: timeKey(ts, key), background, answers });
  }
  return out;
}

/**
 * The items the store's responses.put writes for these responses, taken from the store's own code:
 * a ResponseRepository on a client that only records what it is asked to send.
 */
export async function responseItems(round: Round, responses: readonly StoredResponse[]): Promise<Item[]> {
  const items: Item[] = [];
  const recorder = {
    send: async (command: { input: PutItemCommandInput }) => {
      if (!command.input.Item) throw new Error('bench: responses.put sent something other than a PutItem');
      items.push(command.input.Item);
      return {};
    },
  } as unknown as DynamoDBClient;
  const repository = new ResponseRepository(recorder, 'recorder');
  for (const response of responses) {
    const result = await repository.put(round.id, round.shards, response);
    if (!result.stored) throw new Error('bench: the recording client refused an item');
  }
  return items;
}

/** Writes items with BatchWriteItem (25 per call, `concurrency` calls in flight), retrying unprocessed items. */
export async function batchWrite(
  client: DynamoDBClient,
  tableName: string,
  items: readonly Item[],
  concurrency = 4,
): Promise<void> {
  const batches: WriteRequest[][] = [];
  for (let i = 0; i < items.length; i += 25)
    batches.push(items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })));
  await pool(batches.length, concurrency, async (b) => {
    let requests = batches[b]!;
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 10) throw new Error(`bench setup: ${requests.length} items stayed unprocessed after 10 retries`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));
      const result = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }));
      requests = result.UnprocessedItems?.[tableName] ?? [];
    }
  });
}
