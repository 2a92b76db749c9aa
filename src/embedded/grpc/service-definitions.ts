// The Streams service as the client package defines it, except that some responses are sent as
// bytes we encode ourselves: Read (wire.ts, the hot path) and Append (a uint64 jspb cannot write from a number).
import { streamsGrpc } from '../proto.js';

const base = streamsGrpc.StreamsService;

export const streamsService = {
  ...base,
  append: { ...base.append, responseSerialize: (value: Buffer): Buffer => value },
  read: { ...base.read, responseSerialize: (value: Buffer): Buffer => value },
};
