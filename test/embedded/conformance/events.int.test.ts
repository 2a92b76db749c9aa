// esdb-protocol.md §3: events as stored and returned (created, content-type, metadata, positions, sizes, atomicity).
import t from 'tap';
import { randomUUID } from 'node:crypto';
import {
  binaryEvent,
  EventStoreDBClient,
  jsonEvent,
  MaxAppendSizeExceededError,
  StreamNotFoundError,
  FORWARDS,
} from '@eventstore/db-client';
import {
  addressOf,
  bytesOf,
  collect,
  grpc,
  openConformanceStore,
  rawAppend,
  rawReadStream,
  thrown,
  trailer,
  uniqueStream,
} from './support.js';

const store = await openConformanceStore(t);
const { client, raw } = store;

t.test('created is the write time in .NET ticks since the Unix epoch', async (t) => {
  const stream = uniqueStream('created');
  const before = Date.now();
  await client.appendToStream(stream, jsonEvent({ type: 'Stamped', data: {} }));
  const after = Date.now();
  const [read] = await collect(client.readStream(stream));
  const created = read?.event?.created.getTime() ?? 0;
  t.ok(created >= before && created <= after, `${before} <= ${created} <= ${after}`);
  const wire = await rawReadStream(raw.streams, stream);
  const ticks = wire.responses[0]?.getEvent()?.getEvent()?.getMetadataMap().get('created') ?? '';
  t.match(ticks, /^\d+$/, 'a decimal string');
  const ms = Number(BigInt(ticks) / 10_000n);
  t.ok(ms >= before && ms <= after, 'ticks / 10 000 is the Unix time in ms');
});

t.test('content-type collapses to application/json or application/octet-stream', async (t) => {
  const stream = uniqueStream('ctype');
  const outcome = await rawAppend(raw.streams, stream, 'any', [
    { id: randomUUID(), type: 'A', contentType: 'application/json', data: '{"a":1}' },
    { id: randomUUID(), type: 'B', contentType: 'text/plain', data: 'hello' },
    { id: randomUUID(), type: 'C', contentType: 'application/xml', data: '<x/>' },
  ]);
  t.notOk(outcome.error);
  const wire = await rawReadStream(raw.streams, stream);
  const metas = wire.responses.map((r) => r.getEvent()?.getEvent()?.getMetadataMap());
  t.same(
    metas.map((m) => m?.get('content-type')),
    ['application/json', 'application/octet-stream', 'application/octet-stream'],
  );
  t.same(
    metas.map((m) => m?.get('type')),
    ['A', 'B', 'C'],
  );
  t.same(
    metas.map((m) => (m ? [...m.keys()].sort() : [])),
    [0, 1, 2].map(() => ['content-type', 'created', 'type']),
    'the metadata map holds exactly type, content-type and created',
  );
});

t.test('malformed JSON is stored as-is and the client falls back to the raw string', async (t) => {
  const stream = uniqueStream('badjson');
  const body = '{"amount": 12,, oops';
  const outcome = await rawAppend(raw.streams, stream, 'any', [
    { id: randomUUID(), type: 'Broken', contentType: 'application/json', data: body },
  ]);
  t.notOk(outcome.error, 'JSON is not validated');
  const [read] = await collect(client.readStream(stream));
  t.equal(read?.event?.isJson, true);
  t.equal(read?.event?.data, body);
});

t.test('custom metadata bytes and binary data come back byte for byte', async (t) => {
  const stream = uniqueStream('meta');
  const bytes = Uint8Array.from([0, 255, 1, 254, 0x7b, 10, 13, 0]);
  const data = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256);
  const jsonMeta = { actor: 'นักเจรจา', note: 'emoji 😀', nested: { n: 1 } };
  await client.appendToStream(stream, [
    binaryEvent({ type: 'Bin', data, metadata: bytes }),
    jsonEvent({ type: 'Json', data: { ok: true }, metadata: jsonMeta }),
    jsonEvent({ type: 'NoMeta', data: { ok: true } }),
  ]);
  const events = await collect(client.readStream(stream));
  t.same(bytesOf(events[0]?.event?.data), Buffer.from(data));
  t.same(bytesOf(events[0]?.event?.metadata), Buffer.from(bytes));
  t.same(events[1]?.event?.metadata, jsonMeta);
  t.equal(events[2]?.event?.metadata, undefined, 'empty custom metadata reads back as undefined');
  const spaced = Buffer.from('{ "b" : 1,\n  "a":"ไทย" }', 'utf8');
  await rawAppend(raw.streams, stream, 'any', [
    { id: randomUUID(), type: 'Spaced', contentType: 'application/json', data: '{}', customMetadata: spaced },
  ]);
  const wire = await rawReadStream(raw.streams, stream, { from: 'end', direction: 'backwards', count: 1n });
  t.same(
    Buffer.from(wire.responses[0]?.getEvent()?.getEvent()?.getCustomMetadata_asU8() ?? []),
    spaced,
    'JSON metadata is not re-serialised',
  );
});

t.test('positions have commit equal to prepare, grow, and the append result names the last event', async (t) => {
  const stream = uniqueStream('pos');
  const result = await client.appendToStream(
    stream,
    [1, 2, 3].map((n) => jsonEvent({ type: 'N', data: { n } })),
  );
  const events = await collect(client.readStream(stream));
  let previous = 0n;
  for (const e of events) {
    const position = e.event?.position;
    t.ok(position, 'a stream read carries positions');
    if (!position) continue;
    t.equal(position.commit, position.prepare, 'commit == prepare');
    t.ok(position.commit > previous, 'strictly increasing and > 0');
    t.equal(e.commitPosition, position.commit, 'ReadEvent.commit_position is the record position');
    previous = position.commit;
  }
  t.same(result.position, events[2]?.event?.position, 'the append result is the position of the last event');
  t.equal(result.nextExpectedRevision, 2n);
});

