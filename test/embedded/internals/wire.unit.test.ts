// The hand-written encoders of read responses and append answers must produce exactly what the
// generated classes build.
import t from 'tap';
import fc from 'fast-check';
import { emptyPb, sharedPb, streamsPb } from '../../../src/embedded/proto.js';
import {
  encodeAppendSuccess,
  encodeBatchAppendSuccess,
  encodeReadEvent,
  encodeReadEventFrames,
  type AppendSuccess,
} from '../../../src/embedded/grpc/wire.js';
import { frameMessages } from '../../../src/embedded/grpc/framed-writes.js';
import { recordedEvent, streamIdentifier, uuidMessage } from '../../../src/embedded/grpc/convert.js';
import { TOMBSTONE_THRESHOLD, type ExpectedRevision, type StoredRecord } from '../../../src/embedded/model.js';

function viaGeneratedClasses(event: StoredRecord | null, link: StoredRecord | null, position: number): Uint8Array {
  const ctx = { structuredIds: false, streamIds: new Map() };
  const readEvent = new streamsPb.ReadResp.ReadEvent();
  if (event !== null) readEvent.setEvent(recordedEvent(event, ctx));
  if (link !== null) readEvent.setLink(recordedEvent(link, ctx));
  readEvent.setCommitPosition(String(position));
  const response = new streamsPb.ReadResp();
  response.setEvent(readEvent);
  return response.serializeBinary();
}

const decoded = (bytes: Uint8Array): unknown => streamsPb.ReadResp.deserializeBinary(bytes).toObject();

const record: fc.Arbitrary<StoredRecord> = fc.record({
  position: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2 ** 40 }), fc.constant(Number.MAX_SAFE_INTEGER)),
  stream: fc.string({ minLength: 1, maxLength: 300, unit: 'grapheme' }),
  revision: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2 ** 45 }), fc.constant(TOMBSTONE_THRESHOLD + 2)),
  id: fc.uuid(),
  type: fc.string({ minLength: 1, maxLength: 200, unit: 'grapheme' }),
  isJson: fc.boolean(),
  createdMs: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  data: fc.uint8Array({ maxLength: 2000 }),
  metadata: fc.uint8Array({ maxLength: 300 }),
});

t.test('a hand-encoded read response decodes to the same message as the generated classes build', (t) => {
  fc.assert(
    fc.property(record, fc.option(record), fc.integer({ min: 0, max: 2 ** 50 }), (event, link, position) => {
      const ours = encodeReadEvent(event, link, position, new Map());
      t.same(decoded(ours), decoded(viaGeneratedClasses(event, link, position)));
    }),
    { numRuns: 300 },
  );
  t.end();
});

t.test('a batch of read responses is framed byte for byte as each response framed alone', (t) => {
  const item = fc.record({ event: fc.option(record), link: fc.option(record), commitPosition: fc.nat() });
  fc.assert(
    fc.property(fc.array(item, { maxLength: 12 }), (items) => {
      const streams = new Map<string, Buffer>();
      const { frames, largest } = encodeReadEventFrames(items, streams);
      const alone = items.map((i) => encodeReadEvent(i.event, i.link, i.commitPosition, new Map()));
      t.same(frames, frameMessages(alone));
      t.equal(largest, Math.max(0, ...alone.map((m) => m.length)));
    }),
    { numRuns: 200 },
  );
  t.end();
});

t.test('a resolved link whose target is gone is encoded with the link only', (t) => {
  const link: StoredRecord = {
    position: 42,
    stream: 'links',
    revision: 3,
    id: '5b0d8d4c-5a52-4a39-9d8b-0fd8c4f3c0aa',
    type: '$>',
    isJson: false,
    createdMs: 1_700_000_000_000,
    data: Buffer.from('7@gone'),
    metadata: new Uint8Array(0),
  };
  const message = streamsPb.ReadResp.deserializeBinary(encodeReadEvent(null, link, 42, new Map()));
  t.equal(message.getEvent()?.hasEvent(), false);
  t.equal(message.getEvent()?.getLink()?.getStreamRevision(), '3');
  t.equal(message.getEvent()?.getCommitPosition(), '42');
  t.end();
});

