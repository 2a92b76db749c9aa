// Requests that cannot be decoded or make no sense get INVALID_ARGUMENT with a message, write nothing,
// and the store keeps serving.
import t from 'tap';
import * as grpc from '@grpc/grpc-js';
import { EventStoreDBClient, jsonEvent, START, FORWARDS, type ResolvedEvent } from '@eventstore/db-client';
import { startEmbeddedStore } from '../../../src/embedded/index.js';
import { streamsPb } from '../../../src/embedded/proto.js';

const store = await startEmbeddedStore({ memory: true, port: 0 });
const address = `127.0.0.1:${store.port}`;
const raw = new grpc.Client(address, grpc.credentials.createInsecure());
const client = EventStoreDBClient.connectionString(store.connectionString);
t.teardown(async () => {
  raw.close();
  await client.dispose();
  await store.close();
});

const identity = (b: Buffer): Buffer => b;
const GARBAGE = Buffer.from([0x0a, 0x05, 0x01, 0x02]);

function unary(method: string, body: Buffer): Promise<grpc.ServiceError | null> {
  return new Promise((resolve) => {
    raw.makeUnaryRequest(`/event_store.client.streams.Streams/${method}`, identity, identity, body, (error) =>
      resolve(error),
    );
  });
}

function read(body: Buffer): Promise<grpc.ServiceError | null> {
  return new Promise((resolve) => {
    const call = raw.makeServerStreamRequest('/event_store.client.streams.Streams/Read', identity, identity, body);
    call.on('data', () => undefined);
    call.on('error', (error: grpc.ServiceError) => resolve(error));
    call.on('end', () => resolve(null));
  });
}

function append(messages: Buffer[]): Promise<grpc.ServiceError | null> {
  return new Promise((resolve) => {
    const call = raw.makeClientStreamRequest(
      '/event_store.client.streams.Streams/Append',
      identity,
      identity,
      (error) => resolve(error),
    );
    for (const m of messages) call.write(m);
    call.end();
  });
}

async function allEvents(): Promise<number> {
  let n = 0;
  for await (const _ of client.readAll({ fromPosition: START, direction: FORWARDS }) as AsyncIterable<ResolvedEvent>)
    n += 1;
  return n;
}

t.test('undecodable requests are refused with INVALID_ARGUMENT and a message', async (t) => {
  const before = await allEvents();
  for (const method of ['Delete', 'Tombstone']) {
    const error = await unary(method, GARBAGE);
    t.equal(error?.code, grpc.status.INVALID_ARGUMENT, `${method}`);
    t.match(error?.details, /could not be decoded/);
  }
  const readError = await read(GARBAGE);
  t.equal(readError?.code, grpc.status.INVALID_ARGUMENT, 'Read');
  const appendError = await append([GARBAGE]);
  t.equal(appendError?.code, grpc.status.INVALID_ARGUMENT, 'Append');
  t.equal(await allEvents(), before, 'nothing was written');
});

t.test('an append whose events come before its options is refused and writes nothing', async (t) => {
  const message = new streamsPb.AppendReq.ProposedMessage();
  const request = new streamsPb.AppendReq();
  request.setProposedMessage(message);
  const error = await append([Buffer.from(request.serializeBinary())]);
  t.equal(error?.code, grpc.status.INVALID_ARGUMENT);
  t.match(error?.details, /options/);
});

t.test('a read request without options is refused', async (t) => {
  const error = await read(Buffer.from(new streamsPb.ReadReq().serializeBinary()));
  t.equal(error?.code, grpc.status.INVALID_ARGUMENT);
  t.match(error?.details, /options/);
});

t.test('after bad requests the store still serves the official client', async (t) => {
  const result = await client.appendToStream(`after-bad-${Date.now()}`, jsonEvent({ type: 'Fine', data: {} }));
  t.equal(result.success, true);
});
