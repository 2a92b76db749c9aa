// Streams.BatchAppend (bidi): appends multiplexed by correlation id, possibly split over several
// requests (is_final on the last), with an absolute deadline and errors as google.rpc.Status + Any.
import type { ServerDuplexStream } from '@grpc/grpc-js';
import type { Message } from 'google-protobuf';
import { anyPb, codePb, emptyPb, sharedPb, statusPb, streamsPb, type BatchAppendReq, type BatchAppendResp } from '../proto.js';
import type { StoreCore } from '../core.js';
import { InvalidRequestError, MaxAppendSizeExceededError, MissingMetadataError } from '../errors.js';
import { toRpcError } from './rpc-errors.js';
import { MAX_APPEND_SIZE, eventSize, type ExpectedRevision, type ProposedEvent, type WriteOutcome } from '../model.js';
import { MalformedRequest } from './service-definitions.js';
import { parseU64, proposedEvent, streamIdentifier, streamNameFrom, uuidFromMessage, uuidMessage } from './convert.js';

type BatchOptions = InstanceType<typeof streamsPb.BatchAppendReq.Options>;

interface PendingAppend {
  stream: string;
  expected: ExpectedRevision;
  events: ProposedEvent[];
  size: number;
  /** Set once a response was sent; later chunks of the same correlation id are ignored. */
  answered: boolean;
  timer: NodeJS.Timeout | null;
}

function expectedFromBatchOptions(options: BatchOptions): ExpectedRevision {
  const C = streamsPb.BatchAppendReq.Options.ExpectedStreamPositionCase;
  switch (options.getExpectedStreamPositionCase()) {
    case C.STREAM_POSITION:
      return { kind: 'exact', revision: parseU64(options.getStreamPosition(), 'Expected stream position') };
    case C.NO_STREAM:
      return { kind: 'no_stream' };
    case C.ANY:
      return { kind: 'any' };
    case C.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    default:
      throw new InvalidRequestError('Expected stream position is missing.');
  }
}

function deadlineMs(options: BatchOptions): number | null {
  const deadline = options.getDeadline();
  if (deadline === undefined) return null;
  return deadline.getSeconds() * 1000 + Math.floor(deadline.getNanos() / 1e6);
}

function packed(message: Message, typeName: string): InstanceType<typeof anyPb.Any> {
  const any = new anyPb.Any();
  any.pack(message.serializeBinary(), `event_store.client.${typeName}`);
  return any;
}

type RpcCode = (typeof codePb.Code)[keyof typeof codePb.Code];
const Code = codePb.Code;

function errorStatus(code: RpcCode, text: string, detail: Message, detailType: string): InstanceType<typeof statusPb.Status> {
  const s = new statusPb.Status();
  s.setCode(code);
  s.setMessage(text);
  s.setDetails(packed(detail, detailType));
  return s;
}

function wrongExpectedVersionStatus(current: number, expected: ExpectedRevision): InstanceType<typeof statusPb.Status> {
  const detail = new sharedPb.WrongExpectedVersion();
  if (current >= 0) detail.setCurrentStreamRevision(String(current));
  else detail.setCurrentNoStream(new emptyPb.Empty());
  switch (expected.kind) {
    case 'any':
      detail.setExpectedAny(new emptyPb.Empty());
      break;
    case 'stream_exists':
      detail.setExpectedStreamExists(new emptyPb.Empty());
      break;
    case 'no_stream':
      detail.setExpectedNoStream(new emptyPb.Empty());
      break;
    case 'exact':
      detail.setExpectedStreamPosition(expected.revision.toString());
      break;
  }
  return errorStatus(Code.ALREADY_EXISTS, 'WrongExpectedVersion', detail, 'WrongExpectedVersion');
}

function streamDeletedStatus(stream: string): InstanceType<typeof statusPb.Status> {
  const detail = new sharedPb.StreamDeleted();
  detail.setStreamIdentifier(streamIdentifier(stream));
  return errorStatus(Code.NOT_FOUND, 'StreamDeleted', detail, 'StreamDeleted');
}

