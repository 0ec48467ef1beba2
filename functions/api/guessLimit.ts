// A bound on guessing invitation codes: failed codes are counted per client address and per round,
// and past a limit the submit route answers 429 until the window ends (the round's limit only to
// clients that failed themselves). Memory stays bounded:
// each counter map holds at most `maxKeys` entries, dropping expired ones first, then the oldest.
import { createHmac } from 'node:crypto';
import type { Context } from 'hono';

export interface GuessLimits {
  /** Failed codes one client address may send in a window. */
  perClient: number;
  /** Failed codes all clients together may send to one round in a window. */
  perRound: number;
  windowMs: number;
  /** Entries each counter map may hold. */
  maxKeys: number;
}

/**
 * 10 wrong codes a minute from one address is far more than a resident who mistypes a code from a
 * letter needs; 60 a minute for a whole round is far above the typos of every resident of a
 * municipality together, and bounds an attacker who spreads guesses over many addresses.
 */
export const DEFAULT_GUESS_LIMITS: GuessLimits = { perClient: 10, perRound: 60, windowMs: 60_000, maxKeys: 10_000 };

interface Window {
  failures: number;
  endsAt: number;
}

/** Fixed windows that start at a key's first failure; at most `limit` failures per window. */
class FailureCounter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys: number,
  ) {}

  /** Whether `key` has a failure in its current window. */
  hasFailed(key: string, now: number): boolean {
    const window = this.windows.get(key);
    return window !== undefined && window.endsAt > now;
  }

  /** Milliseconds until `key` may try again, or 0 when it may try now. */
  blockedFor(key: string, now: number): number {
    const window = this.windows.get(key);
    if (!window || window.endsAt <= now) return 0;
    return window.failures >= this.limit ? window.endsAt - now : 0;
  }

  record(key: string, now: number): void {
    const window = this.windows.get(key);
    if (window && window.endsAt > now) {
      window.failures += 1;
      return;
    }
    this.windows.delete(key);
    if (this.windows.size >= this.maxKeys) this.makeRoom(now);
    this.windows.set(key, { failures: 1, endsAt: now + this.windowMs });
  }

  get size(): number {
    return this.windows.size;
  }

  private makeRoom(now: number): void {
    // Every window is as long as every other and a renewed one is inserted again, so the Map's
    // insertion order is the order of ending: expired windows sit at the front. Past them, forget
    // the oldest live ones; losing a count can only let a client guess sooner, never block a
    // resident wrongly, and the round's counter still holds. Each call removes what it scans.
    for (const [key, window] of this.windows) {
      if (window.endsAt > now && this.windows.size < this.maxKeys) break;
      this.windows.delete(key);
    }
  }
}

export class GuessLimiter {
  private readonly clients: FailureCounter;
  private readonly rounds: FailureCounter;

  constructor(
    limits: GuessLimits = DEFAULT_GUESS_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.clients = new FailureCounter(limits.perClient, limits.windowMs, limits.maxKeys);
    this.rounds = new FailureCounter(limits.perRound, limits.windowMs, limits.maxKeys);
  }

  /**
   * Seconds to wait before this client may send a code to this round, or 0. A round past its limit
   * blocks only clients that have sent a wrong code themselves in their window: guessers spread
   * over many addresses are stopped, and a resident with a right code is never locked out by them.
   * A client whose address is unknown (a request made in-process, not over a network) is bound by
   * the round alone.
   */
  retryAfterSeconds(client: string | null, roundId: string): number {
    const now = this.now();
    const ownWait = client === null ? 0 : this.clients.blockedFor(client, now);
    const roundBinds = client === null || this.clients.hasFailed(client, now);
    const wait = Math.max(ownWait, roundBinds ? this.rounds.blockedFor(roundId, now) : 0);
    return Math.ceil(wait / 1000);
  }

  recordFailure(client: string | null, roundId: string): void {
    const now = this.now();
    if (client !== null) this.clients.record(client, now);
    this.rounds.record(roundId, now);
  }

