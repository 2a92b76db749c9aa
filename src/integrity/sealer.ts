// When to sign a checkpoint of the tree, and the check before signing (ADR 0022). A checkpoint is due
// once `everyLeaves` leaves arrived since the last one, or `everyMs` passed and at least one did; the
// caller asks after each append and on a timer, and stores what `seal` returns (the ledger-checkpoints
// stream). No timers, no clock, no I/O here: `now` comes in.
// Before signing, the tree must still hold the last signed checkpoint: same root at that size. A log
// never signs two checkpoints that no consistency proof joins (c2sp.org/tlog-checkpoint), so a tree
// rebuilt from a store whose history changed is refused here instead of being signed.
import { signCheckpoint, type Checkpoint } from './checkpoint.js';
import { sameBytes } from './hash.js';
import type { NoteSigner } from './signed-note.js';
import type { MerkleTree } from './tree.js';
import type { ProofCheck } from './verify.js';

export interface SealPolicy {
  readonly everyLeaves: number;
  readonly everyMs: number;
}

export interface SealedCheckpoint {
  readonly checkpoint: Checkpoint;
  /** The signed note, as stored and exported. */
  readonly note: string;
}

/** The tree no longer agrees with a checkpoint the ledger already signed. */
export class CheckpointConflictError extends Error {
  override readonly name = 'CheckpointConflictError';
  readonly code = 'checkpoint_conflict';
}

/** Does the tree still hold `checkpoint` (its size, with the same root)? */
export function treeHolds(tree: MerkleTree, checkpoint: Checkpoint): ProofCheck {
  if (checkpoint.treeSize > tree.size()) {
    return { ok: false, reason: `the tree has ${tree.size()} leaves, a signed checkpoint has ${checkpoint.treeSize}` };
  }
  if (!sameBytes(tree.root(checkpoint.treeSize), checkpoint.rootHash)) {
    return {
      ok: false,
      reason: `the tree's root at ${checkpoint.treeSize} leaves is not the one signed at ${checkpoint.time}`,
    };
  }
  return { ok: true };
}

export interface Sealer {
  /** Is a checkpoint due at `now`? */
  due(now: Date): boolean;
  /** Signs a checkpoint of the whole tree if it grew since the last one (due or not); null if it did not. */
  seal(now: Date): SealedCheckpoint | null;
  /** The last checkpoint signed or given at the start. */
  last(): Checkpoint | null;
}

export interface SealerOptions {
  readonly tree: MerkleTree;
  readonly signer: NoteSigner;
  /** The checkpoint's first line; the signer's key name should be the same. */
  readonly origin: string;
  readonly policy: SealPolicy;
  /** The latest checkpoint already stored, if any. */
  readonly last: Checkpoint | null;
}

export function createSealer({ tree, signer, origin, policy, last: initial }: SealerOptions): Sealer {
  let last = initial;
  return {
    due(now) {
      const grown = tree.size() - (last?.treeSize ?? 0);
      if (grown <= 0) return false;
      if (last === null || grown >= policy.everyLeaves) return true;
      return now.getTime() - Date.parse(last.time) >= policy.everyMs;
    },

    seal(now) {
      if (last !== null) {
        const held = treeHolds(tree, last);
        if (!held.ok) throw new CheckpointConflictError(held.reason);
      }
      if (tree.size() === 0 || tree.size() === last?.treeSize) return null;
      const checkpoint: Checkpoint = {
        origin,
        treeSize: tree.size(),
        rootHash: tree.root(),
        lastPosition: tree.lastPosition(),
        time: now.toISOString(),
      };
      const note = signCheckpoint(checkpoint, signer);
      last = checkpoint;
      return { checkpoint, note };
    },

    last: () => last,
  };
}
