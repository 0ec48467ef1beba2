// Store failures on purpose: middleware on the DynamoDB client's own stack that, by a scripted plan
// (which command, which attempt, which fault), throws what DynamoDB and the SDK throw: throttling,
// 500s and timeouts, either before the request reaches the database or after it was applied (the
// answer lost). The SDK's retries stay in place: they are part of what is tested.
import {
  InternalServerError,
  ProvisionedThroughputExceededException,
  ThrottlingException,
  type DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { createDynamoClient, MAX_ATTEMPTS } from '../../functions/store/client.ts';
import { createStore, type Store } from '../../functions/store/index.ts';

export type Fault =
  /** ThrottlingException, before the request reaches the database. */
  | 'throttling'
  /** ProvisionedThroughputExceededException, before the request reaches the database. */
  | 'provisioned'
  /** InternalServerError (HTTP 500), before the request reaches the database. */
  | 'server-error'
  /** The request is applied, then InternalServerError: DynamoDB's "may or may not have succeeded". */
  | 'server-error-after'
  /** TimeoutError before the request is sent (the socket never answered). */
  | 'timeout'
  /** The request is applied, then TimeoutError: the write is durable, its answer lost. */
  | 'timeout-after'
  /** BatchWriteItem only: the second half of the items (at least one) is not written and comes back unprocessed. */
  | 'unprocessed';

export const FAULTS_BEFORE: readonly Fault[] = ['throttling', 'provisioned', 'server-error', 'timeout'];
export const FAULTS_AFTER: readonly Fault[] = ['server-error-after', 'timeout-after'];

export interface FaultRule {
  /** The SDK command's name, e.g. 'PutItemCommand'. */
  command: string;
  fault: Fault;
  /**
   * Which of the matching attempts fail, counted from 1 for this rule. Every attempt the SDK makes
   * (its retries included) is counted; for 'unprocessed', every call.
   */
  attempts: readonly number[];
  /** Only calls whose input matches count (e.g. only snapshot writes). */
  when?: (input: Record<string, unknown>) => boolean;
}

/** The first attempt only: the SDK's own retry gets through. */
export const ONCE: readonly number[] = [1];
/** Every attempt of one call: the failure outlasts the SDK's retries and reaches the caller. */
export const OUTLASTING: readonly number[] = Array.from({ length: MAX_ATTEMPTS }, (_, i) => i + 1);

export interface InjectedFault {
  command: string;
  /** Its place among the faults this injector threw (1, 2, ...). */
  attempt: number;
  fault: Fault;
}

function faultError(fault: Fault, attempt: number): Error {
  const $metadata = {
    httpStatusCode: fault.startsWith('server-error') ? 500 : 400,
    requestId: `injected-${attempt}`,
    attempts: attempt,
  };
  switch (fault) {
    case 'throttling':
      return new ThrottlingException({
        message: 'Throughput exceeds the current capacity of your table or index (injected).',
        $metadata,
      });
    case 'provisioned':
      return new ProvisionedThroughputExceededException({
        message: 'The level of configured provisioned throughput for the table was exceeded (injected).',
        $metadata,
      });
    case 'server-error':
    case 'server-error-after':
      return new InternalServerError({ message: 'Internal server error (injected).', $metadata });
    case 'timeout':
    case 'timeout-after':
      // What @smithy/node-http-handler throws when the socket does not answer in time.
      return Object.assign(new Error('Connection timed out after 1000 ms (injected).'), { name: 'TimeoutError' });
    case 'unprocessed':
      throw new Error('unprocessed is not an error');
  }
}

/** A fault plan attached to one client; `injected` lists every fault thrown, in order. */
export class FaultInjector {
  readonly injected: InjectedFault[] = [];
  private readonly seen: number[];

  constructor(private readonly rules: readonly FaultRule[]) {
    this.seen = rules.map(() => 0);
  }

  /** The rule that fails this attempt, if any (and counts the attempt for every matching rule). */
  private take(command: string, input: Record<string, unknown>, unprocessed: boolean): FaultRule | null {
    let hit: FaultRule | null = null;
    this.rules.forEach((rule, i) => {
      if (rule.command !== command || (rule.fault === 'unprocessed') !== unprocessed) return;
      if (rule.when && !rule.when(input)) return;
      const attempt = ++this.seen[i]!;
      if (hit === null && rule.attempts.includes(attempt)) hit = rule;
    });
    return hit;
  }

  attach(client: DynamoDBClient): void {
    // Inside the SDK's retry loop (retryMiddleware is finalizeRequest, priority high): every
    // attempt passes here, and next() sends the request to the database and reads its answer.
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const rule = this.take(String(context.commandName), args.input as Record<string, unknown>, false);
        if (!rule) return next(args);
        if (rule.fault === 'server-error-after' || rule.fault === 'timeout-after') {
          await next(args); // applied (a real error of the call itself passes through unchanged)
        }
        this.injected.push({
          command: String(context.commandName),
          attempt: this.injected.length + 1,
          fault: rule.fault,
        });
        throw faultError(rule.fault, this.injected.length);
      },
      { step: 'finalizeRequest', priority: 'low', name: 'faultInjector' },
    );
    // Unprocessed items are decided per call, before the request is built: the items left out are
    // not sent at all, and come back as UnprocessedItems exactly as DynamoDB returns them.
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { RequestItems?: Record<string, WriteRequest[]> };
        if (!input.RequestItems || !this.take(String(context.commandName), args.input as Record<string, unknown>, true))
          return next(args);
        this.injected.push({
          command: String(context.commandName),
          attempt: this.injected.length + 1,
          fault: 'unprocessed',
        });
        const kept: Record<string, WriteRequest[]> = {};
        const left: Record<string, WriteRequest[]> = {};
        for (const [table, requests] of Object.entries(input.RequestItems)) {
          // The second half, and the only item of a batch of one: nothing is written for it.
          const keep = requests.length - Math.max(1, Math.floor(requests.length / 2));
          kept[table] = requests.slice(0, keep);
          left[table] = requests.slice(keep);
        }
        // DynamoDB may leave a whole batch unprocessed; an empty request it would refuse, so none is sent.
        const nothingKept = Object.values(kept).every((requests) => requests.length === 0);
        const result = nothingKept
          ? { output: { $metadata: {} }, response: {} }
          : await next({ ...args, input: { ...input, RequestItems: kept } });
        const output = result.output as { UnprocessedItems?: Record<string, WriteRequest[]> };
        for (const [table, requests] of Object.entries(left)) {
          output.UnprocessedItems = {
            ...output.UnprocessedItems,
            [table]: [...(output.UnprocessedItems?.[table] ?? []), ...requests],
          };
        }
        return result;
      },
      { step: 'initialize', priority: 'high', name: 'unprocessedInjector' },
    );
  }
}

