// The tree in its SQLite file: a reopened file is the same tree (roots, proofs, the last leaf's
// position) and appends go on from it; an append inside the caller's transaction is undone with it;
// a file whose tiles and head disagree is refused rather than served.
import t, { type Test } from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leafHash } from '../../src/integrity/hash.js';
import { openTreeFile } from '../../src/integrity/sqlite-node-store.js';
import { memoryMerkleTree, sqliteMerkleTree } from '../../src/integrity/tree.js';

const leaves = Array.from({ length: 1000 }, (_, i) => leafHash(Buffer.from(`event ${i}`)));

function tempFile(t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'merkle-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'tree.sqlite');
}

t.test('a reopened tree file is the same tree and grows on from where it stopped', async (t) => {
  const file = tempFile(t);
  const first = openTreeFile(file);
  const tree = sqliteMerkleTree(first);
  tree.append(leaves.slice(0, 333), { commit: 333n, prepare: 330n });
  const root333 = tree.root();
  const proof = tree.inclusionProof(100);
  first.close();

  const db = openTreeFile(file);
  t.teardown(() => db.close());
  const reopened = sqliteMerkleTree(db);
  t.equal(reopened.size(), 333);
  t.same(reopened.root(), root333);
  t.same(reopened.inclusionProof(100), proof);
  t.same(reopened.lastPosition(), { commit: 333n, prepare: 330n });
  reopened.append(leaves.slice(333));

  const reference = memoryMerkleTree();
  reference.append(leaves);
  t.same(reopened.root(), reference.root(), 'the same leaves give the same root however they were appended');
  t.same(reopened.consistencyProof(333), reference.consistencyProof(333));
});

t.test("an append inside the caller's transaction is undone when that transaction fails", async (t) => {
  const db = openTreeFile(tempFile(t));
  t.teardown(() => db.close());
  const tree = sqliteMerkleTree(db);
  tree.append(leaves.slice(0, 10));
  const withCheckpoint = db.transaction(() => {
    tree.append(leaves.slice(10, 20));
    throw new Error('the projector checkpoint could not be written');
  });
  t.throws(withCheckpoint);
  const reopened = sqliteMerkleTree(db);
  t.equal(reopened.size(), 10, 'the file holds the tree as it was before the transaction');
  const reference = memoryMerkleTree();
  reference.append(leaves.slice(0, 10));
  t.same(reopened.root(), reference.root());
});

t.test('a tree file whose tiles and head disagree is refused', async (t) => {
  const db = openTreeFile(tempFile(t));
  t.teardown(() => db.close());
  sqliteMerkleTree(db).append(leaves.slice(0, 5));
  // 5 leaves: 8 nodes, all in tile 0.
  db.prepare('UPDATE merkle_tile SET hashes = substr(hashes, 1, 7 * 32) WHERE tile = 0').run();
  t.throws(() => sqliteMerkleTree(db), { code: 'merkle_store_corrupt' }, 'the last tile short of a node');
  db.prepare('UPDATE merkle_tile SET hashes = substr(hashes, 1, 6 * 32) WHERE tile = 0').run();
  db.prepare('UPDATE merkle_head SET nodes = 6').run();
  t.throws(() => sqliteMerkleTree(db), { code: 'merkle_store_corrupt' }, 'a node count no tree has');
});

t.test('a tree file missing a full tile is refused', async (t) => {
  const db = openTreeFile(tempFile(t));
  t.teardown(() => db.close());
  sqliteMerkleTree(db).append(leaves.slice(0, 100));
  db.prepare('DELETE FROM merkle_tile WHERE tile = 1').run();
  t.throws(() => sqliteMerkleTree(db), { code: 'merkle_store_corrupt' });
});

t.test('a missing or damaged node is reported, not hashed into a proof', async (t) => {
  const db = openTreeFile(tempFile(t));
  t.teardown(() => db.close());
  const tree = sqliteMerkleTree(db);
  tree.append(leaves.slice(0, 8));
  db.prepare("UPDATE merkle_tile SET hashes = x'00' WHERE tile = 0").run();
  t.throws(() => tree.inclusionProof(1), { code: 'merkle_store_corrupt' });
});

t.test('a file of the first format (a row per node) is refused by the tree, not read as tiles', async (t) => {
  const db = openTreeFile(tempFile(t));
  t.teardown(() => db.close());
  db.exec(`CREATE TABLE merkle_head (id INTEGER PRIMARY KEY CHECK (id = 1), format INTEGER NOT NULL,
    nodes INTEGER NOT NULL, commit_pos INTEGER, prepare_pos INTEGER);
    INSERT INTO merkle_head (id, format, nodes) VALUES (1, 1, 0)`);
  t.throws(() => sqliteMerkleTree(db), { code: 'merkle_store_corrupt' });
});
