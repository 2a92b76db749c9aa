// Streams.Append (client streaming): options first, then proposed messages; answer after half-close.
import type { ServerReadableStream, sendUnaryData } from '@grpc/grpc-js';
import { sharedPb, streamsPb, type AppendReq } from '../proto.js';
import type { StoreCore } from '../core.js';
import { InvalidRequestError, MaxAppendSizeExceededError, StreamDeletedError } from '../errors.js';
import { MAX_APPEND_SIZE, eventSize, type ExpectedRevision, type ProposedEvent, type WriteOutcome } from '../model.js';
import { parseU64, proposedEvent, streamNameFrom } from './convert.js';
import { toRpcError } from './rpc-errors.js';
import { MalformedRequest } from './service-definitions.js';

function expectedFromAppendOptions(options: InstanceType<typeof streamsPb.AppendReq.Options>): ExpectedRevision {
  const C = streamsPb.AppendReq.Options.ExpectedStreamRevisionCase;
  switch (options.getExpectedStreamRevisionCase()) {
    case C.REVISION:
      return { kind: 'exact', revision: parseU64(options.getRevision(), 'Expected revision') };
    case C.NO_STREAM:
      return { kind: 'no_stream' };
    case C.ANY:
      return { kind: 'any' };
    case C.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    default:
      throw new InvalidRequestError('Expected stream revision is missing.');
  }
}

function appendResponse(outcome: WriteOutcome, expected: ExpectedRevision): Buffer {
  const response = new streamsPb.AppendResp();
  if (outcome.kind === 'success') {
    const success = new streamsPb.AppendResp.Success();
    if (outcome.revision < 0) success.setNoStream(new sharedPb.Empty());
    else success.setCurrentRevision(String(outcome.revision));
    if (outcome.position === null) success.setNoPosition(new sharedPb.Empty());
    else {
      const position = new streamsPb.AppendResp.Position();
      position.setCommitPosition(String(outcome.position));
      position.setPreparePosition(String(outcome.position));
      success.setPosition(position);
    }
    response.setSuccess(success);
    return Buffer.from(response.serializeBinary());
  }
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
  const wevBytes = Buffer.concat([Buffer.from(wev.serializeBinary()), U64_MAX_FIELD_3]);
  return Buffer.concat([Buffer.from([APPEND_RESP_WEV_TAG]), varint(wevBytes.length), wevBytes]);
}

/** Tag of field 3 (varint) followed by the varint encoding of 2^64-1. */
const U64_MAX_FIELD_3 = Buffer.from([0x18, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
/** AppendResp.wrong_expected_version is field 2, length-delimited. */
const APPEND_RESP_WEV_TAG = (2 << 3) | 2;

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let v = value;
  while (v >= 0x80) {
    bytes.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  bytes.push(v);
  return Buffer.from(bytes);
}

export function appendHandler(core: StoreCore) {
  return (call: ServerReadableStream<AppendReq | MalformedRequest, Buffer>, callback: sendUnaryData<Buffer>): void => {
    let stream: string | null = null;
    let expected: ExpectedRevision | null = null;
    const events: ProposedEvent[] = [];
    let size = 0;
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
          expected = expectedFromAppendOptions(options);
        } else if (request.hasProposedMessage()) {
          if (stream === null) throw new InvalidRequestError('The first message of an append must carry its options.');
          const message = request.getProposedMessage();
          if (message === undefined) throw new InvalidRequestError('Proposed message is missing.');
          const event = proposedEvent(message);
          size += eventSize(event);
          if (size > MAX_APPEND_SIZE) throw new MaxAppendSizeExceededError(MAX_APPEND_SIZE);
          events.push(event);
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
      core.writer.submit({ kind: 'append', stream: name, expected: exp, events }).then(
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
