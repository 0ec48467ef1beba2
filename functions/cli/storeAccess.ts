// How the command line reaches a store: the local data folder (through the running server's
// database when it runs, else opened directly), or a DynamoDB table on AWS.
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startDynalite } from '../local/dynalite.ts';
import { ENDPOINT_FILE, TABLE_NAME } from '../local/start.ts';
import { createDynamoClient } from '../store/client.ts';
import { createStore, type Store } from '../store/index.ts';

export interface StoreTarget {
  dataDir?: string | undefined;
  table?: string | undefined;
  endpoint?: string | undefined;
  region?: string | undefined;
}

export { ENDPOINT_FILE };

export async function openStore(target: StoreTarget): Promise<{ store: Store; close: () => Promise<void> }> {
  if (target.table && !target.dataDir) {
    const client = createDynamoClient({ tableName: target.table, endpoint: target.endpoint, region: target.region });
    return { store: createStore(client, target.table), close: async () => client.destroy() };
  }
  const dataDir = path.resolve(target.dataDir ?? process.env.DATA_DIR ?? '.data');
  if (!existsSync(path.join(dataDir, 'db'))) throw new Error(`no bygdpuls data in ${dataDir} (start it once with npm start, or give --table)`);
  const endpointFile = path.join(dataDir, ENDPOINT_FILE);
  if (existsSync(endpointFile)) {
    // The server runs and holds the database: talk to it through its dynalite.
    const endpoint = readFileSync(endpointFile, 'utf8').trim();
    const client = createDynamoClient({ tableName: TABLE_NAME, endpoint });
    try {
      await client.send(new DescribeTableCommand({ TableName: TABLE_NAME }));
      return { store: createStore(client, TABLE_NAME), close: async () => client.destroy() };
    } catch {
      client.destroy(); // a stale file from a server that was killed: open the folder directly
    }
  }
  let dynamo;
  try {
    dynamo = await startDynalite({ path: path.join(dataDir, 'db') });
  } catch (error) {
    // LevelDB's lock: a server holds the folder but its endpoint did not answer.
    throw new Error(`the data in ${dataDir} is in use by a running bygdpuls that does not answer at its endpoint; stop it, or try again (${(error as Error).message})`);
  }
  const client = createDynamoClient({ tableName: TABLE_NAME, endpoint: dynamo.endpoint });
  return {
    store: createStore(client, TABLE_NAME),
    close: async () => {
      client.destroy();
      await dynamo.close();
    },
  };
}
