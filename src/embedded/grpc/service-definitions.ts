// The Streams service as the client package defines it, except that some responses are sent as
// bytes we encode ourselves (see append.ts: a uint64 value jspb cannot write from a JS number).
import { streamsGrpc } from '../proto.js';

const base = streamsGrpc.StreamsService;

export const streamsService = {
  ...base,
  append: { ...base.append, responseSerialize: (value: Buffer): Buffer => value },
};
