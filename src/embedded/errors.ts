// Typed errors of the embedded store. The gRPC layer maps them to status codes and trailers.

/** A request the protocol does not allow (maps to INVALID_ARGUMENT). */
export class InvalidRequestError extends Error {
  override readonly name = 'InvalidRequestError';
}

/** An append whose total size exceeds the maximum append size. */
export class MaxAppendSizeExceededError extends Error {
  override readonly name = 'MaxAppendSizeExceededError';
  constructor(readonly maxAppendSize: number) {
    super(`Maximum append size of ${maxAppendSize} exceeded.`);
  }
}

/** An event without the `type` or `content-type` metadata entry. */
export class MissingMetadataError extends Error {
  override readonly name = 'MissingMetadataError';
  constructor() {
    super('Required metadata properties are missing: type, content-type.');
  }
}

/** The stream was tombstoned (or its metastream belongs to a tombstoned stream). */
export class StreamDeletedError extends Error {
  override readonly name = 'StreamDeletedError';
  constructor(readonly stream: string) {
    super(`Event stream '${stream}' is deleted.`);
  }
}

/** The store was closed while the request was waiting. */
export class StoreClosedError extends Error {
  override readonly name = 'StoreClosedError';
  constructor() {
    super('The embedded store is shutting down.');
  }
}
