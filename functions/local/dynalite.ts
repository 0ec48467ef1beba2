// dynalite (a DynamoDB-compatible server on LevelDB): the database of the one-machine runtime and
// of the tests. Data on disk under `path`, or in memory without one. It runs either on this thread
// or on a worker thread of its own: `npm start` uses the worker, so that the database and the API
// each get a core instead of taking turns on one.
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import dynalite from 'dynalite';

export interface LocalDynamo {
  endpoint: string;
  close(): Promise<void>;
}

export interface DynaliteOptions {
  path?: string | undefined;
  port?: number;
  /** Run the server on a worker thread of its own (same process, own event loop). */
  thread?: boolean;
}

/** Table operations complete at once (dynalite imitates DynamoDB's delays by default). */
const INSTANT = { createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 };

export async function startDynalite(options: DynaliteOptions = {}): Promise<LocalDynamo> {
  if (options.thread) return startDynaliteThread(options);
  const server = dynalite({ path: options.path, ...INSTANT });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
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
}

type ThreadMessage = { listening: number } | { closed: true } | { error: string };

/**
 * The worker's code, plain JavaScript (a worker does not inherit tsx's loader): start dynalite,
 * report the port, close it (LevelDB included) when asked, then let the thread end.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.dynalite).then(({ default: dynalite }) => {
  const server = dynalite(workerData.options);
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
  return {
    endpoint: `http://127.0.0.1:${first.listening}`,
    async close() {
      const closed = next();
      worker.postMessage('close');
      const message = await closed;
      if ('error' in message) throw new Error(`dynalite did not close cleanly: ${message.error}`);
    },
  };
}
