// Benchmark part "ingest", where a submission's time goes: the main thread's CPU time per request
// of raw PutItems and of four servers on the same stack, each one step nearer to the real API.
// The main thread is the one both sides of the ingest ratio saturate, so its CPU time per request
// is what decides the ratio; it is read from Linux's per-thread schedstat (nanoseconds on a CPU),
// which unlike wall time leaves out the moments the thread waited for a core.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { Item } from '../functions/store/attributes.ts';
import { timeKey } from '../functions/store/keys.ts';
import type { Round } from '../functions/store/types.ts';
import { submitJob } from './ingestClients.ts';
import { pool, SHARDS_PER_ROUND, type BenchStack } from './stack.ts';
import { median, round as roundTo } from './statistics.ts';

/** The ways, from the bare store call to the real API. */
export const FLOOR_WAYS = ['raw', 'nodeHttp', 'hono', 'honoStore', 'api'] as const;
export type FloorWay = (typeof FLOOR_WAYS)[number];

export interface FloorFigures {
  /** Median over the blocks of the main thread's CPU time per request (µs), from the first request sent to the last answer read. */
  mainThreadMicrosPerRequest: Record<FloorWay, number>;
  /** What each step adds over the one before it (µs), and its share of the API's cost over raw. */
  steps: { name: string; micros: number; share: number }[];
  blocks: number;
  blockSize: number;
  method: Record<FloorWay, string>;
}

const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;

/** The main thread's CPU time so far (ms), or null where Linux's schedstat is not there. */
function mainThreadCpuMs(): number | null {
  try {
    return Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return null;
  }
}

export const floorsMeasurable = () => mainThreadCpuMs() !== null;

const listen = async (server: Server | ServerType): Promise<string> => {
  if (!server.listening) await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

const close = (server: Server | ServerType) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    (server as Server).closeAllConnections?.();
  });

const ANSWER = (id: string) => JSON.stringify({ id, receivedAt: new Date().toISOString() });

export interface FloorOptions {
  newRound: (name: string) => Promise<Round>;
  /** Raw items for a round (the store's own item code, as the ingest ratio's raw side uses). */
  itemsFor: (target: Round, count: number, seed: number) => Promise<Item[]>;
  bodies: (count: number, seed: number) => string[];
  headers: readonly string[];
  concurrency: number;
  blocks: number;
  blockSize: number;
}

/**
 * Runs every way `blocks` times, `blockSize` requests a block, the ways taking turns (the first
 * one rotating); returns the median per way. The floors' servers answer on their own ports of the
 * same process; the prebuilt ways take their items from a queue made before the clock starts.
 */
