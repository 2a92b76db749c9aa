// What an auditor keeps outside the ledger (ADR 0035): `ledger checkpoint export` prints the ledger's
// verifier key, a blank line, then the latest signed checkpoint note exactly as stored:
//
//   <name>+<hex key ID>+<base64(0x01 || public key)>
//
//   <origin>
//   <tree size>
//   <base64 root>
//   ...
//   — <name> <signature>
//
// `ledger verify --trusted <file>` reads that back; a file holding only the note (what transparency
// tooling keeps) is read too, its key then given with `--key`. A kept checkpoint proves something
// against the operator only because someone else kept it, with the key as it was then.
import { openCheckpoint, type Checkpoint } from './checkpoint.js';
import { NoteFormatError, parseVerifierKey, type NoteVerifier } from './signed-note.js';

export interface KeptCheckpointFile {
  /** The verifier key line, when the file has one. */
  readonly verifierKey: string | null;
  /** The signed note. */
  readonly note: string;
}

const VERIFIER_KEY_LINE = /^[^\s+]+\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+$/;

/** The text `ledger checkpoint export` prints. */
export function keptCheckpointText(verifierKey: string, note: string): string {
  return `${verifierKey}\n\n${note}`;
}

/** Splits a kept file into its key line (if any) and its note. */
export function parseKeptCheckpoint(text: string): KeptCheckpointFile {
  const [first, second] = text.split('\n', 2);
  if (first !== undefined && second === '' && VERIFIER_KEY_LINE.test(first)) {
    return { verifierKey: first, note: text.slice(first.length + 2) };
  }
  return { verifierKey: null, note: text };
}

export type KeptReading =
  { ok: true; checkpoint: Checkpoint; verifier: NoteVerifier | null } | { ok: false; reason: string };

/** Opens a kept checkpoint with the key in the file, else with `keys`. */
export function openKeptCheckpoint(text: string, keys: readonly NoteVerifier[]): KeptReading {
  const kept = parseKeptCheckpoint(text);
  let verifier: NoteVerifier | null = null;
  if (kept.verifierKey !== null) {
    try {
      verifier = parseVerifierKey(kept.verifierKey);
    } catch (error) {
      if (error instanceof NoteFormatError)
        return { ok: false, reason: `its key line cannot be read: ${error.message}` };
      throw error;
    }
  }
  const verifiers = verifier === null ? keys : [verifier];
  if (verifiers.length === 0)
    return { ok: false, reason: 'it holds no key line and no --key was given to check its signature' };
  const reading = openCheckpoint(kept.note, verifiers);
  return reading.ok ? { ok: true, checkpoint: reading.checkpoint, verifier } : { ok: false, reason: reading.reason };
}
