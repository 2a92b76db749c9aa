// Reads the ledger's own checkpoints (the `ledger-checkpoints` stream, checkpoint-stream.ts) for `ledger
// verify` (ADR 0035): each note's signature with the accepted keys, and their order (tree sizes
// strictly increasing, one origin). What holds becomes a checkpoint the recomputed tree must meet
// (ledger-verifier.ts); what does not is a Break at the checkpoint's event.
import type { LogPosition } from '../../contracts/log-position.js';
import { parseCheckpointText, type Checkpoint } from './checkpoint.js';
import { checkpointNoteOf, readCheckpointEvent } from './checkpoint-stream.js';
import type { Break, ExpectedCheckpoint } from './ledger-verifier.js';
import type { NoteVerifier } from './signed-note.js';

export interface CheckpointEventRead {
  readonly id: string;
  readonly type: string;
  readonly streamName: string;
  readonly revision: bigint;
  readonly position: LogPosition;
  readonly data: unknown;
}

export interface LedgerCheckpoints {
  /** Checkpoints whose signature holds (or, with no key at all, that read as checkpoints). */
  readonly expected: ExpectedCheckpoint[];
  readonly breaks: Break[];
  /** The last checkpoint event's note and checkpoint, if it opened. */
  readonly latest: { readonly note: string; readonly checkpoint: Checkpoint } | null;
}

/** The note's text without its signatures, for reading a checkpoint no key can check. */
function unsignedText(note: string): string | null {
  const split = note.lastIndexOf('\n\n');
  return split < 0 ? null : note.slice(0, split + 1);
}

/** Who the note's signature lines say signed it ("<name> key <hex key ID>"), unchecked. */
function signers(note: string): string[] {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return [];
  return note
    .slice(split + 2)
    .split('\n')
    .flatMap((line) => {
      const [dash, name, signature] = line.split(' ');
      const id = Buffer.from(signature ?? '', 'base64').subarray(0, 4);
      return dash === '\u2014' && name !== undefined && id.length === 4 ? [`${name} key ${id.toString('hex')}`] : [];
    });
}

/**
 * Checks the ledger's checkpoint events, in stream order. With no key at all every checkpoint is a
 * break (its signature cannot be checked), and its root is still compared with the tree.
 */
export function readLedgerCheckpoints(
  events: readonly CheckpointEventRead[],
  verifiers: readonly NoteVerifier[],
): LedgerCheckpoints {
  const expected: ExpectedCheckpoint[] = [];
  const breaks: Break[] = [];
  let latest: LedgerCheckpoints['latest'] = null;
  let previous: ExpectedCheckpoint | null = null;
  for (const event of events) {
    const label = `checkpoint ${event.streamName}@${event.revision}`;
    const where = { stream: event.streamName, revision: event.revision, eventId: event.id, position: event.position };
    const found = (kind: Break['kind'], what: string): void =>
      void breaks.push({ kind, ...where, what: `${label}: ${what}` });
    let checkpoint: Checkpoint;
    let note: string | null = null;
    if (verifiers.length === 0) {
      const held = checkpointNoteOf(event);
      const text = held.ok ? unsignedText(held.note) : null;
      const parsed = text === null ? null : parseCheckpointText(text);
      found(
        'checkpoint_signature',
        "its signature cannot be checked: no key was given (--key, or --trusted with a kept checkpoint) and the ledger's key file is not here",
      );
      if (parsed === null || !parsed.ok) continue;
      checkpoint = parsed.checkpoint;
    } else {
      const reading = readCheckpointEvent(event, verifiers);
      if (!reading.ok) {
        const held = checkpointNoteOf(event);
        const by = held.ok ? signers(held.note) : [];
        const accepted = verifiers.map((v) => `${v.name} key ${v.keyId.toString('hex')}`).join(', ');
        found(
          'checkpoint_signature',
          reading.reason === 'no known key signed the note'
            ? `not signed by an accepted key (${accepted})${by.length > 0 ? `: signed by ${by.join(', ')}` : ''}`
            : `${reading.reason}: it was changed, or signed by another key under the same name`,
        );
        continue;
      }
      checkpoint = reading.checkpoint;
      note = reading.note ?? null;
    }
    const entry: ExpectedCheckpoint = { checkpoint, source: 'ledger', label, ...where };
    if (previous !== null && checkpoint.origin !== previous.checkpoint.origin) {
      found('checkpoint_sequence', `it is of ${checkpoint.origin}, the one before of ${previous.checkpoint.origin}`);
    } else if (previous !== null && checkpoint.treeSize <= previous.checkpoint.treeSize) {
      found(
        'checkpoint_sequence',
        `its tree size ${checkpoint.treeSize} does not grow from ${previous.checkpoint.treeSize} (${previous.label})`,
      );
    }
    expected.push(entry);
    previous = entry;
    if (note !== null) latest = { note, checkpoint };
  }
  return { expected, breaks, latest };
}
