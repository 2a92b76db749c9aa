// Turns @eventstore/db-client errors into the adapter's own errors (errors.ts). Called once, at the
// edge of every adapter operation.
import {
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamDeletedError as ClientStreamDeletedError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import {
  AppendTooLargeError,
  ConcurrencyError,
  IntegrityError,
  ProtectedStreamError,
  StoreError,
  StoreUnavailableError,
  StreamDeletedError,
  type ExpectedRevision,
} from './errors.js';

function expectedFromClient(value: unknown): ExpectedRevision | 'stream_exists' {
  if (typeof value === 'bigint') return value;
  if (value === 'no_stream' || value === 'any' || value === 'stream_exists') return value;
  return 'any';
}

function actualFromClient(value: unknown): bigint | 'no_stream' | undefined {
  if (typeof value === 'bigint') return value;
  if (value === 'no_stream') return 'no_stream';
  return undefined;
}

const CONNECTION_FAILURE =
  /ECONNREFUSED|ECONNRESET|ENOTFOUND|EHOSTUNREACH|No connection established|Failed to discover|14 UNAVAILABLE/i;

export function translateError(err: unknown, streamName?: string): Error {
  if (
    err instanceof ConcurrencyError ||
    err instanceof StreamDeletedError ||
    err instanceof StoreUnavailableError ||
    err instanceof AppendTooLargeError ||
    err instanceof ProtectedStreamError ||
    err instanceof IntegrityError ||
    err instanceof StoreError
  ) {
    return err;
  }
  if (err instanceof WrongExpectedVersionError) {
    return new ConcurrencyError(
      err.streamName || streamName || '(unknown)',
      expectedFromClient(err.expectedVersion),
      actualFromClient(err.actualVersion),
    );
  }
  if (err instanceof ClientStreamDeletedError) {
    return new StreamDeletedError(err.streamName || streamName || '(unknown)');
  }
  if (err instanceof MaxAppendSizeExceededError) {
    return new AppendTooLargeError(Number.isFinite(err.maxAppendSize) ? err.maxAppendSize : undefined);
  }
  if (err instanceof Error && /RESOURCE_EXHAUSTED: Received message larger than max/.test(err.message)) {
    return new AppendTooLargeError(undefined);
  }
  if (
    err instanceof UnavailableError ||
    err instanceof DeadlineExceededError ||
    err instanceof TimeoutError ||
    err instanceof NotLeaderError ||
    err instanceof CancelledError
  ) {
    return new StoreUnavailableError(`Event store unavailable: ${err.message}`, { cause: err });
  }
  if (err instanceof Error && CONNECTION_FAILURE.test(err.message)) {
    return new StoreUnavailableError(`Event store unavailable: ${err.message}`, { cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new StoreError(`Event store failure: ${message}`, { cause: err });
}