function timeoutStatus(): InstanceType<typeof statusPb.Status> {
  return errorStatus(Code.DEADLINE_EXCEEDED, 'Timeout', new sharedPb.Timeout(), 'Timeout');
}

function maxSizeStatus(): InstanceType<typeof statusPb.Status> {
  const detail = new sharedPb.MaximumAppendSizeExceeded();
  detail.setMaxappendsize(MAX_APPEND_SIZE);
  return errorStatus(Code.INVALID_ARGUMENT, 'MaximumAppendSizeExceeded', detail, 'MaximumAppendSizeExceeded');
}

function badRequestStatus(message: string): InstanceType<typeof statusPb.Status> {
  const detail = new sharedPb.BadRequest();
  detail.setMessage(message);
  return errorStatus(Code.INVALID_ARGUMENT, 'BadRequest', detail, 'BadRequest');
}

function unknownStatus(): InstanceType<typeof statusPb.Status> {
  return errorStatus(Code.UNKNOWN, 'Unknown', new sharedPb.Unknown(), 'Unknown');
}

function statusOfError(error: unknown): InstanceType<typeof statusPb.Status> {
  if (error instanceof MaxAppendSizeExceededError) return maxSizeStatus();
  if (error instanceof MissingMetadataError || error instanceof InvalidRequestError) return badRequestStatus(error.message);
  return unknownStatus();
}

function baseResponse(correlationId: string, stream: string, expected: ExpectedRevision | null): BatchAppendResp {
  const response = new streamsPb.BatchAppendResp();
  response.setCorrelationId(uuidMessage(correlationId));
  response.setStreamIdentifier(streamIdentifier(stream));
  if (expected !== null) {
    switch (expected.kind) {
      case 'any':
        response.setAny(new emptyPb.Empty());
        break;
      case 'no_stream':
        response.setNoStream(new emptyPb.Empty());
        break;
      case 'stream_exists':
        response.setStreamExists(new emptyPb.Empty());
        break;
      case 'exact':
        response.setStreamPosition(expected.revision.toString());
        break;
    }
  }
  return response;
}

function outcomeResponse(correlationId: string, pending: PendingAppend, outcome: WriteOutcome): BatchAppendResp {
  const response = baseResponse(correlationId, pending.stream, pending.expected);
  if (outcome.kind === 'success') {
    const success = new streamsPb.BatchAppendResp.Success();
    if (outcome.revision < 0) success.setNoStream(new emptyPb.Empty());
    else success.setCurrentRevision(String(outcome.revision));
    if (outcome.position === null) success.setNoPosition(new emptyPb.Empty());
    else {
      const position = new sharedPb.AllStreamPosition();
      position.setCommitPosition(String(outcome.position));
      position.setPreparePosition(String(outcome.position));
      success.setPosition(position);
    }
    response.setSuccess(success);
  } else if (outcome.kind === 'wrong_expected_version') {
    response.setError(wrongExpectedVersionStatus(outcome.current, pending.expected));
  } else {
    response.setError(streamDeletedStatus(pending.stream));
  }
  return response;
}

