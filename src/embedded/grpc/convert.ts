// Conversions between protobuf messages and the store's model (ids, stream names, positions, events).
import { sharedPb, streamsPb, type RecordedEventMsg, type StreamIdentifierMsg, type UUIDMsg } from '../proto.js';
import { InvalidRequestError, MissingMetadataError } from '../errors.js';
import { revisionString, type ProposedEvent, type StoredRecord } from '../model.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

function hex64(value: string): string {
  return BigInt.asUintN(64, BigInt(value)).toString(16).padStart(16, '0');
}

/** What the code reads of a UUID message (the generated class, or the fast BatchAppend decoder's). */
export interface UuidLike {
  hasStructured(): boolean;
  getStructured(): { getMostSignificantBits(): string; getLeastSignificantBits(): string } | undefined;
  getString(): string;
}

/** Canonical lowercase UUID from either the string or the structured (two int64) form. */
export function uuidFromMessage(message: UuidLike | undefined, what: string): string {
  if (message === undefined) throw new InvalidRequestError(`${what} is missing.`);
  let text: string;
  if (message.hasStructured()) {
    const s = message.getStructured();
    if (s === undefined) throw new InvalidRequestError(`${what} is missing.`);
    try {
      const hex = hex64(s.getMostSignificantBits()) + hex64(s.getLeastSignificantBits());
      text = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    } catch {
      throw new InvalidRequestError(`${what} is not a valid UUID.`);
    }
  } else {
    text = message.getString().toLowerCase();
  }
  if (!UUID_RE.test(text)) throw new InvalidRequestError(`${what} '${text}' is not a valid UUID.`);
  return text;
}

export function uuidMessage(id: string): UUIDMsg {
  const message = new sharedPb.UUID();
  message.setString(id);
  return message;
}

export function structuredUuidMessage(id: string): UUIDMsg {
  const hex = id.replace(/-/g, '');
  const structured = new sharedPb.UUID.Structured();
  structured.setMostSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(0, 16)}`)).toString());
  structured.setLeastSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(16)}`)).toString());
  const message = new sharedPb.UUID();
  message.setStructured(structured);
  return message;
}

export function streamNameFrom(identifier: { getStreamName_asU8(): Uint8Array } | undefined): string {
  if (identifier === undefined) throw new InvalidRequestError('Stream identifier is missing.');
  const name = Buffer.from(identifier.getStreamName_asU8()).toString('utf8');
  if (name.length === 0) throw new InvalidRequestError('Stream name is empty.');
  return name;
}

export function streamIdentifier(name: string): StreamIdentifierMsg {
  const message = new sharedPb.StreamIdentifier();
  message.setStreamName(Buffer.from(name, 'utf8'));
  return message;
}

/** Parses a decimal uint64 string sent by the client. */
export function parseU64(value: string, what: string): bigint {
  if (!/^\d+$/.test(value)) throw new InvalidRequestError(`${what} '${value}' is not an unsigned integer.`);
  return BigInt(value);
}

export interface ProposedLike {
  getId(): UuidLike | undefined;
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}

/** A proposed message (Append or BatchAppend) as a store event; rejects missing type/content-type and bad ids. */
export function proposedEvent(message: ProposedLike): ProposedEvent {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  const contentType = metadata.get('content-type');
  if (type === undefined || contentType === undefined) throw new MissingMetadataError();
  if (type.length === 0) throw new InvalidRequestError('Event type must not be empty.');
  const id = uuidFromMessage(message.getId(), 'Event id');
  if (id === NIL_UUID) throw new InvalidRequestError('Event id must not be the empty UUID.');
  return {
    id,
    type,
    isJson: contentType === 'application/json',
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
}

export interface EncodeContext {
  structuredIds: boolean;
  streamIds: Map<string, StreamIdentifierMsg>;
}

/** RecordedEvent as the real server returns it: created in ticks since the Unix epoch, collapsed content-type. */
export function recordedEvent(record: StoredRecord, ctx: EncodeContext): RecordedEventMsg {
  const message = new streamsPb.ReadResp.ReadEvent.RecordedEvent();
  message.setId(ctx.structuredIds ? structuredUuidMessage(record.id) : uuidMessage(record.id));
  let sid = ctx.streamIds.get(record.stream);
  if (sid === undefined) {
    sid = streamIdentifier(record.stream);
    if (ctx.streamIds.size > 1000) ctx.streamIds.clear();
    ctx.streamIds.set(record.stream, sid);
  }
  message.setStreamIdentifier(sid);
  message.setStreamRevision(revisionString(record.revision));
  const position = String(record.position);
  message.setPreparePosition(position);
  message.setCommitPosition(position);
  const map = message.getMetadataMap();
  map.set('type', record.type);
  map.set('content-type', record.isJson ? 'application/json' : 'application/octet-stream');
  map.set('created', `${record.createdMs}0000`);
  message.setData(record.data);
  message.setCustomMetadata(record.metadata);
  return message;
}
