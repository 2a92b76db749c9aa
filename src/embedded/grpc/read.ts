// Streams.Read, the RPC: plans the request, then runs a finite read (finite-read.ts) or a catch-up
// subscription (subscriptions.ts).
import type { ServerWritableStream } from '@grpc/grpc-js';
import type { ReadReq } from '../proto.js';
import type { StoreCore } from '../core.js';
import { createReadOutput } from './read-output.js';
import { MalformedRequest } from './service-definitions.js';
import { planRead, type ReadPlan } from './read-request.js';
import { runFiniteRead } from './finite-read.js';
import { runSubscription } from './subscriptions.js';
import { RpcError, toRpcError } from './rpc-errors.js';
import { InvalidRequestError, StreamDeletedError } from '../errors.js';

export function readHandler(core: StoreCore) {
  return (call: ServerWritableStream<ReadReq | MalformedRequest, Buffer>): void => {
    let plan: ReadPlan;
    try {
      if (call.request instanceof MalformedRequest) throw call.request.error;
      plan = planRead(call.request);
    } catch (error) {
      call.emit('error', toRpcError(error));
      return;
    }
    const out = createReadOutput(core, call, { resolveLinks: plan.resolveLinks, structuredIds: plan.structuredIds });
    const run =
      plan.count === null ? runSubscription(core, out, plan).then(() => true) : runFiniteRead(core, out, plan);
    run.then(
      (exhausted) => out.end(exhausted),
      (error: unknown) => {
        if (!(
          error instanceof StreamDeletedError ||
          error instanceof InvalidRequestError ||
          error instanceof RpcError
        )) {
          core.logger.warn({ err: error }, 'read failed');
        }
        out.fail(error);
      },
    );
  };
}
