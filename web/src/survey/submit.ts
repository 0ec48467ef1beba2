// Sending a resident's answers: one response id per attempt to answer, kept in sessionStorage with
// the answers until the server has them, so that a retry (after a network failure or a reload) is
// recognised by the server as the same submission; automatic retries with backoff.
import type { Lang } from '../common/lang.ts';

/** What this tab remembers about an unfinished answer to one round. */
export interface Attempt {
  responseId: string;
  code?: string;
  data?: Record<string, unknown>;
  pageNo?: number;
}

const key = (roundId: string) => `bygdpuls.attempt.${roundId}`;

export function loadAttempt(roundId: string): Attempt {
  try {
    const stored = JSON.parse(sessionStorage.getItem(key(roundId)) ?? 'null') as Attempt | null;
    if (stored && typeof stored.responseId === 'string') return stored;
  } catch {
    // unreadable or blocked storage: start afresh
  }
  return newAttempt();
}

export function newAttempt(): Attempt {
  return { responseId: newUuid() };
}

export function saveAttempt(roundId: string, attempt: Attempt): void {
  try {
    sessionStorage.setItem(key(roundId), JSON.stringify(attempt));
  } catch {
    // storage full or blocked: the answers stay in the page
  }
}

export function forgetAttempt(roundId: string): void {
  try {
    sessionStorage.removeItem(key(roundId));
  } catch {
    // nothing to forget
  }
}

/** A version 4 UUID (crypto.randomUUID exists only on HTTPS and localhost). */
function newUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface ApiBody {
  error?: string;
  message?: string;
  errors?: { field: string; message: string }[];
}

/** The server's answer; status 0: no answer at all (network failure) after every retry. */
export interface Outcome {
  status: number;
  body: ApiBody | null;
}

/** Waits before the 2nd, 3rd, ... try: six tries over about 15 seconds. */
export const RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 8000];

const retryable = (status: number) => status === 0 || status === 408 || status === 429 || status >= 500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function requestOnce(method: string, url: string, lang: Lang, body?: unknown): Promise<Outcome> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': lang };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method,
      headers,
      cache: 'no-store',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    text = await response.text();
  } catch {
    return { status: 0, body: null };
  }
  let json: ApiBody | null = null;
  try {
    json = text ? (JSON.parse(text) as ApiBody) : null;
  } catch {
    json = null;
  }
  return { status: response.status, body: json };
}

/** A request, tried again on network failures and server trouble (5xx, 429) with growing waits. */
export async function request(
  method: string,
  url: string,
  lang: () => Lang,
  body?: unknown,
  delays = RETRY_DELAYS_MS,
): Promise<Outcome> {
  let outcome = await requestOnce(method, url, lang(), body);
  for (const delay of delays) {
    if (!retryable(outcome.status)) break;
    await sleep(delay * (0.8 + Math.random() * 0.4));
    outcome = await requestOnce(method, url, lang(), body);
  }
  return outcome;
}
