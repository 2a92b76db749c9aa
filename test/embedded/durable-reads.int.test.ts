// No reader sees an event before the store has made it durable (ADR 0073). SQLite shows a committed transaction's
// rows to every later statement of the connection at once, while the WAL's sync that makes them durable runs after
// the COMMIT (and may fail); reads, `$all` reads, filtered reads and a subscription's catch-up stop at the last
// position a sync has covered. The sync is held or made to fail through the server's test hook (`wrapSync`), as
// group-commit.int.test.ts does with the group committer; the official client reads as an application would.
import t from 'tap';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { pino } from 'pino';
import { startServer } from '../../src/embedded/server.js';
import { collect, collectSettled, eventually, uniqueStream, watch } from './conformance/support.js';

/** The store's sync as the test wants it: passing, held until released, or failing. */
interface SyncControl {
  mode: 'pass' | 'hold' | 'fail';
  syncs: number;
  /** Lets the syncs held so far complete. */
  release(): void;
}

async function openStore(t: { teardown(fn: () => Promise<void>): void }) {
  let held: (() => void)[] = [];
  const control: SyncControl = {
    mode: 'pass',
    syncs: 0,
    release() {
      const now = held;
      held = [];
      for (const go of now) go();
    },
  };
  const sync = (): Promise<void> => {
    control.syncs += 1;
    if (control.mode === 'fail')
      return Promise.reject(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    if (control.mode === 'hold') return new Promise((resolve) => held.push(resolve));
    return Promise.resolve();
  };
  const server = await startServer({ memory: true, port: 0, logger: pino({ level: 'silent' }), wrapSync: () => sync });
  const client = EventStoreDBClient.connectionString(`esdb://127.0.0.1:${server.port}?tls=false`);
  t.teardown(async () => {
    control.mode = 'pass';
    control.release();
    await client.dispose();
    await server.close();
  });
  return { client, control };
}

const ids = (events: readonly (ResolvedEvent | AllStreamResolvedEvent)[]): string[] =>
  events.flatMap((e) => (e.event === undefined ? [] : [e.event.id]));

/** What the four ways of reading show of `stream`'s events: the stream forwards and backwards, `$all` both ways. */
async function readEverywhere(client: EventStoreDBClient, stream: string) {
  const mine = (events: AllStreamResolvedEvent[]) => events.filter((e) => e.event?.streamId === stream);
  return {
    forwards: ids(await collect(client.readStream(stream, { direction: FORWARDS, fromRevision: START }))),
    backwards: ids(await collect(client.readStream(stream, { direction: BACKWARDS, fromRevision: END }))),
    allForwards: ids(mine(await collect(client.readAll({ direction: FORWARDS, fromPosition: START })))),
    allBackwards: ids(mine(await collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 50 })))),
  };
}

t.test('a read issued while a batch is committed and its sync is still running does not see it', async (t) => {
  const { client, control } = await openStore(t);
  const stream = uniqueStream('durable');
  const first = jsonEvent({ type: 'First', data: {} });
  await client.appendToStream(stream, first);
  const before = control.syncs;
  control.mode = 'hold';
  const second = jsonEvent({ type: 'Second', data: {} });
  let answered = false;
  const appending = client.appendToStream(stream, second).then((result) => {
    answered = true;
    return result;
  });
  t.ok(await eventually(() => control.syncs === before + 1), "the second append's batch is committed and syncing");
  const during = await readEverywhere(client, stream);
  t.same(
    during,
    {
      forwards: [first.id],
      backwards: [first.id],
      allForwards: [first.id],
      allBackwards: [first.id],
    },
    'every read shows the durable event only',
  );
  t.notOk(answered, 'the append is not answered either');
  control.mode = 'pass';
  control.release();
  await appending;
  t.same(
    await readEverywhere(client, stream),
    {
      forwards: [first.id, second.id],
      backwards: [second.id, first.id],
      allForwards: [first.id, second.id],
      allBackwards: [second.id, first.id],
    },
    'once synced, every read shows it',
  );
});

