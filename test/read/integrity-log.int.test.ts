// The Merkle log file as the server's thread follows it while the checks' worker writes it (ADR 0044):
// the follower answers for what the writer has reported, and proofs from it are the writer's proofs.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import t from 'tap';
import { leafHash, verifyInclusion } from '../../src/integrity/index.js';
import { followLedgerLog, logStateOf, openLedgerLog, type LedgerLog } from '../../src/read/integrity-log.js';

function commitLeaves(log: LedgerLog, count: number, stream: string): string[] {
  const ids = Array.from({ length: count }, () => randomUUID());
  const start = log.tree.size();
  const position = BigInt(start + count);
  log.commit({
    leaves: ids.map((eventId, i) => ({
      hash: leafHash(Buffer.from(eventId)),
      eventId,
      stream,
      revision: BigInt(start + i),
    })),
    lastLeafPosition: { commit: position, prepare: position },
    heads: new Map([[stream, { revision: BigInt(start + count - 1), hash: `h${start + count - 1}` }]]),
    checkpoints: [],
    observed: { commit: position, prepare: position },
  });
  return ids;
}

t.test('a follower shows what the writer reported, not rows it has not reported yet', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'ledger-log-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'merkle.sqlite');
  const writer = openLedgerLog(file);
  t.teardown(() => writer.close());
  commitLeaves(writer, 5, 'position-a');
  const follower = followLedgerLog(file);
  t.teardown(() => follower.close());
  t.equal(follower.tree.size(), 5, 'at first, what the file holds');

  const later = commitLeaves(writer, 6, 'position-a');
  t.equal(follower.tree.size(), 5, 'a commit not yet reported is not shown');
  t.equal(follower.tree.root().toString('hex'), writer.tree.root(5).toString('hex'));

  follower.advance(logStateOf(writer));
  t.equal(follower.tree.size(), 11);
  t.same(follower.observed(), writer.observed());
  t.equal(follower.tree.root().toString('hex'), writer.tree.root().toString('hex'), 'the same root as the writer');
  t.same(follower.head('position-a'), { revision: 10n, hash: 'h10' }, "the streams' chain heads are the file's");
  const eventId = later[3] ?? '';
  const index = follower.leafOf(eventId);
  t.equal(index, 8);
  const proof = follower.tree.inclusionProof(index ?? 0);
  t.ok(
    verifyInclusion(follower.tree.leafHash(index ?? 0), index ?? 0, 11, proof, writer.tree.root()).ok,
    'an inclusion proof from the follower verifies against the writer root',
  );
  t.throws(
    () =>
      follower.commit({
        leaves: [],
        lastLeafPosition: null,
        heads: new Map(),
        checkpoints: [],
        observed: { commit: 1n, prepare: 1n },
      }),
    /not by a follower/,
  );
});

t.test('a batch whose commit fails leaves the log as it was, and goes in whole when written again', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'ledger-log-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'merkle.sqlite');
  const writer = openLedgerLog(file);
  t.teardown(() => writer.close());
  commitLeaves(writer, 3, 'position-a');
  const before = writer.tree.root();

  // A constraint checked only at COMMIT, as a full disk fails only there: every statement of the
  // batch (the tree's nodes included) has run when the transaction rolls back.
  const other = new Database(file);
  other.exec(`
    CREATE TABLE drill_parent (id INTEGER PRIMARY KEY);
    CREATE TABLE drill_child (parent INTEGER REFERENCES drill_parent (id) DEFERRABLE INITIALLY DEFERRED);
    CREATE TRIGGER drill_fail AFTER UPDATE ON log_state BEGIN INSERT INTO drill_child VALUES (42); END;
  `);
  t.throws(() => commitLeaves(writer, 2, 'position-a'), /FOREIGN KEY/, 'the commit fails');
  t.equal(writer.tree.size(), 3, 'the tree still counts only what the file holds');
  t.ok(writer.tree.root().equals(before), 'and its root is the one before the batch');
  t.same(logStateOf(writer).size, 3, 'what a follower would be told');

  other.exec('DROP TRIGGER drill_fail');
  other.close();
  const ids = commitLeaves(writer, 2, 'position-a');
  t.equal(writer.tree.size(), 5, 'the next batch goes in after the three');
  t.equal(writer.leafOf(ids[1] ?? ''), 4);
  const reopened = openLedgerLog(file);
  t.teardown(() => reopened.close());
  t.ok(reopened.tree.root().equals(writer.tree.root()), 'the file, opened again, has the same tree');
});
