// The leaf of the ledger's Merkle tree for one event (ADR 0022). The entry is the UTF-8 of the
// canonical JSON (keys sorted, no whitespace: RFC 8785 for JSON values) of
//   { stream, revision, eventId, type, data, metadata }
// and the leaf hash is SHA-256(0x00 || entry). `data` and `metadata` are the event's committed form:
// classified values already replaced by their salted commitments, so the tree reveals nothing that
// redaction hides. This module does not make that form; the caller passes it in.
import { canonicalJson } from '../store/canonical-json.js';
import { leafHash } from './hash.js';

export interface LeafRecord {
  /** Stream name, e.g. `position-ahc-scope`. */
  readonly stream: string;
  /** Revision of the event in its stream (0 for the first); a safe integer. */
  readonly revision: number | bigint;
  readonly eventId: string;
  readonly type: string;
  /** The event's data in committed form (parsed JSON). */
  readonly data: unknown;
  /** The event's custom metadata in committed form (parsed JSON), chain links included. */
  readonly metadata: unknown;
}

export class LeafRecordError extends Error {
  override readonly name = 'LeafRecordError';
  readonly code = 'invalid_leaf_record';
}

function revisionNumber(revision: number | bigint): number {
  const value = typeof revision === 'bigint' ? Number(revision) : revision;
  if (!Number.isSafeInteger(value) || value < 0 || (typeof revision === 'bigint' && BigInt(value) !== revision)) {
    throw new LeafRecordError(`Revision ${String(revision)} is not a non-negative safe integer`);
  }
  return value;
}

/** The canonical bytes a leaf commits to. */
export function leafEntry(record: LeafRecord): Buffer {
  const { stream, eventId, type, data, metadata } = record;
  const revision = revisionNumber(record.revision);
  return Buffer.from(canonicalJson({ stream, revision, eventId, type, data, metadata }), 'utf8');
}

/** SHA-256(0x00 || leafEntry(record)). */
export function eventLeafHash(record: LeafRecord): Buffer {
  return leafHash(leafEntry(record));
}
