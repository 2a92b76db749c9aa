// esdb-protocol.md §5: reading a stream - not found, deleted, directions, inclusive starts, counts, links.
import t from 'tap';
import {
  BACKWARDS,
  binaryEvent,
  END,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  START,
  StreamDeletedError,
  StreamNotFoundError,
} from '@eventstore/db-client';
import type { ReadRevision, Direction } from '@eventstore/db-client';
import { usesExternalStore } from '../../helpers/esdb.js';
import {
  collect,
  countedStream,
  grpc,
  openConformanceStore,
  rawReadStream,
  sleep,
  streamsPb,
  thrown,
  trailer,
  uniqueStream,
} from './support.js';

const store = await openConformanceStore(t);
const { client, raw } = store;

const streamOf = (n: number): Promise<string> => countedStream(client, 'read', n);

async function revisions(
  stream: string,
  fromRevision: ReadRevision,
  direction: Direction,
  maxCount?: number,
): Promise<bigint[]> {
  const options = maxCount === undefined ? { fromRevision, direction } : { fromRevision, direction, maxCount };
  return (await collect(client.readStream(stream, options))).map((e) => e.event?.revision ?? -1n);
}

t.test(
  'a stream that was never written reads as StreamNotFoundError, sent as a stream_not_found message with status OK',
  async (t) => {
    const stream = uniqueStream('missing');
    const error: unknown = await collect(client.readStream(stream)).catch((e: unknown) => e);
    t.type(error, StreamNotFoundError);
    if (error instanceof StreamNotFoundError) t.equal(error.streamName, stream);
    const wire = await rawReadStream(raw.streams, stream);
    t.notOk(wire.error, 'not a gRPC error');
    t.equal(wire.responses.length, 1);
    t.equal(wire.responses[0]?.getContentCase(), streamsPb.ReadResp.ContentCase.STREAM_NOT_FOUND);
    t.equal(
      Buffer.from(wire.responses[0]?.getStreamNotFound()?.getStreamIdentifier()?.getStreamName() ?? '').toString(
        'utf8',
      ),
      stream,
    );
  },
);

t.test('a stream that only has metadata reads as not found', async (t) => {
  const stream = uniqueStream('metaonly');
  await client.setStreamMetadata(stream, { maxCount: 5 });
  t.type(await thrown(collect(client.readStream(stream))), StreamNotFoundError);
});

t.test(
  'a tombstoned stream fails with StreamDeletedError: FAILED_PRECONDITION, exception stream-deleted, stream-name',
  async (t) => {
    const stream = await streamOf(2);
    await client.tombstoneStream(stream);
    t.type(await thrown(collect(client.readStream(stream))), StreamDeletedError);
    const wire = await rawReadStream(raw.streams, stream);
    t.equal(wire.error?.code, grpc.status.FAILED_PRECONDITION);
    if (wire.error) {
      t.equal(trailer(wire.error, 'exception'), 'stream-deleted');
      t.equal(trailer(wire.error, 'stream-name'), stream);
    }
  },
);

t.test('forwards from a revision is inclusive, ascending and limited by count', async (t) => {
  const stream = await streamOf(10);
  t.same(await revisions(stream, START, FORWARDS), [0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n]);
  t.same(await revisions(stream, 4n, FORWARDS), [4n, 5n, 6n, 7n, 8n, 9n]);
  t.same(await revisions(stream, 4n, FORWARDS, 3), [4n, 5n, 6n]);
  t.same(await revisions(stream, START, FORWARDS, 1), [0n]);
  t.same(await revisions(stream, 10n, FORWARDS), [], 'from beyond the head: zero events, no error');
  t.same(await revisions(stream, 1_000_000n, FORWARDS), []);
});

t.test('backwards from a revision is inclusive and descending; from end starts at the last event', async (t) => {
  const stream = await streamOf(5);
  t.same(await revisions(stream, 1n, BACKWARDS), [1n, 0n], 'backwards from 1 gives 2 events');
  t.same(await revisions(stream, END, BACKWARDS), [4n, 3n, 2n, 1n, 0n]);
  t.same(await revisions(stream, END, BACKWARDS, 1), [4n], 'last event only');
  t.same(await revisions(stream, 3n, BACKWARDS, 2), [3n, 2n]);
  t.same(await revisions(stream, 99n, BACKWARDS), [4n, 3n, 2n, 1n, 0n], 'beyond the head behaves as from the head');
});

