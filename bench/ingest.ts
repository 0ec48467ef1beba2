// Benchmark part "ingest": submissions per second through the HTTP API on the local stack, next to raw conditional PutItems per second of items of the same size and shape on the same dynalite.
import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import type { Item } from '../functions/store/attributes.ts';
import { shardPartition } from '../functions/store/keys.ts';
import type { Round } from '../functions/store/types.ts';
import { ClientThread, submitJob, type SubmitJob } from './ingestClients.ts';
import { floorsMeasurable, measureFloors, type FloorFigures } from './ingestFloors.ts';
import { answerSource, responseItems, storedResponses } from './responses.ts';
import { createProject, createRound, pool, seconds, startStack, type BenchStack } from './stack.ts';
import { percentile, round } from './statistics.ts';

export const INGEST_TARGET_RATIO = 0.7;
/** Submissions (and raw puts) per block: the three ways take turns block by block. */
const BLOCK = 500;
/** The floors (bench/ingestFloors.ts): blocks per way after one warm-up block each, and requests per block. */
const FLOOR_BLOCKS = 15;
const FLOOR_BLOCK = 400;
/**
 * The three ways a run writes: through the API with the HTTP clients on the main thread, where the
 * raw writers sit too (the same threads busy as in the raw way: the main thread and dynalite's);
 * raw PutItems; and through the API with the clients in a worker thread of their own, which on a
 * 2-core machine makes three busy threads for two cores.
 */
type Way = 'api' | 'raw' | 'worker';

export interface IngestOptions {
  /** Submissions per run, and raw PutItems per run. */
  count: number;
  concurrency: number;
  runs: number;
  /** Untimed submissions and raw puts first, to warm up the JIT, the caches and the connections. */
  warmup: number;
  log?: (line: string) => void;
}

export interface IngestFigures {
  perSecond: number;
  rawPerSecond: number;
  ratio: number;
  target: number;
  pass: boolean;
  /** The API with its HTTP clients in a worker thread of their own (three busy threads on the machine's cores). */
  workerThread: { perSecond: number; ratio: number };
  count: number;
  concurrency: number;
  /** Per request through the API (the headline way), over every run (ms). */
  latencyMs: { p50: number; p90: number; p99: number };
  /** Mean size of a response item (attribute names and values, UTF-8 bytes): as the API stored them, and as written raw. */
  meanItemBytes: { api: number; raw: number };
  runs: { perSecond: number[]; rawPerSecond: number[]; workerThreadPerSecond: number[] };
  /** Where a submission's main-thread time goes (bench/ingestFloors.ts); null where Linux's schedstat is missing. */
  floors: FloorFigures | null;
  method: Record<string, string>;
}

/**
 * What a resident's browser sends besides the body (Chromium's request headers for a fetch POST
 * from the survey page), so that the server parses what it would parse in use.
 */
const BROWSER_HEADERS = [
  'Accept: */*',
  'Accept-Encoding: gzip, deflate, br, zstd',
  'Accept-Language: sv-SE,sv;q=0.9,en-US;q=0.8,en;q=0.7',
  'Origin: http://127.0.0.1',
  'Referer: http://127.0.0.1/',
  'User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
];

/** Submission bodies, made before the clock starts (a resident's browser makes them, not the server). */
function submissionBodies(count: number, seed: number): string[] {
  const source = answerSource(seed);
  return Array.from({ length: count }, () => JSON.stringify({ responseId: randomUUID(), answers: source.next(0.25) }));
}

/** Submits every body to the round's submit route; fails loudly unless every answer is 201. Returns seconds taken. */
async function submitAll(
  stack: BenchStack,
  roundId: string,
  bodies: readonly string[],
  concurrency: number,
  clients: ClientThread | null,
  latencies?: number[],
): Promise<number> {
  const job: SubmitJob = {
    url: `${stack.url}/api/public/rounds/${roundId}/responses`,
    bodies,
    concurrency,
    headers: BROWSER_HEADERS,
  };
  const report = clients ? await clients.run(job) : await submitJob(job);
  if (report.statuses[201] !== bodies.length) {
    const counts = Object.entries(report.statuses)
      .map(([status, n]) => `${n} x ${status}`)
      .join(', ');
    throw new Error(
      `ingest: not every submission was stored (${counts}); first failure: ${report.firstFailure}; API errors: ${JSON.stringify(stack.errors.slice(0, 3))}`,
    );
  }
  latencies?.push(...report.latenciesMs);
  return report.seconds;
}

