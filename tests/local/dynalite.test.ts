// dynalite on a worker thread (how `npm start` runs it): data on disk survives a close and a new
// start on the same directory, and close releases LevelDB's lock so the directory can be reopened.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { startDynalite } from '../../functions/local/dynalite.ts';
import { createDynamoClient } from '../../functions/store/client.ts';
import { ensureTable } from '../../functions/store/table.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'bygdpuls-dynalite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function withThread<T>(work: (client: ReturnType<typeof createDynamoClient>) => Promise<T>): Promise<T> {
  const dynamo = await startDynalite({ path: dir, thread: true });
  const client = createDynamoClient({ tableName: 'bygdpuls', endpoint: dynamo.endpoint });
  try {
    return await work(client);
  } finally {
    client.destroy();
    await dynamo.close();
  }
}

describe('dynalite on its own thread', () => {
  it('keeps data across a close and a restart on the same directory', async () => {
    await withThread(async (client) => {
      await ensureTable(client, 'bygdpuls');
      await client.send(
        new PutItemCommand({ TableName: 'bygdpuls', Item: { pk: { S: 'a' }, sk: { S: 'b' }, value: { N: '42' } } }),
      );
    });
    const item = await withThread(
      async (client) =>
        (
          await client.send(
            new GetItemCommand({
              TableName: 'bygdpuls',
              Key: { pk: { S: 'a' }, sk: { S: 'b' } },
              ConsistentRead: true,
            }),
          )
        ).Item,
    );
    expect(item?.value).toEqual({ N: '42' });
  });

  it('reports a start that fails instead of hanging', async () => {
    const first = await startDynalite({ thread: true });
    const port = Number(new URL(first.endpoint).port);
    try {
      await expect(startDynalite({ thread: true, port })).rejects.toThrow(/dynalite did not start: .*EADDRINUSE/s);
    } finally {
      await first.close();
    }
  });
});
