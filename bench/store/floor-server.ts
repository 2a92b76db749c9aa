// The replay floor: a bare grpc-js server (run as its own process) that answers Streams.Read by writing
// ReadResp messages encoded once, ahead of time, from a file of length-prefixed frames. Whatever the client
// asks, it streams every frame and ends. Prints its port as the first stdout line.
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { serveUntilSignalled } from './serve-child.js';

const file = process.argv[2];
if (file === undefined) {
  process.stderr.write('usage: floor-server.ts <frames-file>\n');
  process.exit(2);
}

function frames(buffer: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let offset = 0;
  while (offset + 4 <= buffer.length) {
    const length = buffer.readUInt32BE(offset);
    out.push(buffer.subarray(offset + 4, offset + 4 + length));
    offset += 4 + length;
  }
  return out;
}

const messages = frames(readFileSync(file));
const identity = (b: Buffer): Buffer => b;
const service: grpc.ServiceDefinition = {
  read: {
    path: '/event_store.client.streams.Streams/Read',
    requestStream: false,
    responseStream: true,
    requestSerialize: identity,
    requestDeserialize: identity,
    responseSerialize: identity,
    responseDeserialize: identity,
  },
};

const server = new grpc.Server({ 'grpc.max_receive_message_length': 17 * 1024 * 1024 });
server.addService(service, {
  read: (call: grpc.ServerWritableStream<Buffer, Buffer>) => {
    let next = 0;
    const pump = (): void => {
      while (next < messages.length) {
        const message = messages[next];
        next += 1;
        if (message && !call.write(message)) {
          call.once('drain', pump);
          return;
        }
      }
      call.end();
    };
    call.on('cancelled', () => {
      next = messages.length + 1;
    });
    pump();
  },
});

serveUntilSignalled(server);
