// esdb-protocol.md §8: reading and writing $-names on an insecure node (no ACLs).
import t from 'tap';
import { isSystemStream, jsonEvent, metastreamOf } from '@eventstore/db-client';
import { openTestStore } from '../../helpers/esdb.js';
import { collect, uniqueStream } from './support.js';

const store = await openTestStore();
t.teardown(() => store.close());
const { client } = store;

t.test('a $-prefixed system stream can be appended to and read without credentials', async (t) => {
  const stream = uniqueStream('$conformance');
  t.ok(isSystemStream(stream));
  await client.appendToStream(stream, jsonEvent({ type: 'SystemNote', data: { ok: true } }));
  const events = await collect(client.readStream(stream));
  t.same(
    events.map((e) => [e.event?.streamId, e.event?.type]),
    [[stream, 'SystemNote']],
  );
});

t.test('event types starting with $ are accepted and returned unchanged', async (t) => {
  const stream = uniqueStream('dollartypes');
  await client.appendToStream(stream, [
    jsonEvent({ type: '$custom-type', data: {} }),
    jsonEvent({ type: '$@', data: {} }),
  ]);
  t.same(
    (await collect(client.readStream(stream))).map((e) => e.event?.type),
    ['$custom-type', '$@'],
  );
});

t.test('a $$ metastream can be written directly and is the metadata of its stream', async (t) => {
  const stream = uniqueStream('direct');
  await client.appendToStream(
    stream,
    [1, 2, 3].map((i) => jsonEvent({ type: 'Counted', data: { i } })),
  );
  await client.appendToStream(metastreamOf(stream), jsonEvent({ type: '$metadata', data: { $maxCount: 1 } }));
  t.equal(metastreamOf(stream), `$$${stream}`);
  t.same((await client.getStreamMetadata(stream)).metadata, { maxCount: 1 });
  t.same(
    (await collect(client.readStream(stream))).map((e) => e.event?.revision),
    [2n],
  );
});

t.test('a system stream can itself carry metadata', async (t) => {
  const stream = uniqueStream('$sysmeta');
  await client.appendToStream(
    stream,
    [1, 2].map((i) => jsonEvent({ type: 'Counted', data: { i } })),
  );
  await client.setStreamMetadata(stream, { maxCount: 1 });
  t.same(
    (await collect(client.readStream(stream))).map((e) => e.event?.revision),
    [1n],
  );
});
