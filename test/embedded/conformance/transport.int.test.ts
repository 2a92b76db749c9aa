// esdb-protocol.md §1: transport, headers, message size, error trailers.
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, jsonEvent, StreamNotFoundError } from '@eventstore/db-client';
import {
  addressOf,
  collect,
  grpc,
  isServiceError,
  openConformanceStore,
  rawAppend,
  thrown,
  trailer,
  uniqueStream,
} from './support.js';

const store = await openConformanceStore(t);
const { raw } = store;

t.test('the official client appends and reads over plain HTTP/2 without TLS', async (t) => {
  const stream = uniqueStream('transport');
  await store.client.appendToStream(stream, jsonEvent({ type: 'Pinged', data: { n: 1 } }));
  const events = await collect(store.client.readStream(stream));
  t.equal(events.length, 1);
  t.equal(events[0]?.event?.type, 'Pinged');
});

t.test('calls carrying a connection-name and requires-leader headers are served', async (t) => {
  const client = new EventStoreDBClient(
    { endpoint: addressOf(store.connectionString), connectionName: 'conformance-suite' },
    { insecure: true },
  );
  t.teardown(() => client.dispose());
  const stream = uniqueStream('headers');
  await client.appendToStream(stream, jsonEvent({ type: 'Pinged', data: {} }), { requiresLeader: true });
  const events = await collect(client.readStream(stream, { requiresLeader: true }));
  t.equal(events.length, 1);
});

t.test('credentials configured on an insecure connection are ignored and the server asks for none', async (t) => {
  const client = new EventStoreDBClient(
    { endpoint: addressOf(store.connectionString) },
    { insecure: true },
    { username: 'nobody', password: 'wrong-password' },
  );
  t.teardown(() => client.dispose());
  const stream = uniqueStream('noauth');
  const result = await client.appendToStream(stream, jsonEvent({ type: 'Pinged', data: {} }));
  t.equal(result.nextExpectedRevision, 0n);
  const events = await collect(client.readStream(stream));
  t.equal(events.length, 1);
});

t.test(
  'a 5 MiB request reaches the server (no RESOURCE_EXHAUSTED) and is refused for exceeding the max append size',
  async (t) => {
    const stream = uniqueStream('big');
    const data = Buffer.alloc(5 * 1024 * 1024, 0x61);
    const outcome = await rawAppend(raw.streams, stream, 'any', [
      { id: randomUUID(), type: 'Big', contentType: 'application/octet-stream', data },
    ]);
    t.ok(outcome.error, 'the append fails');
    const error = outcome.error;
    if (!error) return;
    t.not(error.code, grpc.status.RESOURCE_EXHAUSTED, 'not refused by the transport');
    t.equal(error.code, grpc.status.INVALID_ARGUMENT);
    t.equal(trailer(error, 'exception'), 'maximum-append-size-exceeded');
    t.equal(trailer(error, 'maximum-append-size'), '1048576');
    t.type(await thrown(collect(store.client.readStream(stream))), StreamNotFoundError, 'nothing was written');
  },
);

t.test('a gRPC error carries the exception trailer and the stream-name the client reads unguarded', async (t) => {
  const stream = uniqueStream('trailers');
  await store.client.appendToStream(stream, jsonEvent({ type: 'Pinged', data: {} }));
  await store.client.tombstoneStream(stream);
  const outcome = await rawAppend(raw.streams, stream, 'any', [
    { id: randomUUID(), type: 'Pinged', contentType: 'application/json', data: '{}' },
  ]);
  const error = outcome.error;
  t.ok(error, 'appending to a tombstoned stream fails');
  if (!error) return;
  t.equal(error.code, grpc.status.FAILED_PRECONDITION);
  t.equal(trailer(error, 'exception'), 'stream-deleted');
  t.equal(trailer(error, 'stream-name'), stream);
});

t.test('a malformed request gets an error and the server keeps serving everyone else', async (t) => {
  const client = new grpc.Client(raw.address, grpc.credentials.createInsecure());
  t.teardown(() => client.close());
  const garbage = Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x12, 0x99]);
  const error = await new Promise<unknown>((resolve) => {
    const call = client.makeClientStreamRequest<Buffer, Buffer>(
      '/event_store.client.streams.Streams/Append',
      (b) => b,
      (b) => b,
      new grpc.Metadata(),
      { deadline: Date.now() + 10_000 },
      (err) => resolve(err),
    );
    call.write(garbage);
    call.end();
  });
  t.ok(isServiceError(error), 'the malformed call fails with a gRPC status');
  if (isServiceError(error)) {
    t.not(error.code, grpc.status.OK);
    t.not(error.code, grpc.status.UNIMPLEMENTED);
  }
  const stream = uniqueStream('after-garbage');
  await store.client.appendToStream(stream, jsonEvent({ type: 'Pinged', data: {} }));
  t.equal((await collect(store.client.readStream(stream))).length, 1, 'a normal append still works');
});
