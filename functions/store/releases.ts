// Releases: the frozen aggregate of a round that evaluators read (../shared/docs/METHOD.md, "Releases, not live
// figures"). One item per round, replaced by each new release; the fold writes it, reads get it.
import { ConditionalCheckFailedException, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { RoundAggregate } from '../core/aggregates.ts';
import { gzipJson, json, num, readGzipJson, readJson, readNumber, readString, str } from './attributes.ts';
import { getItem } from './query.ts';
import { releaseKey } from './keys.ts';

export interface Release {
  /** 1 for a round's first release, then one more for each. */
  seq: number;
  /** When the fold took it (ISO time). */
  at: string;
  /** Responses in it (removed ones excluded). */
  n: number;
  /** Taken after the round closed, with everything it accepted. */
  final: boolean;
  /** Each shard's snapshot mark it was taken at: responses up to these are in it. */
  hwms: string[];
  aggregate: RoundAggregate;
}

export class ReleaseRepository {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /** The round's latest release, or null before the first: one item read. */
  async latest(roundId: string): Promise<Release | null> {
    const key = releaseKey(roundId);
    const Item = await getItem(this.client, this.tableName, key);
    if (!Item) return null;
    return {
      seq: readNumber(Item, 'seq'),
      at: readString(Item, 'at'),
      n: readNumber(Item, 'n'),
      final: Item.final?.BOOL === true,
      hwms: readJson<string[]>(Item, 'hwms'),
      aggregate: readGzipJson(Item, 'aggregate'),
    };
  }

  /**
   * Writes the next release only if the stored one is still the one it follows (seq - 1; none for
   * the first): of two folds releasing at once one wins. Returns whether it won.
   */
  async put(roundId: string, release: Release): Promise<boolean> {
    const key = releaseKey(roundId);
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: {
            pk: str(key.pk),
            sk: str(key.sk),
            seq: num(release.seq),
            at: str(release.at),
            n: num(release.n),
            final: { BOOL: release.final },
            hwms: json(release.hwms),
            aggregate: gzipJson(release.aggregate),
          },
          ...(release.seq === 1
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: 'seq = :previous',
                ExpressionAttributeValues: { ':previous': num(release.seq - 1) },
              }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
