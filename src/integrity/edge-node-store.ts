// A node store that keeps no nodes, only their count: under the tree logic of tree.ts it makes a
// tree that appends and answers its current root, and nothing else (no proof, no older root), in
// O(log n) memory: the tree's right edge is all it holds. What `ledger verify` recomputes a million
// leaves with: it needs the root at each checkpoint's size, which it reaches in turn while appending.
import type { LogPosition } from '../../contracts/log-position.js';
import { NodeStoreError, type NodeStore } from './node-store.js';
import { openMerkleTree, type MerkleTree } from './tree.js';

export function edgeOnlyNodeStore(): NodeStore {
  let count = 0;
  let last: LogPosition | null = null;
  return {
    count: () => count,
    read(positions) {
      if (positions.length === 0) return [];
      throw new NodeStoreError(
        'This tree keeps only its right edge: it answers its current root, not older roots or proofs',
      );
    },
    append(hashes, lastPosition) {
      count += hashes.length;
      last = lastPosition;
    },
    lastPosition: () => last,
  };
}

/** A tree that answers only `size()`, `append()` and `root()` at its current size, in O(log n) memory. */
export function edgeOnlyMerkleTree(): MerkleTree {
  return openMerkleTree(edgeOnlyNodeStore());
}
