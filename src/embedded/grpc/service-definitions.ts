// The Streams service as the client package defines it, with two changes:
// - requests that do not decode become a MalformedRequest value (answered INVALID_ARGUMENT by the
//   handlers) instead of grpc-js's generic INTERNAL "Error deserializing request";
// - BatchAppend requests are read by a hand-written decoder when they have the usual shape
//   (batch-append-decode.ts), by the generated classes otherwise;
// - some responses are bytes we encode ourselves: Read and the success of Append and BatchAppend
//   (wire.ts, the hot paths), and Append's WrongExpectedVersion (a uint64 jspb cannot write from a JS
//   number); the handlers serialize their other answers to bytes too.
import { streamsGrpc, streamsPb } from '../proto.js';
import { InvalidRequestError } from '../errors.js';
import { fastDecodeBatchAppendReq } from './batch-append-decode.js';

export class MalformedRequest {
  constructor(readonly error: InvalidRequestError) {}
}

function tolerant<T>(decode: (bytes: Uint8Array) => T, what: string): (bytes: Buffer) => T | MalformedRequest {
  return (bytes) => {
    try {
      return decode(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return new MalformedRequest(new InvalidRequestError(`The ${what} message could not be decoded: ${reason}`));
    }
  };
}

const base = streamsGrpc.StreamsService;
const passthrough = (value: Buffer): Buffer => value;

export const streamsService = {
  ...base,
  read: {
    ...base.read,
    requestDeserialize: tolerant((b) => streamsPb.ReadReq.deserializeBinary(b), 'ReadReq'),
    responseSerialize: passthrough,
  },
  append: {
    ...base.append,
    requestDeserialize: tolerant((b) => streamsPb.AppendReq.deserializeBinary(b), 'AppendReq'),
    responseSerialize: passthrough,
  },
  batchAppend: {
    ...base.batchAppend,
    requestDeserialize: tolerant(
      (b) => fastDecodeBatchAppendReq(b) ?? streamsPb.BatchAppendReq.deserializeBinary(b),
      'BatchAppendReq',
    ),
    responseSerialize: passthrough,
  },
  delete: {
    ...base.delete,
    requestDeserialize: tolerant((b) => streamsPb.DeleteReq.deserializeBinary(b), 'DeleteReq'),
  },
  tombstone: {
    ...base.tombstone,
    requestDeserialize: tolerant((b) => streamsPb.TombstoneReq.deserializeBinary(b), 'TombstoneReq'),
  },
};
