// esdb-protocol.md §4.3: BatchAppend - multiplexing, multi-chunk appends, deadlines, Status/Any errors, load.
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { DeadlineExceededError, jsonEvent, StreamNotFoundError } from '@eventstore/db-client';
import sharedPbModule from '@eventstore/db-client/generated/shared_pb.js';
import type { BatchAppendResp } from '@eventstore/db-client/generated/streams_pb.js';
import {
  batchRequest,
  collect,
  grpc,
  openConformanceStore,
  proposed,
  rawBatchAppend,
  thrown,
  uniqueStream,
} from './support.js';

const store = await openConformanceStore(t);
const { client, raw } = store;

t.test('an append split into 1 KiB chunks arrives whole, in order, as one append', async (t) => {
  const stream = uniqueStream('chunks');
  const events = Array.from({ length: 5_000 }, (_, i) =>
    jsonEvent({ type: 'Chunked', data: { i, pad: 'x'.repeat(40) } }),
  );
  // A long deadline (the client's default is 10 s) so a busy machine cannot turn this into a timeout.
  const result = await client.appendToStream(stream, events, { batchAppendSize: 1024, deadline: 60_000 });
  t.equal(result.nextExpectedRevision, 4_999n);
  const read = await collect(client.readStream(stream));
  t.equal(read.length, 5_000);
  t.ok(
    read.every((e, i) => e.event?.revision === BigInt(i) && e.event.id === events[i]?.id),
    'every event at its revision',
  );
});

t.test('an append whose deadline has passed fails with DeadlineExceededError and writes nothing', async (t) => {
  const stream = uniqueStream('deadline');
  const events = Array.from({ length: 30_000 }, (_, i) => jsonEvent({ type: 'Late', data: { i } }));
  t.type(await thrown(client.appendToStream(stream, events, { deadline: 1 })), DeadlineExceededError);
  t.type(await thrown(collect(client.readStream(stream))), StreamNotFoundError);
});

t.test('a request with an expired deadline is answered DEADLINE_EXCEEDED with a Timeout detail', async (t) => {
  const stream = uniqueStream('deadline');
  const correlationId = randomUUID();
  const { responses } = await rawBatchAppend(
    raw.streams,
    [
      batchRequest({
        correlationId,
        stream,
        deadline: new Date(Date.now() - 1_000),
        events: [proposed('Late')],
        isFinal: true,
      }),
    ],
    1,
  );
  const status = responses[0]?.getError();
  t.equal(responses[0]?.getCorrelationId()?.getString(), correlationId);
  t.equal(status?.getCode(), 4);
  t.equal(status?.getMessage(), 'Timeout');
  t.equal(status?.getDetails()?.getTypeUrl(), 'type.googleapis.com/event_store.client.Timeout');
});

t.test('interleaved chunks of two correlation ids each get exactly one answer with their own id', async (t) => {
  const [one, two] = [uniqueStream('mux'), uniqueStream('mux')];
  const [a, b] = [randomUUID(), randomUUID()];
  const requests = [
    batchRequest({ correlationId: a, stream: one, expected: 'no_stream', events: [proposed('A1')], isFinal: false }),
    batchRequest({
      correlationId: b,
      stream: two,
      expected: 'no_stream',
      events: [proposed('B1'), proposed('B2')],
      isFinal: false,
    }),
    batchRequest({ correlationId: a, events: [proposed('A2'), proposed('A3')], isFinal: true }),
    batchRequest({ correlationId: b, events: [proposed('B3')], isFinal: true }),
  ];
  const { responses } = await rawBatchAppend(raw.streams, requests, 2);
  t.equal(responses.length, 2);
  const byId = new Map(responses.map((r) => [r.getCorrelationId()?.getString(), r]));
  t.equal(byId.get(a)?.getSuccess()?.getCurrentRevision(), '2');
  t.equal(byId.get(b)?.getSuccess()?.getCurrentRevision(), '2');
  t.same(
    (await collect(client.readStream(one))).map((e) => e.event?.type),
    ['A1', 'A2', 'A3'],
  );
  t.same(
    (await collect(client.readStream(two))).map((e) => e.event?.type),
    ['B1', 'B2', 'B3'],
  );
});

