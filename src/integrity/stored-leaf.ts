// The leaf of an event as the store adapter reads it back (ADR 0022): the leaf record of leaf.ts over
// the event's committed form — its data with every classified value replaced by its commitment
// (src/store/commitment.ts), its metadata as stored, chain links included. What the live tree appends
// and `ledger verify` recomputes must be this one function.
import { committedData } from '../store/commitment.js';
import { eventLeafHash } from './leaf.js';

export interface StoredLeafEvent {
  readonly id: string;
  readonly type: string;
  readonly streamName: string;
  readonly revision: bigint;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
}

/** SHA-256(0x00 || canonical { stream, revision, eventId, type, committed data, metadata }). Throws UncommittableError. */
export function storedEventLeafHash(event: StoredLeafEvent): Buffer {
  return eventLeafHash({
    stream: event.streamName,
    revision: event.revision,
    eventId: event.id,
    type: event.type,
    data: committedData(event.data, 'stored'),
    metadata: event.metadata,
  });
}
