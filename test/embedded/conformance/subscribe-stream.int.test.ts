// esdb-protocol.md §7.1-7.3: catch-up subscriptions to a stream.
import t from 'tap';
import { END, jsonEvent, START, StreamDeletedError } from '@eventstore/db-client';
import type { ReadRevision, ResolvedEvent } from '@eventstore/db-client';
import { openTestStore } from '../../helpers/esdb.js';
import { countedStream, eventually, sleep, uniqueStream, watch } from './support.js';
import type { HasTeardown, Watched } from './support.js';

const store = await openTestStore();
t.teardown(() => store.close());
const { client } = store;

const streamOf = (n: number): Promise<string> => countedStream(client, 'sub', n);

function subscribe(t: HasTeardown, stream: string, fromRevision: ReadRevision): Watched<ResolvedEvent> {
  const watched = watch<ResolvedEvent>(client.subscribeToStream(stream, { fromRevision }));
  t.teardown(() => watched.stop());
  return watched;
}

const revisionsOf = (w: Watched<ResolvedEvent>): bigint[] => w.events.map((e) => e.event?.revision ?? -1n);

t.test(
  'a subscription from start confirms, delivers the history, sends exactly one caughtUp after it, then live events',
  async (t) => {
    const stream = await streamOf(4);
    const w = subscribe(t, stream, START);
    t.ok(await eventually(() => w.caughtUps.length === 1), 'caught up');
    t.equal(w.items[0]?.kind, 'confirmation', 'the confirmation comes first');
    t.equal(w.confirmations, 1);
    t.same(w.caughtUps, [4], 'four events before caughtUp');
    await sleep(500);
    await client.appendToStream(stream, jsonEvent({ type: 'Live', data: {} }));
    t.ok(await eventually(() => w.events.length === 5), 'the live event arrives promptly');
    t.same(revisionsOf(w), [0n, 1n, 2n, 3n, 4n]);
    t.equal(w.caughtUps.length, 1, 'still exactly one caughtUp');
    t.same(w.errors, []);
  },
);

t.test('a subscription from revision r starts after r (exclusive)', async (t) => {
  const stream = await streamOf(4);
  const w = subscribe(t, stream, 2n);
  t.ok(await eventually(() => w.caughtUps.length === 1));
  t.same(w.caughtUps, [1]);
  t.same(revisionsOf(w), [3n]);
});

t.test('a subscription from end delivers only events appended after it was confirmed', async (t) => {
  const stream = await streamOf(4);
  const w = subscribe(t, stream, END);
  t.ok(await eventually(() => w.caughtUps.length === 1));
  t.same(w.caughtUps, [0]);
  await client.appendToStream(stream, jsonEvent({ type: 'Live', data: {} }));
  t.ok(await eventually(() => w.events.length === 1));
  t.same(revisionsOf(w), [4n]);
});

t.test(
  'a subscription to a stream that does not exist yet catches up empty and delivers the stream once written',
  async (t) => {
    const stream = uniqueStream('later');
    const w = subscribe(t, stream, START);
    t.ok(await eventually(() => w.caughtUps.length === 1));
    t.same(w.caughtUps, [0]);
    await client.appendToStream(stream, [
      jsonEvent({ type: 'First', data: {} }),
      jsonEvent({ type: 'Second', data: {} }),
    ]);
    t.ok(await eventually(() => w.events.length === 2));
    t.same(revisionsOf(w), [0n, 1n]);
  },
);

t.test(
  'a subscription to a soft-deleted stream catches up empty and sees the recreated stream with continuing revisions',
  async (t) => {
    const stream = await streamOf(3);
    await client.deleteStream(stream);
    const w = subscribe(t, stream, START);
    t.ok(await eventually(() => w.caughtUps.length === 1));
    t.same(w.caughtUps, [0]);
    await client.appendToStream(stream, jsonEvent({ type: 'Reborn', data: {} }));
    t.ok(await eventually(() => w.events.length === 1));
    t.same(revisionsOf(w), [3n]);
  },
);

t.test('stream metadata hides truncated events during catch-up', async (t) => {
  const stream = await streamOf(5);
  await client.setStreamMetadata(stream, { maxCount: 2 });
  const w = subscribe(t, stream, START);
  t.ok(await eventually(() => w.caughtUps.length === 1));
  t.same(revisionsOf(w), [3n, 4n]);
});

t.test('a subscription to a tombstoned stream fails with StreamDeletedError', async (t) => {
  const stream = await streamOf(2);
  await client.tombstoneStream(stream);
  const w = subscribe(t, stream, START);
  t.ok(await eventually(() => w.errors.length > 0), 'an error arrives');
  t.type(w.errors[0], StreamDeletedError);
});

t.test(
  'a tombstone arriving live is delivered as $streamDeleted, then the subscription ends with StreamDeletedError',
  async (t) => {
    const stream = await streamOf(1);
    const w = subscribe(t, stream, START);
    t.ok(await eventually(() => w.caughtUps.length === 1));
    await client.tombstoneStream(stream);
    t.ok(await eventually(() => w.errors.length > 0), 'an error arrives');
    t.same(
      w.events.map((e) => e.event?.type),
      ['Counted', '$streamDeleted'],
    );
    t.type(w.errors[0], StreamDeletedError);
  },
);

t.test('unsubscribing stops delivery and frees the subscription; many can be opened and closed', async (t) => {
  const stream = await streamOf(1);
  const watchers = Array.from({ length: 5 }, () =>
    watch<ResolvedEvent>(client.subscribeToStream(stream, { fromRevision: START })),
  );
  t.ok(await eventually(() => watchers.every((w) => w.caughtUps.length === 1)));
  await Promise.all(watchers.map((w) => w.stop()));
  await sleep(200);
  await client.appendToStream(stream, jsonEvent({ type: 'AfterUnsubscribe', data: {} }));
  await sleep(500);
  t.ok(
    watchers.every((w) => w.events.length === 1),
    'no event after unsubscribe',
  );
  t.ok(
    watchers.every((w) => w.errors.length === 0),
    'no errors',
  );
  const again = subscribe(t, stream, START);
  t.ok(await eventually(() => again.caughtUps.length === 1), 'the store still serves new subscriptions');
  t.same(again.caughtUps, [2]);
});
