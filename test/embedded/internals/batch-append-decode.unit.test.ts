// The hand-written BatchAppendReq decoder must read exactly what the generated classes read, and leave
// shapes it does not read to them.
import t from 'tap';
import fc from 'fast-check';
import timestampPb from 'google-protobuf/google/protobuf/timestamp_pb.js';
import { emptyPb, sharedPb, streamsPb } from '../../../src/embedded/proto.js';
import {
  fastDecodeBatchAppendReq,
  type BatchAppendRequestLike,
} from '../../../src/embedded/grpc/batch-append-decode.js';
import type { UuidLike } from '../../../src/embedded/grpc/convert.js';

/** Everything the handler reads of a request, through the getters both decoders provide. */
function view(request: BatchAppendRequestLike): unknown {
  const uuid = (u: UuidLike | undefined): unknown =>
    u === undefined
      ? null
      : u.hasStructured()
        ? { ms: u.getStructured()?.getMostSignificantBits(), ls: u.getStructured()?.getLeastSignificantBits() }
        : u.getString();
  const options = request.getOptions();
  return {
    correlationId: uuid(request.getCorrelationId()),
    options:
      options === undefined
        ? null
        : {
            stream:
              options.getStreamIdentifier() === undefined
                ? null
                : [...(options.getStreamIdentifier()?.getStreamName_asU8() ?? [])],
            position: options.hasStreamPosition() ? options.getStreamPosition() : null,
            noStream: options.hasNoStream(),
            any: options.hasAny(),
            streamExists: options.hasStreamExists(),
            deadline:
              options.getDeadline() === undefined
                ? null
                : [options.getDeadline()?.getSeconds(), options.getDeadline()?.getNanos()],
          },
    messages: request.getProposedMessagesList().map((m) => ({
      id: uuid(m.getId()),
      type: m.getMetadataMap().get('type') ?? null,
      contentType: m.getMetadataMap().get('content-type') ?? null,
      other: m.getMetadataMap().get('x') ?? null,
      data: [...m.getData_asU8()],
      metadata: [...m.getCustomMetadata_asU8()],
    })),
    isFinal: request.getIsFinal(),
  };
}

const uuid = fc.oneof(
  fc.uuid().map((id) => ({ kind: 'string' as const, id })),
  fc
    .tuple(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }))
    .map(([ms, ls]) => ({ kind: 'structured' as const, ms, ls })),
);
type UuidSpec = typeof uuid extends fc.Arbitrary<infer U> ? U : never;

function uuidMsg(spec: UuidSpec): InstanceType<typeof sharedPb.UUID> {
  const m = new sharedPb.UUID();
  if (spec.kind === 'string') m.setString(spec.id);
  else {
    const s = new sharedPb.UUID.Structured();
    s.setMostSignificantBits(spec.ms.toString());
    s.setLeastSignificantBits(spec.ls.toString());
    m.setStructured(s);
  }
  return m;
}

const text = fc.string({ maxLength: 40, unit: 'grapheme' });
const request = fc.record({
  correlationId: fc.option(uuid),
  options: fc.option(
    fc.record({
      stream: fc.option(fc.uint8Array({ maxLength: 60 })),
      expected: fc.oneof(
        fc.constant('none'),
        fc.constant('no_stream'),
        fc.constant('any'),
        fc.constant('stream_exists'),
        fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
      ),
      deadline: fc.option(fc.tuple(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 0, max: 999_999_999 }))),
    }),
  ),
  messages: fc.array(
    fc.record({
      id: fc.option(uuid),
      type: fc.option(text),
      contentType: fc.option(text),
      other: fc.option(text),
      data: fc.uint8Array({ maxLength: 300 }),
      metadata: fc.uint8Array({ maxLength: 50 }),
    }),
    { maxLength: 4 },
  ),
  isFinal: fc.boolean(),
});
type RequestSpec = typeof request extends fc.Arbitrary<infer R> ? R : never;

function encode(spec: RequestSpec): Uint8Array {
  const req = new streamsPb.BatchAppendReq();
  if (spec.correlationId !== null) req.setCorrelationId(uuidMsg(spec.correlationId));
  if (spec.options !== null) {
    const o = new streamsPb.BatchAppendReq.Options();
    if (spec.options.stream !== null) {
      const id = new sharedPb.StreamIdentifier();
      id.setStreamName(spec.options.stream);
      o.setStreamIdentifier(id);
    }
    const e = spec.options.expected;
    if (e === 'no_stream') o.setNoStream(new emptyPb.Empty());
    else if (e === 'any') o.setAny(new emptyPb.Empty());
    else if (e === 'stream_exists') o.setStreamExists(new emptyPb.Empty());
    else if (typeof e === 'bigint') o.setStreamPosition(e.toString());
    if (spec.options.deadline !== null) {
      const ts = new timestampPb.Timestamp();
      ts.setSeconds(spec.options.deadline[0]);
      ts.setNanos(spec.options.deadline[1]);
      o.setDeadline(ts);
    }
    req.setOptions(o);
  }
  for (const m of spec.messages) {
    const p = new streamsPb.BatchAppendReq.ProposedMessage();
    if (m.id !== null) p.setId(uuidMsg(m.id));
    if (m.type !== null) p.getMetadataMap().set('type', m.type);
    if (m.contentType !== null) p.getMetadataMap().set('content-type', m.contentType);
    if (m.other !== null) p.getMetadataMap().set('x', m.other);
    p.setData(m.data);
    p.setCustomMetadata(m.metadata);
    req.addProposedMessages(p);
  }
  req.setIsFinal(spec.isFinal);
  return req.serializeBinary();
}

const structured = (spec: RequestSpec): boolean =>
  spec.correlationId?.kind === 'structured' || spec.messages.some((m) => m.id?.kind === 'structured');

t.test('a BatchAppend request decodes by hand to what the generated classes read, or is left to them', (t) => {
  fc.assert(
    fc.property(request, (spec) => {
      const bytes = encode(spec);
      const fast = fastDecodeBatchAppendReq(bytes);
      if (structured(spec)) {
        t.equal(fast, null, 'structured ids are left to the generated classes');
        return;
      }
      t.not(fast, null, 'the usual shape is decoded by hand');
      if (fast !== null) t.same(view(fast), view(streamsPb.BatchAppendReq.deserializeBinary(bytes)));
    }),
    { numRuns: 400 },
  );
  t.end();
});

t.test('truncated or unknown input is left to the generated classes', (t) => {
  const bytes = encode({
    correlationId: { kind: 'string', id: '5b0d8d4c-5a52-4a39-9d8b-0fd8c4f3c0aa' },
    options: { stream: Buffer.from('s'), expected: 'any', deadline: null },
    messages: [
      {
        id: null,
        type: 'T',
        contentType: 'application/json',
        other: null,
        data: Buffer.from('{}'),
        metadata: new Uint8Array(0),
      },
    ],
    isFinal: true,
  });
  t.equal(fastDecodeBatchAppendReq(bytes.subarray(0, bytes.length - 3)), null, 'truncated');
  t.equal(fastDecodeBatchAppendReq(Uint8Array.from([...bytes, 0x50, 0x01])), null, 'unknown field 10');
  t.end();
});
