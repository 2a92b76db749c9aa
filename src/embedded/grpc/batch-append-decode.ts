// A hand-written decoder for BatchAppendReq, the message every append through the official client sends:
// it reads the shapes the clients send (string ids, the known fields) without building a jspb object
// graph, and gives up (null) on anything else, which the generated classes then decode as before. The
// handler sees the same getters either way (test/embedded/internals/batch-append-decode.unit.test.ts).
import type { ProposedLike, UuidLike } from './convert.js';

export interface StreamIdentifierLike {
  getStreamName_asU8(): Uint8Array;
}

export interface BatchOptionsLike {
  getStreamIdentifier(): StreamIdentifierLike | undefined;
  hasStreamPosition(): boolean;
  getStreamPosition(): string;
  hasNoStream(): boolean;
  hasAny(): boolean;
  hasStreamExists(): boolean;
  getDeadline(): { getSeconds(): number; getNanos(): number } | undefined;
}

export interface BatchAppendRequestLike {
  getCorrelationId(): UuidLike | undefined;
  getOptions(): BatchOptionsLike | undefined;
  getProposedMessagesList(): ProposedLike[];
  getIsFinal(): boolean;
}

/** Thrown inside the decoder when the input is not one of the shapes it reads; never escapes it. */
class NotFastPath extends Error {}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const VARINT = 0;
const LEN = 2;

class Reader {
  pos: number;
  constructor(
    readonly buf: Uint8Array,
    start: number,
    readonly end: number,
  ) {
    this.pos = start;
  }

  done(): boolean {
    return this.pos >= this.end;
  }

  /** A varint up to 2^53; larger ones (or truncated input) leave the fast path. */
  varint(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 8; i += 1) {
      if (this.pos >= this.end) throw new NotFastPath();
      const b = this.buf[this.pos++] ?? 0;
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result;
      scale *= 128;
    }
    throw new NotFastPath();
  }

  /** A uint64 varint as a decimal string (what jspb's readUint64String gives). */
  uint64String(): string {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i += 1) {
      if (this.pos >= this.end) throw new NotFastPath();
      const b = this.buf[this.pos++] ?? 0;
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asUintN(64, result).toString();
      shift += 7n;
    }
    throw new NotFastPath();
  }

  /** The sub-range of a length-delimited field. */
  sub(): Reader {
    const length = this.varint();
    const start = this.pos;
    if (start + length > this.end) throw new NotFastPath();
    this.pos = start + length;
    return new Reader(this.buf, start, start + length);
  }

  bytes(): Uint8Array {
    const r = this.sub();
    return this.buf.subarray(r.pos, r.end);
  }

  string(): string {
    try {
      return utf8.decode(this.bytes());
    } catch {
      throw new NotFastPath();
    }
  }

  /** Tag of the next field: [field number, wire type]. */
  tag(): [number, number] {
    const tag = this.varint();
    return [Math.floor(tag / 8), tag % 8];
  }

  /** An Empty message: nothing inside. */
  empty(): void {
    if (!this.sub().done()) throw new NotFastPath();
  }
}

function expect(wireType: number, wanted: number): void {
  if (wireType !== wanted) throw new NotFastPath();
}

class StringUuid implements UuidLike {
  constructor(private readonly text: string) {}
  hasStructured(): boolean {
    return false;
  }
  getStructured(): undefined {
    return undefined;
  }
  getString(): string {
    return this.text;
  }
}

function readUuid(r: Reader): StringUuid {
  let text = '';
  while (!r.done()) {
    const [field, type] = r.tag();
    if (field !== 2) throw new NotFastPath(); // structured ids and unknown fields: the generated classes
    expect(type, LEN);
    text = r.string();
  }
  return new StringUuid(text);
}

class StreamIdentifier implements StreamIdentifierLike {
  constructor(private readonly name: Uint8Array) {}
  getStreamName_asU8(): Uint8Array {
    return this.name;
  }
}

function readStreamIdentifier(r: Reader): StreamIdentifier {
  let name: Uint8Array = new Uint8Array(0);
  while (!r.done()) {
    const [field, type] = r.tag();
    if (field !== 3) throw new NotFastPath();
    expect(type, LEN);
    name = r.bytes();
  }
  return new StreamIdentifier(name);
}

class Deadline {
  constructor(
    private readonly seconds: number,
    private readonly nanos: number,
  ) {}
  getSeconds(): number {
    return this.seconds;
  }
  getNanos(): number {
    return this.nanos;
  }
}

function readTimestamp(r: Reader): Deadline {
  let seconds = 0;
  let nanos = 0;
  while (!r.done()) {
    const [field, type] = r.tag();
    expect(type, VARINT);
    if (field === 1) seconds = r.varint();
    else if (field === 2) nanos = r.varint();
    else throw new NotFastPath();
  }
  if (nanos > 0x7fffffff) throw new NotFastPath(); // a negative int32: leave it to the generated classes
  return new Deadline(seconds, nanos);
}

