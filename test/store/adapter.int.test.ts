import { randomUUID } from 'node:crypto';
import { binaryEvent, jsonEvent } from '@eventstore/db-client';
import t from 'tap';
import { createLedgerStore, type NewEvent, type StoredEvent } from '../../src/store/adapter.js';
import { prefetch } from '../../src/read/prefetch.js';
import { openTestStore } from '../helpers/esdb.js';

const store = await openTestStore();
t.teardown(() => store.close());
const ledgerStore = createLedgerStore(store.client);

const unique = (category = 'issue') => `${category}-${randomUUID()}`;
const event = (type: string, data: Record<string, unknown> = {}): NewEvent => ({
  id: randomUUID(),
  type,
  data,
  metadata: { actor: { principalId: 'tester', agency: 'MFA', role: 'negotiator' }, correlationId: 'c1' },
});

t.test('appends events with their ids and reads them back with metadata, position and record time', async (t) => {
  const name = unique();
  const before = Date.now();
  const first = event('IssueRegistered', { code: 'CH1', title: { th: 'ขอบเขต', en: 'Scope' } });
  const second = event('IssueRetitled', { code: 'CH1' });
  const outcome = await ledgerStore.append(name, [first, second], { expectedRevision: 'no_stream' });
  t.equal(outcome.revision, 1n);
  const read = await ledgerStore.readStream(name);
  t.equal(read.revision, 1n);
  t.same(
    read.events.map((e) => e.id),
    [first.id, second.id],
  );
  t.same(
    read.events.map((e) => e.type),
    ['IssueRegistered', 'IssueRetitled'],
  );
  t.same(read.events[0]?.data, first.data);
  t.match(read.events[0]?.metadata, {
    actor: { principalId: 'tester' },
    correlationId: 'c1',
    prev: undefined,
    hash: /^[0-9a-f]{64}$/,
  });
  t.equal(read.events[1]?.metadata['prev'], read.events[0]?.metadata['hash'], 'the second event chains onto the first');
  t.equal(read.head, read.events[1]?.metadata['hash']);
  t.same(read.events[1]?.position, outcome.position, 'the append reports the position of its last event');
  const recordedAt = read.events[0]?.recordedAt.getTime() ?? 0;
  t.ok(recordedAt >= before - 1000 && recordedAt <= Date.now() + 1000, 'record time is the store clock at the write');
});

t.test('the store holds every event metadata as the JSON of what was written, chain links included', async (t) => {
  const name = unique();
  const odd = event('IssueRegistered', { code: 'CH2' });
  odd.metadata = {
    ...odd.metadata,
    note: 'ขอบเขต "quoted" \\ \u0001 😀 \ud800 lone',
    nested: { b: 1, a: [1.5, null, true] },
  };
  const outcome = await ledgerStore.append(name, [odd, event('IssueRetitled')], { expectedRevision: 'no_stream' });
  const raw: unknown[] = [];
  for await (const resolved of store.client.readStream(name)) raw.push(resolved.event?.metadata);
  // What the client would have written from the object itself: its JSON (a lone surrogate as U+FFFD in UTF-8).
  t.same(
    raw,
    (outcome.metadata ?? []).map((m) => JSON.parse(Buffer.from(JSON.stringify(m), 'utf8').toString('utf8')) as unknown),
  );
  t.same(
    outcome.metadataJson?.map((text) => JSON.parse(text) as unknown),
    outcome.metadata,
  );
  t.equal((await ledgerStore.readStream(name)).revision, 1n, 'and the chain reads back intact');
});

t.test('a stream that was never written reads as empty at no_stream', async (t) => {
  t.same(await ledgerStore.readStream(unique()), { events: [], revision: 'no_stream', head: null });
});

