// Rounds: baseline or follow-up, a questionnaire version, open or closed, open link or invitations.
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { json, readJson, readString, str } from './attributes.ts';
import { PROJECT_ROUND_PREFIX, projectPartition, projectRoundKey, roundKey } from './keys.ts';
import { keyAttributes, queryPrefix, TableRepository } from './items.ts';
import { getItem } from './query.ts';
import type { Round } from './types.ts';
import { createAll } from './writes.ts';

export class RoundRepository extends TableRepository {
  /** Stores a new round and its entry in the project's list; a failed call leaves neither. */
  async create(round: Round): Promise<void> {
    const listKey = projectRoundKey(round.projectId, round.id);
    const key = roundKey(round.id);
    await createAll(this.client, this.tableName, [
      { item: { ...keyAttributes(listKey), roundId: str(round.id) }, unique: false },
      { item: { ...keyAttributes(key), round: json(round) }, unique: true },
    ]);
  }

  async get(roundId: string): Promise<Round | null> {
    const key = roundKey(roundId);
    const Item = await getItem(this.client, this.tableName, key);
    return Item ? readJson<Round>(Item, 'round') : null;
  }

  /** Opens or closes a round; returns the updated round. */
  async setStatus(round: Round, status: Round['status'], now: string): Promise<Round> {
    const updated: Round = { ...round, status, updatedAt: now };
    const key = roundKey(round.id);
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: { ...keyAttributes(key), round: json(updated) },
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
    return updated;
  }

  async listByProject(projectId: string): Promise<Round[]> {
    const ids: string[] = [];
    const items = queryPrefix(this.client, this.tableName, projectPartition(projectId), PROJECT_ROUND_PREFIX);
    for await (const item of items) ids.push(readString(item, 'roundId'));
    const rounds = await Promise.all(ids.map((id) => this.get(id)));
    return rounds
      .filter((round): round is Round => round !== null)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
}
