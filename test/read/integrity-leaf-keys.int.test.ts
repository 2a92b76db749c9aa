// Finding an event's leaf in the Merkle log file (ADR 0047): event ids kept in sorted runs that are merged as
// the log grows, and a log file of the first format (one index on the event id) opened as it is.
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
  const db = new Database(file);
  db.prepare('UPDATE log_key SET key = ? WHERE idx = 1').run(leafKey(other));
  db.close();
  t.equal(writer.leafOf(first ?? ''), 0, 'a leaf under its own key is found');
  t.equal(writer.leafOf(other), undefined, 'an id whose key names a leaf of another event is not found');
  t.equal(writer.leafOf(second ?? ''), undefined, "a leaf filed under another id's key is not found by its own");
});

t.test('a log file of the first format (an index on the event id) opens, and its leaves are found', async (t) => {
  const file = await tempFile(t);
  const writer = openLedgerLog(file);
  const ids = commitLeaves(writer, 500);
  const root = writer.tree.root().toString('hex');
  writer.close();
  // The first format: no key runs, an index on log_leaf's event id.
  const db = new Database(file);
  db.exec(`DROP TABLE log_key; DROP TABLE log_key_run;
    CREATE INDEX log_leaf_by_event ON log_leaf (event_id);`);
  db.close();

  const reopened = openLedgerLog(file);
  t.teardown(() => reopened.close());
  t.equal(reopened.tree.size(), 500, 'the leaves are kept, not rebuilt');
  t.equal(reopened.tree.root().toString('hex'), root);
  t.equal(reopened.leafOf(ids[0] ?? ''), 0);
  t.equal(reopened.leafOf(ids[499] ?? ''), 499);
  const more = commitLeaves(reopened, 3);
  t.equal(reopened.leafOf(more[2] ?? ''), 502, 'leaves committed after the migration are found too');
  const check = new Database(file, { readonly: true });
  t.teardown(() => check.close());
  t.equal(
    check.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'log_leaf_by_event'").pluck().get(),
    0,
    'the old index is dropped',
  );
});

t.test('keys that do not name every leaf are built again from the leaves when the file opens', async (t) => {
  const file = await tempFile(t);
  const writer = openLedgerLog(file);
  const ids = commitLeaves(writer, 40);
  writer.close();
  const db = new Database(file);
  db.exec(
    'DELETE FROM log_key WHERE run = (SELECT max(run) FROM log_key_run); DELETE FROM log_key_run WHERE run = (SELECT max(run) FROM log_key_run)',
  );
  db.close();
  const reopened = openLedgerLog(file);
  t.teardown(() => reopened.close());
  t.equal(reopened.leafOf(ids[39] ?? ''), 39);
});
