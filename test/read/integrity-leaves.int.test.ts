// What each leaf of the Merkle log stood for, kept 64 leaves to a row (ADR 0053): read back exactly as it was
// committed, whatever the commits' sizes, the streams' order or the ids' and names' characters.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import t from 'tap';
import { leafHash } from '../../src/integrity/index.js';
import { openLedgerLog } from '../../src/read/integrity-log.js';

t.test('every leaf reads back as committed: id, stream and revision, alone or in ranges', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'ledger-leaves-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'merkle.sqlite');
  const log = openLedgerLog(file);
  const streams = ['position-a', 'position-b', 'ตำแหน่ง-"ค"\n\\', 'position-a-x'];
  const revisions = new Map<string, bigint>();
  const expected: Array<{ index: number; eventId: string; stream: string; revision: bigint }> = [];
  // Commits of 1 to 97 leaves: chunks continued across commits; streams interleaved, some runs of one stream.
  for (let c = 0; c < 40; c += 1) {
    const size = 1 + ((c * 37) % 97);
    const leaves = Array.from({ length: size }, (_, i) => {
      const stream = streams[(c + Math.floor(i / 5)) % streams.length] ?? '';
      const revision = revisions.get(stream) ?? 0n;
      revisions.set(stream, revision + (c % 3 === 0 ? 2n : 1n));
      const eventId = i % 11 === 0 ? `not-a-uuid-${c}-${i}-"é"` : randomUUID();
      expected.push({ index: expected.length, eventId, stream, revision });
      return { hash: leafHash(Buffer.from(eventId)), eventId, stream, revision };
    });
    const position = BigInt(expected.length);
    log.commit({
      leaves,
      lastLeafPosition: { commit: position, prepare: position },
      heads: new Map(),
      checkpoints: [],
      observed: { commit: position, prepare: position },
    });
  }
  log.close();
  const reopened = openLedgerLog(file);
  t.teardown(() => reopened.close());
  t.equal(reopened.tree.size(), expected.length);
  t.same(reopened.leaves(0, expected.length), expected, 'all of them in one range');
  t.same(reopened.leaves(60, 200), expected.slice(60, 200), 'a range across chunks');
  let wrong = 0;
  for (const leaf of expected) {
    const read = reopened.leaf(leaf.index);
    if (read?.eventId !== leaf.eventId || read.stream !== leaf.stream || read.revision !== leaf.revision) wrong += 1;
  }
  t.equal(wrong, 0, 'each leaf alone');
  t.equal(reopened.leaf(expected.length), undefined, 'no leaf past the end');
  t.equal(reopened.leafOf(expected[11]?.eventId ?? ''), 11, 'an id that is not a UUID is found by it');
});

t.test('a damaged leaf chunk is reported, not read as other leaves', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'ledger-leaves-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'merkle.sqlite');
  const log = openLedgerLog(file);
  t.teardown(() => log.close());
  const ids = Array.from({ length: 10 }, () => randomUUID());
  log.commit({
    leaves: ids.map((eventId, i) => ({
      hash: leafHash(Buffer.from(eventId)),
      eventId,
      stream: 's',
      revision: BigInt(i),
    })),
    lastLeafPosition: { commit: 10n, prepare: 10n },
    heads: new Map(),
    checkpoints: [],
    observed: { commit: 10n, prepare: 10n },
  });
  const db = new Database(file);
  db.prepare(`UPDATE log_leaf_chunk SET streams = '[["s","0",9]]' WHERE chunk = 0`).run();
  db.close();
  t.throws(() => log.leaf(3), { code: 'merkle_store_corrupt' });
});
