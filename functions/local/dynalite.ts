// dynalite (a DynamoDB-compatible server on LevelDB): the database of the one-machine runtime and
// of the tests. Data on disk under `path`, or in memory without one. It runs either on this thread
// or on a worker thread of its own: `npm start` uses the worker, so that the database and the API
// each get a core instead of taking turns on one.
//
// dynalite itself answers anyone: any credentials, and `Access-Control-Allow-Origin: *` to every
// web page. A guard answers before it does: no request a browser sends (one with an Origin or a
// Sec-Fetch-Site header) is answered, and a database on disk answers only requests whose path is a
// secret drawn at each start, which the endpoint carries (the AWS SDK keeps an endpoint's path).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import dynalite from 'dynalite';

export interface LocalDynamo {
  /**
   * What a client is made with: for a database on disk, the address followed by the secret as its
   * path (`http://127.0.0.1:PORT/SECRET`); the address alone for one in memory.
   */
  endpoint: string;
  /** `http://127.0.0.1:PORT`, which answers nothing on its own for a database on disk. */
  address: string;
  /** The secret of this start (for a database on disk), else null. */
  secret: string | null;
  close(): Promise<void>;
}

export interface DynaliteOptions {
  path?: string | undefined;
  port?: number;
  /** Run the server on a worker thread of its own (same process, own event loop). */
  thread?: boolean;
}

/** The endpoint a client uses to reach the database at `address` that `secret` opens. */
export function endpointWithSecret(address: string, secret: string | null): string {
  return secret === null ? address : `${address}/${secret}`;
}

/**
 * The guard, in plain JavaScript so that the worker (which has no TypeScript loader) runs the very
 * same code as this thread. It takes over dynalite's request listener: refused requests never reach
 * it, so dynalite neither reads them nor adds its CORS headers.
 */
const GUARD_SOURCE = `(function guardDynalite(server, secret, timingSafeEqual) {
  const [answer] = server.listeners('request');
  server.removeAllListeners('request');
  const expected = secret === null ? null : Buffer.from('/' + secret + '/');
  server.on('request', (request, response) => {
    const target = Buffer.from(request.url || '');
    const fromBrowser = request.headers.origin !== undefined || request.headers['sec-fetch-site'] !== undefined;
    const opened = expected === null || (target.length === expected.length && timingSafeEqual(target, expected));
    if (fromBrowser || !opened) {
      request.resume();
      response.writeHead(403, { 'content-type': 'text/plain', 'content-length': '10', connection: 'close' });
      response.end('forbidden\\n');
      return;
    }
    if (expected !== null) request.url = '/';
    answer(request, response);
  });
})`;

type Guard = (server: Server, secret: string | null, equal: typeof timingSafeEqual) => void;
const guardDynalite = new Function(`return ${GUARD_SOURCE}`)() as Guard;

/** A secret for a database on disk, drawn at each start; none for one in memory. */
function drawSecret(options: DynaliteOptions): string | null {
  return options.path ? randomBytes(32).toString('base64url') : null;
}

/** Table operations complete at once (dynalite imitates DynamoDB's delays by default). */
const INSTANT = { createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 };

export async function startDynalite(options: DynaliteOptions = {}): Promise<LocalDynamo> {
  if (options.thread) return startDynaliteThread(options);
  const secret = drawSecret(options);
  const server = dynalite({ path: options.path, ...INSTANT });
  guardDynalite(server, secret, timingSafeEqual);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const address = `http://127.0.0.1:${port}`;
  return {
    endpoint: endpointWithSecret(address, secret),
    address,
    secret,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error?: Error) => (error ? reject(error) : resolve()));
      }),
  };
}

interface ThreadData {
  dynalite: string;
  options: { path?: string | undefined } & typeof INSTANT;
  port: number;
  secret: string | null;
}

type ThreadMessage = { listening: number } | { closed: true } | { error: string };

/**
 * The worker's code, plain JavaScript (a worker does not inherit tsx's loader): start dynalite,
 * guard it, report the port, close it (LevelDB included) when asked, then let the thread end.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { timingSafeEqual } = require('node:crypto');
const guardDynalite = ${GUARD_SOURCE};
import(workerData.dynalite).then(({ default: dynalite }) => {
  const server = dynalite(workerData.options);
  guardDynalite(server, workerData.secret, timingSafeEqual);
  server.once('error', (error) => parentPort.postMessage({ error: String(error && error.stack || error) }));
  server.listen(workerData.port, '127.0.0.1', () => parentPort.postMessage({ listening: server.address().port }));
  parentPort.on('message', () => {
    server.close((error) => {
      parentPort.postMessage(error ? { error: String(error.stack || error) } : { closed: true });
      parentPort.close();
    });
  });
}, (error) => parentPort.postMessage({ error: String(error && error.stack || error) }));
`;

async function startDynaliteThread(options: DynaliteOptions): Promise<LocalDynamo> {
  const workerData: ThreadData = {
    dynalite: import.meta.resolve('dynalite'),
    options: { path: options.path, ...INSTANT },
    port: options.port ?? 0,
    secret: drawSecret(options),
  };
  const worker = new Worker(THREAD_SOURCE, { eval: true, workerData });
  const next = () =>
    new Promise<ThreadMessage>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      worker.once('error', onError);
      worker.once('message', (message: ThreadMessage) => {
        worker.off('error', onError);
        resolve(message);
      });
    });
  const first = await next();
  if (!('listening' in first)) {
    await worker.terminate();
    throw new Error(`dynalite did not start: ${'error' in first ? first.error : 'closed'}`);
  }
  const address = `http://127.0.0.1:${first.listening}`;
  return {
    endpoint: endpointWithSecret(address, workerData.secret),
    address,
    secret: workerData.secret,
    async close() {
      const closed = next();
      worker.postMessage('close');
      const message = await closed;
      if ('error' in message) throw new Error(`dynalite did not close cleanly: ${message.error}`);
    },
  };
}
