// For random trees, appended in random batches: every root equals RFC 6962's MTH computed directly from
// the leaves, every inclusion and consistency proof the tree gives verifies, and changing any one bit
// of a proof, a root or the leaf makes the check fail. Both node stores answer alike.
import t from 'tap';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { memoryMerkleTree, sqliteMerkleTree, type MerkleTree } from '../../src/integrity/tree.js';
import { verifyConsistency, verifyInclusion } from '../../src/integrity/verify.js';

const sha = (...parts: Uint8Array[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest();

/** RFC 6962 §2.1 MTH(D[lo:hi]), straight from the definition. */
function mth(leaves: readonly Buffer[], lo: number, hi: number): Buffer {
  if (hi === lo) return sha();
  if (hi - lo === 1) return leaves[lo] as Buffer;
  let k = 1;
  while (k * 2 < hi - lo) k *= 2;
  return sha(Buffer.from([1]), mth(leaves, lo, lo + k), mth(leaves, lo + k, hi));
}

function leavesOf(count: number, seed: number): Buffer[] {
  return Array.from({ length: count }, (_, i) => sha(Buffer.from([0]), Buffer.from(`${seed}/${i}`)));
}

function build(make: () => MerkleTree, leaves: readonly Buffer[], batches: readonly number[]): MerkleTree {
  const tree = make();
  let at = 0;
  for (const b of batches) {
    tree.append(leaves.slice(at, at + b));
    at += b;
  }
  tree.append(leaves.slice(at));
  return tree;
}

function flip(bytes: Uint8Array, bit: number): Buffer {
  const copy = Buffer.from(bytes);
  const i = Math.floor(bit / 8) % copy.length;
  copy[i] = (copy[i] as number) ^ (1 << (bit % 8));
  return copy;
}

const tree = fc.record({
  count: fc.integer({ min: 1, max: 140 }),
  seed: fc.nat(),
  batches: fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 6 }),
});
const makers: Array<[string, () => MerkleTree]> = [
  ['in memory', memoryMerkleTree],
  ['in SQLite', () => sqliteMerkleTree(new Database(':memory:'))],
];

for (const [kind, make] of makers) {
  t.test(`every root of a random tree ${kind} is RFC 6962's MTH of its first leaves`, async () => {
    fc.assert(
      fc.property(tree, fc.nat(), ({ count, seed, batches }, pick) => {
        const leaves = leavesOf(count, seed);
        const built = build(make, leaves, batches);
        const size = pick % (count + 1);
        return (
          built.size() === count &&
          built.root(size).equals(mth(leaves, 0, size)) &&
          built.root().equals(mth(leaves, 0, count))
        );
      }),
      { numRuns: 150 },
    );
  });

  t.test(`inclusion proofs from a random tree ${kind} verify, and no single bit can change`, async () => {
    fc.assert(
      fc.property(tree, fc.nat(), fc.nat(), fc.nat(), ({ count, seed, batches }, pickSize, pickLeaf, bit) => {
        const leaves = leavesOf(count, seed);
        const built = build(make, leaves, batches);
        const size = 1 + (pickSize % count);
        const index = pickLeaf % size;
        const proof = built.inclusionProof(index, size);
        const root = built.root(size);
        const leaf = leaves[index] as Buffer;
        if (!verifyInclusion(leaf, index, size, proof, root).ok) return false;
        if (verifyInclusion(flip(leaf, bit), index, size, proof, root).ok) return false;
        if (verifyInclusion(leaf, index, size, proof, flip(root, bit)).ok) return false;
        return proof.every(
          (_, i) => !verifyInclusion(leaf, index, size, proof.with(i, flip(proof[i] as Buffer, bit)), root).ok,
        );
      }),
      { numRuns: 300 },
    );
  });

  t.test(`consistency proofs from a random tree ${kind} verify, and no single bit can change`, async () => {
    fc.assert(
      fc.property(tree, fc.nat(), fc.nat(), fc.nat(), ({ count, seed, batches }, pickNew, pickOld, bit) => {
        const leaves = leavesOf(count, seed);
        const built = build(make, leaves, batches);
        const size2 = 1 + (pickNew % count);
        const size1 = 1 + (pickOld % size2);
        const proof = built.consistencyProof(size1, size2);
        const [root1, root2] = [built.root(size1), built.root(size2)];
        if (!verifyConsistency(size1, size2, proof, root1, root2).ok) return false;
        if (verifyConsistency(size1, size2, proof, flip(root1, bit), root2).ok) return false;
        if (verifyConsistency(size1, size2, proof, root1, flip(root2, bit)).ok) return false;
        return proof.every(
          (_, i) => !verifyConsistency(size1, size2, proof.with(i, flip(proof[i] as Buffer, bit)), root1, root2).ok,
        );
      }),
      { numRuns: 300 },
    );
  });
}

t.test('a proof for one tree does not pass for a tree of another size', async () => {
  fc.assert(
    fc.property(tree, fc.nat(), fc.nat(), ({ count, seed, batches }, pickSize, pickLeaf) => {
      fc.pre(count >= 2);
      const leaves = leavesOf(count, seed);
      const built = build(memoryMerkleTree, leaves, batches);
      const size = 2 + (pickSize % (count - 1));
      const index = pickLeaf % (size - 1);
      const proof = built.inclusionProof(index, size);
      return !verifyInclusion(leaves[index] as Buffer, index, size - 1, proof, built.root(size - 1)).ok;
    }),
    { numRuns: 200 },
  );
});
