import t, { type Test } from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asOfFor } from '../../projections/index.js';
import { createFileIndex, createMemoryIndex } from '../../src/read/read-index.js';
import { createReadModels } from '../../src/read/read-models.js';
import { openIndexFile } from '../../src/read/index-file.js';
import { everyEventLog } from '../projections/timeline.js';

const asOfs = [
  asOfFor('valid', '2022-01-01T00:00:00.000Z'),
  asOfFor('recorded', '2024-03-01T12:00:00.000Z'),
  asOfFor('valid', '2030-01-01T00:00:00.000Z'),
];

function fileIndex(t: Test, cachedEnvelopes = 3) {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-read-index-'));
  const path = join(dir, 'read-models.sqlite');
  const files: Array<ReturnType<typeof openIndexFile>> = [];
  t.teardown(() => {
    for (const f of files) f.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const open = () => {
    const file = openIndexFile(path, 'test');
    files.push(file);
    const index = createFileIndex(file, { cachedEnvelopes });
    const checkpoint = index.restore();
    return { index, checkpoint };
  };
  return open;
}

t.test(
  'an index kept in its file answers every read model as the in-memory index does, before and after a reopen',
  async (t) => {
    const { envelopes } = everyEventLog();
    const memory = createMemoryIndex();
    for (const e of envelopes) memory.add(e);
    const expected = asOfs.map((a) => createReadModels(memory).snapshotAll(a));

    const open = fileIndex(t);
    const { index } = open();
    envelopes.forEach((e, i) => {
      t.equal(index.add(e), true);
      // Flush now and then: some envelopes are in the file, the last ones only in memory.
      if (i % 4 === 3 && i < envelopes.length - 2) index.flush({ commit: e.commit, prepare: e.prepare });
    });
    t.same(
      asOfs.map((a) => createReadModels(index).snapshotAll(a)),
      expected,
      'with envelopes not yet flushed',
    );
    const last = envelopes[envelopes.length - 1];
    if (last === undefined) throw new Error('empty log');
    index.flush({ commit: last.commit, prepare: last.prepare });

    const reopened = open();
    t.same(
      reopened.checkpoint,
      { commit: last.commit, prepare: last.prepare },
      'the checkpoint comes back with the file',
    );
    t.equal(reopened.index.size, envelopes.length);
    t.same(reopened.index.idsOf('issue'), memory.idsOf('issue'), 'ids in first-seen order');
    t.same(
      asOfs.map((a) => createReadModels(reopened.index).snapshotAll(a)),
      expected,
      'after a reopen, read back from the file',
    );
  },
);

t.test('an index kept in its file refuses an event it already holds, flushed or not, after a reopen too', async (t) => {
  const { envelopes } = everyEventLog();
  const open = fileIndex(t);
  const { index } = open();
  const [a, b] = envelopes;
  if (a === undefined || b === undefined) throw new Error('empty log');
  t.equal(index.add(a), true);
  t.equal(index.add(a), false, 'not flushed yet');
  index.flush({ commit: a.commit, prepare: a.prepare });
  t.equal(index.add(a), false, 'flushed');
  const reopened = open().index;
  t.equal(reopened.add(a), false, 'after a reopen');
  t.equal(reopened.has(b.streamName, b.eventId), false);
  t.equal(reopened.add(b), true);
  t.equal(reopened.size, 2);
});

t.test('paging through an index kept in its file gives every envelope once, in commit order', async (t) => {
  const { envelopes } = everyEventLog();
  const open = fileIndex(t);
  const { index } = open();
  envelopes.forEach((e, i) => {
    index.add(e);
    if (i === Math.floor(envelopes.length / 2)) index.flush({ commit: e.commit, prepare: e.prepare });
  });
  const seen: string[] = [];
  let after: { commit: bigint; prepare: bigint } | null = null;
  for (;;) {
    const page = index.after(after, 3);
    if (page.length === 0) break;
    seen.push(...page.map((e) => e.eventId));
    const end = page[page.length - 1];
    if (end === undefined) break;
    after = { commit: end.commit, prepare: end.prepare };
  }
  t.same(
    seen,
    envelopes.map((e) => e.eventId),
  );
  t.same(
    index.all().map((e) => e.eventId),
    seen,
  );
});

t.test(
  'an event is identified within its stream: the same id in another stream is another event, in memory and in the file',
  async (t) => {
    const { envelopes } = everyEventLog();
    const [a] = envelopes;
    const other = envelopes.find((e) => e.streamName !== a?.streamName);
    const last = envelopes[envelopes.length - 1];
    if (a === undefined || other === undefined || last === undefined)
      throw new Error('the log has fewer than two streams');
    // Written to another stream with the same event id (the store's idempotency is per stream too).
    const twin = { ...other, eventId: a.eventId, commit: last.commit + 1n, prepare: last.prepare + 1n };

    const memory = createMemoryIndex();
    for (const e of envelopes) memory.add(e);
    t.equal(memory.add(twin), true, 'held in memory beside the first');
    t.equal(memory.add(twin), false, 'and only once');
    t.equal(memory.has(other.streamName, a.eventId), true);

    const open = fileIndex(t);
    const { index } = open();
    for (const e of envelopes) index.add(e);
    index.flush({ commit: last.commit, prepare: last.prepare });
    const reopened = open().index;
    t.equal(reopened.has(a.streamName, a.eventId), true, 'the first, read back from the file');
    t.equal(reopened.has(other.streamName, a.eventId), false, 'the file does not confuse it with another stream');
    t.equal(reopened.add(twin), true, 'held in the file beside the first');
    t.equal(reopened.size, memory.size);
  },
);