t.test('rejects an append at a stale revision with a ConcurrencyError naming both revisions', async (t) => {
  const name = unique();
  await ledgerStore.append(name, [event('A'), event('B')], { expectedRevision: 'no_stream' });
  await t.rejects(ledgerStore.append(name, [event('C')], { expectedRevision: 0n }), {
    name: 'ConcurrencyError',
    code: 'stream_conflict',
    streamName: name,
    expected: 0n,
    actual: 1n,
  });
  await t.rejects(ledgerStore.append(name, [event('C')], { expectedRevision: 'no_stream' }), {
    name: 'ConcurrencyError',
    expected: 'no_stream',
    actual: 1n,
  });
  await t.rejects(ledgerStore.append(unique(), [event('C')], { expectedRevision: 4n }), {
    name: 'ConcurrencyError',
    actual: 'no_stream',
  });
  t.equal((await ledgerStore.readStream(name)).events.length, 2, 'nothing was appended');
});

t.test('appending the same event ids twice at the same expected revision keeps one copy', async (t) => {
  const name = unique();
  await ledgerStore.append(name, [event('A')], { expectedRevision: 'no_stream' });
  const head = (await ledgerStore.readStream(name)).head;
  const batch = [event('B'), event('C')];
  const first = await ledgerStore.append(name, batch, { expectedRevision: 0n, chainHead: head });
  const retry = await ledgerStore.append(name, batch, { expectedRevision: 0n, chainHead: head });
  t.equal(retry.revision, first.revision);
  t.same(retry.position, first.position);
  const read = await ledgerStore.readStream(name);
  t.same(
    read.events.map((e) => e.type),
    ['A', 'B', 'C'],
  );
});

t.test('two racing appends with the same ids leave one copy and both succeed', async (t) => {
  const name = unique();
  const batch = [event('A'), event('B')];
  const results = await Promise.allSettled([
    ledgerStore.append(name, batch, { expectedRevision: 'no_stream' }),
    ledgerStore.append(name, batch, { expectedRevision: 'no_stream' }),
  ]);
  t.same(
    results.map((r) => r.status),
    ['fulfilled', 'fulfilled'],
  );
  t.equal((await ledgerStore.readStream(name)).events.length, 2);
});

t.test('chains onto the stored head when the caller does not pass it', async (t) => {
  const name = unique();
  await ledgerStore.append(name, [event('A')], { expectedRevision: 'no_stream' });
  await ledgerStore.append(name, [event('B')], { expectedRevision: 0n });
  const read = await ledgerStore.readStream(name);
  t.equal(read.events[1]?.metadata['prev'], read.events[0]?.metadata['hash']);
});

t.test('reading a stream whose event was written around the adapter fails the integrity check', async (t) => {
  const name = unique();
  await ledgerStore.append(name, [event('A')], { expectedRevision: 'no_stream' });
  const [good] = (await ledgerStore.readStream(name)).events;
  await store.client.appendToStream(
    name,
    jsonEvent({
      id: randomUUID(),
      type: 'B',
      data: { forged: true },
      metadata: { prev: good?.metadata['hash'], hash: 'f'.repeat(64) },
    }),
  );
  await t.rejects(ledgerStore.readStream(name), { name: 'IntegrityError', code: 'integrity_violation', revision: 1n });
});

t.test('refuses to write system or metadata streams and reserved event types', async (t) => {
  await t.rejects(
    ledgerStore.append(`$$${unique()}`, [event('$metadata', { $maxCount: 1 })], { expectedRevision: 'any' }),
    {
      name: 'ProtectedStreamError',
    },
  );
  await t.rejects(ledgerStore.append(unique(), [event('$metadata')], { expectedRevision: 'any' }), {
    name: 'ProtectedStreamError',
  });
  await t.rejects(ledgerStore.append('', [event('A')], { expectedRevision: 'any' }), { name: 'ProtectedStreamError' });
});

t.test('refuses max-age, max-count and truncate-before on a stream and leaves its metadata unchanged', async (t) => {
  const name = unique();
  await ledgerStore.append(name, [event('A'), event('B')], { expectedRevision: 'no_stream' });
  for (const metadata of [
    { maxCount: 1 },
    { maxAge: 60 },
    { truncateBefore: 1 },
    { $tb: 1 },
    { $maxAge: 1 },
    { owner: 'x', $maxCount: 1 },
  ]) {
    await t.rejects(ledgerStore.setStreamMetadata(name, metadata), {
      name: 'ProtectedStreamError',
      code: 'protected_stream',
    });
  }
  const meta = await store.client.getStreamMetadata(name);
  t.same(meta.metadata, undefined, 'no stream metadata was written');
  t.equal((await ledgerStore.readStream(name)).events.length, 2, 'every event is still there');
});

