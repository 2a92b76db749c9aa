// gRPC status errors with the trailers the official client reads (esdb-protocol.md §1).
import { Metadata, status } from '@grpc/grpc-js';
import {
  InvalidRequestError,
  MaxAppendSizeExceededError,
  MissingMetadataError,
  StoreClosedError,
  StreamDeletedError,
} from '../errors.js';

export class RpcError extends Error {
  override readonly name = 'RpcError';
  readonly metadata: Metadata;
  readonly details: string;
  constructor(
    readonly code: status,
    details: string,
    trailers: Record<string, string> = {},
  ) {
    super(details);
    this.details = details;
    this.metadata = new Metadata();
    for (const [key, value] of Object.entries(trailers)) this.metadata.set(key, value);
  }
}

export function streamDeletedRpc(stream: string): RpcError {
  return new RpcError(status.FAILED_PRECONDITION, `Event stream '${stream}' is deleted.`, {
    exception: 'stream-deleted',
    'stream-name': stream,
  });
}

export function wrongExpectedVersionRpc(stream: string, expected: string, actual: string): RpcError {
  return new RpcError(
    status.FAILED_PRECONDITION,
    `Append failed due to WrongExpectedVersion. Stream: ${stream}, Expected version: ${expected}, Actual version: ${actual}`,
    {
      exception: 'wrong-expected-version',
      'stream-name': stream,
      'expected-version': expected,
      'actual-version': actual,
    },
  );
}

/** SQLite's and the file system's codes for a disk the store cannot write to: full, read-only or failing. */
const STORAGE_FAILURE = /^(SQLITE_(FULL|IOERR|READONLY|CANTOPEN)|ENOSPC|EDQUOT|EROFS|EIO)/;

/** The store cannot write to its disk: UNAVAILABLE, as from a real node that stopped writing (not INTERNAL). */
export function isStorageFailure(error: unknown): error is Error {
  return (
    error instanceof Error && 'code' in error && typeof error.code === 'string' && STORAGE_FAILURE.test(error.code)
  );
}

/** Maps the store's typed errors to the status and trailers of the real server; anything else is INTERNAL. */
export function toRpcError(error: unknown): RpcError {
  if (error instanceof RpcError) return error;
  if (isStorageFailure(error))
    return new RpcError(status.UNAVAILABLE, `The store cannot write to its disk: ${error.message}`);
  if (error instanceof StreamDeletedError) return streamDeletedRpc(error.stream);
  if (error instanceof MaxAppendSizeExceededError) {
    return new RpcError(status.INVALID_ARGUMENT, error.message, {
      exception: 'maximum-append-size-exceeded',
      'maximum-append-size': String(error.maxAppendSize),
    });
  }
  if (error instanceof MissingMetadataError) {
    return new RpcError(status.INVALID_ARGUMENT, error.message, {
      exception: 'missing-required-metadata-property',
      'required-metadata-properties': 'type,content-type',
    });
  }
  if (error instanceof InvalidRequestError) return new RpcError(status.INVALID_ARGUMENT, error.message);
  if (error instanceof StoreClosedError) return new RpcError(status.UNAVAILABLE, error.message);
  return new RpcError(status.INTERNAL, 'Internal error in the embedded store.');
}
