// esdb-protocol.md §10 (and the visibility rules of §5): stream metadata in $$name.
import t from 'tap';
import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  jsonEvent,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import {
  collect,
  countedStream,
  openConformanceStore,
  rawAppend,
  rawReadStream,
  sleep,
  thrown,
  uniqueStream,
} from './support.js';

const store = await openConformanceStore(t);
const { client, raw } = store;

const streamOf = (n: number): Promise<string> => countedStream(client, 'meta', n);

async function visible(stream: string): Promise<bigint[]> {
  return (await collect(client.readStream(stream))).map((e) => e.event?.revision ?? -1n);
}

t.test(
  'a stream with events but no metadata reports exactly {streamName}, and appending did not create $$s',
  async (t) => {
    const stream = await streamOf(2);
    t.same(await client.getStreamMetadata(stream), { streamName: stream });
    t.type(await thrown(collect(client.readStream(`$$${stream}`))), StreamNotFoundError);
  },
);

t.test('setStreamMetadata appends one JSON $metadata event to $$s with the reserved keys translated', async (t) => {
  const stream = await streamOf(1);
  const written = {
    maxAge: 3_600,
    maxCount: 50,
    truncateBefore: 0,
    cacheControl: 10,
    acl: { readRoles: ['$all'] },
    owner: 'MFA',
  };
  await client.setStreamMetadata(stream, written);
  const events = await collect(client.readStream(`$$${stream}`));
  t.equal(events.length, 1);
  t.equal(events[0]?.event?.type, '$metadata');
  t.equal(events[0]?.event?.isJson, true);
  const data = events[0]?.event?.data;
  t.match(data, { $maxAge: 3_600, $maxCount: 50, $tb: 0, $cacheControl: 10, $acl: { $r: ['$all'] }, owner: 'MFA' });
  const read = await client.getStreamMetadata(stream);
  t.same(read.metadata, written);
  t.equal(
    read.metastreamRevision,
    events[0]?.event?.position?.commit,
    'metastreamRevision is the commit position (client quirk)',
  );
});

t.test('custom metadata keys and emoji come back byte for byte', async (t) => {
  const stream = await streamOf(1);
  const custom = { ท่าที: 'ไทย 😀', nested: { list: [1, 'two', null], deep: { ok: true } }, $maxCount: 7 };
  await client.setStreamMetadata(stream, custom);
  const { metadata } = await client.getStreamMetadata(stream);
  t.same(metadata, { ท่าที: 'ไทย 😀', nested: { list: [1, 'two', null], deep: { ok: true } }, maxCount: 7 });
  const body = Buffer.from('{ "$maxCount" : 9 ,\n "note":"😀 ผ่าน" }', 'utf8');
  await rawAppend(raw.streams, `$$${stream}`, 'any', [
    { id: randomUUID(), type: '$metadata', contentType: 'application/json', data: body },
  ]);
  const wire = await rawReadStream(raw.streams, `$$${stream}`, { from: 'end', direction: 'backwards', count: 1n });
  t.same(Buffer.from(wire.responses[0]?.getEvent()?.getEvent()?.getData_asU8() ?? []), body);
  t.same(await visible(stream), [0n], 'the hand-written metadata applies too ($maxCount 9)');
});

t.test('the expected revision of setStreamMetadata applies to the metastream', async (t) => {
  const stream = await streamOf(3);
  await client.setStreamMetadata(stream, { maxCount: 10 }, { expectedRevision: NO_STREAM });
  t.type(
    await thrown(client.setStreamMetadata(stream, { maxCount: 11 }, { expectedRevision: NO_STREAM })),
    WrongExpectedVersionError,
  );
  await client.setStreamMetadata(stream, { maxCount: 12 }, { expectedRevision: 0n });
  t.same((await client.getStreamMetadata(stream)).metadata, { maxCount: 12 });
});

t.test('$maxCount keeps only the last N events visible on stream reads', async (t) => {
  const stream = uniqueStream('maxcount');
  await client.setStreamMetadata(stream, { maxCount: 2 });
  for (let i = 0; i < 20; i += 1) await client.appendToStream(stream, jsonEvent({ type: 'Counted', data: { i } }));
  t.same(await visible(stream), [18n, 19n]);
  const backwards = await collect(
    client.readStream(stream, { fromRevision: END, direction: BACKWARDS, maxCount: 200 }),
  );
  t.same(
    backwards.map((e) => e.event?.revision),
    [19n, 18n],
  );
});

t.test('$tb hides the events below it', async (t) => {
  const stream = await streamOf(5);
  await client.setStreamMetadata(stream, { truncateBefore: 3 });
  t.same(await visible(stream), [3n, 4n]);
});

t.test('$maxAge hides events older than it at read time', async (t) => {
  const stream = await streamOf(2);
  await client.setStreamMetadata(stream, { maxAge: 1 });
  t.same(await visible(stream), [0n, 1n], 'fresh events are visible');
  await sleep(2_100);
  t.same(await visible(stream), [], 'after the age passes: zero events, not "not found"');
  await client.appendToStream(stream, jsonEvent({ type: 'Fresh', data: {} }));
  t.same(await visible(stream), [2n]);
});

t.test('only the last metadata event counts; malformed or out-of-range metadata is treated as none', async (t) => {
  const stream = await streamOf(4);
  await client.setStreamMetadata(stream, { maxCount: 1 });
  t.same(await visible(stream), [3n]);
  await rawAppend(raw.streams, `$$${stream}`, 'any', [
    { id: randomUUID(), type: '$metadata', contentType: 'application/json', data: '{"$maxCount": 1,,' },
  ]);
  t.same(await visible(stream), [0n, 1n, 2n, 3n], 'malformed JSON: no metadata');
  await rawAppend(raw.streams, `$$${stream}`, 'any', [
    { id: randomUUID(), type: '$metadata', contentType: 'application/json', data: '{"$maxCount": 0}' },
  ]);
  t.same(await visible(stream), [0n, 1n, 2n, 3n], '$maxCount 0 is out of range: no metadata');
  await client.setStreamMetadata(stream, { maxCount: 2 });
  t.same(await visible(stream), [2n, 3n], 'the last event wins');
});

t.test('a metastream read shows only its latest event, at its real revision', async (t) => {
  const stream = await streamOf(1);
  for (const maxCount of [5, 6, 7]) await client.setStreamMetadata(stream, { maxCount });
  const events = await collect(client.readStream(`$$${stream}`));
  t.equal(events.length, 1);
  t.equal(events[0]?.event?.revision, 2n);
  t.match(events[0]?.event?.data, { $maxCount: 7 });
});

t.test('$acl is stored but not enforced on an insecure node', async (t) => {
  const stream = await streamOf(2);
  await client.setStreamMetadata(stream, { acl: { readRoles: ['$admins'], writeRoles: ['$admins'] } });
  t.same(await visible(stream), [0n, 1n]);
  await client.appendToStream(stream, jsonEvent({ type: 'Still', data: {} }));
  t.same(await visible(stream), [0n, 1n, 2n]);
});
