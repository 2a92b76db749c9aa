// Group commit: writes that arrive together share one transaction and one sync, nobody is answered
// before the sync, one write's failure leaves the others of its batch untouched, and after a failed sync
// nothing is answered from what that batch wrote until a sync succeeds.
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { openDatabase } from '../../../src/embedded/storage/database.js';
import { createEventLog } from '../../../src/embedded/storage/event-log.js';
import { createGroupCommitter } from '../../../src/embedded/storage/group-commit.js';
import type { ProposedEvent, WriteOutcome, WriteRequest } from '../../../src/embedded/model.js';

function event(type = 'Happened'): ProposedEvent {
  return { id: randomUUID(), type, isJson: true, data: Buffer.from('{}'), metadata: new Uint8Array(0) };
}

/** Polls until `check` holds (the machine may be busy: no fixed sleeps). */
async function until(check: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!check() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 5));
  return check();
}

function setup(sync: (() => Promise<void>) | null) {
  const { db, close } = openDatabase({ memory: true });
  const log = createEventLog(db);
  const commits: number[] = [];
  const writer = createGroupCommitter(db, log, {
    sync,
    onCommitted: (position) => commits.push(position),
    onError: () => undefined,
  });
  return { log, writer, commits, close };
}

t.test('a hundred concurrent appends are committed in one transaction', async (t) => {
  const { log, writer, commits, close } = setup(null);
  t.teardown(close);
  const outcomes = await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      writer.submit({ kind: 'append', stream: `s-${i}`, expected: { kind: 'any' }, events: [event()] }),
    ),
  );
  t.ok(outcomes.every((o) => o.kind === 'success'));
  t.equal(commits.length, 1, 'one commit for all of them');
  t.equal(log.lastPosition(), 100);
});

t.test(
  'no write is acknowledged before the sync of its batch completes, and later writes share the next sync',
  async (t) => {
    let release: () => void = () => undefined;
    let syncs = 0;
    const { writer, close } = setup(() => {
      syncs += 1;
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    t.teardown(close);
    let firstDone = false;
    const first = writer
      .submit({ kind: 'append', stream: 'a', expected: { kind: 'any' }, events: [event()] })
      .then((o) => {
        firstDone = true;
        return o;
      });
    t.ok(await until(() => syncs === 1), 'the first batch is syncing');
    await new Promise((resolve) => setTimeout(resolve, 20));
    t.notOk(firstDone, 'not acknowledged while its sync is pending');
    // arrive while the first batch is syncing
    const later = Array.from({ length: 10 }, (_, i) =>
      writer.submit({ kind: 'append', stream: `b-${i}`, expected: { kind: 'any' }, events: [event()] }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    t.equal(syncs, 1, 'later writes wait for the sync in progress');
    release();
    t.equal((await first).kind, 'success');
    t.ok(await until(() => syncs === 2), 'a second sync starts for the later writes');
    release();
    const outcomes = await Promise.all(later);
    t.equal(syncs, 2, 'the ten later writes shared that single second sync');
    t.ok(outcomes.every((o) => o.kind === 'success'));
  },
);

t.test('a conflicting append in a batch fails alone; the others of the batch are written', async (t) => {
  const { log, writer, close } = setup(null);
  t.teardown(close);
  await writer.submit({ kind: 'append', stream: 'taken', expected: { kind: 'any' }, events: [event()] });
  const [ok1, conflict, ok2] = await Promise.all([
    writer.submit({ kind: 'append', stream: 'x', expected: { kind: 'no_stream' }, events: [event(), event()] }),
    writer.submit({ kind: 'append', stream: 'taken', expected: { kind: 'no_stream' }, events: [event()] }),
    writer.submit({ kind: 'append', stream: 'y', expected: { kind: 'any' }, events: [event()] }),
  ]);
  const expected: WriteOutcome = { kind: 'wrong_expected_version', current: 0 };
  t.same(conflict, expected);
  t.same(ok1, { kind: 'success', revision: 1, position: 3 });
  t.same(ok2, { kind: 'success', revision: 0, position: 4 });
  t.equal(log.head('taken').last, 0, 'nothing written to the conflicting stream');
});

t.test('appends after close are refused and queued ones are still committed', async (t) => {
  const { log, writer, close } = setup(null);
  t.teardown(close);
  const queued = writer.submit({ kind: 'append', stream: 'q', expected: { kind: 'any' }, events: [event()] });
  await writer.close();
  t.equal((await queued).kind, 'success');
  await t.rejects(writer.submit({ kind: 'append', stream: 'q', expected: { kind: 'any' }, events: [event()] }), {
    name: 'StoreClosedError',
  });
  t.equal(log.head('q').last, 0);
});

t.test(
  'after a failed sync, a repeat of the write that appends nothing is answered success only once a sync succeeds',
  async (t) => {
    let failing = true;
    let syncs = 0;
    const { log, writer, close } = setup(() => {
      syncs += 1;
      return failing
        ? Promise.reject(Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' }))
        : Promise.resolve();
    });
    t.teardown(close);
    const append: WriteRequest = { kind: 'append', stream: 'a', expected: { kind: 'any' }, events: [event()] };
    await t.rejects(writer.submit(append), { code: 'EROFS' }, 'the first write: its sync failed');
    t.equal(log.head('a').last, 0, 'its event is in the log all the same (committed, not known durable)');
    await t.rejects(
      writer.submit(append),
      { code: 'EROFS' },
      'the same write again (its event found, nothing to append) is not answered success while no sync succeeded',
    );
    t.equal(syncs, 2, 'the repeat synced');
    failing = false;
    t.same(
      await writer.submit(append),
      { kind: 'success', revision: 0, position: 1 },
      'answered once a sync succeeded',
    );
    t.equal(syncs, 3);
    t.same(await writer.submit(append), { kind: 'success', revision: 0, position: 1 });
    t.equal(syncs, 3, 'once a sync succeeded, a repeat that appends nothing needs no sync of its own');
  },
);

t.test(
  'after a failed sync, the next successful one reports the failed batch durable, even from a batch that appends nothing',
  async (t) => {
    let failing = true;
    const { writer, commits, close } = setup(() =>
      failing ? Promise.reject(Object.assign(new Error('EIO'), { code: 'EIO' })) : Promise.resolve(),
    );
    t.teardown(close);
    const append: WriteRequest = { kind: 'append', stream: 'a', expected: { kind: 'any' }, events: [event()] };
    await t.rejects(writer.submit(append), { code: 'EIO' });
    t.same(commits, [], 'no position is durable while its sync failed (readers are bounded by it, ADR 0073)');
    failing = false;
    t.same(await writer.submit(append), { kind: 'success', revision: 0, position: 1 });
    t.same(commits, [1], 'the repeat appended nothing, but its sync covered position 1');
  },
);
