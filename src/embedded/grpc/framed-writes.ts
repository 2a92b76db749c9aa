// Many gRPC messages of a server-streaming call in one HTTP/2 write (a performance trick, ADR 0058).
//
// grpc-js sends each `call.write(message)` on its own: the call's object-mode Writable, its interceptor
// chain, a framed copy of the message (1 byte flag, 4 bytes length), then one write to the HTTP/2 stream
// and its completion callback, before the next message goes. A catch-up read sends a few hundred thousand
// ReadResp messages of about 800 bytes, and that path was a fifth of the embedded store's CPU for them
// (`perf record`, ADR 0058). Here the messages of one batch are framed exactly as grpc-js frames them
// (serializeMessage: flag 0, no compression, length big-endian) into one buffer, written to the call's
// HTTP/2 stream at once: the bytes on the wire are the same messages, in the same order.
//
// It reaches into grpc-js's BaseServerInterceptingCall (the `call` of a ServerWritableStream: `stream`,
// `maybeSendMetadata`, `checkCancelled`, `maxSendMessageSize`), so it is used only when that shape is
// there (no interceptors, the grpc-js of package.json): otherwise `framedWriter` answers null and the
// caller writes message by message through grpc-js as before. Order with grpc-js's own writes (the
// confirmation, checkpoints, the status at the end) holds because a batch is written only when grpc-js
// has nothing of this call waiting in its Writable (everything it took is already in the HTTP/2 stream),
// and whatever grpc-js writes after goes to the same stream after it. grpc-js's channelz count of messages
// sent leaves these out (nothing here reads it).
// test/embedded/internals/framed-writes.unit.test.ts checks the frames against grpc-js's own.
import type { ServerWritableStream } from '@grpc/grpc-js';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** The part of grpc-js's BaseServerInterceptingCall this module uses. */
interface BaseCall {
  readonly stream: Writable;
  readonly maxSendMessageSize: number;
  maybeSendMetadata(): void;
  checkCancelled(): boolean;
}

function isBaseCall(value: unknown): value is BaseCall {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const stream = v['stream'] as Record<string, unknown> | undefined;
  return (
    typeof v['maybeSendMetadata'] === 'function' &&
    typeof v['checkCancelled'] === 'function' &&
    typeof v['maxSendMessageSize'] === 'number' &&
    typeof stream === 'object' &&
    stream !== null &&
    typeof stream['write'] === 'function' &&
    typeof stream['respond'] === 'function'
  );
}

/**
 * A failed write also emits 'error' on the stream and closes it, which grpc-js reports as the call's
 * cancellation (the read then stops on its signal): nothing more to do here.
 */
const ignoreWriteError = (): void => undefined;

/** Bytes before each message in its frame: a flag byte and the length. */
export const FRAME_HEADER_BYTES = 5;

/** Writes a frame's header at `at` (flag 0, uncompressed; the length, big-endian); returns where the message goes. */
export function writeFrameHeader(out: Buffer, at: number, messageBytes: number): number {
  out[at] = 0;
  out.writeUInt32BE(messageBytes, at + 1);
  return at + FRAME_HEADER_BYTES;
}

/**
 * The gRPC frame of each message, in one buffer: what grpc-js's serializeMessage writes for each (the definition
 * encodeReadEventFrames is tested against).
 */
export function frameMessages(messages: readonly Uint8Array[]): Buffer {
  let size = 0;
  for (const m of messages) size += FRAME_HEADER_BYTES + m.length;
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const m of messages) {
    at = writeFrameHeader(out, at, m.length);
    out.set(m, at);
    at += m.length;
  }
  return out;
}

export interface FramedWriter {
  /** grpc-js holds no write of this call: frames written now go in order (write checks it again). */
  idle(): boolean;
  /**
   * Writes gRPC frames (frameMessages, or wire.ts's encodeReadEventFrames) as one HTTP/2 write and resolves once
   * the stream can take more; false (nothing written) when they cannot go now in order (grpc-js holds writes of
   * this call) or the largest message is over what the call may send: the caller then writes the messages through
   * grpc-js.
   */
  write(frames: Buffer, largest: number, signal: AbortSignal): Promise<boolean>;
}

/** A writer for the call, or null when grpc-js's call is not of the shape this relies on. */
export function framedWriter(call: ServerWritableStream<unknown, Buffer>): FramedWriter | null {
  const base: unknown = (call as unknown as { call?: unknown }).call;
  if (!isBaseCall(base)) return null;
  return {
    idle: () => call.writableLength === 0,
    async write(frames, largest, signal) {
      if (call.writableLength > 0) return false;
      if (base.maxSendMessageSize !== -1 && largest > base.maxSendMessageSize) return false;
      if (base.checkCancelled()) return true;
      base.maybeSendMetadata();
      const stream = base.stream;
      stream.write(frames, ignoreWriteError);
      if (stream.writableNeedDrain && !signal.aborted) {
        try {
          await once(stream, 'drain', { signal });
        } catch {
          // aborted: the caller checks the signal
        }
      }
      return true;
    },
  };
}
