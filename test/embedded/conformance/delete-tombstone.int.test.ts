// esdb-protocol.md §9: soft delete and tombstone.
import t from 'tap';
import {
  ANY,
  BACKWARDS,
  END,
  jsonEvent,
  NO_STREAM,
  STREAM_EXISTS,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type { ServiceError } from '@grpc/grpc-js';
import {
  collect,
  countedStream,
  grpc,
  openConformanceStore,
  rawReadStream,
  sharedPb,
  streamsPb,
  thrown,
  trailer,
  uniqueStream,
} from './support.js';

const store = await openConformanceStore(t);
const { client, raw } = store;
const TB_MAX = 9223372036854775807n;

const streamOf = (n: number): Promise<string> => countedStream(client, 'del', n);

function rawDelete(stream: string, revision: bigint): Promise<ServiceError | undefined> {
  const options = new streamsPb.DeleteReq.Options();
  const identifier = new sharedPb.StreamIdentifier();
  identifier.setStreamName(Buffer.from(stream, 'utf8'));
  options.setStreamIdentifier(identifier);
  options.setRevision(revision.toString());
  const req = new streamsPb.DeleteReq();
  req.setOptions(options);
  return new Promise((resolve) => {
    raw.streams.delete(req, new grpc.Metadata(), { deadline: Date.now() + 10_000 }, (error) =>
      resolve(error ?? undefined),
    );
  });
}

async function metastreamData(stream: string): Promise<string> {
  const [last] = await collect(
    client.readStream(`$$${stream}`, { fromRevision: END, direction: BACKWARDS, maxCount: 1 }),
  );
  const data = last?.event?.data;
  return typeof data === 'string' ? data : JSON.stringify(data ?? null);
}

t.test('a soft delete writes one $metadata event {"$tb": 2^63-1} that replaces the stream metadata', async (t) => {
  const stream = await streamOf(2);
  await client.setStreamMetadata(stream, { maxCount: 5, owner: 'mfa' });
  const result = await client.deleteStream(stream);
  t.ok(result.position, 'the delete reports the position of the record it wrote');
  const [last] = await collect(
    client.readStream(`$$${stream}`, { fromRevision: END, direction: BACKWARDS, maxCount: 1 }),
  );
  t.equal(last?.event?.type, '$metadata');
  t.same(last?.event?.position, result.position);
  const wire = await rawReadStream(raw.streams, `$$${stream}`, { from: 'end', direction: 'backwards', count: 1n });
  const text = Buffer.from(wire.responses[0]?.getEvent()?.getEvent()?.getData_asU8() ?? []).toString('utf8');
  t.match(text, /^\s*\{\s*"\$tb"\s*:\s*9223372036854775807\s*\}\s*$/, 'the $tb value is written exactly');
  const { metadata } = await client.getStreamMetadata(stream);
  t.same(metadata, { truncateBefore: Number(TB_MAX) }, 'only $tb remains; maxCount and custom keys are gone');
});

t.test('a soft-deleted stream reads as not found while $all keeps its events', async (t) => {
  const stream = await streamOf(2);
  const [first] = await collect(client.readStream(stream, { maxCount: 1 }));
  await client.deleteStream(stream);
  t.type(await thrown(collect(client.readStream(stream))), StreamNotFoundError);
  const position = first?.event?.position;
  t.ok(position);
  if (!position) return;
  const [again] = await collect(client.readAll({ fromPosition: position, maxCount: 1 }));
  t.equal(again?.event?.streamId, stream);
});

t.test('soft-deleting a stream with no events and no metadata is a WrongExpectedVersion even with any', async (t) => {
  const stream = uniqueStream('ghost');
  t.type(await thrown(client.deleteStream(stream)), WrongExpectedVersionError);
  t.type(await thrown(client.deleteStream(stream, { expectedRevision: ANY })), WrongExpectedVersionError);
});

t.test('soft-deleting with no_stream succeeds when only the metastream exists', async (t) => {
  const stream = uniqueStream('metaonly');
  await client.setStreamMetadata(stream, { maxCount: 3 });
  const result = await client.deleteStream(stream, { expectedRevision: NO_STREAM });
  t.ok(result.position);
});

t.test(
  'a delete with the wrong expected revision fails with FAILED_PRECONDITION and the version trailers',
  async (t) => {
    const stream = await streamOf(1);
    const error: unknown = await client.deleteStream(stream, { expectedRevision: 2n }).catch((e: unknown) => e);
    t.type(error, WrongExpectedVersionError);
    if (error instanceof WrongExpectedVersionError) t.equal(error.expectedVersion, 2n);
    const wire = await rawDelete(stream, 2n);
    t.equal(wire?.code, grpc.status.FAILED_PRECONDITION);
    if (wire) {
      t.equal(trailer(wire, 'exception'), 'wrong-expected-version');
      t.equal(trailer(wire, 'stream-name'), stream);
      t.equal(trailer(wire, 'expected-version'), '2');
      t.equal(trailer(wire, 'actual-version'), '0');
    }
    await client.deleteStream(stream, { expectedRevision: 0n });
    t.type(await thrown(collect(client.readStream(stream))), StreamNotFoundError, 'the right revision deletes');
  },
);

t.test('a soft-deleted stream is recreated with revisions that continue from the old head', async (t) => {
  for (const expectedRevision of [ANY, NO_STREAM, 2n] as const) {
    const stream = await streamOf(3);
    await client.deleteStream(stream);
    const result = await client.appendToStream(stream, jsonEvent({ type: 'Reborn', data: {} }), { expectedRevision });
    t.equal(result.nextExpectedRevision, 3n, `${String(expectedRevision)}: revision 3`);
    const events = await collect(client.readStream(stream));
    t.same(
      events.map((e) => [e.event?.revision, e.event?.type]),
      [[3n, 'Reborn']],
      'only the new events are visible',
    );
    const { metadata } = await client.getStreamMetadata(stream);
    t.same(metadata, { truncateBefore: 3 }, '$tb = first new revision');
  }
});

t.test('appending to a soft-deleted stream with stream_exists is StreamDeleted', async (t) => {
  const stream = await streamOf(1);
  await client.deleteStream(stream);
  t.type(
    await thrown(
      client.appendToStream(stream, jsonEvent({ type: 'X', data: {} }), { expectedRevision: STREAM_EXISTS }),
    ),
    StreamDeletedError,
  );
});

t.test('writing metadata to a soft-deleted stream undeletes it with $tb at the old head + 1', async (t) => {
  const stream = await streamOf(3);
  await client.deleteStream(stream);
  await client.setStreamMetadata(stream, { maxCount: 10 });
  const { metadata } = await client.getStreamMetadata(stream);
  t.same(metadata, { maxCount: 10, truncateBefore: 3 });
  t.same(await collect(client.readStream(stream)), [], 'the stream exists again, with nothing visible');
  await client.appendToStream(stream, jsonEvent({ type: 'After', data: {} }));
  t.same(
    (await collect(client.readStream(stream))).map((e) => e.event?.revision),
    [3n],
  );
});

t.test('a tombstone writes $streamDeleted at revision 2^63-1 and works on a stream that never existed', async (t) => {
  const stream = await streamOf(1);
  const result = await client.tombstoneStream(stream);
  t.ok(result.position);
  const position = result.position;
  if (!position) return;
  const [record] = await collect(client.readAll({ fromPosition: position, maxCount: 1 }));
  t.equal(record?.event?.streamId, stream);
  t.equal(record?.event?.type, '$streamDeleted');
  t.equal(record?.event?.revision, TB_MAX);
  await client.tombstoneStream(uniqueStream('never'), { expectedRevision: NO_STREAM });
  await client.tombstoneStream(uniqueStream('never'), { expectedRevision: ANY });
  t.type(
    await thrown(client.tombstoneStream(uniqueStream('never'), { expectedRevision: 4n })),
    WrongExpectedVersionError,
  );
});

t.test('after a tombstone every append, delete, tombstone and read is StreamDeleted, for good', async (t) => {
  const stream = await streamOf(2);
  await client.tombstoneStream(stream);
  for (const expectedRevision of [ANY, NO_STREAM, STREAM_EXISTS, 1n] as const) {
    t.type(
      await thrown(client.appendToStream(stream, jsonEvent({ type: 'X', data: {} }), { expectedRevision })),
      StreamDeletedError,
      `append ${String(expectedRevision)}`,
    );
  }
  t.type(await thrown(client.deleteStream(stream)), StreamDeletedError, 'delete');
  t.type(await thrown(client.tombstoneStream(stream)), StreamDeletedError, 'tombstone');
  t.type(await thrown(collect(client.readStream(stream))), StreamDeletedError, 'read');
});

t.test(
  "a tombstoned stream's metastream is deleted too: reading or writing its metadata is StreamDeleted",
  async (t) => {
    const stream = await streamOf(1);
    await client.setStreamMetadata(stream, { maxCount: 4 });
    await client.tombstoneStream(stream);
    t.type(await thrown(client.getStreamMetadata(stream)), StreamDeletedError);
    t.type(await thrown(client.setStreamMetadata(stream, { maxCount: 5 })), StreamDeletedError);
    t.ok(
      await metastreamData(stream).then(
        () => false,
        (e: unknown) => e instanceof StreamDeletedError,
      ),
      'reading $$s directly',
    );
  },
);
