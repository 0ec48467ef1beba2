// Benchmark part "ingest", the residents' side: concurrent HTTP clients that POST submissions and check the answers, run either in this thread or in a worker thread of their own (so that their CPU time is not the server's).
import { Agent, request as httpRequest } from 'node:http';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

/** Marks the worker this file starts, so that importing it in any other worker does nothing. */
const WORKER_MARK = 'bygdpuls-bench-ingest-clients';

export interface SubmitJob {
  url: string;
  bodies: readonly string[];
  concurrency: number;
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

/** One POST over a kept-alive connection of `agent`; resolves with the status and the body read to the end. */
function post(url: URL, agent: Agent, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * POSTs every body with `concurrency` clients, each taking the next body when its answer is read.
 * node:http with kept-alive connections, not fetch: the load generator should cost the machine as
 * little as it can (undici's fetch takes several times the CPU per request), like a browser on
 * another machine would.
 */
export async function submitJob(job: SubmitJob): Promise<SubmitReport> {
  const statuses: Record<number, number> = {};
  const latenciesMs: number[] = new Array(job.bodies.length);
  let firstFailure: string | null = null;
  let next = 0;
  const url = new URL(job.url);
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
  const started = process.hrtime.bigint();
  const client = async () => {
    for (let i = next++; i < job.bodies.length; i = next++) {
      const sent = process.hrtime.bigint();
      const response = await post(url, agent, job.bodies[i]!);
      latenciesMs[i] = Number(process.hrtime.bigint() - sent) / 1e6;
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      if (response.status !== 201 && firstFailure === null) firstFailure = `${response.status} ${response.text.slice(0, 300)}`;
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(job.concurrency, job.bodies.length) }, client));
  } finally {
    agent.destroy();
  }
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, statuses, firstFailure, latenciesMs };
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
      worker.once('message', (message: unknown) => (message === 'ready' ? resolve() : reject(new Error(`ingest clients: unexpected first message ${String(message)}`))));
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
