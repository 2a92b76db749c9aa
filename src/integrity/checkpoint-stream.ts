// The contract of the `ledger-checkpoints` stream (ADR 0022, ADR 0034): where the ledger stores the
// checkpoints it signs, and which events the Merkle tree holds. What the server appends, `ledger
// verify` and `ledger checkpoint export` read; this module is the one both sides build on.
//
// - Stream: CHECKPOINT_STREAM (`ledger-checkpoints`), appended by the server only, chained like every
//   ledger stream (metadata `prev`, `hash`, src/store/chain.ts).
// - Event: type CHECKPOINT_EVENT_TYPE (`CheckpointSigned`), data `{ note }`: the signed note text exactly
//   as signed (c2sp.org/tlog-checkpoint + signed-note, src/integrity/checkpoint.ts); metadata
//   `{ schema: 1 }` plus the chain links. The note is the whole truth: no field repeats what it says.
// - Event id: checkpointEventId(origin, treeSize), a UUID v5, so one tree size is stored once.
// - Order: tree sizes strictly increase along the stream, each checkpoint consistent with the one before.
// - Leaves (isLeafEvent): every event of a ledger stream (categories in LEDGER_CATEGORIES, types not
//   starting with `$`) except those of CHECKPOINT_STREAM, in `$all` commit order. A checkpoint of tree
//   size n covers exactly the first n leaves; its `position` line is the `$all` position of leaf n − 1
//   (the last one it covers), so the leaves up to and including that position number n.
import { z } from 'zod';
import { v5 as uuidv5 } from 'uuid';
import { committedData } from '../store/commitment.js';
import { LEDGER_CATEGORIES } from '../store/streams.js';
import { openCheckpoint, type CheckpointReading } from './checkpoint.js';
import type { LeafRecord } from './leaf.js';
import type { NoteVerifier } from './signed-note.js';

export const CHECKPOINT_STREAM = 'ledger-checkpoints';
export const CHECKPOINT_EVENT_TYPE = 'CheckpointSigned';
export const CHECKPOINT_SCHEMA = 1;

/** The data of a CheckpointSigned event. */
export const CheckpointEventData = z.strictObject({
  /** The signed note, byte for byte as signed. */
  note: z.string().min(1).max(8192),
});
export type CheckpointEventData = z.infer<typeof CheckpointEventData>;

/** A CheckpointSigned event to append (the adapter adds the chain links). */
export interface CheckpointEventToAppend {
  readonly id: string;
  readonly type: typeof CHECKPOINT_EVENT_TYPE;
  readonly data: CheckpointEventData;
  readonly metadata: { readonly schema: typeof CHECKPOINT_SCHEMA };
}

// A fixed namespace for checkpoint event ids (uuid v5 of "position-ledger/checkpoint").
const CHECKPOINT_NAMESPACE = '6f1c3f8e-4d1a-5b7e-9a43-2c8e0b5d7a10';

/** The id of the checkpoint event of `origin` at `treeSize`: one event per tree size. */
export function checkpointEventId(origin: string, treeSize: number): string {
  return uuidv5(`${origin}\n${treeSize}`, CHECKPOINT_NAMESPACE);
}

/** The event that stores a signed checkpoint note (as the sealer returns it). */
export function checkpointEvent(origin: string, treeSize: number, note: string): CheckpointEventToAppend {
  return {
    id: checkpointEventId(origin, treeSize),
    type: CHECKPOINT_EVENT_TYPE,
    data: { note },
    metadata: { schema: CHECKPOINT_SCHEMA },
  };
}

const LEAF_PREFIXES = LEDGER_CATEGORIES.map((c) => `${c}-`);

/** Is this event a leaf of the ledger's Merkle tree? (Stream and type are enough.) */
export function isLeafEvent(event: { readonly streamName: string; readonly type: string }): boolean {
  if (event.streamName === CHECKPOINT_STREAM || event.type.startsWith('$')) return false;
  return LEAF_PREFIXES.some((p) => event.streamName.startsWith(p));
}

/** An event as the store hands it back (the adapter's StoredEvent has these fields). */
export interface LeafSource {
  readonly streamName: string;
  readonly revision: bigint | number;
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

/**
 * The leaf record of a stored event (hash it with eventLeafHash): data in committed form (ADR 0020),
 * metadata as stored, chain links included. Throws UncommittableError (src/store/commitment.ts) for
 * stored data that holds a redacted or bare committed value: no honest event does.
 */
export function leafRecordOf(event: LeafSource): LeafRecord {
  return {
    stream: event.streamName,
    revision: event.revision,
    eventId: event.id,
    type: event.type,
    data: committedData(event.data),
    metadata: event.metadata,
  };
}

/** Is this event a checkpoint the ledger stored? */
export function isCheckpointEvent(event: { readonly streamName: string; readonly type: string }): boolean {
  return event.streamName === CHECKPOINT_STREAM && event.type === CHECKPOINT_EVENT_TYPE;
}

/** The note text a checkpoint event holds, or a reason it holds none. */
export function checkpointNoteOf(event: {
  readonly type: string;
  readonly data: unknown;
}): { ok: true; note: string } | { ok: false; reason: string } {
  if (event.type !== CHECKPOINT_EVENT_TYPE)
    return { ok: false, reason: `event type ${event.type} is not ${CHECKPOINT_EVENT_TYPE}` };
  const data = CheckpointEventData.safeParse(event.data);
  if (!data.success) return { ok: false, reason: 'the data is not { note: <signed note text> }' };
  return { ok: true, note: data.data.note };
}

/** Reads a checkpoint event: its note, opened with the given keys and (when given) of `origin`. */
export function readCheckpointEvent(
  event: { readonly type: string; readonly data: unknown },
  verifiers: readonly NoteVerifier[],
  origin?: string,
): CheckpointReading & { note?: string } {
  const held = checkpointNoteOf(event);
  if (!held.ok) return held;
  const reading = openCheckpoint(held.note, verifiers, origin);
  return reading.ok ? { ...reading, note: held.note } : reading;
}
