// The keys `ledger verify` and `ledger checkpoint` accept for the ledger's checkpoints (ADR 0035), in
// this order: each `--key` (a verifier key, or a file holding one); the key of each kept checkpoint
// given with `--trusted`; and only when neither was given, the ledger's own key file (its public half),
// which proves nothing against whoever runs the ledger: they hold that file.
import { readFile } from 'node:fs/promises';
import { NoteFormatError, parseVerifierKey, type NoteVerifier } from '../../integrity/signed-note.js';
import { parseSigningKey } from '../../integrity/signing-key.js';

export class KeyOptionError extends Error {
  override readonly name = 'KeyOptionError';
  readonly code = 'invalid_key';
}

export interface AcceptedKey {
  readonly verifier: NoteVerifier;
  /** `<name>+<hex key ID>+<base64 key>`. */
  readonly verifierKey: string;
  /** Where it came from, for a person: `--key`, `kept.checkpoint`, the key file's path. */
  readonly from: string;
}

/** A `--key` value: the verifier key itself, or a file whose first line is one. */
export async function keyOption(value: string): Promise<AcceptedKey> {
  let text = value;
  if (!/^[^\s+]+\+[0-9a-f]{8}\+/.test(value)) {
    try {
      text = (await readFile(value, 'utf8')).split('\n')[0] ?? '';
    } catch (error) {
      throw new KeyOptionError(
        `--key ${value}: neither a verifier key (<name>+<key ID>+<key>) nor a readable file (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
      );
    }
  }
  try {
    const verifier = parseVerifierKey(text.trim());
    return { verifier, verifierKey: text.trim(), from: '--key' };
  } catch (error) {
    if (error instanceof NoteFormatError) throw new KeyOptionError(`--key ${value}: ${error.message}`);
    throw error;
  }
}

/**
 * The public half of the ledger's own signing key file (a PEM key signs as `name`), or null when there is no such file
 * here.
 */
export async function ownKey({ file, name }: { file: string; name: string }): Promise<AcceptedKey | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new KeyOptionError(
      `The ledger's key file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
    );
  }
  const key = parseSigningKey(text, text.trimStart().startsWith('-----BEGIN') ? name : undefined);
  return { verifier: key.verifier(), verifierKey: key.verifierKey, from: file };
}