t.test('the tombstone revision is encoded as 2^63-1', (t) => {
  const tomb: StoredRecord = {
    position: 9,
    stream: 'gone',
    revision: Number('9223372036854775807'),
    id: '5b0d8d4c-5a52-4a39-9d8b-0fd8c4f3c0ab',
    type: '$streamDeleted',
    isJson: false,
    createdMs: 1,
    data: new Uint8Array(0),
    metadata: new Uint8Array(0),
  };
  const message = streamsPb.ReadResp.deserializeBinary(encodeReadEvent(tomb, null, 9, new Map()));
  t.equal(message.getEvent()?.getEvent()?.getStreamRevision(), '9223372036854775807');
  t.end();
});

// ---------------------------------------------------------------- append answers

const appendSuccess: fc.Arbitrary<AppendSuccess> = fc.record({
  revision: fc.oneof(fc.constant(-1), fc.constant(0), fc.integer({ min: 1, max: 2 ** 50 })),
  position: fc.oneof(fc.constant(null), fc.constant(0), fc.integer({ min: 1, max: 2 ** 52 })),
});

const expectedRevision: fc.Arbitrary<ExpectedRevision> = fc.oneof(
  fc.constant<ExpectedRevision>({ kind: 'any' }),
  fc.constant<ExpectedRevision>({ kind: 'no_stream' }),
  fc.constant<ExpectedRevision>({ kind: 'stream_exists' }),
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((revision): ExpectedRevision => ({ kind: 'exact', revision })),
);

/** Fills a generated Success (AppendResp's or BatchAppendResp's: same fields) the way jspb users would. */
function fillSuccess(
  success: InstanceType<typeof streamsPb.AppendResp.Success> | InstanceType<typeof streamsPb.BatchAppendResp.Success>,
  outcome: AppendSuccess,
  position: { setCommitPosition(v: string): unknown; setPreparePosition(v: string): unknown },
): void {
  if (outcome.revision < 0) success.setNoStream(new emptyPb.Empty());
  else success.setCurrentRevision(String(outcome.revision));
  if (outcome.position === null) success.setNoPosition(new emptyPb.Empty());
  else {
    position.setCommitPosition(String(outcome.position));
    position.setPreparePosition(String(outcome.position));
  }
}

t.test('a hand-encoded Append success is byte for byte what the generated classes build', (t) => {
  fc.assert(
    fc.property(appendSuccess, (outcome) => {
      const success = new streamsPb.AppendResp.Success();
      const position = new streamsPb.AppendResp.Position();
      fillSuccess(success, outcome, position);
      if (outcome.position !== null) success.setPosition(position);
      const response = new streamsPb.AppendResp();
      response.setSuccess(success);
      t.same([...encodeAppendSuccess(outcome)], [...response.serializeBinary()]);
    }),
    { numRuns: 300 },
  );
  t.end();
});

t.test('a hand-encoded BatchAppend success is byte for byte what the generated classes build', (t) => {
  const stream = fc.string({ minLength: 1, maxLength: 300, unit: 'grapheme' });
  fc.assert(
    fc.property(fc.uuid(), stream, expectedRevision, appendSuccess, (correlationId, name, expected, outcome) => {
      const response = new streamsPb.BatchAppendResp();
      response.setCorrelationId(uuidMessage(correlationId));
      response.setStreamIdentifier(streamIdentifier(name));
      if (expected.kind === 'any') response.setAny(new emptyPb.Empty());
      else if (expected.kind === 'no_stream') response.setNoStream(new emptyPb.Empty());
      else if (expected.kind === 'stream_exists') response.setStreamExists(new emptyPb.Empty());
      else response.setStreamPosition(expected.revision.toString());
      const success = new streamsPb.BatchAppendResp.Success();
      const position = new sharedPb.AllStreamPosition();
      fillSuccess(success, outcome, position);
      if (outcome.position !== null) success.setPosition(position);
      response.setSuccess(success);
      t.same([...encodeBatchAppendSuccess(correlationId, name, expected, outcome)], [...response.serializeBinary()]);
    }),
    { numRuns: 300 },
  );
  t.end();
});