  /** Entries held, for the test of bounded memory. */
  get entries(): { clients: number; rounds: number } {
    return { clients: this.clients.size, rounds: this.rounds.size };
  }
}

/** Submissions one address may send to open rounds in a minute, unless the setting says otherwise. */
export const DEFAULT_SUBMISSIONS_PER_MINUTE = 20;

/**
 * A bound on flooding an open round from one address: every submission it sends to a round is
 * counted (accepted or not), and past `perMinute` in a window the submit route answers 429 until
 * the window ends. 20 a minute is more than a household sharing one address fills in by hand; 0
 * turns the bound off (tests, benchmarks, trusted bulk loading on one machine).
 */
export class SubmissionLimiter {
  private readonly counts: FailureCounter | null;

  constructor(
    perMinute: number = DEFAULT_SUBMISSIONS_PER_MINUTE,
    private readonly now: () => number = Date.now,
    maxKeys = DEFAULT_GUESS_LIMITS.maxKeys,
  ) {
    this.counts = perMinute > 0 ? new FailureCounter(perMinute, 60_000, maxKeys) : null;
  }

  /**
   * Seconds this address must wait before it may submit to this round again, or 0; a submission
   * that may go ahead is counted. An unknown address (an in-process request) is never bound.
   */
  admit(client: string | null, roundId: string): number {
    if (this.counts === null || client === null) return 0;
    const now = this.now();
    const key = `${roundId} ${client}`;
    const wait = this.counts.blockedFor(key, now);
    if (wait > 0) return Math.ceil(wait / 1000);
    this.counts.record(key, now);
    return 0;
  }
}

/**
 * What is kept of a client's address beside a response to an open round: an HMAC keyed by the
 * stage's secret, salted with the round's id, never the address. It groups one address's
 * responses within the round (for the administrators' list of bursts) and matches nothing in any
 * other round; it is dropped from every response when the round closes.
 */
export function addressHash(secret: string, roundId: string, client: string): string {
  return createHmac('sha256', secret).update(`address\u0000${roundId}\u0000${client}`).digest('hex').slice(0, 32);
}

/** The bindings the two runtimes pass as `c.env` (read structurally: the API imports no adapter). */
interface RuntimeBindings {
  /** @hono/node-server */
  incoming?: { socket?: { remoteAddress?: string } };
  /** hono/aws-lambda, API Gateway HTTP API (payload 2.0) */
  event?: { requestContext?: { http?: { sourceIp?: string } } };
}

/**
 * The client's address as the limiter counts it, or null when unknown. IPv6 clients are counted
 * per /64, the block one household or phone usually gets, so that cycling through addresses in
 * its own block does not give a client more guesses.
 *
 * On AWS the request passes CloudFront, so API Gateway's source address is CloudFront's; the
 * viewer's address is in CloudFront-Viewer-Address. A client that calls API Gateway directly can
 * forge that header and escape the per-client count, but never the per-round one.
 */
export function clientAddress(c: Context): string | null {
  const env = c.env as RuntimeBindings | undefined;
  let address: string | undefined = env?.incoming?.socket?.remoteAddress;
  if (address === undefined && env?.event) {
    const viewer = c.req.header('cloudfront-viewer-address');
    // "203.0.113.7:46532" or "2001:db8::1:46532": the address, then a colon and the port.
    address = viewer ? viewer.slice(0, viewer.lastIndexOf(':')) || undefined : env.event.requestContext?.http?.sourceIp;
  }
  if (!address) return null;
  return address.includes(':') ? ipv6Prefix(address) : address;
}

/** The first 64 bits of an IPv6 address (an IPv4-mapped one gives its IPv4 address). */
function ipv6Prefix(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === '' ? [] : tail.split(':');
  const groups = address.includes('::')
    ? [...headGroups, ...Array<string>(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill('0'), ...tailGroups]
    : headGroups;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