export async function measureFloors(stack: BenchStack, options: FloorOptions): Promise<FloorFigures> {
  let queue: Item[] = [];
  const put = (item: Item) =>
    stack.client.send(
      new PutItemCommand({ TableName: stack.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
    );

  const nodeHttp = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { responseId: string };
      put(queue.pop()!).then(
        () => {
          const text = ANSWER(body.responseId);
          response.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
          response.end(text);
        },
        () => response.writeHead(500).end(),
      );
    });
  }).listen(0, '127.0.0.1');

  const hono = new Hono();
  hono.post('/hono/:roundId', async (c) => {
    const body = await c.req.json<{ responseId: string }>();
    await put(queue.pop()!);
    return c.json({ id: body.responseId, receivedAt: new Date().toISOString() }, 201);
  });
  hono.post('/store/:roundId', async (c) => {
    const body = await c.req.json<{ responseId: string; answers: Record<string, never> }>();
    const ts = Date.now();
    const key = `I.${body.responseId}`;
    const background = {
      area: body.answers['area'] ?? null,
      age_band: body.answers['age_band'] ?? null,
      gender: body.answers['gender'] ?? null,
    };
    const stored = {
      type: 'response' as const,
      key,
      responseId: body.responseId,
      ts,
      tsKey: timeKey(ts, key),
      background,
      answers: body.answers,
    };
    const result = await stack.store.responses.put(c.req.param('roundId'), SHARDS_PER_ROUND, stored);
    if (!result.stored) throw new Error('floors: a response key was taken');
    return c.json({ id: body.responseId, receivedAt: new Date(ts).toISOString() }, 201);
  });
  const honoServer = serve({ fetch: hono.fetch, port: 0, hostname: '127.0.0.1' });

  try {
    const urls = { nodeHttp: await listen(nodeHttp), hono: await listen(honoServer) };
    const target = (way: Exclude<FloorWay, 'raw'>, target: Round) =>
      way === 'nodeHttp'
        ? urls.nodeHttp
        : way === 'hono'
          ? `${urls.hono}/hono/${target.id}`
          : way === 'honoStore'
            ? `${urls.hono}/store/${target.id}`
            : `${stack.url}/api/public/rounds/${target.id}/responses`;
    const samples: Record<FloorWay, number[]> = { raw: [], nodeHttp: [], hono: [], honoStore: [], api: [] };
    for (let block = -1; block < options.blocks; block++) {
      for (let k = 0; k < FLOOR_WAYS.length; k++) {
        const way = FLOOR_WAYS[(block + 1 + k) % FLOOR_WAYS.length]!;
        const round = await options.newRound(`floors ${block} (${way})`);
        const seed = 1000 + (block + 1) * 10 + k;
        const items =
          way === 'raw' || way === 'nodeHttp' || way === 'hono'
            ? await options.itemsFor(round, options.blockSize, seed)
            : [];
        const bodies = options.bodies(options.blockSize, seed);
        queue = [...items];
        // Only the requests themselves: the HTTP ways' request bytes and connections are made outside the window.
        let before = 0;
        let after = 0;
        if (way === 'raw') {
          before = mainThreadCpuMs()!;
          await pool(items.length, options.concurrency, async (i) => void (await put(items[i]!)));
          after = mainThreadCpuMs()!;
        } else {
          const hooks = {
            started: () => {
              before = mainThreadCpuMs()!;
            },
            finished: () => {
              after = mainThreadCpuMs()!;
            },
          };
          const report = await submitJob(
            { url: target(way, round), bodies, concurrency: options.concurrency, headers: options.headers },
            hooks,
          );
          if (report.statuses[201] !== bodies.length)
            throw new Error(
              `floors: ${way} answered ${JSON.stringify(report.statuses)}; first failure: ${report.firstFailure}`,
            );
        }
        // The first round of blocks only warms every way up.
        if (block >= 0) samples[way].push(((after - before) * 1000) / options.blockSize);
      }
    }
    const micros = Object.fromEntries(FLOOR_WAYS.map((way) => [way, roundTo(median(samples[way]), 1)])) as Record<
      FloorWay,
      number
    >;
    // Shares of the API's time over raw; none where noise leaves the API no dearer than raw.
    const over = micros.api - micros.raw;
    const step = (name: string, from: FloorWay, to: FloorWay) => ({
      name,
      micros: roundTo(micros[to] - micros[from], 1),
      share: over > 0 ? roundTo((micros[to] - micros[from]) / over, 3) : Number.NaN,
    });
    return {
      mainThreadMicrosPerRequest: micros,
      steps: [
        step(
          "Node's HTTP server and the HTTP clients (request in, JSON parsed, answer out; the clients' own CPU included)",
          'raw',
          'nodeHttp',
        ),
        step('Hono on @hono/node-server', 'nodeHttp', 'hono'),
        step("the store's item (responses.put) instead of a prebuilt one", 'hono', 'honoStore'),
        step(
          "the API's own work (body and path checks, zod, the questionnaire's validation, the round's cache, headers, routing among every route and page)",
          'honoStore',
          'api',
        ),
      ],
      blocks: options.blocks,
      blockSize: options.blockSize,
      method: {
        raw: "conditional PutItem of a prebuilt item, as the ingest ratio's raw side",
        nodeHttp:
          'node:http server: reads the body, JSON.parse, the same PutItem of a prebuilt item, a JSON answer with Content-Length',
        hono: 'Hono on @hono/node-server: c.req.json(), the same PutItem of a prebuilt item, c.json()',
        honoStore: "the same Hono route, with the item made by the store's responses.put from the body (no validation)",
        api: 'POST /api/public/rounds/:roundId/responses on the app npm start serves, as in the ingest ratio',
      },
    };
  } finally {
    await close(nodeHttp);
    await close(honoServer);
  }
}