t.test('accepts harmless custom stream metadata', async (t) => {
  const name = unique();
  await ledgerStore.append(name, [event('A')], { expectedRevision: 'no_stream' });
  await ledgerStore.setStreamMetadata(name, { owner: 'MFA' });
  const meta = await store.client.getStreamMetadata(name);
  t.match(meta.metadata, { owner: 'MFA' });
});

t.test('offers no operation that deletes, tombstones or truncates a stream', async (t) => {
  const operations = Object.keys(ledgerStore).sort();
  t.same(operations, [
    'append',
    'appendCopies',
    'headPosition',
    'ping',
    'readAll',
    'readStream',
    'setStreamMetadata',
    'subscribeToAll',
  ]);
});

t.test('a stream tombstoned outside the ledger answers StreamDeletedError', async (t) => {
  const name = unique();
  await ledgerStore.append(name, [event('A')], { expectedRevision: 'no_stream' });
  await store.client.tombstoneStream(name);
  await t.rejects(ledgerStore.append(name, [event('B')], { expectedRevision: 0n }), {
    name: 'StreamDeletedError',
    code: 'stream_deleted',
    streamName: name,
  });
});

t.test('an append larger than the store accepts answers AppendTooLargeError', async (t) => {
  // The store's limit (1 MiB by default on EventStoreDB) is far below gRPC's 16 MiB message limit.
  const big = event('Big', { text: 'x'.repeat(2 * 1024 * 1024) });
  await t.rejects(ledgerStore.append(unique(), [big], { expectedRevision: 'no_stream' }), {
    name: 'AppendTooLargeError',
  });
});

t.test('readAll returns only events of the requested categories, in commit order', async (t) => {
  const category = `t${randomUUID().replaceAll('-', '')}`;
  const mine = `${category}-one`;
  const other = unique('process');
  await ledgerStore.append(mine, [event('A')], { expectedRevision: 'no_stream' });
  await ledgerStore.append(other, [event('X')], { expectedRevision: 'no_stream' });
  await ledgerStore.append(mine, [event('B')], { expectedRevision: 0n });
  const seen: StoredEvent[] = [];
  for await (const e of ledgerStore.readAll({ prefixes: [`${category}-`] })) seen.push(e);
  t.same(
    seen.map((e) => e.type),
    ['A', 'B'],
  );
  t.ok((seen[0]?.position.commit ?? 0n) < (seen[1]?.position.commit ?? 0n));
});

t.test('subscribeToAll delivers past and new events of the followed categories', async (t) => {
  const category = `t${randomUUID().replaceAll('-', '')}`;
  await ledgerStore.append(`${category}-1`, [event('A')], { expectedRevision: 'no_stream' });
  await ledgerStore.append(unique('process'), [event('X')], { expectedRevision: 'no_stream' });
  let caughtUp = false;
  const subscription = ledgerStore.subscribeToAll({ prefixes: [`${category}-`], onCaughtUp: () => (caughtUp = true) });
  const seen: string[] = [];
  let appended = false;
  for await (const e of subscription) {
    seen.push(e.type);
    if (!appended) {
      appended = true;
      await ledgerStore.append(`${category}-2`, [event('B')], { expectedRevision: 'no_stream' });
    }
    if (seen.length === 2) break;
  }
  await subscription.close();
  t.same(seen, ['A', 'B']);
  t.ok(caughtUp, 'the subscription reported catching up with the past');
});

t.test('ping answers while the store is up', async (t) => {
  await t.resolves(ledgerStore.ping());
});

t.test('a reader that stops early releases its read (the client can still be closed)', async (t) => {
  const category = `t${randomUUID().replaceAll('-', '')}`;
  await ledgerStore.append(`${category}-1`, [event('A'), event('B'), event('C')], { expectedRevision: 'no_stream' });
  const seen: string[] = [];
  for await (const e of ledgerStore.readAll({ prefixes: [`${category}-`] })) {
    seen.push(e.type);
    break;
  }
  t.same(seen, ['A']);
});

