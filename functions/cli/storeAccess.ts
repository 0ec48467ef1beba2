// How the command line reaches a store: the local data folder (through the running server's
// database when it runs, else opened directly), or a DynamoDB table on AWS.
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { endpointWithSecret, type LocalDynamo, startDynalite } from '../local/dynalite.ts';
import { completeInterruptedWrites } from '../local/interruptedWrites.ts';
import { DATABASE_GUARD_FILE, ENDPOINT_FILE, RUNNING_MARKER, TABLE_NAME } from '../local/dataDir.ts';
import { createDynamoClient } from '../store/client.ts';
import { createStore, type Store } from '../store/index.ts';

export interface StoreTarget {
  dataDir?: string | undefined;
  table?: string | undefined;
  endpoint?: string | undefined;
  region?: string | undefined;
}

/**
 * Whether the server that wrote the data folder's marker still runs. After a kill the endpoint file
 * stays behind, and its port may belong to another program (even another bygdpuls) by now.
 */
function serverRunning(dataDir: string): boolean {
  const marker = path.join(dataDir, RUNNING_MARKER);
  if (!existsSync(marker)) return false;
  const pid = Number(readFileSync(marker, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function openStore(target: StoreTarget): Promise<{ store: Store; close: () => Promise<void> }> {
  if (target.table && !target.dataDir) {
    const client = createDynamoClient({ tableName: target.table, endpoint: target.endpoint, region: target.region });
    return { store: createStore(client, target.table), close: async () => client.destroy() };
  }
  const dataDir = path.resolve(target.dataDir ?? process.env.DATA_DIR ?? '.data');
  if (!existsSync(path.join(dataDir, 'db')))
    throw new Error(`no bygdpuls data in ${dataDir} (start it once with npm start, or give --table)`);
  const endpointFile = path.join(dataDir, ENDPOINT_FILE);
  const secretFile = path.join(dataDir, DATABASE_GUARD_FILE);
  if (existsSync(endpointFile) && existsSync(secretFile) && serverRunning(dataDir)) {
    // The server runs and holds the database: talk to it through its dynalite, which answers only
    // requests carrying the secret of its start (functions/local/dynalite.ts).
    const address = readFileSync(endpointFile, 'utf8').trim();
    const endpoint = endpointWithSecret(address, readFileSync(secretFile, 'utf8').trim());
    const client = createDynamoClient({ tableName: TABLE_NAME, endpoint });
    try {
      await client.send(new DescribeTableCommand({ TableName: TABLE_NAME }));
      return { store: createStore(client, TABLE_NAME), close: async () => client.destroy() };
    } catch {
      client.destroy(); // a stale file from a server that was killed: open the folder directly
    }
  }
  let dynamo: LocalDynamo;
  try {
    dynamo = await startDynalite({ path: path.join(dataDir, 'db') });
  } catch (error) {
    // LevelDB's lock: a server holds the folder but its endpoint did not answer.
    throw new Error(
      `the data in ${dataDir} is in use by a running bygdpuls that does not answer at its endpoint; stop it, or try again (${(error as Error).message})`,
    );
  }
  const client = createDynamoClient({ tableName: TABLE_NAME, endpoint: dynamo.endpoint });
  const store = createStore(client, TABLE_NAME);
  // The last server did not stop cleanly: complete the writes it left half done first, as its
  // next start would (functions/local/interruptedWrites.ts), so that no command reads them.
  if (existsSync(path.join(dataDir, RUNNING_MARKER))) await completeInterruptedWrites(store);
  return {
    store,
    close: async () => {
      client.destroy();
      await dynamo.close();
    },
  };
}