/** Conditional PutItems (attribute_not_exists(pk), as responses.put does) with `concurrency` writers; seconds taken. */
async function putAll(stack: BenchStack, items: readonly Item[], concurrency: number): Promise<number> {
  const started = process.hrtime.bigint();
  await pool(items.length, concurrency, async (i) => {
    try {
      await stack.client.send(
        new PutItemCommand({
          TableName: stack.tableName,
          Item: items[i]!,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new Error('ingest: a raw put found its key taken');
      throw error;
    }
  });
  return seconds(started);
}

/** Raw items: made by the store's own responses.put code from plausible, validated answers (the API's shape and size). */
async function rawItems(stack: BenchStack, target: Round, count: number, seed: number): Promise<Item[]> {
  return responseItems(target, storedResponses(stack.template, count, { seed, lift: 0.25, firstTs: Date.now() }));
}

/** Every response item stored in a round's shards, read back with consistent queries. */
async function storedItems(stack: BenchStack, target: Round): Promise<Item[]> {
  const items: Item[] = [];
  for (let shard = 0; shard < target.shards; shard++) {
    let start: Item | undefined;
    do {
      const page = await stack.client.send(
        new QueryCommand({
          TableName: stack.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': { S: shardPartition(target.id, shard) }, ':prefix': { S: 'R#' } },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return items;
}

function itemBytes(item: Item): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(item)) {
    bytes += Buffer.byteLength(name);
    if (value.S !== undefined) bytes += Buffer.byteLength(value.S);
    else if (value.N !== undefined) bytes += value.N.length;
    else if (value.BOOL !== undefined) bytes += 1;
  }
  return bytes;
}

const meanBytes = (items: readonly Item[]) =>
  items.reduce((sum, item) => sum + itemBytes(item), 0) / Math.max(1, items.length);

export async function measureIngest(options: IngestOptions): Promise<IngestFigures> {
  const { count, concurrency, runs, warmup } = options;
  const log = options.log ?? (() => {});
  const stack = await startStack();
  const clients = await ClientThread.start();
  try {
    const project = await createProject(stack, 'Bench: ingest');
    const newRound = (name: string) => createRound(stack, project, 'baseline', name);

    // Warm-up, untimed: each way once, on rounds of its own.
    await submitAll(stack, (await newRound('warm-up (API)')).id, submissionBodies(warmup, 1), concurrency, null);
    await submitAll(
      stack,
      (await newRound('warm-up (API, clients in a worker)')).id,
      submissionBodies(warmup, 2),
      concurrency,
      clients,
    );
    const warmRaw = await newRound('warm-up (raw)');
    await putAll(stack, await rawItems(stack, warmRaw, warmup, 3), concurrency);

    const totals: Record<Way, number> = { api: 0, raw: 0, worker: 0 };
    const perRun: Record<Way, number[]> = { api: [], raw: [], worker: [] };
    const latencies: number[] = [];
    const apiBytes: number[] = [];
    const rawBytes: number[] = [];
    const order: Way[] = ['api', 'raw', 'worker'];
    for (let run = 1; run <= runs; run++) {
      const rounds = {
        api: await newRound(`run ${run} (API)`),
        raw: await newRound(`run ${run} (raw)`),
        worker: await newRound(`run ${run} (API, clients in a worker)`),
      };
      // Everything each way sends, made before the clock starts.
      const bodies = { api: submissionBodies(count, 100 + run), worker: submissionBodies(count, 200 + run) };
      const items = await rawItems(stack, rounds.raw, count, 300 + run);
      const elapsed: Record<Way, number> = { api: 0, raw: 0, worker: 0 };
      log(
        `  ingest run ${run}/${runs}: ${count} submissions, ${count} raw PutItems, ${count} submissions with the clients in a worker, taking turns ${BLOCK} at a time ... `,
      );
      // The three ways take turns block by block (the first one rotating), so that a busy moment of the machine hits all alike.
      for (let block = 0, from = 0; from < count; block++, from += BLOCK) {
        const to = Math.min(count, from + BLOCK);
        for (let k = 0; k < order.length; k++) {
          const way = order[(block + k) % order.length]!;
          if (way === 'raw') elapsed.raw += await putAll(stack, items.slice(from, to), concurrency);
          else
            elapsed[way] += await submitAll(
              stack,
              rounds[way].id,
              bodies[way].slice(from, to),
              concurrency,
              way === 'worker' ? clients : null,
              way === 'api' ? latencies : undefined,
            );
        }
      }
      for (const way of order) {
        totals[way] += elapsed[way];
        perRun[way].push(count / elapsed[way]);
      }
      // Every submission is stored, once, in the shape the raw items have.
      const stored = await storedItems(stack, rounds.api);
      if (stored.length !== count) throw new Error(`ingest: the API round holds ${stored.length} items, not ${count}`);
      const storedByWorkerClients = (await storedItems(stack, rounds.worker)).length;
      if (storedByWorkerClients !== count)
        throw new Error(
          `ingest: the API round of the worker-thread clients holds ${storedByWorkerClients} items, not ${count}`,
        );
      apiBytes.push(meanBytes(stored));
      rawBytes.push(meanBytes(items));
      log(
        `${(count / elapsed.api).toFixed(0)}/s, ${(count / elapsed.raw).toFixed(0)}/s, ${(count / elapsed.worker).toFixed(0)}/s\n`,
      );
    }
    let floors: FloorFigures | null = null;
    if (floorsMeasurable()) {
      log(
        `  ingest floors: main-thread CPU per request of raw PutItems and of four servers, ${FLOOR_BLOCKS} blocks of ${FLOOR_BLOCK} each ... `,
      );
      floors = await measureFloors(stack, {
        newRound,
        itemsFor: (target, n, seed) => rawItems(stack, target, n, seed),
        bodies: submissionBodies,
        headers: BROWSER_HEADERS,
        concurrency,
        blocks: FLOOR_BLOCKS,
        blockSize: FLOOR_BLOCK,
      });
      log(
        `${Object.entries(floors.mainThreadMicrosPerRequest)
          .map(([way, us]) => `${way} ${us.toFixed(0)} us`)
          .join(', ')}\n`,
      );
    }
    if (stack.errors.length > 0)
      throw new Error(`ingest: the API logged errors: ${JSON.stringify(stack.errors.slice(0, 3))}`);

    const rate = (way: Way) => (runs * count) / totals[way];
    const ratio = rate('api') / rate('raw');
    latencies.sort((a, b) => a - b);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    return {
      perSecond: round(rate('api'), 1),
      rawPerSecond: round(rate('raw'), 1),
      ratio: round(ratio, 3),
      target: INGEST_TARGET_RATIO,
      pass: ratio >= INGEST_TARGET_RATIO,
      workerThread: { perSecond: round(rate('worker'), 1), ratio: round(rate('worker') / rate('raw'), 3) },
      count,
      concurrency,
      latencyMs: {
        p50: round(percentile(latencies, 50), 2),
        p90: round(percentile(latencies, 90), 2),
        p99: round(percentile(latencies, 99), 2),
      },
      meanItemBytes: { api: round(mean(apiBytes), 1), raw: round(mean(rawBytes), 1) },
      floors,
      runs: {
        perSecond: perRun.api.map((v) => round(v, 1)),
        rawPerSecond: perRun.raw.map((v) => round(v, 1)),
        workerThreadPerSecond: perRun.worker.map((v) => round(v, 1)),
      },
      method: {
        perSecond: `${runs} runs x ${count} POST /api/public/rounds/:roundId/responses (fresh uuid responseId, plausible answers, bodies made before the clock starts) with a browser's request headers (Accept-Encoding, Accept-Language, User-Agent, ...) by ${concurrency} concurrent HTTP/1.1 keep-alive clients on raw sockets (bench/ingestClients.ts, as wrk does it) on the main thread, where the raw way's writers sit too: both ways keep the same two threads busy (the main thread and dynalite's), and the clients' CPU time (about 30 us a request) is counted against the API; every answer checked to be 201 and every response found stored; rate = all submissions / all their seconds`,
        workerThread: `the same, with the ${concurrency} HTTP clients in a worker thread of their own: three busy threads on a 2-core machine, and the scheduler's preemption of the main thread (measured: about 0.2 ms a request of main-thread time) is counted against the API`,
        rawPerSecond: `${runs} runs x ${count} PutItem with ConditionExpression attribute_not_exists(pk), ${concurrency} concurrent, on the store's DynamoDBClient; items made by the store's own responses.put code from plausible validated answers (see meanItemBytes); rate = all puts / all their seconds`,
        interleaving: `in each run the three ways take turns ${BLOCK} at a time (the first one rotating), so that the machine's busy moments hit all three alike`,
        stack: `one process, as npm start runs it: in-memory dynalite on a worker thread of its own; the store's DynamoDBClient and the app npm start serves (createLocalApp: the API with its gzip for reads and the web pages mounted) on @hono/node-server (127.0.0.1) on the main thread; ${warmup} untimed submissions each way and raw puts first`,
      },
    };
  } finally {
    await clients.close();
    await stack.close();
  }
}