type ExpectedCase = 'stream_position' | 'no_stream' | 'any' | 'stream_exists' | null;

class Options implements BatchOptionsLike {
  identifier: StreamIdentifier | undefined = undefined;
  expected: ExpectedCase = null;
  position = '0';
  deadline: Deadline | undefined = undefined;
  getStreamIdentifier(): StreamIdentifier | undefined {
    return this.identifier;
  }
  hasStreamPosition(): boolean {
    return this.expected === 'stream_position';
  }
  getStreamPosition(): string {
    return this.expected === 'stream_position' ? this.position : '0';
  }
  hasNoStream(): boolean {
    return this.expected === 'no_stream';
  }
  hasAny(): boolean {
    return this.expected === 'any';
  }
  hasStreamExists(): boolean {
    return this.expected === 'stream_exists';
  }
  getDeadline(): Deadline | undefined {
    return this.deadline;
  }
}

function readOptions(r: Reader): Options {
  const options = new Options();
  while (!r.done()) {
    const [field, type] = r.tag();
    switch (field) {
      case 1:
        expect(type, LEN);
        options.identifier = readStreamIdentifier(r.sub());
        break;
      case 2:
        expect(type, VARINT);
        options.position = r.uint64String();
        options.expected = 'stream_position';
        break;
      case 3:
      case 4:
      case 5:
        expect(type, LEN);
        r.empty();
        options.expected = field === 3 ? 'no_stream' : field === 4 ? 'any' : 'stream_exists';
        break;
      case 6:
        expect(type, LEN);
        options.deadline = readTimestamp(r.sub());
        break;
      default:
        throw new NotFastPath();
    }
  }
  return options;
}

const EMPTY = new Uint8Array(0);

class Proposed implements ProposedLike {
  id: StringUuid | undefined = undefined;
  readonly metadata = new Map<string, string>();
  data: Uint8Array = EMPTY;
  customMetadata: Uint8Array = EMPTY;
  getId(): StringUuid | undefined {
    return this.id;
  }
  getMetadataMap(): Map<string, string> {
    return this.metadata;
  }
  getData_asU8(): Uint8Array {
    return this.data;
  }
  getCustomMetadata_asU8(): Uint8Array {
    return this.customMetadata;
  }
}

function readMapEntry(r: Reader, into: Map<string, string>): void {
  let key = '';
  let value = '';
  while (!r.done()) {
    const [field, type] = r.tag();
    expect(type, LEN);
    if (field === 1) key = r.string();
    else if (field === 2) value = r.string();
    else throw new NotFastPath();
  }
  into.set(key, value);
}

function readProposed(r: Reader): Proposed {
  const message = new Proposed();
  while (!r.done()) {
    const [field, type] = r.tag();
    expect(type, LEN);
    switch (field) {
      case 1:
        message.id = readUuid(r.sub());
        break;
      case 2:
        readMapEntry(r.sub(), message.metadata);
        break;
      case 3:
        message.customMetadata = r.bytes();
        break;
      case 4:
        message.data = r.bytes();
        break;
      default:
        throw new NotFastPath();
    }
  }
  return message;
}

class Request implements BatchAppendRequestLike {
  correlationId: StringUuid | undefined = undefined;
  options: Options | undefined = undefined;
  readonly messages: Proposed[] = [];
  isFinal = false;
  getCorrelationId(): StringUuid | undefined {
    return this.correlationId;
  }
  getOptions(): Options | undefined {
    return this.options;
  }
  getProposedMessagesList(): Proposed[] {
    return this.messages;
  }
  getIsFinal(): boolean {
    return this.isFinal;
  }
}

/** The request, or null when it is not a shape this decoder reads (the caller decodes it otherwise). */
export function fastDecodeBatchAppendReq(bytes: Uint8Array): BatchAppendRequestLike | null {
  try {
    const r = new Reader(bytes, 0, bytes.length);
    const request = new Request();
    while (!r.done()) {
      const [field, type] = r.tag();
      switch (field) {
        case 1:
          expect(type, LEN);
          request.correlationId = readUuid(r.sub());
          break;
        case 2:
          expect(type, LEN);
          request.options = readOptions(r.sub());
          break;
        case 3:
          expect(type, LEN);
          request.messages.push(readProposed(r.sub()));
          break;
        case 4: {
          expect(type, VARINT);
          request.isFinal = r.varint() !== 0;
          break;
        }
        default:
          throw new NotFastPath();
      }
    }
    return request;
  } catch (error) {
    if (error instanceof NotFastPath) return null;
    throw error;
  }
}
