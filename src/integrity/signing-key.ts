// The ledger's checkpoint signing key (ADR 0022): Ed25519 through node:crypto. The key file holds one
// line in the form Go's golang.org/x/mod/sumdb/note writes (so that tooling can sign and check with it):
//   PRIVATE+KEY+<key name>+<hex key ID>+<base64(0x01 || 32-byte seed)>
// An operator's own key may instead be a PKCS#8 PEM file (`openssl genpkey -algorithm ed25519`);
// its name is then the one the ledger is configured with. On first start the key is generated into
// the file (mode 0600, never overwritten); the public half is the verifier key printed and served.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { decodeBase64 } from './base64.js';
import {
  ED25519,
  ed25519KeyId,
  ed25519Verifier,
  isKeyName,
  verifierKeyText,
  type NoteSigner,
  type NoteVerifier,
} from './signed-note.js';

export interface SigningKey extends NoteSigner {
  readonly publicKey: Buffer;
  /** `<name>+<hex key ID>+<base64(0x01 || public key)>`: what a verifier needs. */
  readonly verifierKey: string;
  verifier(): NoteVerifier;
}

export class SigningKeyError extends Error {
  override readonly name = 'SigningKeyError';
  readonly code = 'invalid_signing_key';
}

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function signingKey(name: string, privateKey: KeyObject): SigningKey {
  if (!isKeyName(name)) throw new SigningKeyError(`"${name}" is not a key name (no spaces, no plus)`);
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  const publicKey = Buffer.from(jwk.x ?? '', 'base64url');
  return {
    name,
    keyId: ed25519KeyId(name, publicKey),
    publicKey,
    verifierKey: verifierKeyText(name, publicKey),
    sign: (message) => sign(null, message, privateKey),
    verifier: () => ed25519Verifier(name, publicKey),
  };
}

function fromSeed(seed: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** A fresh key and the text of its key file. */
export function generateSigningKey(name: string): { key: SigningKey; text: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const key = signingKey(name, privateKey);
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d ?? '', 'base64url');
  const material = Buffer.concat([Buffer.from([ED25519]), seed]).toString('base64');
  return { key, text: `PRIVATE+KEY+${name}+${key.keyId.toString('hex')}+${material}\n` };
}

/** Reads a key file's text: the note signer form, or a PKCS#8 PEM Ed25519 key named `name`. */
export function parseSigningKey(text: string, name?: string): SigningKey {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN PRIVATE KEY-----')) {
    if (name === undefined) throw new SigningKeyError('A PEM key needs the name it signs under');
    let key: KeyObject;
    try {
      key = createPrivateKey(trimmed);
    } catch (error) {
      throw new SigningKeyError('The PEM key cannot be read', { cause: error });
    }
    if (key.asymmetricKeyType !== 'ed25519')
      throw new SigningKeyError(`The PEM key is ${key.asymmetricKeyType ?? 'unknown'}, not Ed25519`);
    return signingKey(name, key);
  }
  // Base64 may hold '+', a name may not: the material is everything after the fourth '+'.
  const [p, k, keyName, id, ...material] = trimmed.split('+');
  const bytes = decodeBase64(material.join('+'));
  if (
    p !== 'PRIVATE' ||
    k !== 'KEY' ||
    keyName === undefined ||
    !bytes ||
    bytes.length !== 33 ||
    bytes[0] !== ED25519
  ) {
    throw new SigningKeyError(
      'A signing key reads PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 || Ed25519 seed)>, or is a PEM Ed25519 key',
    );
  }
  const key = signingKey(keyName, fromSeed(bytes.subarray(1)));
  if (key.keyId.toString('hex') !== id) throw new SigningKeyError(`The key ID ${id ?? ''} does not match the key`);
  if (name !== undefined && name !== keyName)
    throw new SigningKeyError(`The key is named ${keyName}, expected ${name}`);
  return key;
}

export interface LoadedSigningKey {
  readonly key: SigningKey;
  /** True when this call generated the key and wrote the file. */
  readonly created: boolean;
  /** True when the file's mode lets group or others read it (worth a warning). */
  readonly readableByOthers: boolean;
}

/**
 * Writes a new key file whole or not at all: a temporary file first, fsynced, then linked to its name
 * (as the request-hash key is, src/auth/request-hash-key.ts). A start that fails half way (a full disk)
 * leaves no empty key behind that every later start would refuse. False when the name already exists
 * (another process created it first).
 */
function writeKeyFileWhole(file: string, text: string): boolean {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  } finally {
    rmSync(temp, { force: true });
  }
  // The new name is durable once its directory is.
  const dir = openSync(dirname(file), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
  return true;
}

/** Reads the key in `file`, or generates one named `name` into it (mode 0600) when there is none. */
export function loadOrCreateSigningKey(file: string, name: string): LoadedSigningKey {
  let created = false;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const fresh = generateSigningKey(name);
    mkdirSync(dirname(file), { recursive: true });
    if (writeKeyFileWhole(file, fresh.text)) {
      created = true;
      text = fresh.text;
    } else {
      text = readFileSync(file, 'utf8'); // another process wrote it first: use theirs
    }
  }
  const key = parseSigningKey(text, name);
  return { key, created, readableByOthers: (statSync(file).mode & 0o077) !== 0 };
}
