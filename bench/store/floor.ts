// Floors for the read benchmarks: capture the store's own ReadResp bytes for a read once over raw gRPC,
// then serve them from a bare grpc-js server in its own process (floor-server.ts), so the official
// client's cost of the same read can be measured without the store.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { EventStoreDBClient } from '@eventstore/db-client';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import { startChild, type ChildServer } from './process.js';

/** A Streams.Read request for one stream: forwards from the start, or backwards from the end. */
export function readRequest(stream: string, direction: 'forwards' | 'backwards', count: number): Buffer {
  const identifier = new sharedPb.StreamIdentifier();
  identifier.setStreamName(Buffer.from(stream, 'utf8'));
  const streamOptions = new streamsPb.ReadReq.Options.StreamOptions();
  streamOptions.setStreamIdentifier(identifier);
  if (direction === 'forwards') streamOptions.setStart(new sharedPb.Empty());
  else streamOptions.setEnd(new sharedPb.Empty());
  const uuid = new streamsPb.ReadReq.Options.UUIDOption();
  uuid.setString(new sharedPb.Empty());
  const options = new streamsPb.ReadReq.Options();
  options.setStream(streamOptions);
  options.setReadDirection(
    direction === 'forwards'
      ? streamsPb.ReadReq.Options.ReadDirection.FORWARDS
      : streamsPb.ReadReq.Options.ReadDirection.BACKWARDS,
  );
  options.setResolveLinks(false);
  options.setCount(String(count));
  options.setNoFilter(new sharedPb.Empty());
  options.setUuidOption(uuid);
  const req = new streamsPb.ReadReq();
  req.setOptions(options);
  return Buffer.from(req.serializeBinary());
}

/** Runs the read once over raw gRPC and keeps every ReadResp exactly as the store encoded it. */
export function captureFrames(address: string, request: Buffer): Promise<Buffer[]> {
  const client = new grpc.Client(address, grpc.credentials.createInsecure(), {
    'grpc.max_receive_message_length': 17 * 1024 * 1024,
  });
  const identity = (b: Buffer): Buffer => b;
  return new Promise<Buffer[]>((resolve, reject) => {
    const frames: Buffer[] = [];
    const call = client.makeServerStreamRequest(
      '/event_store.client.streams.Streams/Read',
      identity,
      identity,
      request,
    );
    call.on('data', (frame: Buffer) => frames.push(frame));
    call.on('error', reject);
    call.on('end', () => resolve(frames));
  }).finally(() => client.close());
}

export interface Floor {
  server: ChildServer;
  client: EventStoreDBClient;
  stop(): Promise<void>;
}

/** Starts a floor server answering every read with `frames` (written to a file in `dir`), and a client to it. */
export async function startFloor(dir: string, frames: Buffer[]): Promise<Floor> {
  const file = join(dir, 'frames.bin');
  writeFileSync(
    file,
    Buffer.concat(
      frames.flatMap((f) => {
        const length = Buffer.alloc(4);
        length.writeUInt32BE(f.length);
        return [length, f];
      }),
    ),
  );
  const server = await startChild('bench/store/floor-server.ts', [file]);
  const client = EventStoreDBClient.connectionString(`esdb://127.0.0.1:${server.firstLine}?tls=false`);
  return {
    server,
    client,
    async stop() {
      await client.dispose().catch(() => undefined);
      await server.stop();
    },
  };
}
