// Errors the store adapter raises. Client errors from @eventstore/db-client are translated into
// these once, in translate.ts; nothing above the adapter sees a client error class.

export type ExpectedRevision = bigint | 'no_stream' | 'any';

/** Someone else appended to the stream since it was read (optimistic concurrency). */
export class ConcurrencyError extends Error {
  override readonly name = 'ConcurrencyError';
  readonly code = 'stream_conflict';
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision | 'stream_exists',
    readonly actual: bigint | 'no_stream' | undefined,
  ) {
    super(`Stream ${streamName} is at revision ${String(actual ?? 'unknown')}, expected ${String(expected)}`);
  }
}

/** The stream was deleted or tombstoned by someone outside the ledger. */
export class StreamDeletedError extends Error {
  override readonly name = 'StreamDeletedError';
  readonly code = 'stream_deleted';
  constructor(readonly streamName: string) {
    super(`Stream ${streamName} has been deleted`);
  }
}

/** The store cannot be reached (connection refused, deadline exceeded, no leader). */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  readonly code = 'store_unavailable';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The append is larger than the store accepts in one write. */
export class AppendTooLargeError extends Error {
  override readonly name = 'AppendTooLargeError';
  readonly code = 'append_too_large';
  constructor(readonly maxAppendSize: number | undefined) {
    super(
      `The append exceeds the store's maximum append size${maxAppendSize === undefined ? '' : ` of ${maxAppendSize} bytes`}`,
    );
  }
}

/** A destructive or otherwise forbidden operation on an audited ledger stream. */
export class ProtectedStreamError extends Error {
  override readonly name = 'ProtectedStreamError';
  readonly code = 'protected_stream';
  constructor(
    readonly streamName: string,
    readonly reason: string,
  ) {
    super(`Refused on ${streamName}: ${reason}`);
  }
}

/**
 * An event read back from the store is not what the ledger wrote: not JSON, a bad chain link, or (raised
 * by the application when it parses a stream) metadata or data that the contracts do not accept.
 */
export class IntegrityError extends Error {
  override readonly name = 'IntegrityError';
  readonly code = 'integrity_violation';
  constructor(
    readonly streamName: string,
    readonly revision: bigint,
    readonly eventId: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Integrity check failed on ${streamName}@${revision} (${eventId}): ${reason}`, options);
  }
}

/** Any other failure reported by the store; the original error is kept as `cause`. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code = 'store_error';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
