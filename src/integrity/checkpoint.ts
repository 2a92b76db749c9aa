// A checkpoint of the ledger's Merkle tree (ADR 0022), in the text form of c2sp.org/tlog-checkpoint,
// signed as a note (signed-note.ts):
//
//   <origin>                        e.g. position-ledger.example/mfa
//   <tree size>                     decimal, no leading zeros
//   <base64 root hash>
//   position <commit> <prepare>     $all position of the last leaf (left out when unknown)
//   time <ISO instant>              when it was signed, e.g. 2026-12-06T03:09:00.000Z
//
// The two extension lines are the operator's statements: signed, but not something a monitor can
// check against the tree. One checkpoint has exactly one text: lines in this order, nothing else.
import { decodeBase64 } from './base64.js';
import { HASH_SIZE } from './hash.js';
import type { LogPosition } from '../../contracts/log-position.js';
import { parsePositionText, positionText } from './log-position.js';
import { isKeyName, openNote, signNote, type NoteSigner, type NoteVerifier } from './signed-note.js';

export interface Checkpoint {
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: Buffer;
  readonly lastPosition: LogPosition | null;
  /** ISO instant (UTC, milliseconds). */
  readonly time: string;
}

export type CheckpointReading = { ok: true; checkpoint: Checkpoint } | { ok: false; reason: string };

export class CheckpointFormatError extends Error {
  override readonly name = 'CheckpointFormatError';
  readonly code = 'invalid_checkpoint';
}

const SIZE = /^(0|[1-9][0-9]*)$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const isInstant = (text: string): boolean => INSTANT.test(text) && new Date(text).toISOString() === text;

/** The note text of a checkpoint (what is signed). */
export function checkpointText(checkpoint: Checkpoint): string {
  const { origin, treeSize, rootHash, lastPosition, time } = checkpoint;
  if (!isKeyName(origin))
    throw new CheckpointFormatError(`The origin "${origin}" must be non-empty, without spaces or plus`);
  if (!Number.isSafeInteger(treeSize) || treeSize < 0)
    throw new CheckpointFormatError(`Tree size ${treeSize} is not a count`);
  if (rootHash.length !== HASH_SIZE) throw new CheckpointFormatError(`The root hash has ${rootHash.length} bytes`);
  if (!isInstant(time))
    throw new CheckpointFormatError(`The time ${time} is not an ISO instant in UTC with milliseconds`);
  const lines = [origin, String(treeSize), rootHash.toString('base64')];
  if (lastPosition !== null) lines.push(`position ${positionText(lastPosition)}`);
  lines.push(`time ${time}`);
  return `${lines.join('\n')}\n`;
}

/** Reads a checkpoint's note text (already opened: signatures are not looked at here). */
export function parseCheckpointText(text: string): CheckpointReading {
  const fail = (reason: string): CheckpointReading => ({ ok: false, reason });
  if (!text.endsWith('\n')) return fail('the checkpoint does not end in a newline');
  const [origin, size, root, ...extensions] = text.slice(0, -1).split('\n');
  if (origin === undefined || !isKeyName(origin)) return fail('the origin line is empty or holds spaces or plus');
  if (size === undefined || !SIZE.test(size) || !Number.isSafeInteger(Number(size)))
    return fail('the tree size is not a decimal count');
  const rootHash = decodeBase64(root ?? '');
  if (rootHash?.length !== HASH_SIZE) return fail('the root hash is not base64 of 32 bytes');
  let lastPosition: LogPosition | null = null;
  if (extensions[0]?.startsWith('position ')) {
    lastPosition = parsePositionText(extensions.shift()?.slice('position '.length) ?? '');
    if (lastPosition === null) return fail('the position line is not "position <commit> <prepare>"');
  }
  const [timeLine, ...others] = extensions;
  const time = timeLine?.startsWith('time ') ? timeLine.slice('time '.length) : '';
  if (!isInstant(time)) return fail('the time line is missing or not an ISO instant');
  if (others.length > 0) return fail(`unexpected line "${others[0] ?? ''}"`);
  const checkpoint: Checkpoint = { origin, treeSize: Number(size), rootHash, lastPosition, time };
  return { ok: true, checkpoint };
}

/** The signed note of a checkpoint. */
export function signCheckpoint(checkpoint: Checkpoint, signer: NoteSigner): string {
  return signNote(checkpointText(checkpoint), [signer]);
}

/** The checkpoint in a signed note, if a known key signed it and (when given) it is of `origin`. */
export function openCheckpoint(
  note: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
  origin?: string,
): CheckpointReading {
  const opened = openNote(note, verifiers);
  if (!opened.ok) return opened;
  const read = parseCheckpointText(opened.text);
  if (read.ok && origin !== undefined && read.checkpoint.origin !== origin) {
    return { ok: false, reason: `the checkpoint is of ${read.checkpoint.origin}, not ${origin}` };
  }
  return read;
}
