// Finding an event's leaf in the Merkle log file (ADR 0047, ADR 0053): event ids kept in sorted runs of blocks
// that are merged as the log grows; a log file of an earlier format (a row per leaf, node and key) is started
// again, empty, for the checks to build from the store.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import t, { type Test } from 'tap';
import { leafHash, verifyInclusion } from '../../src/integrity/index.js';
import { leafKey } from '../../src/read/integrity-leaf-keys.js';
import { followLedgerLog, logStateOf, openLedgerLog, type LedgerLog } from '../../src/read/integrity-log.js';

function commitLeaves(log: LedgerLog, count: number): string[] {
  const ids = Array.from({ length: count }, () => randomUUID());
  const start = log.tree.size();
  const position = BigInt(start + count);
  log.commit({
    leaves: ids.map((eventId, i) => ({
      hash: leafHash(Buffer.from(eventId)),
      eventId,
      stream: 'position-a',
      revision: BigInt(start + i),
    })),
    lastLeafPosition: { commit: position, prepare: position },
    heads: new Map(),
    checkpoints: [],
    observed: { commit: position, prepare: position },
  });
  return ids;
}

async function tempFile(t: Test): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ledger-keys-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return path.join(dir, 'merkle.sqlite');
}

const runCount = (file: string): number => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM log_key_run').pluck().get() as number;
  } finally {
    db.close();
  }
};

t.test(
  'every event is found at its leaf after many commits of different sizes, by the writer and a follower',
  async (t) => {
    const file = await tempFile(t);
    const writer = openLedgerLog(file);
    t.teardown(() => writer.close());
    const ids: string[] = [];
    // 300 commits: many runs merged a level up, and merged again.
    for (let i = 0; i < 300; i += 1) ids.push(...commitLeaves(writer, 1 + (i % 7)));
    const follower = followLedgerLog(file);
    t.teardown(() => follower.close());
    follower.advance(logStateOf(writer));
    let wrong = 0;
    ids.forEach((id, index) => {
      if (writer.leafOf(id) !== index || follower.leafOf(id) !== index) wrong += 1;
    });
    t.equal(wrong, 0, `all ${ids.length} leaves found where they are`);
    t.equal(writer.leafOf(randomUUID()), undefined, 'an event that is not a leaf is not found');
    t.ok(runCount(file) <= 20, `the keys are in a few runs (${runCount(file)}), not one per commit`);
    const index = follower.leafOf(ids[1000] ?? '') ?? -1;
    t.ok(
      verifyInclusion(
        follower.tree.leafHash(index),
        index,
        ids.length,
        follower.tree.inclusionProof(index),
        writer.tree.root(),
      ).ok,
      'the inclusion proof for the leaf found verifies',
    );
  },
);

t.test('an event is found right after the commit that made it a leaf, while older runs merge', async (t) => {
  const file = await tempFile(t);
  const writer = openLedgerLog(file);
  t.teardown(() => writer.close());
  const follower = followLedgerLog(file);
  t.teardown(() => follower.close());
  for (let i = 0; i < 80; i += 1) {
    const [id] = commitLeaves(writer, 1);
    follower.advance(logStateOf(writer));
    if (follower.leafOf(id ?? '') !== i) t.fail(`leaf ${i} is not found after its commit`);
  }
  t.pass('each of 80 single-leaf commits found at once');
});

t.test('a key shared by two event ids never answers with the other event', async (t) => {
  const file = await tempFile(t);
  const writer = openLedgerLog(file);
  t.teardown(() => writer.close());
  const [first, second] = commitLeaves(writer, 2);
  const other = randomUUID();
  // The file edited so that leaf 1 is filed under the key of `other` (as two ids with one hash would be).
  const pairs = [
    [leafKey(first ?? ''), 0],
    [leafKey(other), 1],
  ].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
  const db = new Database(file);
  db.prepare('DELETE FROM log_key_block').run();
  db.prepare('INSERT INTO log_key_block (run, first, entries) VALUES (1, ?, ?)').run(
    pairs[0]?.[0],
    Buffer.from(new Float64Array(pairs.flat()).buffer),
  );
  db.close();
  t.equal(writer.leafOf(first ?? ''), 0, 'a leaf under its own key is found');
  t.equal(writer.leafOf(other), undefined, 'an id whose key names a leaf of another event is not found');
  t.equal(writer.leafOf(second ?? ''), undefined, "a leaf filed under another id's key is not found by its own");
});

