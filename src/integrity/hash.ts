// The hashes of the ledger's Merkle tree, as RFC 6962 §2.1 defines them (ADR 0022):
// leaf hash = SHA-256(0x00 || entry), interior node = SHA-256(0x01 || left || right), and the root of
// the empty tree = SHA-256 of nothing. The two prefixes keep a leaf from ever passing for a node.
import { sha256Bytes } from './sha256-bytes.js';

/** Bytes in every hash of the tree (SHA-256). */
export const HASH_SIZE = 32;

/** Root hash of the tree with no leaves. */
export const EMPTY_ROOT: Buffer = sha256Bytes(Buffer.alloc(0));

const LEAF_PREFIX = Buffer.from([0x00]);

/** SHA-256(0x00 || entry): the hash of one leaf. */
export function leafHash(entry: Uint8Array): Buffer {
  return sha256Bytes(Buffer.concat([LEAF_PREFIX, entry]));
}

/** SHA-256(0x01 || left || right): the hash of an interior node. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  const input = Buffer.allocUnsafe(1 + left.length + right.length);
  input[0] = 0x01;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return sha256Bytes(input);
}

/** Byte-wise equality (hashes are public, so no constant-time comparison is needed). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}
