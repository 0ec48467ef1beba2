// Named store errors, mapped to HTTP statuses by the API, and which failures of the database are
// worth retrying (the API answers those with 503 and Retry-After, never with a bare 500).

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(readonly what: string) {
    super(`${what} not found`);
  }
}

export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(message: string) {
    super(message);
  }
}

/**
 * The database did not do what was asked, for a reason that passes (throttling, a timeout, a
 * server error), after the SDK's own retries. Whatever was being written is either not stored or
 * stored exactly as asked: retrying the same request is safe.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Error names DynamoDB and the SDK use for "too much, slow down" and "no answer in time". */
const PASSING_ERROR_NAMES = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TransactionInProgressException',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

/** Node's socket errors: the database (or the way to it) is down for now. */
const NETWORK_ERROR_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

/**
 * Whether a failure of a store call passes with time, so that the same request may simply be
 * sent again. The same classes of error the SDK retries by itself (throttling, timeouts, 5xx,
 * network), seen here once its attempts are spent. A validation error of ours is not: it is a bug.
 */
export function isPassingStoreFailure(error: unknown, depth = 0): boolean {
  if (error instanceof StoreUnavailableError) return true;
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const e = error as SdkErrorShape;
  if (typeof e.name === 'string' && PASSING_ERROR_NAMES.has(e.name)) return true;
  if (typeof e.code === 'string' && NETWORK_ERROR_CODES.has(e.code)) return true;
  if (e.$retryable !== undefined) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && (status === 429 || status >= 500)) return true;
  return e.cause !== undefined && isPassingStoreFailure(e.cause, depth + 1);
}
