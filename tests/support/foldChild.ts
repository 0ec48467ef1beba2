// A fold in a process of its own, for tests that kill it (SIGKILL) at random points. Run with
// `node --import tsx tests/support/foldChild.ts <endpoint> <table> <roundId> <batchSize>`.
// It prints "ready" once connected, folds when a line arrives on stdin, and reports each snapshot
// write as it starts and ends, so that the parent can tell where its kill landed. Lines are written
// synchronously: what the parent reads happened before the kill.
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { foldRound } from '../../functions/fold/fold.ts';
import { createDynamoClient } from '../../functions/store/client.ts';
import { createStore } from '../../functions/store/index.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const [endpoint, tableName, roundId, batchSize] = process.argv.slice(2);
if (!endpoint || !tableName || !roundId || !batchSize)
  throw new Error('usage: foldChild.ts <endpoint> <table> <roundId> <batchSize>');

const say = (line: string) => writeSync(1, `${line}\n`);

const client = createDynamoClient({ tableName, endpoint });
const store = createStore(client, tableName);
const put = store.snapshots.put.bind(store.snapshots);
store.snapshots.put = async (...args) => {
  say(`write-start ${args[1]}`);
  const won = await put(...args);
  say(`write-end ${args[1]} ${won ? 'won' : 'lost'}`);
  return won;
};

const round = await store.rounds.get(roundId);
if (!round) throw new Error(`no round ${roundId}`);
say('ready');
await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once('line', () => resolve()));
const result = await foldRound(store, round, { now: Date.now(), settleMs: 1000, batchSize: Number(batchSize) });
say(`done ${result.folded} ${result.lost}`);
client.destroy();
process.exit(0);