t.test('ids that share one key over more than a block are each found at their own leaf, merged or not', async (t) => {
  const file = await tempFile(t);
  const writer = openLedgerLog(file);
  t.teardown(() => writer.close());
  const ids = commitLeaves(writer, 600);
  // The file edited so that all 600 leaves are filed under one key (as 600 ids with one hash would be), in one
  // run: more pairs than a block holds.
  const shared = leafKey(ids[300] ?? '');
  const db = new Database(file);
  db.prepare('DELETE FROM log_key_block').run();
  db.prepare('INSERT INTO log_key_block (run, first, entries) VALUES (1, ?, ?)').run(
    shared,
    Buffer.from(new Float64Array(ids.flatMap((_, i) => [shared, i])).buffer),
  );
  db.close();
  t.equal(writer.leafOf(ids[300] ?? ''), 300, 'the one whose key it is, among 600 candidates');
  t.equal(writer.leafOf(ids[0] ?? ''), undefined, 'one filed under a key not its own is not found');
  // Seven more commits: eight runs of level 0, merged into one, whose blocks are written again.
  const more = Array.from({ length: 7 }, () => commitLeaves(writer, 9)).flat();
  t.equal(runCount(file), 1, 'the runs were merged');
  t.equal(writer.leafOf(ids[300] ?? ''), 300, 'found after the merge: the 600 pairs of one key stay in one block');
  t.equal(writer.leafOf(more[62] ?? ''), 662, 'and the leaves after it are found');
});

t.test('a log file of an earlier format is started again, empty, for the checks to build from the store', async (t) => {
  const file = await tempFile(t);
  // The format of ADR 0047: a row per node, per leaf and per key, and the tree's format 1.
  const db = new Database(file);
  db.exec(`
    CREATE TABLE merkle_node (pos INTEGER PRIMARY KEY, hash BLOB NOT NULL);
    CREATE TABLE merkle_head (id INTEGER PRIMARY KEY CHECK (id = 1), format INTEGER NOT NULL, nodes INTEGER NOT NULL,
      commit_pos INTEGER, prepare_pos INTEGER);
    CREATE TABLE log_leaf (idx INTEGER PRIMARY KEY, event_id TEXT NOT NULL, stream TEXT NOT NULL, revision INTEGER NOT NULL);
    CREATE TABLE log_key (run INTEGER NOT NULL, key INTEGER NOT NULL, idx INTEGER NOT NULL, PRIMARY KEY (run, key, idx)) WITHOUT ROWID;
    CREATE TABLE log_state (id INTEGER PRIMARY KEY CHECK (id = 1), commit_pos INTEGER NOT NULL, prepare_pos INTEGER NOT NULL);
    INSERT INTO merkle_node (pos, hash) VALUES (0, zeroblob(32));
    INSERT INTO merkle_head (id, format, nodes, commit_pos, prepare_pos) VALUES (1, 1, 1, 900, 900);
    INSERT INTO log_leaf (idx, event_id, stream, revision) VALUES (0, 'old', 'position-a', 0);
    INSERT INTO log_state (id, commit_pos, prepare_pos) VALUES (1, 900, 900);
  `);
  db.close();

  const reopened = openLedgerLog(file);
  t.teardown(() => reopened.close());
  t.equal(reopened.tree.size(), 0, 'no leaf of the old file is kept');
  t.equal(reopened.observed(), null, 'nor its position: the checks start from the first event');
  const ids = commitLeaves(reopened, 70);
  t.equal(reopened.leafOf(ids[69] ?? ''), 69, 'leaves committed after it are found');
  const check = new Database(file, { readonly: true });
  t.teardown(() => check.close());
  t.same(
    check.prepare("SELECT name FROM sqlite_master WHERE name IN ('merkle_node', 'log_leaf', 'log_key')").pluck().all(),
    [],
    'the old tables are gone',
  );
});

t.test('keys that do not name every leaf are built again from the leaves when the file opens', async (t) => {
  const file = await tempFile(t);
  const writer = openLedgerLog(file);
  const ids = commitLeaves(writer, 40);
  writer.close();
  const db = new Database(file);
  db.exec(
    'DELETE FROM log_key_block WHERE run = (SELECT max(run) FROM log_key_run); DELETE FROM log_key_run WHERE run = (SELECT max(run) FROM log_key_run)',
  );
  db.close();
  const reopened = openLedgerLog(file);
  t.teardown(() => reopened.close());
  t.equal(reopened.leafOf(ids[39] ?? ''), 39);
});
