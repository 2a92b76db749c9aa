// Hand-written protobuf encoding of the hot paths: ReadResp{event} for reads and subscriptions, and the
// answer to every successful append (AppendResp, BatchAppendResp). It produces the same bytes the
// generated classes would (checked by test/embedded/internals/wire.unit.test.ts) without building a
// jspb object graph per message.
import { FRAME_HEADER_BYTES, writeFrameHeader } from './framed-writes.js';
import { isTombstoneRevision, TOMBSTONE_REVISION, type ExpectedRevision, type StoredRecord } from '../model.js';

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

function varintSize(value: number): number {
  let size = 1;
  let v = value;
  while (v >= 0x80) {
    v = Math.floor(v / 128);
    size += 1;
  }
  return size;
}

export function bigVarint(value: bigint): Buffer {
  const bytes: number[] = [];
  let v = value;
  while (v >= 0x80n) {
    bytes.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  bytes.push(Number(v));
  return Buffer.from(bytes);
}

const TOMBSTONE_VARINT = bigVarint(TOMBSTONE_REVISION);

class Writer {
  readonly buf: Buffer;
  pos = 0;
  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(size);
  }
  byte(b: number): void {
    this.buf[this.pos++] = b;
  }
  varint(value: number): void {
    let v = value;
    while (v >= 0x80) {
      this.buf[this.pos++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buf[this.pos++] = v;
  }
  bytes(b: Uint8Array): void {
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
  /** A string as UTF-8 (its byte length already counted in the size). */
  text(s: string): void {
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }
  /** A string of one-byte characters (digits). */
  latin1(s: string): void {
    this.pos += this.buf.write(s, this.pos, 'latin1');
  }
}

/** Length of a length-delimited field (tag byte + length varint + payload). */
const fieldSize = (length: number): number => 1 + varintSize(length) + length;

const CT_JSON = utf8('application/json');
const CT_BINARY = utf8('application/octet-stream');
const K_TYPE = utf8('type');
const K_CT = utf8('content-type');
const K_CREATED = utf8('created');

interface EventParts {
  id: string;
  idBytes: number;
  stream: Buffer;
  type: string;
  typeBytes: number;
  created: string;
  contentType: Buffer;
  record: StoredRecord;
  size: number;
}

const entrySize = (keyBytes: number, valueBytes: number): number => fieldSize(keyBytes) + fieldSize(valueBytes);

function revisionSize(record: StoredRecord): number {
  if (isTombstoneRevision(record.revision)) return 1 + TOMBSTONE_VARINT.length;
  return record.revision === 0 ? 0 : 1 + varintSize(record.revision);
}

/** The event's sizes and its strings, written straight into the message (no Buffer per string). */
function prepare(record: StoredRecord, streamCache: Map<string, Buffer>): EventParts {
  const id = record.id;
  const idBytes = Buffer.byteLength(id, 'utf8');
  let stream = streamCache.get(record.stream);
  if (stream === undefined) {
    stream = utf8(record.stream);
    if (streamCache.size > 1000) streamCache.clear();
    streamCache.set(record.stream, stream);
  }
  const type = record.type;
  const typeBytes = Buffer.byteLength(type, 'utf8');
  const created = `${record.createdMs}0000`; // digits: one byte each
  const contentType = record.isJson ? CT_JSON : CT_BINARY;
  let size = fieldSize(fieldSize(idBytes)); // 1: UUID{string = 2}
  size += fieldSize(fieldSize(stream.length)); // 2: StreamIdentifier{stream_name = 3}
  size += revisionSize(record);
  const posSize = record.position === 0 ? 0 : 1 + varintSize(record.position);
  size += 2 * posSize; // 4 prepare, 5 commit
  size +=
    fieldSize(entrySize(K_TYPE.length, typeBytes)) +
    fieldSize(entrySize(K_CT.length, contentType.length)) +
    fieldSize(entrySize(K_CREATED.length, created.length));
  if (record.metadata.length > 0) size += fieldSize(record.metadata.length);
  if (record.data.length > 0) size += fieldSize(record.data.length);
  return { id, idBytes, stream, type, typeBytes, created, contentType, record, size };
}

function writeEntryHead(w: Writer, key: Buffer, valueBytes: number): void {
  w.byte(0x32);
  w.varint(entrySize(key.length, valueBytes));
  w.byte(0x0a);
  w.varint(key.length);
  w.bytes(key);
  w.byte(0x12);
  w.varint(valueBytes);
}

function writeEvent(w: Writer, p: EventParts): void {
  const r = p.record;
  w.byte(0x0a);
  w.varint(fieldSize(p.idBytes));
  w.byte(0x12);
  w.varint(p.idBytes);
  w.text(p.id);
  w.byte(0x12);
  w.varint(fieldSize(p.stream.length));
  w.byte(0x1a);
  w.varint(p.stream.length);
  w.bytes(p.stream);
  if (isTombstoneRevision(r.revision)) {
    w.byte(0x18);
    w.bytes(TOMBSTONE_VARINT);
  } else if (r.revision !== 0) {
    w.byte(0x18);
    w.varint(r.revision);
  }
  if (r.position !== 0) {
    w.byte(0x20);
    w.varint(r.position);
    w.byte(0x28);
    w.varint(r.position);
  }
  writeEntryHead(w, K_TYPE, p.typeBytes);
  w.text(p.type);
  writeEntryHead(w, K_CT, p.contentType.length);
  w.bytes(p.contentType);
  writeEntryHead(w, K_CREATED, p.created.length);
  w.latin1(p.created);
  if (r.metadata.length > 0) {
    w.byte(0x3a);
    w.varint(r.metadata.length);
    w.bytes(r.metadata);
  }
  if (r.data.length > 0) {
    w.byte(0x42);
    w.varint(r.data.length);
    w.bytes(r.data);
  }
}

/** One read event to encode: the record or the resolved target, the link when resolved, the position. */
export interface ReadItem {
  readonly event: StoredRecord | null;
  readonly link: StoredRecord | null;
  readonly commitPosition: number;
}

interface PreparedRead {
  e: EventParts | null;
  l: EventParts | null;
  commitPosition: number;
  /** Size of the ReadEvent message (field 1 of ReadResp). */
  readEventSize: number;
}

function prepareRead(item: ReadItem, streamCache: Map<string, Buffer>): PreparedRead {
  const e = item.event === null ? null : prepare(item.event, streamCache);
  const l = item.link === null ? null : prepare(item.link, streamCache);
  let readEventSize = 1 + varintSize(item.commitPosition);
  if (e !== null) readEventSize += fieldSize(e.size);
  if (l !== null) readEventSize += fieldSize(l.size);
  return { e, l, commitPosition: item.commitPosition, readEventSize };
}

function writeRead(w: Writer, p: PreparedRead): void {
  w.byte(0x0a);
  w.varint(p.readEventSize);
  if (p.e !== null) {
    w.byte(0x0a);
    w.varint(p.e.size);
    writeEvent(w, p.e);
  }
  if (p.l !== null) {
    w.byte(0x12);
    w.varint(p.l.size);
    writeEvent(w, p.l);
  }
  w.byte(0x18);
  w.varint(p.commitPosition);
}

/**
 * ReadResp{ event: ReadEvent{ event?, link?, commit_position } } with string ids.
 * `event` is the record itself or the resolved target; `link` the link record when resolved.
 */
export function encodeReadEvent(
  event: StoredRecord | null,
  link: StoredRecord | null,
  commitPosition: number,
  streamCache: Map<string, Buffer>,
): Buffer {
  const p = prepareRead({ event, link, commitPosition }, streamCache);
  const w = new Writer(fieldSize(p.readEventSize));
  writeRead(w, p);
  return w.buf;
}

/**
 * The ReadResp of each item as gRPC frames one after the other (flag 0, length big-endian, message), in one
 * buffer: what encodeReadEvent of each, framed by grpc-js, would be (framed-writes.ts writes it at once).
 * `largest` is the longest message, for the call's send limit.
 */
export function encodeReadEventFrames(
  items: readonly ReadItem[],
  streamCache: Map<string, Buffer>,
): { frames: Buffer; largest: number } {
  const prepared = items.map((item) => prepareRead(item, streamCache));
  let total = 0;
  let largest = 0;
  for (const p of prepared) {
    const size = fieldSize(p.readEventSize);
    total += FRAME_HEADER_BYTES + size;
    if (size > largest) largest = size;
  }
  const w = new Writer(total);
  for (const p of prepared) {
    w.pos = writeFrameHeader(w.buf, w.pos, fieldSize(p.readEventSize));
    writeRead(w, p);
  }
  return { frames: w.buf, largest };
}

// ---------------------------------------------------------------- append answers

/** What a successful append reports: the stream's revision (-1: no stream) and the commit position. */
export interface AppendSuccess {
  revision: number;
  position: number | null;
}

/** Success of AppendResp and of BatchAppendResp (the same fields), sized before it is written. */
function successSize(outcome: AppendSuccess): number {
  let size = outcome.revision < 0 ? 2 : 1 + varintSize(outcome.revision);
  if (outcome.position === null) size += 2;
  else size += fieldSize(positionSize(outcome.position));
  return size;
}

/** AllStreamPosition / AppendResp.Position with commit == prepare (zero fields are left out). */
const positionSize = (position: number): number => (position === 0 ? 0 : 2 * (1 + varintSize(position)));

/**
 * current_revision = 1 | no_stream = 2 (Empty), position = 3 {commit_position = 1, prepare_position = 2}
 * | no_position = 4 (Empty).
 */
function writeSuccess(w: Writer, outcome: AppendSuccess): void {
  if (outcome.revision < 0) {
    w.byte(0x12);
    w.byte(0);
  } else {
    w.byte(0x08);
    w.varint(outcome.revision);
  }
  if (outcome.position === null) {
    w.byte(0x22);
    w.byte(0);
    return;
  }
  w.byte(0x1a);
  w.varint(positionSize(outcome.position));
  if (outcome.position !== 0) {
    w.byte(0x08);
    w.varint(outcome.position);
    w.byte(0x10);
    w.varint(outcome.position);
  }
}

/** AppendResp{ success = 1 }. */
export function encodeAppendSuccess(outcome: AppendSuccess): Buffer {
  const size = successSize(outcome);
  const w = new Writer(fieldSize(size));
  w.byte(0x0a);
  w.varint(size);
  writeSuccess(w, outcome);
  return w.buf;
}

/**
 * The expected-revision oneof of BatchAppendResp: stream_position = 5 | no_stream = 6 | any = 7 | stream_exists = 8.
 */
function expectedTag(expected: ExpectedRevision): number {
  switch (expected.kind) {
    case 'exact':
      return 0x28;
    case 'no_stream':
      return 0x32;
    case 'any':
      return 0x3a;
    case 'stream_exists':
      return 0x42;
  }
}

/**
 * BatchAppendResp{ correlation_id = 1 (UUID{string = 2}), success = 3, stream_identifier = 4
 * (StreamIdentifier{stream_name = 3}), expected revision as sent }.
 */
export function encodeBatchAppendSuccess(
  correlationId: string,
  stream: string,
  expected: ExpectedRevision,
  outcome: AppendSuccess,
): Buffer {
  const id = utf8(correlationId);
  const name = utf8(stream);
  const exact = expected.kind === 'exact' ? bigVarint(expected.revision) : null;
  const success = successSize(outcome);
  const identifier = name.length > 0 ? fieldSize(name.length) : 0;
  const size =
    fieldSize(fieldSize(id.length)) +
    fieldSize(success) +
    fieldSize(identifier) +
    1 +
    (exact === null ? 1 : exact.length);
  const w = new Writer(size);
  w.byte(0x0a);
  w.varint(fieldSize(id.length));
  w.byte(0x12);
  w.varint(id.length);
  w.bytes(id);
  w.byte(0x1a);
  w.varint(success);
  writeSuccess(w, outcome);
  w.byte(0x22);
  w.varint(identifier);
  if (name.length > 0) {
    w.byte(0x1a);
    w.varint(name.length);
    w.bytes(name);
  }
  w.byte(expectedTag(expected));
  if (exact === null) w.byte(0);
  else w.bytes(exact);
  return w.buf;
}