interface BackoffStrategy {
  computeNextBackoffDelay(attempt: number): number;
  setDelayBase(delay: number): void;
}

/**
 * Shortens the SDK's waits between retries by `scale` (its throttling waits go up to 1 s, 2 s,
 * 4 s, 8 s: too slow for a test). The strategy itself is the client's own: the same attempts, the
 * same classification of errors, the same retry quota.
 */
export async function scaleRetryWaits(client: DynamoDBClient, scale: number): Promise<void> {
  const strategy = (await client.config.retryStrategy()) as { retryBackoffStrategy?: BackoffStrategy };
  const original = strategy.retryBackoffStrategy;
  if (!original || typeof original.computeNextBackoffDelay !== 'function')
    throw new Error('the SDK retry strategy has no backoff strategy to scale (SDK changed?)');
  strategy.retryBackoffStrategy = {
    computeNextBackoffDelay: (attempt) => Math.floor(original.computeNextBackoffDelay(attempt) * scale),
    setDelayBase: (delay) => original.setDelayBase(delay),
  };
}

export interface FaultyStore {
  store: Store;
  injector: FaultInjector;
  close(): void;
}

/**
 * A store on the given dynalite with its own client (so its own retry quota) and a fault plan.
 * Its client is made exactly as the product makes it (createDynamoClient), then the plan attached.
 */
export async function faultyStore(
  endpoint: string,
  tableName: string,
  rules: readonly FaultRule[],
  retryWaitScale = 0.02,
): Promise<FaultyStore> {
  const client = createDynamoClient({ tableName, endpoint });
  await scaleRetryWaits(client, retryWaitScale);
  const injector = new FaultInjector(rules);
  injector.attach(client);
  return { store: createStore(client, tableName), injector, close: () => client.destroy() };
}
