// A real DynamoDB-compatible store for tests: dynalite in memory, one table per test file.
import { createDynamoClient } from '../../functions/store/client.ts';
import { createStore, type Store } from '../../functions/store/index.ts';
import { ensureTable } from '../../functions/store/table.ts';
import { startDynalite } from '../../functions/local/dynalite.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export async function startTestStore(): Promise<{ store: Store; endpoint: string; close: () => Promise<void> }> {
  const dynamo = await startDynalite();
  const tableName = 'bygdpuls-test';
  const client = createDynamoClient({ tableName, endpoint: dynamo.endpoint });
  await ensureTable(client, tableName);
  return {
    store: createStore(client, tableName),
    endpoint: dynamo.endpoint,
    close: async () => {
      client.destroy();
      await dynamo.close();
    },
  };
}
