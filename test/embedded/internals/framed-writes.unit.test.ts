// Messages written as one HTTP/2 write (framed-writes.ts) must reach a gRPC client as the same messages, in
// the same order, as grpc-js's own call.write would send them.
import { once } from 'node:events';
import t from 'tap';
import fc from 'fast-check';
import { Client, Server, ServerCredentials, credentials, type ServerWritableStream } from '@grpc/grpc-js';
import { BaseServerInterceptingCall } from '@grpc/grpc-js/build/src/server-interceptors.js';
import { frameMessages, framedWriter } from '../../../src/embedded/grpc/framed-writes.js';

const identity = (b: Buffer): Buffer => b;

/** What grpc-js's serializeMessage makes of each message, one after the other. */
function viaGrpcJs(messages: readonly Buffer[]): Buffer {
  const serialize = Reflect.get(BaseServerInterceptingCall.prototype, 'serializeMessage') as (v: Buffer) => Buffer;
  const self = { handler: { serialize: identity } };
  return Buffer.concat(messages.map((m) => serialize.call(self, m)));
}

t.test('a batch is framed byte for byte as grpc-js frames each of its messages', (t) => {
  fc.assert(
    fc.property(fc.array(fc.uint8Array({ maxLength: 3000 }), { maxLength: 40 }), (arrays) => {
      const messages = arrays.map((a) => Buffer.from(a));
      t.same(frameMessages(messages), viaGrpcJs(messages));
    }),
    { numRuns: 200 },
  );
  t.end();
});

t.test('an object that is not grpc-js server call gets no framed writer', (t) => {
  t.equal(framedWriter({} as ServerWritableStream<unknown, Buffer>), null);
  t.equal(framedWriter({ call: { stream: {} } } as unknown as ServerWritableStream<unknown, Buffer>), null);
  t.end();
});

const PATH = '/test.Framed/Read';
const definition = {
  read: {
    path: PATH,
    requestStream: false,
    responseStream: true,
    requestSerialize: identity,
    requestDeserialize: identity,
    responseSerialize: identity,
    responseDeserialize: identity,
  },
};

const message = (i: number, size: number): Buffer => Buffer.alloc(size, i % 251).fill(`#${i};`, 0, Math.min(size, 8));

t.test('a client reads batches and single writes in the order the server wrote them', async (t) => {
  const server = new Server({ 'grpc.max_send_message_length': 64 * 1024 });
  const expected: Buffer[] = [];
  let writerFound = false;
  let fallbacks = 0;
  server.addService(definition, {
    read: (call: ServerWritableStream<Buffer, Buffer>) => {
      const writer = framedWriter(call);
      writerFound = writer !== null;
      const abort = new AbortController();
      call.on('cancelled', () => abort.abort());
      void (async () => {
        let n = 0;
        // Single writes through grpc-js, then batches, some past the client's 64 KB flow-control window,
        // then a write through grpc-js again, a message over the call's limit, and the status.
        for (; n < 3; n++) call.write(message(n, 100));
        for (const [count, size] of [
          [10, 800],
          [300, 1000],
          [1, 5],
          [50, 4000],
        ] as const) {
          const batch = Array.from({ length: count }, (_, i) => message(n + i, size));
          n += count;
          // As read-output.ts does: through grpc-js when the writer declines, then wait for its drain.
          if (!(await writer?.write(frameMessages(batch), size, abort.signal))) {
            fallbacks += 1;
            for (const m of batch) call.write(m);
            if (call.writableNeedDrain) await once(call, 'drain');
          }
        }
        call.write(message(n, 100));
        n += 1;
        const big = [message(n, 70 * 1024)];
        t.equal(
          await writer?.write(frameMessages(big), 70 * 1024, abort.signal),
          false,
          'a message over the limit is left to grpc-js',
        );
        call.end();
      })();
    },
  });
  for (let n = 0; n < 3; n++) expected.push(message(n, 100));
  let n = 3;
  for (const [count, size] of [
    [10, 800],
    [300, 1000],
    [1, 5],
    [50, 4000],
  ] as const)
    for (let i = 0; i < count; i++) expected.push(message(n++, size));
  expected.push(message(n, 100));

  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, p) =>
      error ? reject(error) : resolve(p),
    ),
  );
  const client = new Client(`127.0.0.1:${port}`, credentials.createInsecure());
  try {
    const received: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      const call = client.makeServerStreamRequest(PATH, identity, identity, Buffer.alloc(0));
      call.on('data', (m: Buffer) => received.push(m));
      call.on('error', reject);
      call.on('status', (s: { code: number }) => (s.code === 0 ? resolve() : reject(new Error(`status ${s.code}`))));
    });
    t.ok(writerFound, 'the grpc-js of package.json has the call this relies on');
    // The first two batches find grpc-js still holding single writes (13 messages, under its Writable's 16:
    // no drain to wait for; then 313); once it has drained, the batches go as one write each.
    t.equal(fallbacks, 2, 'batches go through grpc-js while it holds earlier writes, as one write after');
    t.equal(received.length, expected.length);
    t.ok(
      received.every((m, i) => m.equals(expected[i] ?? Buffer.alloc(0))),
      'every message arrives whole, in order',
    );
  } finally {
    client.close();
    await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
  }
});
