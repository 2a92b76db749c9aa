// A trick (ADR 0041). @eventstore/db-client hands each appended event's JSON data and metadata to
// google-protobuf as base64 text, and google-protobuf turns it back into bytes in plain JavaScript, a
// callback per byte, twice per event (once to size the batch, once to write it). For an audit record of
// a list answer (several KB) that was a fifth of the API thread's time under GET /v1/positions, and 7 %
// of a keyed write's. Here that one conversion, `jspb.Message.bytesAsU8` on a string, is done by Node's
// own base64 decoder instead: the same bytes (test/store/protobuf-base64.unit.test.ts serializes the
// client's messages both ways). Anything that is not a string goes to google-protobuf's own as before.
// Loaded by the store adapter, so by every process that appends through the client.
import { createRequire } from 'node:module';

interface JspbMessage {
  bytesAsU8(value: unknown): Uint8Array | null;
}

const require = createRequire(import.meta.url);
const { Message } = require('google-protobuf') as { Message: JspbMessage };

/** google-protobuf's own conversion (bytes kept as they are, base64 decoded in JavaScript). */
export const jspbBytesAsU8: JspbMessage['bytesAsU8'] = Message.bytesAsU8.bind(Message);

/** Base64 (standard or URL-safe alphabet) to bytes, by Node. */
export function base64Bytes(text: string): Uint8Array {
  const bytes = Buffer.from(text, 'base64');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

Message.bytesAsU8 = (value: unknown) => (typeof value === 'string' ? base64Bytes(value) : jspbBytesAsU8(value));
