// The residents' side of a load run: concurrent clients that send the planned submissions (node:http
// with kept-alive connections: cheap for this machine, as browsers elsewhere would be), send again
// when no answer came (a killed server), and record every status and latency; then a tally of what
// they saw: which responses were acknowledged, and which answers were not the ones the API owes.
import { Agent, request as httpRequest } from 'node:http';
import type { PlannedIdeaRequest, PlannedRequest } from './loadPlan.ts';

/** The server the clients talk to; replaced (and awaited) while it restarts after a kill. */
export interface Target {
  url: string;
  agent: Agent;
  ready: Promise<void>;
}

export function newAgent(clients: number): Agent {
  return new Agent({ keepAlive: true, maxSockets: clients });
}

function post(target: Target, urlPath: string, body: string, contentType: string): Promise<number> {
  const url = new URL(urlPath, target.url);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        agent: target.agent,
        headers: { 'content-type': contentType, 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume(); // read to the end, so that the connection is kept
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    request.setTimeout(30_000, () => request.destroy(new Error('no answer within 30 s')));
    request.on('error', reject);
    request.end(body);
  });
}

export interface ClientOptions {
  clients: number;
  /** Seconds for the whole run; a request not answered by then stays unanswered (status null). */
  timeLimit: number;
  /** Acknowledgements after which `restart` runs (the server killed and started again). */
  killAfter: number | null;
}

/** What happened to one planned request. */
export interface Outcome {
  /** The last HTTP status (null: no answer within the time limit). */
  status: number | null;
  attempts: number;
  /** Attempts that got no HTTP answer (and were sent again). */
  networkErrors: number;
  /** Acknowledged (200/201) before the kill was sent: such a response must survive it. */
  ackedBeforeKill: boolean;
}

export interface LoadRun {
  outcomes: Outcome[];
  latenciesMs: number[];
  seconds: number;
  /** Acknowledgements when the server was killed (null: no kill). */
  killedAfter: number | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends the plan with `clients` concurrent clients, each taking the next request when its answer is
 * read. A repeat waits for its original's answer; a request that gets no HTTP answer (the server
 * killed, a connection reset) is sent again, as a browser would, until the time limit.
 */
export async function runLoad(
  plan: PlannedRequest[],
  options: ClientOptions,
  target: Target,
  restart: (() => Promise<void>) | null,
): Promise<LoadRun> {
  const outcomes: Outcome[] = plan.map(() => ({ status: null, attempts: 0, networkErrors: 0, ackedBeforeKill: false }));
  const finish: (() => void)[] = [];
  const done = plan.map(() => new Promise<void>((resolve) => finish.push(resolve)));
  const latenciesMs: number[] = [];
  const started = process.hrtime.bigint();
  const deadline = Date.now() + options.timeLimit * 1000;
  let acked = 0;
  let killedAfter: number | null = null;

  const send = async (i: number) => {
    const request = plan[i]!;
    const outcome = outcomes[i]!;
    if (request.original !== null) await done[request.original];
    // Half the requests ask for English messages (the `lang` mechanism), half get Swedish.
    const urlPath = `/api/public/rounds/${request.roundId}/responses${i % 2 === 0 ? '' : '?lang=en'}`;
    while (Date.now() < deadline) {
      await target.ready;
      outcome.attempts++;
      const sent = process.hrtime.bigint();
      let status: number;
      try {
        status = await post(target, urlPath, request.body, request.contentType);
      } catch {
        outcome.networkErrors++;
        await sleep(50);
        continue;
      }
      latenciesMs.push(Number(process.hrtime.bigint() - sent) / 1e6);
      outcome.status = status;
      if (status === 200 || status === 201) {
        outcome.ackedBeforeKill = killedAfter === null;
        acked++;
        if (restart && killedAfter === null && acked >= options.killAfter!) {
          killedAfter = acked;
          target.ready = restart();
        }
      }
      break;
    }
    finish[i]!();
  };

  let next = 0;
  const client = async () => {
    for (let i = next++; i < plan.length; i = next++) await send(i);
  };
  await Promise.all(Array.from({ length: Math.min(options.clients, plan.length) }, client));
  await target.ready;
  return { outcomes, latenciesMs, seconds: Number(process.hrtime.bigint() - started) / 1e9, killedAfter };
}

/** What the clients saw, per round where it matters. */
export interface ClientTally {
  statuses: Record<string, number>;
  /** Answers other than the one the API owes (see `allowedStatuses`). */
  unexpected: number;
  errors5xx: number;
  /** Requests with no answer within the time limit. */
  unanswered: number;
  /** Attempts sent again after no answer. */
  resent: number;
  /** Distinct acknowledged responseIds, per round. */
  accepted: Map<string, Set<string>>;
  ackedBeforeKill: Set<string>;
  /** The answers of each acknowledged response (as first acknowledged). */
  answersOf: Map<string, Record<string, unknown>>;
}

/**
 * The statuses a request may get. A fresh submission sent again after a lost answer may find its
 * first attempt stored (200); an exact retry whose original was never stored is itself the first (201).
 */
function allowedStatuses(request: PlannedRequest, outcome: Outcome, original: Outcome | null): Set<number> {
  const allowed = new Set<number>([request.expected]);
  if (request.kind === 'fresh' && outcome.attempts > 1) allowed.add(200);
  if (request.kind === 'retry' && original && original.status !== 201 && original.status !== 200) allowed.add(201);
  return allowed;
}

