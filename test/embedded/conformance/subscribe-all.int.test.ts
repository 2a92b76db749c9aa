// esdb-protocol.md §7.1, §7.2, §7.4: catch-up subscriptions to $all, filters, checkpoints, back-pressure.
import t from 'tap';
import { END, eventTypeFilter, excludeSystemEvents, jsonEvent, START, streamNameFilter } from '@eventstore/db-client';
import type { AllStreamResolvedEvent, Filter, Position, ReadPosition } from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { openTestStore, usesExternalStore } from '../../helpers/esdb.js';
import { eventually, sleep, uniqueStream, watch } from './support.js';
import type { HasTeardown, Watched } from './support.js';

const store = await openTestStore();
t.teardown(() => store.close());
const { client } = store;

function subscribe(t: HasTeardown, fromPosition: ReadPosition, filter?: Filter): Watched<AllStreamResolvedEvent> {
  const options = filter === undefined ? { fromPosition } : { fromPosition, filter };
  const watched = watch<AllStreamResolvedEvent>(client.subscribeToAll(options));
  t.teardown(() => watched.stop());
  return watched;
}

const ours = (w: Watched<AllStreamResolvedEvent>, stream: string): AllStreamResolvedEvent[] =>
  w.events.filter((e) => e.event?.streamId === stream);

t.test(
  'a subscription to $all from start confirms once, sees system events, and sends exactly one caughtUp',
  async (t) => {
    const w = subscribe(t, START);
    t.ok(await eventually(() => w.caughtUps.length === 1), 'caught up');
    t.equal(w.items[0]?.kind, 'confirmation');
    t.equal(w.confirmations, 1);
    t.ok(
      w.events.some((e) => e.event?.type.startsWith('$')),
      'events whose type starts with $',
    );
    await sleep(300);
    t.equal(w.caughtUps.length, 1);
  },
);

t.test('a subscription from a position starts after it: the event at that position is not redelivered', async (t) => {
  const stream = uniqueStream('allsub');
  const first = await client.appendToStream(stream, jsonEvent({ type: 'First', data: {} }));
  await client.appendToStream(stream, jsonEvent({ type: 'Second', data: {} }));
  t.ok(first.position);
  if (!first.position) return;
  const w = subscribe(t, first.position);
  t.ok(await eventually(() => w.caughtUps.length === 1));
  t.same(
    ours(w, stream).map((e) => e.event?.type),
    ['Second'],
  );
  const positions = w.events.map((e) => e.event?.position.commit ?? 0n);
  t.ok(
    positions.every((p) => p > (first.position?.commit ?? 0n)),
    'every event is after the start position',
  );
});

t.test('a subscription from end delivers only new events, promptly', async (t) => {
  const stream = uniqueStream('allend');
  await client.appendToStream(stream, jsonEvent({ type: 'Before', data: {} }));
  const w = subscribe(t, END);
  t.ok(await eventually(() => w.caughtUps.length === 1));
  await sleep(500);
  await client.appendToStream(stream, jsonEvent({ type: 'After', data: {} }));
  t.ok(await eventually(() => ours(w, stream).length === 1), 'the live event arrives');
  t.same(
    ours(w, stream).map((e) => e.event?.type),
    ['After'],
  );
  t.equal(w.caughtUps.length, 1);
});

t.test('stream-name prefix and regex filters deliver only matching streams', async (t) => {
  const tag = randomUUID().replaceAll('-', '');
  const [a, b, c] = [`fa${tag}-one`, `fb${tag}-two`, `fc${tag}-three`];
  const start = await client.appendToStream(uniqueStream('marker'), jsonEvent({ type: 'Marker', data: {} }));
  for (const s of [a, b, c]) await client.appendToStream(s, jsonEvent({ type: 'Named', data: { s } }));
  t.ok(start.position);
  if (!start.position) return;
  const byPrefix = subscribe(t, start.position, streamNameFilter({ prefixes: [`fa${tag}`, `fc${tag}`] }));
  const byRegex = subscribe(t, start.position, streamNameFilter({ regex: `^fb${tag}` }));
  t.ok(await eventually(() => byPrefix.caughtUps.length === 1 && byRegex.caughtUps.length === 1));
  t.same(
    byPrefix.events.map((e) => e.event?.streamId),
    [a, c],
  );
  t.same(
    byRegex.events.map((e) => e.event?.streamId),
    [b],
  );
});

t.test('event-type prefix and regex filters deliver only matching types, live as well', async (t) => {
  const tag = randomUUID().replaceAll('-', '');
  const stream = uniqueStream('types');
  const start = await client.appendToStream(stream, jsonEvent({ type: `Other${tag}`, data: {} }));
  t.ok(start.position);
  if (!start.position) return;
  const byPrefix = subscribe(t, start.position, eventTypeFilter({ prefixes: [`Wanted${tag}`] }));
  const byRegex = subscribe(t, start.position, eventTypeFilter({ regex: `^(Wanted|Also)${tag}$` }));
  await client.appendToStream(stream, [
    jsonEvent({ type: `Wanted${tag}`, data: {} }),
    jsonEvent({ type: `Other${tag}`, data: {} }),
  ]);
  t.ok(await eventually(() => byPrefix.caughtUps.length === 1 && byRegex.caughtUps.length === 1));
  await client.appendToStream(stream, [
    jsonEvent({ type: `Also${tag}`, data: {} }),
    jsonEvent({ type: `Wanted${tag}Too`, data: {} }),
  ]);
  t.ok(await eventually(() => byPrefix.events.length === 2 && byRegex.events.length === 2));
  await sleep(200);
  t.same(
    byPrefix.events.map((e) => e.event?.type),
    [`Wanted${tag}`, `Wanted${tag}Too`],
  );
  t.same(
    byRegex.events.map((e) => e.event?.type),
    [`Wanted${tag}`, `Also${tag}`],
  );
});

