// The store's own vocabulary, independent of gRPC: what an append asks for and what it gets back.

/** Revision of the `$streamDeleted` record a tombstone writes (long.MaxValue on the real server). */
export const TOMBSTONE_REVISION = 9223372036854775807n;
/** Revisions read back at or above this value can only be the tombstone (SQLite returns it as a float). */
export const TOMBSTONE_THRESHOLD = Number.MAX_SAFE_INTEGER;
/** Default MaxAppendSize of the real server. */
export const MAX_APPEND_SIZE = 1_048_576;
/** Hard cap on a single record, as on the real server (~16 MiB). */
export const MAX_RECORD_SIZE = 16 * 1024 * 1024 - 10_000;

export type ExpectedRevision =
  { kind: 'any' } | { kind: 'no_stream' } | { kind: 'stream_exists' } | { kind: 'exact'; revision: bigint };

export interface ProposedEvent {
  id: string; // lowercase canonical UUID
  type: string;
  isJson: boolean;
  data: Uint8Array;
  metadata: Uint8Array;
}

/** SizeOnDisk of the real server: data + custom metadata + twice the type length. */
export function eventSize(event: ProposedEvent): number {
  return event.data.length + event.metadata.length + 2 * Buffer.byteLength(event.type);
}

export interface AppendRequest {
  kind: 'append';
  stream: string;
  expected: ExpectedRevision;
  events: ProposedEvent[];
}
export interface DeleteRequest {
  kind: 'delete' | 'tombstone';
  stream: string;
  expected: ExpectedRevision;
}
export type WriteRequest = AppendRequest | DeleteRequest;

/** A stream's current revision; -1 when it never had events. */
export type Revision = number;

export type WriteOutcome =
  | { kind: 'success'; revision: Revision; position: number | null }
  | { kind: 'wrong_expected_version'; current: Revision }
  | { kind: 'stream_deleted' };

/** One record as stored: commit position == prepare position == `position`. */
export interface StoredRecord {
  position: number;
  stream: string;
  revision: number; // >= TOMBSTONE_THRESHOLD means the tombstone
  id: string;
  type: string;
  isJson: boolean;
  createdMs: number;
  data: Uint8Array;
  metadata: Uint8Array;
}

export function isTombstoneRevision(revision: number): boolean {
  return revision >= TOMBSTONE_THRESHOLD;
}

export function revisionString(revision: number): string {
  return isTombstoneRevision(revision) ? TOMBSTONE_REVISION.toString() : String(revision);
}

export function isMetastream(stream: string): boolean {
  return stream.startsWith('$$');
}
