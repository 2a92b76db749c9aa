// The append floor: a bare grpc-js server (own process) that answers every BatchAppend at once with a
// success, storing nothing and syncing nothing. It speaks just enough for the official client to use
// BatchAppend (ServerFeatures, the request decoder and answer encoder the store uses), so the client's
// own cost per append, gRPC's and the machine's can be measured without the store. Prints its port.
import * as grpc from '@grpc/grpc-js';
import { featuresGrpc } from '../../src/embedded/proto.js';
import { featuresHandler } from '../../src/embedded/grpc/features.js';
import { streamsService } from '../../src/embedded/grpc/service-definitions.js';
import { MalformedRequest } from '../../src/embedded/grpc/service-definitions.js';
import { encodeBatchAppendSuccess } from '../../src/embedded/grpc/wire.js';
import { uuidFromMessage } from '../../src/embedded/grpc/convert.js';
import type { BatchAppendRequestLike } from '../../src/embedded/grpc/batch-append-decode.js';
import { serveUntilSignalled } from './serve-child.js';

let position = 0;
const revisions = new Map<string, number>();

const server = new grpc.Server({ 'grpc.max_receive_message_length': 17 * 1024 * 1024 });
server.addService(
  { batchAppend: streamsService.batchAppend },
  {
    batchAppend: (call: grpc.ServerDuplexStream<BatchAppendRequestLike | MalformedRequest, Buffer>) => {
      const streams = new Map<string, string>();
      call.on('data', (request: BatchAppendRequestLike | MalformedRequest) => {
        if (request instanceof MalformedRequest) return;
        const id = uuidFromMessage(request.getCorrelationId(), 'Correlation id');
        const options = request.getOptions();
        if (options !== undefined)
          streams.set(id, Buffer.from(options.getStreamIdentifier()?.getStreamName_asU8() ?? []).toString('utf8'));
        const count = request.getProposedMessagesList().length;
        position += count;
        const stream = streams.get(id) ?? '';
        const revision = (revisions.get(stream) ?? -1) + count;
        revisions.set(stream, revision);
        if (!request.getIsFinal()) return;
        streams.delete(id);
        call.write(encodeBatchAppendSuccess(id, stream, { kind: 'any' }, { revision, position }));
      });
      call.on('end', () => call.end());
    },
  },
);
server.addService(featuresGrpc.ServerFeaturesService, { getSupportedMethods: featuresHandler() });

serveUntilSignalled(server);