t.test('an event without a type or content-type is refused with missing-required-metadata-property', async (t) => {
  for (const missing of ['type', 'content-type'] as const) {
    const stream = uniqueStream('missing');
    const outcome = await rawAppend(raw.streams, stream, 'any', [
      missing === 'type'
        ? { id: randomUUID(), contentType: 'application/json', data: '{}' }
        : { id: randomUUID(), type: 'T', data: '{}' },
    ]);
    const error = outcome.error;
    t.ok(error, `missing ${missing} fails`);
    if (!error) continue;
    t.equal(error.code, grpc.status.INVALID_ARGUMENT);
    t.equal(trailer(error, 'exception'), 'missing-required-metadata-property');
    t.equal(trailer(error, 'required-metadata-properties'), 'type,content-type');
    t.type(await thrown(collect(client.readStream(stream))), StreamNotFoundError, 'nothing was written');
  }
});

t.test('an empty event type or an all-zero event id is refused and nothing is written', async (t) => {
  const cases = [
    { id: randomUUID(), type: '', contentType: 'application/json', data: '{}' },
    { id: '00000000-0000-0000-0000-000000000000', type: 'T', contentType: 'application/json', data: '{}' },
  ];
  for (const event of cases) {
    const stream = uniqueStream('invalid');
    const outcome = await rawAppend(raw.streams, stream, 'any', [
      { id: randomUUID(), type: 'Ok', contentType: 'application/json', data: '{}' },
      event,
    ]);
    t.ok(outcome.error, `refused: ${JSON.stringify(event)}`);
    t.type(await thrown(collect(client.readStream(stream))), StreamNotFoundError, 'the whole append was refused');
  }
});

t.test(
  'an append whose size on disk exceeds 1 MiB is refused with MaxAppendSizeExceededError carrying maxAppendSize',
  async (t) => {
    const type = 'Sized';
    const limit = 1_048_576;
    const exact = uniqueStream('size');
    const fits = await client.appendToStream(
      exact,
      binaryEvent({ type, data: new Uint8Array(limit - 2 * type.length) }),
    );
    t.equal(fits.nextExpectedRevision, 0n, 'data + metadata + 2 * type == 1 MiB is accepted');

    const over = uniqueStream('size');
    const error: unknown = await client
      .appendToStream(over, [
        binaryEvent({ type, data: new Uint8Array(limit - 2 * type.length) }),
        binaryEvent({ type, data: new Uint8Array(1) }),
      ])
      .catch((e: unknown) => e);
    t.type(error, MaxAppendSizeExceededError, 'BatchAppend path');
    if (error instanceof MaxAppendSizeExceededError) t.equal(error.maxAppendSize, limit);

    // ~60 bytes each, ~2.4 MB together; a long deadline so a busy machine cannot turn this into a timeout.
    const many = Array.from({ length: 40_000 }, (_, i) =>
      jsonEvent({ type: 'Small', data: { i, pad: 'p'.repeat(30) } }),
    );
    const manyError: unknown = await client.appendToStream(over, many, { deadline: 60_000 }).catch((e: unknown) => e);
    t.type(manyError, MaxAppendSizeExceededError, '40 000 small events over 1 MiB together are refused as one append');

    const unary = new EventStoreDBClient({ endpoint: addressOf(store.connectionString) }, { insecure: true });
    t.teardown(() => unary.dispose());
    const unaryError: unknown = await unary
      .appendToStream(over, binaryEvent({ type, data: new Uint8Array(limit) }), {
        credentials: { username: 'admin', password: 'changeit' },
      })
      .catch((e: unknown) => e);
    t.type(unaryError, MaxAppendSizeExceededError, 'unary Append path');
    if (unaryError instanceof MaxAppendSizeExceededError) t.equal(unaryError.maxAppendSize, limit);
    t.type(await thrown(collect(client.readStream(over))), StreamNotFoundError, 'nothing was written');
  },
);

t.test('the events of one append are contiguous in $all with consecutive revisions', async (t) => {
  const streams = Array.from({ length: 8 }, () => uniqueStream('atomic'));
  const results = await Promise.all(
    streams.map((s) =>
      client.appendToStream(
        s,
        Array.from({ length: 20 }, (_, i) => jsonEvent({ type: 'Part', data: { i } })),
      ),
    ),
  );
  const firsts = await Promise.all(
    streams.map(async (s) => (await collect(client.readStream(s, { maxCount: 1 })))[0]?.event?.position),
  );
  const start = firsts.reduce((a, b) => (b && a && b.commit < a.commit ? b : a));
  const last = results.reduce((a, b) =>
    b.position && a.position && b.position.commit > a.position.commit ? b : a,
  ).position;
  t.ok(start && last);
  if (!start || !last) return;
  const ours = new Set(streams);
  const seen: { stream: string; revision: bigint }[] = [];
  for await (const e of client.readAll({ fromPosition: start, direction: FORWARDS })) {
    if (!e.event) continue;
    if (e.event.position.commit > last.commit) break;
    if (ours.has(e.event.streamId)) seen.push({ stream: e.event.streamId, revision: e.event.revision });
  }
  t.equal(seen.length, 160);
  for (let i = 0; i < seen.length; i += 20) {
    const block = seen.slice(i, i + 20);
    t.ok(
      block.every((e, j) => e.stream === block[0]?.stream && e.revision === BigInt(j)),
      `append ${i / 20} occupies 20 consecutive $all slots with revisions 0..19`,
    );
  }
});
