// How a questionnaire is stored: small ones as a JSON string (as always), large ones as Brotli in a
// binary attribute under DynamoDB's 400 KB item limit; items stored before compression still read;
// a retried write of the same large version counts as done; one too large even compressed is refused.
import { randomBytes } from 'node:crypto';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInTemplate } from '../../functions/core/template.ts';
import type { Store } from '../../functions/store/index.ts';
import { questionnaireKey } from '../../functions/store/keys.ts';
import {
  COMPRESS_ABOVE_BYTES,
  MAX_STORED_QUESTIONNAIRE_BYTES,
  QuestionnaireTooLargeError,
} from '../../functions/store/questionnaires.ts';
import type { Questionnaire } from '../../functions/store/types.ts';
import { startTestStore } from '../support/dynamo.ts';

let store: Store;
let close: () => Promise<void>;
const areas = [{ id: 'a', name: 'A' }];

beforeAll(async () => {
  ({ store, close } = await startTestStore());
}, 60_000);
afterAll(async () => close?.());

/** The store's client and table (private fields, read for the raw item). */
const raw = () =>
  store.questionnaires as unknown as { client: import('@aws-sdk/client-dynamodb').DynamoDBClient; tableName: string };

function questionnaire(id: string, extraText = ''): Questionnaire {
  const template = builtInTemplate(areas);
  if (extraText) (template.survey as { description?: string }).description = extraText;
  return { id, projectId: 'p1', ...template, createdAt: '2026-01-01T00:00:00.000Z' };
}

async function storedItem(id: string) {
  const { client, tableName } = raw();
  const key = questionnaireKey('p1', id);
  const { Item } = await client.send(
    new GetItemCommand({ TableName: tableName, Key: { pk: { S: key.pk }, sk: { S: key.sk } } }),
  );
  return Item!;
}

/** Text that compresses about as well as a long questionnaire in several languages. */
const prose = (bytes: number) => {
  const words = 'byn skolan vägen the village school road das Dorf die Schule le village école route'.split(' ');
  let text = '';
  for (let i = 0; text.length < bytes; i++) text += `${words[(i * 7 + (i >> 3)) % words.length]} `;
  return text;
};

describe('stored questionnaires', () => {
  it('stores a small one as a JSON string, as before', async () => {
    const small = questionnaire('small');
    expect(JSON.stringify(small).length).toBeLessThan(COMPRESS_ABOVE_BYTES);
    await store.questionnaires.create(small);
    const item = await storedItem('small');
    expect(item.questionnaire?.S).toBe(JSON.stringify(small));
    expect(item.questionnaireBrotli).toBeUndefined();
    expect(await store.questionnaires.get('p1', 'small')).toEqual(small);
  });

  it('stores a large one compressed, well under the item limit, and reads it back equal', async () => {
    const large = questionnaire('large', prose(900_000));
    await store.questionnaires.create(large);
    const item = await storedItem('large');
    expect(item.questionnaire).toBeUndefined();
    expect(item.questionnaireBrotli?.B?.length).toBeLessThan(MAX_STORED_QUESTIONNAIRE_BYTES);
    expect(await store.questionnaires.get('p1', 'large')).toEqual(large);
    expect((await store.questionnaires.list('p1')).find((q) => q.id === 'large')).toEqual(large);
    // A retry of the same write (its first answer lost) finds its own item and counts as done.
    await expect(store.questionnaires.create(large)).resolves.toBeUndefined();
  });

  it('reads an item written before compression existed, whatever its size', async () => {
    const old = questionnaire('old', prose(100_000));
    const { client, tableName } = raw();
    const key = questionnaireKey('p1', 'old');
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: { pk: { S: key.pk }, sk: { S: key.sk }, questionnaire: { S: JSON.stringify(old) } },
      }),
    );
    expect(await store.questionnaires.get('p1', 'old')).toEqual(old);
  });

  it('refuses one too large even compressed, naming its sizes, and stores nothing', async () => {
    const noise = questionnaire('noise', randomBytes(450_000).toString('base64'));
    const error = await store.questionnaires.create(noise).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuestionnaireTooLargeError);
    const tooLarge = error as QuestionnaireTooLargeError;
    expect(tooLarge.storedBytes).toBeGreaterThan(MAX_STORED_QUESTIONNAIRE_BYTES);
    expect(tooLarge.jsonBytes).toBeGreaterThan(600_000);
    expect(await store.questionnaires.get('p1', 'noise')).toBeNull();
  });
});
