// Streams.Delete (soft) and Streams.Tombstone (hard): unary, expected revision checked, no idempotency.
import type { ServerUnaryCall, sendUnaryData } from '@grpc/grpc-js';
import {
  sharedPb,
  streamsPb,
  type DeleteReq,
  type DeleteResp,
  type TombstoneReq,
  type TombstoneResp,
} from '../proto.js';
import type { StoreCore } from '../core.js';
import { InvalidRequestError } from '../errors.js';
import type { ExpectedRevision, WriteOutcome } from '../model.js';
import { parseU64, streamNameFrom } from './convert.js';
import { MalformedRequest } from './service-definitions.js';
import { streamDeletedRpc, toRpcError, wrongExpectedVersionRpc } from './rpc-errors.js';

interface DeleteOptionsLike {
  getStreamIdentifier(): InstanceType<typeof sharedPb.StreamIdentifier> | undefined;
  hasRevision(): boolean;
  getRevision(): string;
  hasNoStream(): boolean;
  hasAny(): boolean;
  hasStreamExists(): boolean;
}

function expectedOf(options: DeleteOptionsLike): ExpectedRevision {
  if (options.hasRevision()) return { kind: 'exact', revision: parseU64(options.getRevision(), 'Expected revision') };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasAny()) return { kind: 'any' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  throw new InvalidRequestError('Expected stream revision is missing.');
}

function expectedVersionText(expected: ExpectedRevision): string {
  switch (expected.kind) {
    case 'any':
      return '-2';
    case 'no_stream':
      return '-1';
    case 'stream_exists':
      return '-4';
    case 'exact':
      return expected.revision.toString();
  }
}

function positionOf(outcome: WriteOutcome): InstanceType<typeof streamsPb.DeleteResp.Position> | null {
  if (outcome.kind !== 'success' || outcome.position === null) return null;
  const p = new streamsPb.DeleteResp.Position();
  p.setCommitPosition(String(outcome.position));
  p.setPreparePosition(String(outcome.position));
  return p;
}

async function perform(
  core: StoreCore,
  kind: 'delete' | 'tombstone',
  options: DeleteOptionsLike | undefined,
): Promise<WriteOutcome> {
  if (options === undefined) throw new InvalidRequestError('Request without options.');
  const stream = streamNameFrom(options.getStreamIdentifier());
  const expected = expectedOf(options);
  const outcome = await core.writer.submit({ kind, stream, expected });
  if (outcome.kind === 'stream_deleted') throw streamDeletedRpc(stream);
  if (outcome.kind === 'wrong_expected_version') {
    throw wrongExpectedVersionRpc(stream, expectedVersionText(expected), String(outcome.current));
  }
  return outcome;
}

export function deleteHandler(core: StoreCore) {
  return (
    call: ServerUnaryCall<DeleteReq | MalformedRequest, DeleteResp>,
    callback: sendUnaryData<DeleteResp>,
  ): void => {
    const request = call.request;
    const run =
      request instanceof MalformedRequest
        ? Promise.reject(request.error)
        : perform(core, 'delete', request.getOptions());
    run.then(
      (outcome) => {
        const response = new streamsPb.DeleteResp();
        const position = positionOf(outcome);
        if (position === null) response.setNoPosition(new sharedPb.Empty());
        else response.setPosition(position);
        callback(null, response);
      },
      (error: unknown) => callback(toRpcError(error)),
    );
  };
}

export function tombstoneHandler(core: StoreCore) {
  return (
    call: ServerUnaryCall<TombstoneReq | MalformedRequest, TombstoneResp>,
    callback: sendUnaryData<TombstoneResp>,
  ): void => {
    const request = call.request;
    const run =
      request instanceof MalformedRequest
        ? Promise.reject(request.error)
        : perform(core, 'tombstone', request.getOptions());
    run.then(
      (outcome) => {
        const response = new streamsPb.TombstoneResp();
        if (outcome.kind === 'success' && outcome.position !== null) {
          const p = new streamsPb.TombstoneResp.Position();
          p.setCommitPosition(String(outcome.position));
          p.setPreparePosition(String(outcome.position));
          response.setPosition(p);
        } else response.setNoPosition(new sharedPb.Empty());
        callback(null, response);
      },
      (error: unknown) => callback(toRpcError(error)),
    );
  };
}
