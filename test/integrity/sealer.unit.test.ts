// The sealer signs a checkpoint every N leaves or T milliseconds, never one for a tree that has not
// grown, and refuses to sign once the tree disagrees with a checkpoint it already signed.
import t from 'tap';
import { openCheckpoint } from '../../src/integrity/checkpoint.js';
import { leafHash } from '../../src/integrity/hash.js';
import { createSealer, treeHolds, type Sealer } from '../../src/integrity/sealer.js';
import { generateSigningKey, type SigningKey } from '../../src/integrity/signing-key.js';
import { memoryMerkleTree, type MerkleTree } from '../../src/integrity/tree.js';
import { verifyConsistency } from '../../src/integrity/verify.js';

const ORIGIN = 'ledger.example/positions';
const leaves = (from: number, to: number): Buffer[] =>
  Array.from({ length: to - from }, (_, i) => leafHash(Buffer.from(`event ${from + i}`)));
const at = (seconds: number): Date => new Date(Date.UTC(2026, 11, 6, 3, 0, seconds));

function setup(): { tree: MerkleTree; key: SigningKey; sealer: Sealer } {
  const tree = memoryMerkleTree();
  const { key } = generateSigningKey(ORIGIN);
  const sealer = createSealer({
    tree,
    signer: key,
    origin: ORIGIN,
    policy: { everyLeaves: 100, everyMs: 10_000 },
    last: null,
  });
  return { tree, key, sealer };
}

t.test('a checkpoint is due after N leaves or T ms with something new, and not for an unchanged tree', async (t) => {
  const { tree, sealer } = setup();
  t.equal(sealer.due(at(0)), false, 'an empty tree has nothing to seal');
  t.equal(sealer.seal(at(0)), null);
  tree.append(leaves(0, 5), { commit: 500n, prepare: 500n });
  t.equal(sealer.due(at(0)), true, 'the first leaves are sealed at once');
  const first = sealer.seal(at(0));
  t.match(first?.checkpoint, {
    treeSize: 5,
    lastPosition: { commit: 500n, prepare: 500n },
    time: '2026-12-06T03:00:00.000Z',
  });
  t.equal(sealer.due(at(30)), false, 'time alone does not make a checkpoint due');
  t.equal(sealer.seal(at(30)), null, 'nor does sealing an unchanged tree sign anything');
  tree.append(leaves(5, 104));
  t.equal(sealer.due(at(9)), false, '99 leaves within 10 s');
  t.equal(sealer.due(at(10)), true, '10 s after the last checkpoint');
  tree.append(leaves(104, 105));
  t.equal(sealer.due(at(1)), true, '100 leaves since the last checkpoint');
});

t.test('each new checkpoint opens with the key and is consistent with the one before', async (t) => {
  const { tree, key, sealer } = setup();
  tree.append(leaves(0, 7));
  const first = sealer.seal(at(0));
  tree.append(leaves(7, 300));
  const second = sealer.seal(at(1));
  if (first === null || second === null) throw new Error('both checkpoints should have been signed');
  const opened = openCheckpoint(second.note, [key.verifier()], ORIGIN);
  t.same(opened, { ok: true, checkpoint: second.checkpoint });
  const proof = tree.consistencyProof(first.checkpoint.treeSize, second.checkpoint.treeSize);
  t.same(verifyConsistency(7, 300, proof, first.checkpoint.rootHash, second.checkpoint.rootHash), { ok: true });
});

t.test('a tree that no longer holds the last signed checkpoint is refused, not signed', async (t) => {
  const { tree, key, sealer } = setup();
  tree.append(leaves(0, 10));
  const signed = sealer.seal(at(0));
  if (signed === null) throw new Error('a checkpoint should have been signed');

  const reordered = memoryMerkleTree();
  reordered.append([...leaves(1, 10), ...leaves(0, 1), ...leaves(10, 20)]);
  t.match(treeHolds(reordered, signed.checkpoint), { ok: false, reason: /not the one signed/ });
  const onReordered = createSealer({
    tree: reordered,
    signer: key,
    origin: ORIGIN,
    policy: { everyLeaves: 1, everyMs: 1 },
    last: signed.checkpoint,
  });
  t.throws(() => onReordered.seal(at(5)), { code: 'checkpoint_conflict' });

  const shorter = memoryMerkleTree();
  shorter.append(leaves(0, 9));
  t.match(treeHolds(shorter, signed.checkpoint), { ok: false, reason: /9 leaves/ });
  t.same(treeHolds(tree, signed.checkpoint), { ok: true });
});
