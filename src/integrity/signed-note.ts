// Signed notes as C2SP specifies them (c2sp.org/signed-note), the envelope of a checkpoint (ADR 0022):
//
//   <text: lines, each ending in a newline>
//   <blank line>
//   — <key name> <base64(4-byte key ID || signature)>     one line per signature
//
// The signature covers the text, final newline included. Ed25519 only (signature type 0x01):
//   key ID       = SHA-256(key name || 0x0A || 0x01 || 32-byte public key)[:4]
//   verifier key = <key name>+<hex key ID>+<base64(0x01 || public key)>
// Opening a note ignores signatures from keys it does not know, refuses the note if a known key's
// signature fails, and refuses it if no known key signed it. Valid UTF-8, no control character but
// newline, at most 100 signatures.
import { createPublicKey, hash, verify } from 'node:crypto';
import { decodeBase64 } from './base64.js';

export const ED25519 = 0x01;
const EM_DASH = '\u2014';
const MAX_SIGNATURES = 100;

export interface NoteSigner {
  readonly name: string;
  readonly keyId: Buffer;
  sign(message: Uint8Array): Buffer;
}

export interface NoteVerifier {
  readonly name: string;
  readonly keyId: Buffer;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

export type NoteOpening = { ok: true; text: string; signedBy: string[] } | { ok: false; reason: string };

/** A verifier key, signing key or note text that does not follow the format. */
export class NoteFormatError extends Error {
  override readonly name = 'NoteFormatError';
  readonly code = 'invalid_signed_note';
}

// Control characters other than newline, and lone UTF-16 surrogates (text that is not valid UTF-8).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN = /[\u0000-\u0009\u000b-\u001f]|\p{Cs}/u;

/** Non-empty, no Unicode spaces, no plus, no control characters. */
export function isKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name) && !FORBIDDEN.test(name);
}

export function ed25519KeyId(name: string, publicKey: Uint8Array): Buffer {
  return hash(
    'sha256',
    Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), Buffer.from([ED25519]), publicKey]),
    'buffer',
  ).subarray(0, 4);
}

export function verifierKeyText(name: string, publicKey: Uint8Array): string {
  return `${name}+${ed25519KeyId(name, publicKey).toString('hex')}+${Buffer.concat([Buffer.from([ED25519]), publicKey]).toString('base64')}`;
}

export function ed25519Verifier(name: string, publicKey: Uint8Array): NoteVerifier {
  if (!isKeyName(name)) throw new NoteFormatError(`"${name}" is not a key name`);
  if (publicKey.length !== 32) throw new NoteFormatError('An Ed25519 public key has 32 bytes');
  const key = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') },
    format: 'jwk',
  });
  return {
    name,
    keyId: ed25519KeyId(name, publicKey),
    verify: (message, signature) => signature.length === 64 && verify(null, message, key, signature),
  };
}

/** Reads `<name>+<hex key ID>+<base64(0x01 || public key)>`; the key ID must match the key. */
export function parseVerifierKey(vkey: string): NoteVerifier {
  // Base64 may hold '+', a name may not: the key material is everything after the second '+'.
  const [name, id, ...material] = vkey.trim().split('+');
  const bytes = decodeBase64(material.join('+'));
  if (name === undefined || !/^[0-9a-f]{8}$/.test(id ?? '') || !bytes) {
    throw new NoteFormatError('A verifier key reads <name>+<8 hex digits>+<base64 key>');
  }
  if (bytes[0] !== ED25519 || bytes.length !== 33)
    throw new NoteFormatError('Only Ed25519 verifier keys (type 0x01, 32 bytes) are supported');
  const verifier = ed25519Verifier(name, bytes.subarray(1));
  if (verifier.keyId.toString('hex') !== id) throw new NoteFormatError(`The key ID ${id} does not match the key`);
  return verifier;
}

/** The note: `text` (which must end in a newline), a blank line, one signature line per signer. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  if (!text.endsWith('\n') || FORBIDDEN.test(text)) {
    throw new NoteFormatError('A note text ends in a newline and holds no control character but newline');
  }
  if (signers.length === 0) throw new NoteFormatError('A note needs at least one signature');
  const message = Buffer.from(text, 'utf8');
  const lines = signers.map((s) => {
    if (!isKeyName(s.name)) throw new NoteFormatError(`"${s.name}" is not a key name`);
    return `${EM_DASH} ${s.name} ${Buffer.concat([s.keyId, s.sign(message)]).toString('base64')}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

function decoded(note: string | Uint8Array): string | null {
  if (typeof note === 'string') return note;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(note);
  } catch {
    return null;
  }
}

/** The note's text, if a known key signed it and no known key's signature fails. */
export function openNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): NoteOpening {
  const fail = (reason: string): NoteOpening => ({ ok: false, reason });
  const whole = decoded(note);
  if (whole === null || FORBIDDEN.test(whole)) return fail('the note is not UTF-8 text without control characters');
  const split = whole.lastIndexOf('\n\n');
  if (split < 0) return fail('the note has no signatures');
  const text = whole.slice(0, split + 1);
  const block = whole.slice(split + 2);
  if (!block.endsWith('\n')) return fail('the signature lines do not end in a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) return fail(`more than ${MAX_SIGNATURES} signatures`);
  const message = Buffer.from(text, 'utf8');
  const signedBy: string[] = [];
  for (const line of lines) {
    const [name, encoded, ...rest] = line.startsWith(`${EM_DASH} `) ? line.slice(2).split(' ') : [];
    const signature = decodeBase64(encoded ?? '');
    if (name === undefined || !isKeyName(name) || rest.length > 0 || !signature || signature.length < 5) {
      return fail(`"${line}" is not a signature line`);
    }
    const keyId = signature.subarray(0, 4);
    for (const known of verifiers.filter((v) => v.name === name && v.keyId.equals(keyId))) {
      if (!known.verify(message, signature.subarray(4))) return fail(`the signature by ${name} does not verify`);
      signedBy.push(name);
    }
  }
  return signedBy.length > 0 ? { ok: true, text, signedBy } : fail('no known key signed the note');
}