t.test('the BatchAppend stream stays open after an answer and serves the next request', async (t) => {
  const stream = uniqueStream('open');
  const call = raw.streams.batchAppend(new grpc.Metadata());
  t.teardown(() => call.cancel());
  const answers: BatchAppendResp[] = [];
  const next = (): Promise<BatchAppendResp> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer within 10 s')), 10_000);
      call.once('data', (resp: BatchAppendResp) => {
        clearTimeout(timer);
        answers.push(resp);
        resolve(resp);
      });
    });
  call.on('error', () => undefined);
  const first = next();
  call.write(batchRequest({ correlationId: randomUUID(), stream, events: [proposed('One')], isFinal: true }));
  await first;
  await new Promise((resolve) => setTimeout(resolve, 200));
  const second = next();
  call.write(batchRequest({ correlationId: randomUUID(), stream, events: [proposed('Two')], isFinal: true }));
  const resp = await second;
  t.equal(resp.getSuccess()?.getCurrentRevision(), '1');
  const read = await collect(client.readStream(stream));
  t.equal(
    resp.getSuccess()?.getPosition()?.getCommitPosition(),
    read[1]?.event?.position?.commit.toString(),
    'position of the last event',
  );
});

t.test('an oversized append is answered INVALID_ARGUMENT with MaximumAppendSizeExceeded{maxAppendSize}', async (t) => {
  const stream = uniqueStream('oversize');
  const correlationId = randomUUID();
  const big = {
    id: randomUUID(),
    type: 'Big',
    contentType: 'application/octet-stream',
    data: new Uint8Array(1_100_000),
  };
  const { responses } = await rawBatchAppend(
    raw.streams,
    [batchRequest({ correlationId, stream, events: [big], isFinal: true })],
    1,
  );
  const resp = responses[0];
  t.equal(Buffer.from(resp?.getStreamIdentifier()?.getStreamName() ?? '').toString('utf8'), stream);
  const status = resp?.getError();
  t.equal(status?.getCode(), 3);
  t.equal(status?.getMessage(), 'MaximumAppendSizeExceeded');
  const any = status?.getDetails();
  t.equal(any?.getTypeUrl(), 'type.googleapis.com/event_store.client.MaximumAppendSizeExceeded');
  const detail = any?.unpack(
    sharedPbModule.MaximumAppendSizeExceeded.deserializeBinary,
    'event_store.client.MaximumAppendSizeExceeded',
  );
  t.equal(detail?.getMaxappendsize(), 1_048_576);
});

t.test('an append to a tombstoned stream is answered NOT_FOUND with a StreamDeleted detail', async (t) => {
  const stream = uniqueStream('tomb');
  await client.tombstoneStream(stream);
  const correlationId = randomUUID();
  const { responses } = await rawBatchAppend(
    raw.streams,
    [batchRequest({ correlationId, stream, events: [proposed('X')], isFinal: true })],
    1,
  );
  const status = responses[0]?.getError();
  t.equal(status?.getCode(), 5);
  t.equal(status?.getMessage(), 'StreamDeleted');
  t.equal(status?.getDetails()?.getTypeUrl(), 'type.googleapis.com/event_store.client.StreamDeleted');
  t.equal(Buffer.from(responses[0]?.getStreamIdentifier()?.getStreamName() ?? '').toString('utf8'), stream);
});

t.test('ten thousand concurrent ~1 KiB appends to one stream on one BatchAppend stream all succeed', async (t) => {
  const stream = uniqueStream('flood');
  const pad = 'x'.repeat(1_000);
  // Every append's deadline starts when it is queued, so under load the last ones wait behind the others
  // for a while: a long deadline (the client's default is 10 s) keeps that from becoming a timeout.
  const results = await Promise.allSettled(
    Array.from({ length: 10_000 }, (_, i) =>
      client.appendToStream(stream, jsonEvent({ type: 'Flood', data: { i, pad } }), { deadline: 120_000 }),
    ),
  );
  const failed = results.filter((r) => r.status === 'rejected');
  t.equal(failed.length, 0, `no append failed (${String(failed[0]?.status === 'rejected' ? failed[0].reason : '')})`);
  const revisions = new Set(results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.nextExpectedRevision] : [])));
  t.equal(revisions.size, 10_000, 'each append got its own revision');
  const read = await collect(client.readStream(stream));
  t.equal(read.length, 10_000);
});
