// The ledger's append-only Merkle tree (RFC 6962 §2.1) over a node store (ADR 0022): appends a batch
// of leaf hashes, and answers the root at any size up to the current one, inclusion proofs and
// consistency proofs, each from O(log n) stored nodes (tree-shape.ts plans which).
// The tree keeps its right edge in memory (the perfect subtrees covering all leaves, one per set bit
// of the size): an append hashes against it and writes the new nodes in postorder, and the current
// root folds it without reading. The edge is replaced only after the store has taken the batch.
import Database from 'better-sqlite3';
import { EMPTY_ROOT, HASH_SIZE, nodeHash } from './hash.js';
import type { LogPosition } from '../../contracts/log-position.js';
import { memoryNodeStore, NodeStoreError, type NodeStore } from './node-store.js';
import { sqliteNodeStore } from './sqlite-node-store.js';
import {
  consistencyPlan,
  inclusionPlan,
  isCount,
  nodePosition,
  perfectSubtrees,
  sizeForNodeCount,
  type LeafRange,
  type NodeId,
} from './tree-shape.js';

export interface MerkleTree {
  /** Leaves in the tree. */
  size(): number;
  /** $all position of the last leaf, as given to the last append (null if not given or empty). */
  lastPosition(): LogPosition | null;
  /** Appends leaf hashes (32 bytes each), in order, all or nothing. */
  append(leafHashes: readonly Uint8Array[], lastPosition?: LogPosition | null): void;
  /** Hash of leaf `index`. */
  leafHash(index: number): Buffer;
  /** Root hash of the tree's first `size` leaves (default: all). */
  root(size?: number): Buffer;
  /** RFC 6962 audit path of leaf `index` in the tree of `size` leaves (default: all), lowest first. */
  inclusionProof(index: number, size?: number): Buffer[];
  /** RFC 6962 consistency proof from the tree of `size1` leaves to that of `size2` (default: all). */
  consistencyProof(size1: number, size2?: number): Buffer[];
}

/** A proof or root asked for a size or index the tree does not have. */
export class TreeRangeError extends Error {
  override readonly name = 'TreeRangeError';
  readonly code = 'tree_range';
}

interface EdgeNode {
  readonly level: number;
  readonly hash: Buffer;
}

/** Folds the perfect subtrees of an RFC 6962 subtree, given left to right, into its hash. */
function foldRight(hashes: readonly Buffer[]): Buffer {
  let acc = hashes.at(-1);
  if (acc === undefined) return EMPTY_ROOT;
  for (let i = hashes.length - 2; i >= 0; i -= 1) acc = nodeHash(hashes[i] as Buffer, acc);
  return acc;
}

export function openMerkleTree(nodes: NodeStore): MerkleTree {
  const stored = sizeForNodeCount(nodes.count());
  if (stored === null) throw new NodeStoreError(`${nodes.count()} nodes is no tree's node count`);
  let size = stored;
  const read = (ids: readonly NodeId[]): Buffer[] => nodes.read(ids.map(nodePosition));
  const edgeIds = perfectSubtrees(0, size);
  let edge: EdgeNode[] = read(edgeIds).map((hash, i) => ({ level: edgeIds[i]?.level ?? 0, hash }));

  /** Hashes of the ranges, reading every node they need in one call. */
  function rangeHashes(ranges: readonly LeafRange[]): Buffer[] {
    const pieces = ranges.map((r) => perfectSubtrees(r.begin, r.end));
    const hashes = read(pieces.flat());
    let at = 0;
    return pieces.map((p) => foldRight(hashes.slice(at, (at += p.length))));
  }

  function checkSize(value: number, name: string): number {
    if (!isCount(value) || value > size)
      throw new TreeRangeError(`${name} ${value} is not a tree size from 0 to ${size}`);
    return value;
  }

  return {
    size: () => size,
    lastPosition: () => nodes.lastPosition(),

    append(leafHashes, lastPosition = null) {
      if (leafHashes.length === 0) return;
      const next = [...edge];
      const written: Buffer[] = [];
      for (const leaf of leafHashes) {
        if (leaf.length !== HASH_SIZE)
          throw new TreeRangeError(`A leaf hash has ${leaf.length} bytes, not ${HASH_SIZE}`);
        let node: EdgeNode = { level: 0, hash: Buffer.from(leaf) };
        written.push(node.hash);
        for (let left = next.at(-1); left?.level === node.level; left = next.at(-1)) {
          next.pop();
          node = { level: node.level + 1, hash: nodeHash(left.hash, node.hash) };
          written.push(node.hash);
        }
        next.push(node);
      }
      nodes.append(written, lastPosition);
      edge = next;
      size += leafHashes.length;
    },

    leafHash(index) {
      if (!isCount(index) || index >= size) throw new TreeRangeError(`No leaf ${index} in a tree of ${size}`);
      return read([{ level: 0, index }])[0] as Buffer;
    },

    root(at = size) {
      checkSize(at, 'Size');
      if (at === size) return foldRight(edge.map((e) => e.hash));
      return rangeHashes([{ begin: 0, end: at }])[0] as Buffer;
    },

    inclusionProof(index, at = size) {
      checkSize(at, 'Size');
      if (!isCount(index) || index >= at) throw new TreeRangeError(`No leaf ${index} in a tree of ${at}`);
      return rangeHashes(inclusionPlan(index, at));
    },

    consistencyProof(size1, size2 = size) {
      checkSize(size2, 'Size');
      checkSize(size1, 'Old size');
      if (size1 === 0 || size1 > size2) throw new TreeRangeError(`No consistency proof from ${size1} to ${size2}`);
      if (size1 === size2) return [];
      return rangeHashes(consistencyPlan(size1, size2));
    },
  };
}

/** A tree held in memory (tests, `ledger verify`). */
export function memoryMerkleTree(): MerkleTree {
  return openMerkleTree(memoryNodeStore());
}

/** The tree kept in a SQLite database (its own file from openTreeFile, or the read index file). */
export function sqliteMerkleTree(db: Database.Database): MerkleTree {
  return openMerkleTree(sqliteNodeStore(db));
}
