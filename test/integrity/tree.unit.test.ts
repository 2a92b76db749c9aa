// The tree against published data: built from the eight leaf inputs of the RFC 6962 test tree
// (transparency-dev/merkle testonly/constants.go), it gives the roots and the exact proofs of the
// happy-path vectors in ../shared/vectors/rfc6962, and refuses sizes and indexes it does not have.
import t from 'tap';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { EMPTY_ROOT, leafHash } from '../../src/integrity/hash.js';
import { memoryMerkleTree, sqliteMerkleTree, type MerkleTree } from '../../src/integrity/tree.js';

const vectors = new URL('../../../shared/vectors/rfc6962/', import.meta.url);
const entries = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const leaves = entries.map((hex) => leafHash(Buffer.from(hex, 'hex')));
const b64 = (hashes: readonly Buffer[]): string[] => hashes.map((h) => h.toString('base64'));

function read<T>(path: string): T {
  return JSON.parse(readFileSync(new URL(path, vectors), 'utf8')) as T;
}

const kinds: Array<[string, () => MerkleTree]> = [
  ['in memory', memoryMerkleTree],
  ['in SQLite', () => sqliteMerkleTree(new Database(':memory:'))],
];

for (const [kind, make] of kinds) {
  t.test(`a tree ${kind} gives the happy-path inclusion proofs of the published vectors`, async (t) => {
    const tree = make();
    tree.append(leaves.slice(0, 3));
    tree.append(leaves.slice(3));
    for (const dir of ['0', '1', '2', '3', '4']) {
      const v = read<{ leafIdx: number; treeSize: number; root: string; leafHash: string; proof: string[] | null }>(
        `inclusion/${dir}/happy-path.json`,
      );
      t.equal(tree.leafHash(v.leafIdx).toString('base64'), v.leafHash, `leaf ${v.leafIdx}`);
      t.equal(tree.root(v.treeSize).toString('base64'), v.root, `root at ${v.treeSize}`);
      t.same(b64(tree.inclusionProof(v.leafIdx, v.treeSize)), v.proof ?? [], `proof of ${v.leafIdx} in ${v.treeSize}`);
    }
  });

  t.test(`a tree ${kind} gives the happy-path consistency proofs of the published vectors`, async (t) => {
    const tree = make();
    for (const leaf of leaves) tree.append([leaf]);
    for (const dir of ['0', '1', '2', '3', '4']) {
      const v = read<{ size1: number; size2: number; root1: string; root2: string; proof: string[] | null }>(
        `consistency/${dir}/happy-path.json`,
      );
      t.equal(tree.root(v.size1).toString('base64'), v.root1);
      t.equal(tree.root(v.size2).toString('base64'), v.root2);
      t.same(b64(tree.consistencyProof(v.size1, v.size2)), v.proof ?? [], `proof from ${v.size1} to ${v.size2}`);
    }
  });

  t.test(`a tree ${kind} refuses sizes, leaves and proofs it does not have`, async (t) => {
    const tree = make();
    t.same(tree.root(), EMPTY_ROOT, 'the empty tree has the hash of nothing as its root');
    tree.append(leaves);
    t.throws(() => tree.root(9), { code: 'tree_range' });
    t.throws(() => tree.root(-1), { code: 'tree_range' });
    t.throws(() => tree.root(1.5), { code: 'tree_range' });
    t.throws(() => tree.leafHash(8), { code: 'tree_range' });
    t.throws(() => tree.inclusionProof(5, 5), { code: 'tree_range' });
    t.throws(() => tree.inclusionProof(0, 9), { code: 'tree_range' });
    t.throws(() => tree.consistencyProof(0, 4), { code: 'tree_range' });
    t.throws(() => tree.consistencyProof(5, 4), { code: 'tree_range' });
    t.throws(() => tree.consistencyProof(4, 9), { code: 'tree_range' });
    t.throws(() => tree.append([Buffer.alloc(31)]), { code: 'tree_range' });
    t.equal(tree.size(), 8, 'a refused append adds nothing');
  });

  t.test(`a tree ${kind} remembers the $all position of its last leaf`, async (t) => {
    const tree = make();
    t.equal(tree.lastPosition(), null);
    tree.append(leaves.slice(0, 2), { commit: 2n ** 40n, prepare: 2n ** 40n - 1n });
    t.same(tree.lastPosition(), { commit: 2n ** 40n, prepare: 2n ** 40n - 1n });
    tree.append(leaves.slice(2, 3));
    t.equal(tree.lastPosition(), null, 'an append without a position leaves it unknown');
  });
}
