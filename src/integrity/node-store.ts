// Where a Merkle tree keeps its node hashes: an append-only array of 32-byte hashes indexed by
// postorder position (tree-shape.ts), plus the log position of the last leaf. Two implementations:
// memory (tests, `ledger verify`) and SQLite (the live tree, sqlite-node-store.ts). The tree logic
// (tree.ts) is the same over both.
import { HASH_SIZE } from './hash.js';
import type { LogPosition } from '../../contracts/log-position.js';

export interface NodeStore {
  /** Hashes stored: positions 0 .. count() − 1. */
  count(): number;
  /** Copies of the hashes at these positions (each < count()), in the same order. */
  read(positions: readonly number[]): Buffer[];
  /** Stores `hashes` at positions count(), count() + 1, ... and the last leaf's position, all or nothing. */
  append(hashes: readonly Uint8Array[], lastPosition: LogPosition | null): void;
  /** As last given to append; null before the first. */
  lastPosition(): LogPosition | null;
}

export class NodeStoreError extends Error {
  override readonly name = 'NodeStoreError';
  readonly code = 'merkle_store_corrupt';
}

/** One growing buffer, 32 bytes per node: 64 MB for a million leaves. */
export function memoryNodeStore(): NodeStore {
  let buffer = Buffer.alloc(HASH_SIZE * 1024);
  let count = 0;
  let last: LogPosition | null = null;
  return {
    count: () => count,
    read(positions) {
      return positions.map((p) => {
        if (!Number.isSafeInteger(p) || p < 0 || p >= count) throw new RangeError(`No node at position ${p}`);
        return Buffer.from(buffer.subarray(p * HASH_SIZE, (p + 1) * HASH_SIZE));
      });
    },
    append(hashes, lastPosition) {
      const needed = (count + hashes.length) * HASH_SIZE;
      if (needed > buffer.length) {
        const grown = Buffer.alloc(Math.max(needed, buffer.length * 2));
        buffer.copy(grown, 0, 0, count * HASH_SIZE);
        buffer = grown;
      }
      hashes.forEach((h, i) => buffer.set(h, (count + i) * HASH_SIZE));
      count += hashes.length;
      last = lastPosition;
    },
    lastPosition: () => last,
  };
}
