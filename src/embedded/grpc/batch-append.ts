// Streams.BatchAppend (bidi): appends multiplexed by correlation id, possibly split over several
// requests (is_final on the last), with an absolute deadline and errors as google.rpc.Status + Any.
import { status, type ServerDuplexStream } from '@grpc/grpc-js';
import type { Message } from 'google-protobuf';
import { anyPb, codePb, emptyPb, sharedPb, statusPb, streamsPb, type BatchAppendResp } from '../proto.js';
import type { BatchAppendRequestLike, BatchOptionsLike } from './batch-append-decode.js';
import type { StoreCore } from '../core.js';
import { InvalidRequestError, MaxAppendSizeExceededError, MissingMetadataError } from '../errors.js';
import { RpcError, isStorageFailure, toRpcError } from './rpc-errors.js';
import { MAX_APPEND_SIZE, type ExpectedRevision, type WriteOutcome } from '../model.js';
import { MalformedRequest } from './service-definitions.js';
import { streamIdentifier, streamNameFrom, uuidFromMessage, uuidMessage } from './convert.js';
import { expectedRevisionOf, ProposedEvents } from './append-request.js';
import { encodeBatchAppendSuccess } from './wire.js';

interface PendingAppend {
  stream: string;
  expected: ExpectedRevision;
  proposed: ProposedEvents;
  /** Set once a response was sent; later chunks of the same correlation id are ignored. */
  answered: boolean;
  timer: NodeJS.Timeout | null;
}

function pendingAppend(stream: string, expected: ExpectedRevision): PendingAppend {
  return { stream, expected, proposed: new ProposedEvents(), answered: false, timer: null };
}

function deadlineMs(options: BatchOptionsLike): number | null {
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

function errorStatus(
  code: RpcCode,
  text: string,
  detail: Message,
  detailType: string,
): InstanceType<typeof statusPb.Status> {
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
  if (error instanceof MissingMetadataError || error instanceof InvalidRequestError)
    return badRequestStatus(error.message);
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

/** The in-band error answer for one append (correlation id, stream and expected revision echoed). */
function errorResponse(
  correlationId: string,
  stream: string,
  expected: ExpectedRevision | null,
  rpcStatus: InstanceType<typeof statusPb.Status>,
): Buffer {
  const response = baseResponse(correlationId, stream, expected);
  response.setError(rpcStatus);
  return Buffer.from(response.serializeBinary());
}

function outcomeResponse(correlationId: string, pending: PendingAppend, outcome: WriteOutcome): Buffer {
  if (outcome.kind === 'success')
    return encodeBatchAppendSuccess(correlationId, pending.stream, pending.expected, outcome);
  const rpcStatus =
    outcome.kind === 'wrong_expected_version'
      ? wrongExpectedVersionStatus(outcome.current, pending.expected)
      : streamDeletedStatus(pending.stream);
  return errorResponse(correlationId, pending.stream, pending.expected, rpcStatus);
}

export function batchAppendHandler(core: StoreCore) {
  return (call: ServerDuplexStream<BatchAppendRequestLike | MalformedRequest, Buffer>): void => {
    const pending = new Map<string, PendingAppend>();
    let inFlight = 0;
    let ended = false;
    let closed = false;
    let storeClosing = false;

    const send = (response: Buffer): void => {
      if (closed) return;
      call.write(response);
    };
    /**
     * The call ends once nothing is in flight: with OK after the client half-closed, or with UNAVAILABLE
     * when the store closes under it. An OK status while the client's side is still open would leave
     * the client (6.2.1) holding a finished call it neither reuses nor lets dispose() complete; an error
     * ends its side too, so it opens a new call on its next append and dispose() returns.
     */
    const maybeEnd = (): void => {
      if (closed || inFlight > 0) return;
      if (ended) {
        closed = true;
        call.end();
      } else if (storeClosing) {
        closed = true;
        call.emit('error', new RpcError(status.UNAVAILABLE, 'Server is shutting down.'));
      }
    };
    const answer = (entry: PendingAppend, response: Buffer): void => {
      if (entry.answered) return;
      entry.answered = true;
      if (entry.timer !== null) clearTimeout(entry.timer);
      send(response);
    };
    const fail = (error: unknown): void => {
      if (closed) return;
      closed = true;
      call.emit('error', toRpcError(error));
    };
    const onClosing = (): void => {
      storeClosing = true;
      maybeEnd();
    };
    core.closing.addEventListener('abort', onClosing, { once: true });

    call.on('data', (request: BatchAppendRequestLike | MalformedRequest) => {
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
          if (options === undefined)
            throw new InvalidRequestError('The first request of a batch append must carry its options.');
          const expected = expectedRevisionOf(
            options,
            options.hasStreamPosition() ? options.getStreamPosition() : null,
            'Expected stream position',
          );
          entry = pendingAppend(streamNameFrom(options.getStreamIdentifier()), expected);
          pending.set(correlationId, entry);
          const deadline = deadlineMs(options);
          if (deadline !== null) {
            const current = entry;
            const timedOut = (): void =>
              answer(current, errorResponse(correlationId, current.stream, current.expected, timeoutStatus()));
            const remaining = deadline - Date.now();
            if (remaining <= 0) timedOut();
            else current.timer = setTimeout(timedOut, remaining);
          }
        }
        if (!entry.answered) for (const message of request.getProposedMessagesList()) entry.proposed.add(message);
      } catch (error) {
        const response = errorResponse(
          correlationId,
          entry?.stream ?? '',
          entry?.expected ?? null,
          statusOfError(error),
        );
        if (entry === undefined) {
          entry = pendingAppend('', { kind: 'any' });
          pending.set(correlationId, entry);
        }
        answer(entry, response);
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
        .submit({
          kind: 'append',
          stream: submitted.stream,
          expected: submitted.expected,
          events: submitted.proposed.events,
        })
        .then(
          (outcome) => answer(submitted, outcomeResponse(correlationId, submitted, outcome)),
          (error: unknown) => {
            core.logger.error({ err: error, stream: submitted.stream }, 'batch append failed');
            // In-band statuses have no "unavailable": a disk the store cannot write to ends the whole call
            // with UNAVAILABLE, which the client passes to every append waiting on it (they would fail too).
            if (isStorageFailure(error)) fail(error);
            else answer(submitted, errorResponse(correlationId, submitted.stream, submitted.expected, unknownStatus()));
          },
        )
        .finally(() => {
          // A storage failure ends the call without answering this append: its deadline goes with it, instead of
          // firing into a closed call (and holding the process open) up to its full length later.
          if (submitted.timer !== null) clearTimeout(submitted.timer);
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
