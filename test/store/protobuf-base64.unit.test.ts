// The base64 trick of src/store/protobuf-base64.ts (ADR 0041): the client's append messages serialize to
// the same bytes with Node's decoder as with google-protobuf's own.
import { createRequire } from 'node:module';
import fc from 'fast-check';
import t from 'tap';
import type * as StreamsPb from '@eventstore/db-client/generated/streams_pb.js';
import { base64Bytes, jspbBytesAsU8 } from '../../src/store/protobuf-base64.js';

const require = createRequire(import.meta.url);
const streamsPb = require('@eventstore/db-client/generated/streams_pb.js') as typeof StreamsPb;

const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.json());

t.test('base64 decodes to the bytes google-protobuf decodes it to', async () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 5000 }), (bytes) => {
      const encoded = Buffer.from(bytes).toString('base64');
      return (
        Buffer.from(base64Bytes(encoded)).equals(Buffer.from(jspbBytesAsU8(encoded) ?? [])) &&
        Buffer.from(base64Bytes(encoded)).equals(Buffer.from(bytes))
      );
    }),
    { numRuns: 500 },
  );
});

t.test("an event's append message serializes to the same bytes as when its data is given as bytes", async () => {
  fc.assert(
    fc.property(text, text, (data, metadata) => {
      const asText = new streamsPb.BatchAppendReq.ProposedMessage();
      asText.setData(Buffer.from(data, 'utf8').toString('base64'));
      asText.setCustomMetadata(Buffer.from(metadata, 'utf8').toString('base64'));
      const asBytes = new streamsPb.BatchAppendReq.ProposedMessage();
      asBytes.setData(new Uint8Array(Buffer.from(data, 'utf8')));
      asBytes.setCustomMetadata(new Uint8Array(Buffer.from(metadata, 'utf8')));
      return Buffer.from(asText.serializeBinary()).equals(Buffer.from(asBytes.serializeBinary()));
    }),
    { numRuns: 500 },
  );
});