export function batchAppendHandler(core: StoreCore) {
  return (call: ServerDuplexStream<BatchAppendReq | MalformedRequest, BatchAppendResp>): void => {
    const pending = new Map<string, PendingAppend>();
    let inFlight = 0;
    let ended = false;
    let closed = false;

    const send = (response: BatchAppendResp): void => {
      if (closed) return;
      call.write(response);
    };
    const maybeEnd = (): void => {
      if (ended && inFlight === 0 && !closed) {
        closed = true;
        call.end();
      }
    };
    const answer = (id: string, entry: PendingAppend, response: BatchAppendResp): void => {
      if (entry.answered) return;
      entry.answered = true;
      if (entry.timer !== null) clearTimeout(entry.timer);
      send(response);
    };
    const fail = (error: InvalidRequestError): void => {
      if (closed) return;
      closed = true;
      call.emit('error', toRpcError(error));
    };
    const onClosing = (): void => {
      if (closed) return;
      closed = true;
      call.end();
    };
    core.closing.addEventListener('abort', onClosing, { once: true });

    call.on('data', (request: BatchAppendReq | MalformedRequest) => {
      if (request instanceof MalformedRequest) {
        // Without a decodable correlation id there is nobody to answer in-band; the call fails instead.
        core.logger.warn({ err: request.error }, 'undecodable batch append request');
        fail(request.error);
        return;
      }
      let correlationId: string;
      try {
        correlationId = uuidFromMessage(request.getCorrelationId(), 'Correlation id');
      } catch (error) {
        core.logger.warn({ err: error }, 'batch append request without a valid correlation id');
        fail(new InvalidRequestError('Batch append request without a valid correlation id.'));
        return;
      }
      let entry = pending.get(correlationId);
      try {
        if (entry === undefined) {
          const options = request.getOptions();
          if (options === undefined) throw new InvalidRequestError('The first request of a batch append must carry its options.');
          entry = {
            stream: streamNameFrom(options.getStreamIdentifier()),
            expected: expectedFromBatchOptions(options),
            events: [],
            size: 0,
            answered: false,
            timer: null,
          };
          pending.set(correlationId, entry);
          const deadline = deadlineMs(options);
          if (deadline !== null) {
            const remaining = deadline - Date.now();
            const current = entry;
            if (remaining <= 0) {
              const r = baseResponse(correlationId, current.stream, current.expected);
              r.setError(timeoutStatus());
              answer(correlationId, current, r);
            } else {
              current.timer = setTimeout(() => {
                const r = baseResponse(correlationId, current.stream, current.expected);
                r.setError(timeoutStatus());
                answer(correlationId, current, r);
              }, remaining);
            }
          }
        }
        if (!entry.answered) {
          for (const message of request.getProposedMessagesList()) {
            const event = proposedEvent(message);
            entry.size += eventSize(event);
            if (entry.size > MAX_APPEND_SIZE) throw new MaxAppendSizeExceededError(MAX_APPEND_SIZE);
            entry.events.push(event);
          }
        }
      } catch (error) {
        const stream = entry?.stream ?? '';
        const r = baseResponse(correlationId, stream, entry?.expected ?? null);
        r.setError(statusOfError(error));
        if (entry === undefined) {
          entry = { stream, expected: { kind: 'any' }, events: [], size: 0, answered: false, timer: null };
          pending.set(correlationId, entry);
        }
        answer(correlationId, entry, r);
      }
      if (!request.getIsFinal()) return;
      pending.delete(correlationId);
      if (entry === undefined || entry.answered) {
        if (entry?.timer) clearTimeout(entry.timer);
        return;
      }
      const submitted = entry;
      inFlight += 1;
      core.writer
        .submit({ kind: 'append', stream: submitted.stream, expected: submitted.expected, events: submitted.events })
        .then(
          (outcome) => answer(correlationId, submitted, outcomeResponse(correlationId, submitted, outcome)),
          (error: unknown) => {
            core.logger.error({ err: error, stream: submitted.stream }, 'batch append failed');
            const r = baseResponse(correlationId, submitted.stream, submitted.expected);
            r.setError(unknownStatus());
            answer(correlationId, submitted, r);
          },
        )
        .finally(() => {
          inFlight -= 1;
          maybeEnd();
        });
    });
    call.on('end', () => {
      ended = true;
      maybeEnd();
    });
    const cleanup = (): void => {
      closed = true;
      core.closing.removeEventListener('abort', onClosing);
      for (const entry of pending.values()) if (entry.timer !== null) clearTimeout(entry.timer);
      pending.clear();
    };
    call.on('error', cleanup);
    call.on('cancelled', cleanup);
    call.on('close', cleanup);
  };
}
