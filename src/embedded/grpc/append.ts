// Streams.Append (client streaming): options first, then proposed messages; answer after half-close.
import type { ServerReadableStream, sendUnaryData } from '@grpc/grpc-js';
import { sharedPb, streamsPb, type AppendReq } from '../proto.js';
import type { StoreCore } from '../core.js';
import { InvalidRequestError, StreamDeletedError } from '../errors.js';
import type { ExpectedRevision, WriteOutcome } from '../model.js';
import { streamNameFrom } from './convert.js';
import { expectedRevisionOf, ProposedEvents } from './append-request.js';
import { bigVarint, encodeAppendSuccess } from './wire.js';
import { toRpcError } from './rpc-errors.js';
import { MalformedRequest } from './service-definitions.js';

function appendResponse(outcome: WriteOutcome, expected: ExpectedRevision): Buffer {
  if (outcome.kind === 'success') return encodeAppendSuccess(outcome);
  const response = new streamsPb.AppendResp();
  const wev = new streamsPb.AppendResp.WrongExpectedVersion();
  if (outcome.kind === 'wrong_expected_version' && outcome.current >= 0) {
    wev.setCurrentRevision(String(outcome.current));
    wev.setCurrentRevision2060(outcome.current);
  } else {
    wev.setCurrentNoStream(new sharedPb.Empty());
    wev.setNoStream2060(new sharedPb.Empty());
  }
  switch (expected.kind) {
    case 'any':
      wev.setExpectedAny(new sharedPb.Empty());
      wev.setAny2060(new sharedPb.Empty());
      break;
    case 'stream_exists':
      wev.setExpectedStreamExists(new sharedPb.Empty());
      wev.setStreamExists2060(new sharedPb.Empty());
      break;
    case 'no_stream':
      wev.setExpectedNoStream(new sharedPb.Empty());
      break;
    case 'exact':
      wev.setExpectedRevision(expected.revision.toString());
      wev.setExpectedRevision2060(Number(expected.revision));
      break;
  }
  if (expected.kind !== 'no_stream') {
    response.setWrongExpectedVersion(wev);
    return Buffer.from(response.serializeBinary());
  }
  // expected_revision_20_6_0 (field 3, uint64) = 2^64-1 for no_stream: jspb cannot write it from a
  // JS number, so the field is appended to the encoded message by hand.
  const wevBytes = Buffer.concat([Buffer.from(wev.serializeBinary()), Buffer.from([0x18]), bigVarint(2n ** 64n - 1n)]);
  return Buffer.concat([Buffer.from([APPEND_RESP_WEV_TAG]), bigVarint(BigInt(wevBytes.length)), wevBytes]);
}

/** AppendResp.wrong_expected_version is field 2, length-delimited. */
const APPEND_RESP_WEV_TAG = (2 << 3) | 2;

export function appendHandler(core: StoreCore) {
  return (call: ServerReadableStream<AppendReq | MalformedRequest, Buffer>, callback: sendUnaryData<Buffer>): void => {
    let stream: string | null = null;
    let expected: ExpectedRevision | null = null;
    const proposed = new ProposedEvents();
    let failed = false;

    const fail = (error: unknown): void => {
      if (failed) return;
      failed = true;
      callback(toRpcError(error));
    };

    call.on('data', (request: AppendReq | MalformedRequest) => {
      if (failed) return;
      try {
        if (request instanceof MalformedRequest) throw request.error;
        if (request.hasOptions()) {
          if (stream !== null) throw new InvalidRequestError('Options were sent twice.');
          const options = request.getOptions();
          if (options === undefined) throw new InvalidRequestError('Options are missing.');
          stream = streamNameFrom(options.getStreamIdentifier());
          expected = expectedRevisionOf(
            options,
            options.hasRevision() ? options.getRevision() : null,
            'Expected stream revision',
          );
        } else if (request.hasProposedMessage()) {
          if (stream === null) throw new InvalidRequestError('The first message of an append must carry its options.');
          const message = request.getProposedMessage();
          if (message === undefined) throw new InvalidRequestError('Proposed message is missing.');
          proposed.add(message);
        } else {
          throw new InvalidRequestError('Append request carries neither options nor a proposed message.');
        }
      } catch (error) {
        fail(error);
      }
    });
    call.on('error', () => {
      failed = true;
    });
    call.on('end', () => {
      if (failed) return;
      if (stream === null || expected === null) {
        fail(new InvalidRequestError('Append request without options.'));
        return;
      }
      const name = stream;
      const exp = expected;
      core.writer.submit({ kind: 'append', stream: name, expected: exp, events: proposed.events }).then(
        (outcome) => {
          if (outcome.kind === 'stream_deleted') fail(new StreamDeletedError(name));
          else callback(null, appendResponse(outcome, exp));
        },
        (error: unknown) => {
          core.logger.error({ err: error, stream: name }, 'append failed');
          fail(error);
        },
      );
    });
  };
}
