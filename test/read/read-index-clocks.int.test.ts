// The read index tells a cache of answers up to when an answer about "now" stays the answer
// (ReadIndex.clockAfter, ADR 0045): the next valid or recorded time of any event, as filed and after a
// restart from the index file.
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileIndex, createMemoryIndex } from '../../src/read/read-index.js';
import { openIndexFile } from '../../src/read/index-file.js';
import { everyEventLog } from '../projections/timeline.js';

const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString();

function timeline() {
  const { envelopes } = everyEventLog();
  const last = envelopes[envelopes.length - 1];
  if (last === undefined) throw new Error('empty log');
  // The same event again, dated in ten and in twenty days (an upcoming session's entries, say).
  const later = (days: number, n: bigint) => ({
    ...last,
    eventId: randomUUID(),
    validAt: inDays(days),
    commit: last.commit + n,
    prepare: last.prepare + n,
  });
  return { past: envelopes, upcoming: [later(20, 2n), later(10, 1n)] };
}

t.test('an index of past events has no clock after now; one dated later is the next', async (t) => {
  const { past, upcoming } = timeline();
  const index = createMemoryIndex();
  for (const e of past) index.add(e);
  const now = new Date().toISOString();
  t.equal(index.clockAfter(now), null, 'every event is dated before now: an answer about now holds from now on');
  t.equal(index.clockAfter('2000-01-01T00:00:00.000Z'), undefined, 'it cannot tell for an instant before its filing');
  for (const e of upcoming) index.add(e);
  const [twenty, ten] = upcoming;
  t.equal(index.clockAfter(new Date().toISOString()), ten?.validAt, 'the event in ten days comes first');
  t.equal(index.clockAfter(ten?.validAt ?? ''), twenty?.validAt, 'then the one in twenty');
  t.equal(index.clockAfter(twenty?.validAt ?? ''), null, 'nothing after the last');
});

t.test('an index kept in its file knows its events dated later after a reopen', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-index-clocks-'));
  const files: Array<ReturnType<typeof openIndexFile>> = [];
  t.teardown(() => {
    for (const f of files) f.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const open = () => {
    const file = openIndexFile(join(dir, 'read-models.sqlite'), 'test');
    files.push(file);
    const index = createFileIndex(file, { cachedEnvelopes: 3 });
    index.restore();
    return index;
  };
  const { past, upcoming } = timeline();
  const index = open();
  for (const e of [...past, ...upcoming]) index.add(e);
  const last = upcoming[upcoming.length - 1];
  if (last === undefined) throw new Error('no event');
  index.flush({ commit: last.commit, prepare: last.prepare });

  const reopened = open();
  t.equal(reopened.clockAfter(new Date().toISOString()), upcoming[1]?.validAt, 'the event in ten days, read back');
  t.equal(reopened.clockAfter(upcoming[1]?.validAt ?? ''), upcoming[0]?.validAt, 'then the one in twenty');
});

t.test(
  'after a later filing the index cannot tell for an instant before it, nor keeps a clock that has passed',
  async (t) => {
    const { past } = timeline();
    const [first, second, third] = past.slice(-3);
    if (first === undefined || second === undefined || third === undefined) throw new Error('too few events');
    const index = createMemoryIndex();
    index.add(first);
    const soon = new Date(Date.now() + 30).toISOString();
    index.add({ ...second, eventId: randomUUID(), validAt: soon });
    t.equal(index.clockAfter(new Date().toISOString()), soon, 'an event dated 30 ms on is still to come');
    await new Promise((resolve) => setTimeout(resolve, 60));
    const between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    index.add(third);
    t.equal(index.clockAfter(between), undefined, 'an instant before the last filing: it cannot tell');
    t.equal(index.clockAfter(new Date().toISOString()), null, 'the clock that passed before the last filing is gone');
  },
);
