// Benchmark part "ingest", the residents' side: concurrent fetch clients that POST submissions and check the answers, run either in this thread or in a worker thread of their own (so that their CPU time is not the server's).
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

/** POSTs every body with `concurrency` clients, each taking the next body when its answer is read. */
export async function submitJob(job: SubmitJob): Promise<SubmitReport> {
  const statuses: Record<number, number> = {};
  const latenciesMs: number[] = new Array(job.bodies.length);
  let firstFailure: string | null = null;
  let next = 0;
  const started = process.hrtime.bigint();
  const client = async () => {
    for (let i = next++; i < job.bodies.length; i = next++) {
      const sent = process.hrtime.bigint();
      const response = await fetch(job.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: job.bodies[i]! });
      const text = await response.text();
      latenciesMs[i] = Number(process.hrtime.bigint() - sent) / 1e6;
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      if (response.status !== 201 && firstFailure === null) firstFailure = `${response.status} ${text.slice(0, 300)}`;
    }
  };
  await Promise.all(Array.from({ length: Math.min(job.concurrency, job.bodies.length) }, client));
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