t.test(
  'forwards from end and a count of zero return zero events',
  {
    skip: usesExternalStore()
      ? 'the real server errors on both (the spec recommends zero events for the embedded store)'
      : false,
  },
  async (t) => {
    const stream = await streamOf(3);
    const fromEnd = await rawReadStream(raw.streams, stream, { from: 'end', direction: 'forwards' });
    t.notOk(fromEnd.error);
    t.equal(fromEnd.responses.filter((r) => r.hasEvent()).length, 0);
    const zero = await rawReadStream(raw.streams, stream, { count: 0n });
    t.notOk(zero.error);
    t.equal(zero.responses.filter((r) => r.hasEvent()).length, 0);
  },
);

t.test('breaking out of a read early cancels it and the store keeps serving', async (t) => {
  const stream = await streamOf(500);
  let seen = 0;
  for await (const _ of client.readStream(stream)) {
    seen += 1;
    if (seen === 3) break;
  }
  t.equal(seen, 3);
  t.equal((await revisions(stream, END, BACKWARDS, 1))[0], 499n);
});

// Client 6.2.1 race: when the call has already completed on the wire, breaking out of the loop unpipes the
// gRPC stream without consuming its end, cancel() is a no-op, and dispose() waits for it forever. The server
// can only narrow the window; the app's adapter cancels reads it stops early. The assertion is a todo when it
// fails, so the case stays visible without failing the suite.
t.test('breaking out of a read at its last event still lets the client dispose', async (t) => {
  const own = EventStoreDBClient.connectionString(store.connectionString);
  const stream = uniqueStream('lastbreak');
  await own.appendToStream(
    stream,
    [1, 2, 3].map((i) => jsonEvent({ type: 'Counted', data: { i } })),
  );
  for (let round = 0; round < 20; round += 1) {
    for await (const e of own.readStream(stream)) {
      if (e.event?.revision === 2n) break;
    }
    for await (const e of own.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 })) {
      if (e.event) break;
    }
  }
  const disposed = await Promise.race([own.dispose().then(() => true), sleep(5_000).then(() => false)]);
  t.ok(disposed, 'dispose() resolves within 5 s', {
    todo: disposed ? false : 'client 6.2.1 race on reads that already completed',
  });
});

t.test('a link read without resolving comes back as the $> record itself', async (t) => {
  const target = await streamOf(3);
  const links = uniqueStream('links');
  await client.appendToStream(links, binaryEvent({ type: '$>', data: Buffer.from(`1@${target}`, 'utf8') }));
  const [read] = await collect(client.readStream(links));
  t.equal(read?.event?.type, '$>');
  t.equal(read?.event?.streamId, links);
  t.equal(read?.link, undefined);
});

t.test('a resolved link carries the target event, identical to reading it directly, and the link record', async (t) => {
  const target = await streamOf(3);
  const links = uniqueStream('links');
  await client.appendToStream(links, binaryEvent({ type: '$>', data: Buffer.from(`1@${target}`, 'utf8') }));
  const [resolved] = await collect(client.readStream(links, { resolveLinkTos: true }));
  const [direct] = await collect(client.readStream(target, { fromRevision: 1n, maxCount: 1 }));
  t.same(resolved?.event, direct?.event, 'id, revision, created, position and data of the target');
  t.equal(resolved?.link?.type, '$>');
  t.equal(resolved?.link?.streamId, links);
  t.equal(resolved?.commitPosition, resolved?.link?.position?.commit, 'commit_position is the link record position');
});

t.test(
  'a link whose target is missing resolves to the link alone; unparsable link data is a plain event',
  async (t) => {
    const links = uniqueStream('links');
    const ghost = uniqueStream('ghost');
    await client.appendToStream(links, [
      binaryEvent({ type: '$>', data: Buffer.from(`7@${ghost}`, 'utf8') }),
      binaryEvent({ type: '$>', data: Buffer.from('not a link', 'utf8') }),
    ]);
    const [missing, garbled] = await collect(client.readStream(links, { resolveLinkTos: true }));
    t.equal(missing?.event, undefined, 'no event for a missing target');
    t.equal(missing?.link?.type, '$>');
    t.ok(garbled?.event, 'unparsable data is returned as the event');
    t.equal(garbled?.event?.type, '$>');
  },
);

t.test('a link to an event hidden by the target stream metadata resolves to the link alone', async (t) => {
  const target = await streamOf(5);
  await client.setStreamMetadata(target, { maxCount: 2 });
  const links = uniqueStream('links');
  await client.appendToStream(links, [
    binaryEvent({ type: '$>', data: Buffer.from(`0@${target}`, 'utf8') }),
    binaryEvent({ type: '$>', data: Buffer.from(`4@${target}`, 'utf8') }),
  ]);
  const [hidden, visible] = await collect(client.readStream(links, { resolveLinkTos: true }));
  t.equal(hidden?.event, undefined, 'revision 0 is truncated by $maxCount 2');
  t.equal(visible?.event?.revision, 4n);
});