export function tally(plan: PlannedRequest[], run: LoadRun): ClientTally {
  const result: ClientTally = {
    statuses: {},
    unexpected: 0,
    errors5xx: 0,
    unanswered: 0,
    resent: 0,
    accepted: new Map(),
    ackedBeforeKill: new Set(),
    answersOf: new Map(),
  };
  plan.forEach((request, i) => {
    const outcome = run.outcomes[i]!;
    const status = outcome.status;
    result.statuses[String(status)] = (result.statuses[String(status)] ?? 0) + 1;
    result.resent += outcome.networkErrors;
    if (!result.accepted.has(request.roundId)) result.accepted.set(request.roundId, new Set());
    if (status === null) {
      result.unanswered++;
      return;
    }
    if (status >= 500) result.errors5xx++;
    if (
      !allowedStatuses(request, outcome, request.original === null ? null : run.outcomes[request.original]!).has(status)
    )
      result.unexpected++;
    if (status === 200 || status === 201) {
      result.accepted.get(request.roundId)!.add(request.responseId);
      if (outcome.ackedBeforeKill) result.ackedBeforeKill.add(request.responseId);
      if (!result.answersOf.has(request.responseId))
        result.answersOf.set(request.responseId, JSON.parse(request.body).answers);
    }
  });
  return result;
}

// ---------------------------------------------------------------------------------------------
// Residents' ideas and the public board, sent beside the submissions by a few clients of their own.

function exchange(
  target: Target,
  method: 'GET' | 'POST',
  urlPath: string,
  body: string | null,
  contentType: string,
): Promise<{ status: number; text: string }> {
  const url = new URL(urlPath, target.url);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method,
        agent: target.agent,
        headers: body === null ? {} : { 'content-type': contentType, 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        response.on('error', reject);
      },
    );
    request.setTimeout(30_000, () => request.destroy(new Error('no answer within 30 s')));
    request.on('error', reject);
    request.end(body ?? undefined);
  });
}

export interface IdeaTally {
  sent: number;
  statuses: Record<string, number>;
  /** Answers other than the one the API owes. */
  unexpected: number;
  errors5xx: number;
  /** The ids the 201s gave, by the idea's title. */
  acknowledged: Map<string, string>;
  /** Titles of ideas refused (400, 415): none may be stored. */
  refused: Set<string>;
  /** Titles of ideas whose answer a killed server never gave: stored once or not at all. */
  unanswered: Set<string>;
  boardReads: number;
  /** Ideas published before the clients started: exactly these are on every board. */
  published: Set<string>;
  /** Board answers that show other ideas than the published ones, or an e-mail address sent. */
  boardLeaks: number;
  latenciesMs: number[];
}

/**
 * Sends the ideas' plan: first, one by one, the ideas to publish (`publish`: an administrator's
 * transition; `published` when done, before the submissions start), then the rest with `clients`
 * concurrent clients (`done`), through the same kills as the submissions (waiting on `target.ready`). A board read without an answer is sent again; an idea
 * is not: an idea has no key that makes a resend a retry, so it would be a second idea.
 */
export function runIdeaLoad(
  plan: PlannedIdeaRequest[],
  projectId: string,
  options: { clients: number; timeLimit: number; publish: (ideaId: string) => Promise<void> },
  target: Target,
): { published: Promise<void>; done: Promise<IdeaTally> } {
  const deadline = Date.now() + options.timeLimit * 1000;
  const emails = plan.map((request) => request.email).filter((email): email is string => email !== null);
  const seen: IdeaTally = {
    sent: plan.length,
    statuses: {},
    unexpected: 0,
    errors5xx: 0,
    acknowledged: new Map(),
    refused: new Set(),
    unanswered: new Set(),
    boardReads: 0,
    published: new Set(),
    boardLeaks: 0,
    latenciesMs: [],
  };
  const shows = (text: string) => {
    const ids = (JSON.parse(text) as { ideas: { id: string }[] }).ideas.map((idea) => idea.id);
    return ids.length === seen.published.size && ids.every((id) => seen.published.has(id));
  };
  const one = async (i: number) => {
    const request = plan[i]!;
    const lang = i % 2 === 0 ? '' : '?lang=en';
    const urlPath = `/api/public/projects/${projectId}/ideas${lang}`;
    while (Date.now() < deadline) {
      await target.ready;
      const sent = process.hrtime.bigint();
      let answer: { status: number; text: string };
      try {
        answer = await exchange(
          target,
          request.body === null ? 'GET' : 'POST',
          urlPath,
          request.body,
          request.contentType,
        );
      } catch {
        if (request.kind === 'board') {
          await sleep(50);
          continue;
        }
        seen.unanswered.add(request.title!);
        return;
      }
      seen.latenciesMs.push(Number(process.hrtime.bigint() - sent) / 1e6);
      seen.statuses[answer.status] = (seen.statuses[answer.status] ?? 0) + 1;
      if (answer.status >= 500) seen.errors5xx++;
      if (answer.status !== request.expected) seen.unexpected++;
      if (request.kind === 'board') {
        seen.boardReads++;
        if (answer.status !== 200 || !shows(answer.text) || emails.some((email) => answer.text.includes(email)))
          seen.boardLeaks++;
      } else if (answer.status === 201) {
        const { id } = JSON.parse(answer.text) as { id: string };
        seen.acknowledged.set(request.title!, id);
        if (request.publish) {
          await options.publish(id);
          seen.published.add(id);
        }
      } else seen.refused.add(request.title!);
      return;
    }
    if (request.kind !== 'board') seen.unanswered.add(request.title!);
  };
  let next = 0;
  const published = (async () => {
    while (plan[next]?.publish) await one(next++);
  })();
  const client = async () => {
    for (let i = next++; i < plan.length; i = next++) await one(i);
  };
  const done = published.then(async () => {
    await Promise.all(Array.from({ length: Math.min(options.clients, plan.length) }, client));
    return seen;
  });
  return { published, done };
}
