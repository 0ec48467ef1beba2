// Responses and removals, spread over a round's write shards, read back in server-time order.
import {
  ConditionalCheckFailedException,
  PutItemCommand,
  UpdateItemCommand,
  type DynamoDBClient,
  type PutItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { json, num, readJson, readNumber, readOptionalString, readString, str, type Item } from './attributes.ts';
import {
  isRemovalSortKey,
  RESPONSE_PREFIX,
  removalSortKey,
  responseKeyOfSortKey,
  responseSortKey,
  shardPartition,
  timeKey,
} from './keys.ts';
import { queryAll, queryPages, getItem } from './query.ts';
import { BY_TIME_INDEX } from './table.ts';
import type { RoundEvent, StoredRemoval, StoredResponse } from './types.ts';
import type { Background } from '../core/schemas.ts';

/** The shard of a response key: FNV-1a of the key, modulo the round's shard count. */
export function shardOf(responseKey: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < responseKey.length; i++) hash = Math.imul(hash ^ responseKey.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % shards;
}

function responseItem(roundId: string, shards: number, response: StoredResponse, addressHash?: string): Item {
  const item: Item = {
    pk: str(shardPartition(roundId, shardOf(response.key, shards))),
    sk: str(responseSortKey(response.key)),
    tsKey: str(response.tsKey),
    ts: num(response.ts),
    responseId: str(response.responseId),
    background: json(response.background),
    answers: json(response.answers),
  };
  if (addressHash !== undefined) item.addressHash = str(addressHash);
  return item;
}

/** When a response arrived and from which address hash (see ResponseRepository.put). */
export interface AddressTime {
  key: string;
  ts: number;
  addressHash: string;
}

/** Address hashes dropped at once when a round closes. */
const HASH_PAGE_PARALLEL = 16;

/** A removal as stored in one of its two formats (see StoredRemoval). */
function readRemoval(item: Item, key: string): StoredRemoval {
  const tsKey = readString(item, 'tsKey');
  const responseTsKey = readOptionalString(item, 'responseTsKey');
  return {
    type: 'removal',
    key,
    ts: readNumber(item, 'ts'),
    tsKey,
    // A response marked removed in place is at its own time key; a removal event names its response's.
    responseTsKey: responseTsKey ?? tsKey,
    background: readJson(item, 'background'),
    answers: readJson(item, 'answers'),
    replacedResponse: item.removed?.BOOL === true && responseTsKey !== undefined,
  };
}

/** A response item as get() and rebuild see it: a response marked removed is a removal. */
function readEvent(item: Item): RoundEvent {
  const key = responseKeyOfSortKey(readString(item, 'sk'));
  if (item.removed?.BOOL === true) return readRemoval(item, key);
  return {
    type: 'response',
    key,
    responseId: readString(item, 'responseId'),
    ts: readNumber(item, 'ts'),
    tsKey: readString(item, 'tsKey'),
    background: readJson(item, 'background'),
    answers: readJson(item, 'answers'),
  };
}

/**
 * An item of the time index as the fold reads it (a projection: no response id).
 * A response marked removed still adds (its removal event, later, subtracts it); a removal event
 * and a first-format tombstone subtract.
 */
function readFoldEvent(item: Item): RoundEvent {
  const sk = readString(item, 'sk');
  const key = responseKeyOfSortKey(sk);
  if (isRemovalSortKey(sk) || (item.removed?.BOOL === true && item.responseTsKey !== undefined))
    return readRemoval(item, key);
  return {
    type: 'response',
    key,
    responseId: '',
    ts: readNumber(item, 'ts'),
    tsKey: readString(item, 'tsKey'),
    background: foldBackground(item),
    answers: readJson(item, 'answers'),
  };
}

/**
 * Backgrounds as the fold reads them, parsed once per distinct text: a round holds a few dozen
 * combinations of area, age band and gender, and parsing each response's anew was a large share
 * of the fold's own work (docs/BENCH.md, "Measurements behind the code"). Frozen, since every response of a combination shares one object.
 */
const foldBackgrounds = new Map<string, Background>();
const FOLD_BACKGROUNDS_KEPT = 4096;

function foldBackground(item: Item): Background {
  const text = readString(item, 'background');
  let background = foldBackgrounds.get(text);
  if (background === undefined) {
    background = Object.freeze(JSON.parse(text) as Background);
    if (foldBackgrounds.size >= FOLD_BACKGROUNDS_KEPT) foldBackgrounds.clear();
    foldBackgrounds.set(text, background);
  }
  return background;
}

export type PutResult = { stored: true } | { stored: false; existing: StoredResponse | StoredRemoval };

/**
 * One item per response key, at its server time in the time index. A removal writes a removal
 * event (X#<key>, at the removal's time, with what subtracting takes) and then cuts the response
 * down in place to the same answers, marked removed, at its own time: the fold meets the response
 * first and subtracts it at the event (docs/PIPELINE.md). The key stays taken: a later submission
 * with it fails the same conditional write as any reuse.
 */
export class ResponseRepository {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /**
   * Stores a response with one conditional write keyed by its response key. When the key is
   * taken, returns what holds it, so that the caller can tell an exact retry from a conflict.
   * `addressHash` (open rounds): the client's address, salted per round and hashed, kept beside
   * the response until the round closes (forgetAddresses) or the response is removed.
   */
  async put(roundId: string, shards: number, response: StoredResponse, addressHash?: string): Promise<PutResult> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: responseItem(roundId, shards, response, addressHash),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { stored: true };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const existing = await this.get(roundId, shards, response.key);
    if (existing) return { stored: false, existing };
    throw new Error('conditional write failed but no item holds the key');
  }

  /** The response or the tombstone stored under a key. */
  async get(roundId: string, shards: number, responseKey: string): Promise<StoredResponse | StoredRemoval | null> {
    const Item = await getItem(this.client, this.tableName, {
      pk: shardPartition(roundId, shardOf(responseKey, shards)),
      sk: responseSortKey(responseKey),
    });
    return Item ? readEvent(Item) : null;
  }

  /**
   * Removes a response (spam, a resident's erasure request). Two writes, in this order: a removal
   * event after the response in the same shard (what the fold subtracts), then the response in
   * place, at the same time key, reduced by `keep` to the answers the indicators need and marked
   * removed (free text and everything else of it are gone; its key stays taken). Both writes are
   * conditional and may be repeated: a call cut short between them (a crash, a store failure) is
   * completed by the next, and the SDK retrying a write it applied changes nothing.
   * Returns 'not-found' for an unknown or already removed key.
   */
  async remove(
    roundId: string,
    shards: number,
    responseKey: string,
    now: number,
    keep: (answers: StoredResponse['answers']) => StoredResponse['answers'],
  ): Promise<'removed' | 'not-found'> {
    const response = await this.get(roundId, shards, responseKey);
    if (!response || response.type === 'removal') return 'not-found';
    // Never before the response itself, whatever the clocks say: the fold must meet it first.
    const ts = Math.max(now, response.ts + 1);
    const pk = str(shardPartition(roundId, shardOf(responseKey, shards)));
    const background = json(response.background);
    const answers = json(keep(response.answers));
    await this.putUnlessDone({
      TableName: this.tableName,
      Item: {
        pk,
        sk: str(removalSortKey(responseKey)),
        tsKey: str(timeKey(ts, responseKey)),
        ts: num(ts),
        responseTsKey: str(response.tsKey),
        background,
        answers,
      },
      // Written once: a second try (or a concurrent removal) finds it there.
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    await this.putUnlessDone({
      TableName: this.tableName,
      Item: {
        pk,
        sk: str(responseSortKey(responseKey)),
        tsKey: str(response.tsKey),
        ts: num(response.ts),
        removed: { BOOL: true },
        background,
        answers,
      },
      ConditionExpression: 'tsKey = :responseTsKey AND attribute_not_exists(removed)',
      ExpressionAttributeValues: { ':responseTsKey': str(response.tsKey) },
    });
    return 'removed';
  }

  /** A conditional put whose failed condition means "already done" (by an earlier try or a concurrent call). */
  private async putUnlessDone(input: PutItemCommandInput): Promise<void> {
    try {
      await this.client.send(new PutItemCommand(input));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /**
   * The events of one shard after a time key, in time order, a page at a time (consistent reads
   * of the local index). Pages, not single events: the fold and the read path go through every
   * event, and one await per page instead of per event saves much of the fold's time
   * (docs/BENCH.md, "Measurements behind the code").
   */
  async *eventPagesAfter(
    roundId: string,
    shard: number,
    afterTimeKey: string,
    pageSize = 1000,
  ): AsyncGenerator<RoundEvent[]> {
    const partition = str(shardPartition(roundId, shard));
    const pages = queryPages(this.client, {
      TableName: this.tableName,
      IndexName: BY_TIME_INDEX,
      KeyConditionExpression: afterTimeKey === '' ? 'pk = :pk' : 'pk = :pk AND tsKey > :after',
      ExpressionAttributeValues:
        afterTimeKey === '' ? { ':pk': partition } : { ':pk': partition, ':after': str(afterTimeKey) },
      ConsistentRead: true,
      Limit: pageSize,
      // Only what folding needs: not the response id.
      ProjectionExpression: '#sk, #tsKey, #ts, #background, #answers, #removed, #responseTsKey',
      ExpressionAttributeNames: {
        '#sk': 'sk',
        '#tsKey': 'tsKey',
        '#ts': 'ts',
        '#background': 'background',
        '#answers': 'answers',
        '#removed': 'removed',
        '#responseTsKey': 'responseTsKey',
      },
    });
    for await (const page of pages) yield page.map(readFoldEvent);
  }

  /**
   * Live responses of one shard that carry an address hash: their key, time and hash, nothing of
   * their answers (for the administrators' list of bursts and removal by hash or time).
   */
  async *addressTimes(roundId: string, shard: number): AsyncGenerator<AddressTime> {
    const items = queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      FilterExpression: 'attribute_exists(#hash) AND attribute_not_exists(#removed)',
      ExpressionAttributeValues: { ':pk': str(shardPartition(roundId, shard)), ':prefix': str(RESPONSE_PREFIX) },
      ProjectionExpression: '#sk, #ts, #hash',
      ExpressionAttributeNames: { '#sk': 'sk', '#ts': 'ts', '#hash': 'addressHash', '#removed': 'removed' },
      ConsistentRead: true,
    });
    for await (const item of items)
      yield {
        key: responseKeyOfSortKey(readString(item, 'sk')),
        ts: readNumber(item, 'ts'),
        addressHash: readString(item, 'addressHash'),
      };
  }

  /**
   * Drops the address hash of every response of a round (when it closes): afterwards nothing
   * stored tells which responses came from one address. Repeatable: a call cut short is finished
   * by the next. Returns how many hashes it dropped.
   */
  async forgetAddresses(roundId: string, shards: number): Promise<number> {
    let dropped = 0;
    for (let shard = 0; shard < shards; shard++) {
      const batch: Promise<void>[] = [];
      const flush = async () => {
        await Promise.all(batch);
        dropped += batch.length;
        batch.length = 0;
      };
      for await (const { key } of this.hashedKeys(roundId, shard)) {
        batch.push(this.dropHash(roundId, shard, key));
        if (batch.length >= HASH_PAGE_PARALLEL) await flush();
      }
      await flush();
    }
    return dropped;
  }

  /** Keys of a shard's items (live or removed) that still carry an address hash. */
  private async *hashedKeys(roundId: string, shard: number): AsyncGenerator<{ key: string }> {
    const items = queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      FilterExpression: 'attribute_exists(#hash)',
      ExpressionAttributeValues: { ':pk': str(shardPartition(roundId, shard)), ':prefix': str(RESPONSE_PREFIX) },
      ProjectionExpression: '#sk',
      ExpressionAttributeNames: { '#sk': 'sk', '#hash': 'addressHash' },
      ConsistentRead: true,
    });
    for await (const item of items) yield { key: responseKeyOfSortKey(readString(item, 'sk')) };
  }

  private async dropHash(roundId: string, shard: number, responseKey: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: { pk: str(shardPartition(roundId, shard)), sk: str(responseSortKey(responseKey)) },
          UpdateExpression: 'REMOVE addressHash',
          ConditionExpression: 'attribute_exists(pk)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /** Every stored response of one shard, tombstones excluded: for rebuild and export. */
  async *responses(roundId: string, shard: number): AsyncGenerator<StoredResponse> {
    const items = queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': str(shardPartition(roundId, shard)), ':prefix': str(RESPONSE_PREFIX) },
      ConsistentRead: true,
    });
    for await (const item of items) {
      const event = readEvent(item);
      if (event.type === 'response') yield event;
    }
  }
}
