// Benchmark part "ingest", the residents' side: concurrent HTTP/1.1 clients on raw sockets that POST submissions and check the answers, run either in this thread or in a worker thread of their own (so that their CPU time is not the server's).
import { connect, type Socket } from 'node:net';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

/** Marks the worker this file starts, so that importing it in any other worker does nothing. */
const WORKER_MARK = 'bygdpuls-bench-ingest-clients';

export interface SubmitJob {
  url: string;
  bodies: readonly string[];
  concurrency: number;
  /** Header lines sent besides Host, Content-Type and Content-Length ("Name: value"). */
  headers?: readonly string[];
}

export interface SubmitReport {
  /** From the first request sent to the last answer read. */
  seconds: number;
  /** Answers by HTTP status. */
  statuses: Record<number, number>;
  firstFailure: string | null;
  /** Per request, send to answer read (ms). */
  latenciesMs: number[];
}

/**
 * One kept-alive HTTP/1.1 connection that sends a POST and reads its answer, one at a time, with
 * nothing between the socket and the bytes: what wrk does. The load generator should cost the
 * machine as little as it can (node:http's client takes several times the CPU per request, fetch
 * more still), like residents' browsers on other machines; its CPU is taken from the server's two
 * cores all the same. Answers must carry Content-Length (the API's always do).
 */
class Connection {
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: {
    resolve: (answer: { status: number; text: string }) => void;
    reject: (error: Error) => void;
  } | null = null;

  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.tryAnswer();
    });
    const fail = (error: Error) => {
      const waiting = this.waiting;
      this.waiting = null;
      waiting?.reject(error);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('the server closed the connection')));
  }

  static open(url: URL): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: url.hostname, port: Number(url.port) }, () => resolve(new Connection(socket)));
      socket.once('error', reject);
    });
  }

  /** Sends one whole request (head and body) and resolves with its answer. */
  send(request: Buffer): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(request);
    });
  }

  private tryAnswer(): void {
    const end = this.buffer.indexOf('\r\n\r\n');
    if (end < 0 || !this.waiting) return;
    const head = this.buffer.subarray(0, end).toString('latin1');
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!length) {
      this.waiting.reject(new Error(`an answer without Content-Length: ${head.slice(0, 200)}`));
      this.waiting = null;
      return;
    }
    const total = end + 4 + Number(length[1]);
    if (this.buffer.length < total) return;
    const text = this.buffer.subarray(end + 4, total).toString('utf8');
    this.buffer = this.buffer.subarray(total);
    const waiting = this.waiting;
    this.waiting = null;
    waiting.resolve({ status: Number(head.slice(9, 12)), text });
  }

  close(): void {
    this.socket.removeAllListeners('close');
    this.socket.destroy();
  }
}

/** Called when the clock starts (requests made, connections open) and when the last answer is read, before the connections close. */
export interface SubmitHooks {
  started?(): void;
  finished?(): void;
}

/** POSTs every body with `concurrency` clients (one connection each), each taking the next body when its answer is read. */
export async function submitJob(job: SubmitJob, hooks: SubmitHooks = {}): Promise<SubmitReport> {
  const statuses: Record<number, number> = {};
  const latenciesMs: number[] = new Array(job.bodies.length);
  let firstFailure: string | null = null;
  let next = 0;
  const url = new URL(job.url);
  const extra = (job.headers ?? []).map((line) => `${line}\r\n`).join('');
  const head = `POST ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\n${extra}`;
  // Every request's bytes are made before the clock starts, as wrk makes its request once.
  const requests = job.bodies.map((text) => {
    const body = Buffer.from(text, 'utf8');
    return Buffer.concat([Buffer.from(`${head}Content-Length: ${body.length}\r\n\r\n`, 'latin1'), body]);
  });
  const connections = await Promise.all(
    Array.from({ length: Math.min(job.concurrency, job.bodies.length) }, () => Connection.open(url)),
  );
  hooks.started?.();
  const started = process.hrtime.bigint();
  const client = async (connection: Connection) => {
    for (let i = next++; i < requests.length; i = next++) {
      const sent = process.hrtime.bigint();
      const answer = await connection.send(requests[i]!);
      latenciesMs[i] = Number(process.hrtime.bigint() - sent) / 1e6;
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      if (answer.status !== 201 && firstFailure === null)
        firstFailure = `${answer.status} ${answer.text.slice(0, 300)}`;
    }
  };
  let seconds: number;
  try {
    await Promise.all(connections.map(client));
    seconds = Number(process.hrtime.bigint() - started) / 1e9;
    hooks.finished?.();
  } finally {
    for (const connection of connections) connection.close();
  }
  return { seconds, statuses, firstFailure, latenciesMs };
}

/** The clients in a worker thread: one job at a time. */
export class ClientThread {
  private constructor(private readonly worker: Worker) {}

  static async start(): Promise<ClientThread> {
    // A worker does not inherit tsx's loader hooks on Node 20: register them before loading this file.
    const tsx = import.meta.resolve('tsx/esm/api');
    const source = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); });`;
    const worker = new Worker(source, { eval: true, workerData: WORKER_MARK });
    await new Promise<void>((resolve, reject) => {
      worker.once('message', (message: unknown) =>
        message === 'ready'
          ? resolve()
          : reject(new Error(`ingest clients: unexpected first message ${String(message)}`)),
      );
      worker.once('error', reject);
    });
    return new ClientThread(worker);
  }

  run(job: SubmitJob): Promise<SubmitReport> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.worker.once('error', onError);
      this.worker.once('message', (report: SubmitReport | { error: string }) => {
        this.worker.off('error', onError);
        if ('error' in report) reject(new Error(`ingest clients: ${report.error}`));
        else resolve(report);
      });
      this.worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

if (!isMainThread && parentPort && workerData === WORKER_MARK) {
  const port = parentPort;
  port.on('message', (job: SubmitJob) => {
    submitJob(job).then(
      (report) => port.postMessage(report),
      (error: Error) => port.postMessage({ error: error.stack ?? error.message }),
    );
  });
  port.postMessage('ready');
}