t.test('excludeSystemEvents delivers no event whose type starts with $', async (t) => {
  const stream = uniqueStream('nosys');
  await client.setStreamMetadata(stream, { maxCount: 3 });
  await client.appendToStream(stream, jsonEvent({ type: 'Visible', data: {} }));
  const w = subscribe(t, START, excludeSystemEvents());
  t.ok(await eventually(() => w.caughtUps.length === 1));
  t.ok(w.events.length >= 1);
  t.ok(w.events.every((e) => !e.event?.type.startsWith('$')));
  t.ok(ours(w, stream).length === 1);
});

t.test(
  'a filtered catch-up over 384 matching events with multiplier 2 reaches 6 or 7 checkpoints, never going back',
  async (t) => {
    const tag = randomUUID().replaceAll('-', '');
    const stream = `cp${tag}`;
    const start = await client.appendToStream(uniqueStream('cpmarker'), jsonEvent({ type: 'Marker', data: {} }));
    for (let i = 0; i < 384; i += 64) {
      await client.appendToStream(
        stream,
        Array.from({ length: 64 }, (_, j) => jsonEvent({ type: 'Checked', data: { i: i + j } })),
      );
    }
    t.ok(start.position);
    if (!start.position) return;
    const checkpoints: Position[] = [];
    const filter = streamNameFilter({
      prefixes: [stream],
      checkpointInterval: 2,
      checkpointReached: async (_subscription, position) => {
        checkpoints.push(position);
        await sleep(20); // the client awaits this: the server must tolerate back-pressure
      },
    });
    const w = subscribe(t, start.position, filter);
    t.ok(await eventually(() => w.caughtUps.length === 1 && w.events.length === 384, 20_000), 'all 384 delivered');
    await sleep(300);
    t.ok(checkpoints.length >= 6 && checkpoints.length <= 7, `6 <= ${checkpoints.length} <= 7`);
    t.ok(
      checkpoints.every((p, i) => i === 0 || p.commit >= (checkpoints[i - 1]?.commit ?? 0n)),
      'checkpoints never go back',
    );
    const lastEvent = w.events.at(-1)?.event?.position;
    const lastCheckpoint = checkpoints.at(-1);
    t.ok(
      lastEvent && lastCheckpoint && lastCheckpoint.commit >= lastEvent.commit,
      'the end-of-catch-up checkpoint covers the last event',
    );
  },
);

t.test('a live filtered subscription gets checkpoints as non-matching events are committed', async (t) => {
  const tag = randomUUID().replaceAll('-', '');
  const checkpoints: Position[] = [];
  const filter = streamNameFilter({
    prefixes: [`never${tag}`],
    checkpointInterval: 1,
    checkpointReached: (_s, p) => void checkpoints.push(p),
  });
  const w = subscribe(t, END, filter);
  t.ok(await eventually(() => w.caughtUps.length === 1));
  const before = checkpoints.length;
  const other = uniqueStream('noise');
  for (let i = 0; i < 4; i += 1) {
    await client.appendToStream(
      other,
      Array.from({ length: 25 }, (_, j) => jsonEvent({ type: 'Noise', data: { j } })),
    );
  }
  t.ok(
    await eventually(() => checkpoints.length - before >= 3),
    `100 events with a window of 32 give >= 3 live checkpoints (got ${checkpoints.length - before})`,
  );
  t.equal(w.events.length, 0);
});

t.test('a slow reader is not dropped: the server waits for it (back-pressure)', async (t) => {
  const stream = uniqueStream('slow');
  const pad = 'y'.repeat(1_000);
  for (let i = 0; i < 3_000; i += 500) {
    await client.appendToStream(
      stream,
      Array.from({ length: 500 }, (_, j) => jsonEvent({ type: 'Heavy', data: { i: i + j, pad } })),
    );
  }
  const subscription = client.subscribeToStream(stream, { fromRevision: START });
  t.teardown(() => subscription.unsubscribe());
  let count = 0;
  for await (const e of subscription) {
    if (count === 0) await sleep(1_500);
    if (e.event?.revision !== BigInt(count)) break;
    count += 1;
    if (count === 3_000) break;
  }
  t.equal(count, 3_000, 'every event arrives, in order, after the reader paused');
});

t.test(
  'the system events seeded at startup reach a subscription from start before any user event',
  { skip: usesExternalStore() ? 'a used real node may hold user events older than its system events' : false },
  async (t) => {
    const fresh = subscribe(t, START);
    t.ok(await eventually(() => fresh.caughtUps.length === 1));
    const firstUser = fresh.events.findIndex((e) => !e.event?.streamId.startsWith('$'));
    t.ok(firstUser > 0, 'system events come first');
  },
);
