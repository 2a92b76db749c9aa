// The edge-only tree `ledger verify` recomputes the ledger with: at every size it passes, its root is
// the one the full tree has there (RFC 6962's MTH), whatever the batches; it holds no nodes, so it
// refuses older roots and proofs instead of answering them wrongly.
import t from 'tap';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { edgeOnlyMerkleTree } from '../../src/integrity/edge-node-store.js';
import { memoryMerkleTree } from '../../src/integrity/tree.js';
import { NodeStoreError } from '../../src/integrity/node-store.js';

const leafOf = (seed: number, i: number): Buffer => createHash('sha256').update(`${seed}/${i}`).digest();

t.test('the edge-only tree has the full tree root at every size it passes through', async () => {
  fc.assert(
    fc.property(
      fc.nat(),
      fc.array(fc.integer({ min: 0, max: 37 }), { minLength: 1, maxLength: 12 }),
      (seed, batches) => {
        const edge = edgeOnlyMerkleTree();
        const full = memoryMerkleTree();
        let at = 0;
        for (const b of batches) {
          const leaves = Array.from({ length: b }, (_, i) => leafOf(seed, at + i));
          at += b;
          edge.append(leaves);
          full.append(leaves);
          if (edge.size() !== full.size() || !edge.root().equals(full.root())) return false;
        }
        return true;
      },
    ),
    { numRuns: 300 },
  );
});

t.test('the edge-only tree refuses an older root and a proof instead of inventing one', async (t) => {
  const edge = edgeOnlyMerkleTree();
  edge.append(Array.from({ length: 5 }, (_, i) => leafOf(1, i)));
  t.throws(() => edge.root(3), NodeStoreError);
  t.throws(() => edge.inclusionProof(1), NodeStoreError);
  t.throws(() => edge.consistencyProof(2), NodeStoreError);
});