t.test(
  'a read of $all that meets an event whose data is not JSON fails with an IntegrityError after the events before it',
  async (t) => {
    const category = `t${randomUUID().replaceAll('-', '')}`;
    await store.client.appendToStream(`${category}-1`, [
      jsonEvent({ type: 'A', data: {} }),
      binaryEvent({ type: 'B', data: new Uint8Array([1, 2, 3]) }),
      jsonEvent({ type: 'C', data: {} }),
    ]);
    const seen: string[] = [];
    const failure = await (async () => {
      try {
        for await (const e of ledgerStore.readAll({ prefixes: [`${category}-`] })) seen.push(e.type);
      } catch (error) {
        return error;
      }
      return null;
    })();
    t.same(seen, ['A'], 'the events before it are read');
    t.match(failure, { name: 'IntegrityError', code: 'integrity_violation', revision: 1n });
  },
);

// The catch-up and the replay read $all through prefetch, which takes readAll in flowing mode (the adapter pushes
// each event as the client's stream emits it): the same events, errors and cancellation as the iterator.
const inBatches = async (from: AsyncIterable<StoredEvent>, max?: number, stopAfter?: number) => {
  const seen: StoredEvent[] = [];
  let batches = 0;
  let failure: unknown = null;
  try {
    for await (const batch of prefetch(from, max)) {
      batches += 1;
      seen.push(...batch);
      if (stopAfter !== undefined && seen.length >= stopAfter) break;
    }
  } catch (error) {
    failure = error;
  }
  return { seen, batches, failure };
};

t.test('readAll through prefetch gives the events the iterator gives, in order, in batches', async (t) => {
  const category = `t${randomUUID().replaceAll('-', '')}`;
  for (let s = 0; s < 5; s += 1) {
    const events = Array.from({ length: 40 }, (_, i) => event(`E${i}`, { n: i, th: 'ภาษาไทย' }));
    await ledgerStore.append(`${category}-${s}`, events, { expectedRevision: 'no_stream' });
    await ledgerStore.append(unique('process'), [event('X')], { expectedRevision: 'no_stream' });
  }
  const iterated: StoredEvent[] = [];
  for await (const e of ledgerStore.readAll({ prefixes: [`${category}-`] })) iterated.push(e);
  t.equal(iterated.length, 200);
  // A buffer of 7 at most: the stream is paused and resumed many times over.
  const { seen, batches, failure } = await inBatches(ledgerStore.readAll({ prefixes: [`${category}-`] }), 7);
  t.equal(failure, null);
  t.same(seen, iterated, 'the same stored events, data, metadata, positions and record times, in the same order');
  t.ok(batches >= 200 / 7, 'no batch held more than was let wait');
});

t.test('readAll through prefetch fails with an IntegrityError after the events before it', async (t) => {
  const category = `t${randomUUID().replaceAll('-', '')}`;
  await store.client.appendToStream(`${category}-1`, [
    jsonEvent({ type: 'A', data: {} }),
    binaryEvent({ type: 'B', data: new Uint8Array([1, 2, 3]) }),
    jsonEvent({ type: 'C', data: {} }),
  ]);
  const { seen, failure } = await inBatches(ledgerStore.readAll({ prefixes: [`${category}-`] }));
  t.same(
    seen.map((e) => e.type),
    ['A'],
    'the events before it are read',
  );
  t.match(failure, { name: 'IntegrityError', code: 'integrity_violation', revision: 1n });
});

t.test('a reader through prefetch that stops early releases its read, and later reads still work', async (t) => {
  const category = `t${randomUUID().replaceAll('-', '')}`;
  const events = Array.from({ length: 300 }, (_, i) => event(`E${i}`));
  await ledgerStore.append(`${category}-1`, events, { expectedRevision: 'no_stream' });
  for (let i = 0; i < 20; i += 1) {
    const { seen, failure } = await inBatches(ledgerStore.readAll({ prefixes: [`${category}-`] }), 10, 10);
    t.equal(failure, null);
    t.ok(seen.length >= 10 && seen.length < 300, 'it stopped before the end');
  }
  const { seen } = await inBatches(ledgerStore.readAll({ prefixes: [`${category}-`] }));
  t.equal(seen.length, 300, 'a whole read after twenty stopped ones');
});