t.test(
  'after a failed sync, the events stay out of every read and a new subscription, and their append retried is not ' +
    'answered as done, until a later sync succeeds',
  async (t) => {
    const { client, control } = await openStore(t);
    const stream = uniqueStream('unsynced');
    const first = jsonEvent({ type: 'First', data: {} });
    await client.appendToStream(stream, first);
    const lost = [jsonEvent({ type: 'Lost', data: { n: 1 } }), jsonEvent({ type: 'Lost', data: { n: 2 } })];
    control.mode = 'fail';
    await t.rejects(client.appendToStream(stream, lost), 'its sync failed: not acknowledged');

    const visibleNow = {
      forwards: [first.id],
      backwards: [first.id],
      allForwards: [first.id],
      allBackwards: [first.id],
    };
    t.same(await readEverywhere(client, stream), visibleNow, 'no read shows the events no sync has covered');
    const toStream = watch(client.subscribeToStream(stream, { fromRevision: START }));
    const toAll = watch(
      client.subscribeToAll({ fromPosition: START, filter: streamNameFilter({ prefixes: [stream] }) }),
    );
    t.teardown(async () => {
      await toStream.stop();
      await toAll.stop();
    });
    t.ok(await eventually(() => toStream.caughtUps.length === 1 && toAll.caughtUps.length === 1), 'both caught up');
    t.same(ids(toStream.events), [first.id], "the stream subscription's catch-up stops at the durable position");
    t.same(
      ids(toAll.events.filter((e) => e.event?.streamId === stream)),
      [first.id],
      "the filtered $all subscription's catch-up too",
    );

    await t.rejects(
      client.appendToStream(stream, lost),
      'the same append retried (its events found in the log) is not answered as done while no sync succeeds',
    );
    t.same(await readEverywhere(client, stream), visibleNow, 'still nothing more to read');

    control.mode = 'pass';
    const retried = await client.appendToStream(stream, lost);
    t.equal(retried.nextExpectedRevision, 2n, 'retried once the disk is back: answered from the events stored first');
    const lostIds = lost.map((e) => e.id);
    t.same(
      await readEverywhere(client, stream),
      {
        forwards: [first.id, ...lostIds],
        backwards: [...lostIds].reverse().concat(first.id),
        allForwards: [first.id, ...lostIds],
        allBackwards: [...lostIds].reverse().concat(first.id),
      },
      'the sync that answered it covered them: every read shows them',
    );
    t.ok(
      await eventually(
        () => toStream.events.length === 3 && toAll.events.filter((e) => e.event?.streamId === stream).length === 3,
      ),
      'and the subscriptions get them live',
    );
    t.same(ids(toStream.events), [first.id, ...lostIds]);
  },
);

t.test("a later append's successful sync makes the earlier batch whose sync failed visible with it", async (t) => {
  const { client, control } = await openStore(t);
  const stream = uniqueStream('covered');
  const failed = jsonEvent({ type: 'Failed', data: {} });
  control.mode = 'fail';
  await t.rejects(client.appendToStream(stream, failed));
  t.type(
    (await collectSettled(client.readStream(stream))).error,
    StreamNotFoundError,
    'readers do not find the stream',
  );
  control.mode = 'pass';
  const other = uniqueStream('other');
  const later = jsonEvent({ type: 'Later', data: {} });
  await client.appendToStream(other, later);
  t.same(ids(await collect(client.readStream(stream))), [failed.id], 'the failed batch is durable now, and read');
  t.same(ids(await collect(client.readStream(other))), [later.id]);
});

t.test('a subscription from the end of a stream starts after its last durable event, so it misses none', async (t) => {
  const { client, control } = await openStore(t);
  const stream = uniqueStream('fromend');
  await client.appendToStream(stream, jsonEvent({ type: 'First', data: {} }));
  control.mode = 'fail';
  const pending = jsonEvent({ type: 'Pending', data: {} });
  await t.rejects(client.appendToStream(stream, pending));
  const w = watch(client.subscribeToStream(stream, { fromRevision: END }));
  t.teardown(() => w.stop());
  t.ok(await eventually(() => w.confirmations === 1));
  t.same(w.events, [], 'nothing while it is not durable');
  control.mode = 'pass';
  await client.appendToStream(stream, pending); // the retry, answered once synced
  t.ok(await eventually(() => w.events.length === 1), 'the event becomes durable: delivered');
  t.same(ids(w.events), [pending.id]);
});
