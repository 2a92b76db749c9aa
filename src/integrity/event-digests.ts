// Both digests `ledger verify` needs of one event, computing the shared part once (a performance trick,
// ADR 0035): the chain hash (src/store/chain.ts: hashOf(committedForm(event))) and the leaf hash
// (leaf.ts over leafRecordOf: SHA-256(0x00 || canonical record)) each put the event's committed data
// through canonical JSON; here the leaf text is written once as UTF-8 bytes, the data committed as it is written
// (canonical-utf8.ts, committed-utf8.ts, ADR 0064), key order included; the chain text is then made from the same
// bytes, its data, metadata members, prev and type copied, not written again:
//   leaf   \0{"data":D,"eventId":I,"metadata":<metadata>,"revision":R,"stream":S,"type":T}
//   chain  {"data":D,"metadata":<metadata without hash>,"prev":P,"type":T}
// test/integrity/event-digests.property.unit.test.ts checks both against the slow path (checkLink,
// eventLeafHash(leafRecordOf(...))) for random events; those stay the definition.
import { hash } from 'node:crypto';
import { Utf8Writer } from '../store/canonical-utf8.js';
import { writeCommitted } from '../store/committed-utf8.js';
import { UncommittableError, committedData } from '../store/commitment.js';
import { LeafRecordError } from './leaf.js';
import { sha256Bytes } from './sha256-bytes.js';

export interface DigestedEvent {
  readonly id: string;
  readonly type: string;
  readonly streamName: string;
  readonly revision: bigint;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
}

export type LinkCheck = { ok: true } | { ok: false; reason: string };

export interface EventDigests {
  /** The event's chain link checked against `expectedPrev`, as checkLink answers. */
  readonly link: LinkCheck;
  /** The leaf hash, or null when the event has no committed form (`link` then says why). */
  readonly leaf: Buffer | null;
}

/** The one buffer both texts are written into, one after the other (nothing here calls itself). */
const writer = new Utf8Writer();

function revisionNumber(revision: bigint): number {
  const value = Number(revision);
  if (!Number.isSafeInteger(value) || value < 0)
    throw new LeafRecordError(`Revision ${revision} is not a non-negative safe integer`);
  return value;
}

/**
 * The leaf hash and chain hash (hex) of an event whose committed data is `data`: the leaf text written as UTF-8
 * (canonical-utf8.ts), then the chain text after it from the same bytes: the data, the metadata without its `hash`
 * member, `prev` and the type copied, not written again.
 */
function digestsOver(event: DigestedEvent, data: unknown, commit: boolean): { chain: string; leaf: Buffer } {
  const w = writer;
  w.reset();
  // \0{"data":D,"eventId":I,"metadata":{M},"revision":R,"stream":S,"type":T}
  w.byte(0);
  w.ascii('{"data":');
  const dataAt = w.at;
  if (commit) writeCommitted(w, data);
  else w.value(data);
  const dataEnd = w.at;
  w.ascii(',"eventId":');
  w.string(event.id);
  w.ascii(',"metadata":{');
  const metadataAt = w.at;
  let hashAt = -1;
  let hashEnd = -1;
  let prevAt = -1;
  let prevEnd = -1;
  w.members(event.metadata, (name, member, value, end) => {
    if (name === 'hash') {
      hashAt = member;
      hashEnd = end;
    } else if (name === 'prev') {
      prevAt = value;
      prevEnd = end;
    }
  });
  const metadataEnd = w.at;
  w.ascii('},"revision":');
  w.ascii(String(revisionNumber(event.revision)));
  w.ascii(',"stream":');
  w.string(event.streamName);
  w.ascii(',"type":');
  const typeAt = w.at;
  w.string(event.type);
  const typeEnd = w.at;
  w.byte(0x7d);
  const leafEnd = w.at;
  // {"data":D,"metadata":{M without hash},"prev":P,"type":T}
  w.ascii('{"data":');
  w.again(dataAt, dataEnd);
  w.ascii(',"metadata":{');
  if (hashAt < 0) w.again(metadataAt, metadataEnd);
  else if (hashAt === metadataAt) {
    // The first member: the comma after it goes with it (there is none when it is the only one).
    w.again(hashEnd === metadataEnd ? hashEnd : hashEnd + 1, metadataEnd);
  } else {
    w.again(metadataAt, hashAt - 1);
    w.again(hashEnd, metadataEnd);
  }
  w.ascii('},"prev":');
  if (prevAt < 0) w.ascii('null');
  else w.again(prevAt, prevEnd);
  w.ascii(',"type":');
  w.again(typeAt, typeEnd);
  w.byte(0x7d);
  return {
    leaf: sha256Bytes(w.bytes(0, leafEnd)),
    chain: hash('sha256', w.bytes(leafEnd, w.at), 'hex'),
  };
}

/**
 * The digests with the stored data committed as it is written (committed-utf8.ts), or null when that walk throws:
 * whatever it met (a shape with no committed form, which committedData may name differently as it walks in another
 * order; a value canonical JSON refuses; data that is not plain JSON), the slow path answers for it word for word.
 */
function fastDigests(event: DigestedEvent): { chain: string; leaf: Buffer } | null {
  try {
    return digestsOver(event, event.data, true);
  } catch {
    return null;
  }
}

/**
 * An event's chain hash (hashOf(committedForm(...)), src/store/chain.ts) and leaf hash: what the
 * projector's integrity monitor computes for every event it reads. Throws UncommittableError as
 * committedData does.
 */
export function eventHashes(event: DigestedEvent): { chain: string; leaf: Buffer } {
  return fastDigests(event) ?? digestsOver(event, committedData(event.data, 'stored'), false);
}

/** checkLink(expectedPrev, ...) and eventLeafHash(leafRecordOf(event)) of one event. */
export function eventDigests(event: DigestedEvent, expectedPrev: string | null): EventDigests {
  const digests = fastDigests(event) ?? slowDigests(event, expectedPrev);
  if ('link' in digests) return digests;
  const { chain, leaf } = digests;
  const stated = event.metadata['hash'];
  // The checks in checkLink's order, with its reasons.
  if (typeof stated !== 'string') return { link: { ok: false, reason: 'no hash in metadata' }, leaf };
  const prev = event.metadata['prev'] ?? null;
  if (prev !== expectedPrev)
    return { link: { ok: false, reason: `prev is ${String(prev)}, expected ${String(expectedPrev)}` }, leaf };
  return {
    link: chain === stated ? { ok: true } : { ok: false, reason: 'hash does not match the content' },
    leaf,
  };
}

/** The digests by committedData first, or the verdict on an event whose data has no committed form. */
function slowDigests(
  event: DigestedEvent,
  expectedPrev: string | null,
): EventDigests | { chain: string; leaf: Buffer } {
  let data: unknown;
  try {
    data = committedData(event.data, 'stored');
  } catch (error) {
    if (!(error instanceof UncommittableError)) throw error;
    // The checks in checkLink's order: a missing hash is named before the content.
    const stated = event.metadata['hash'];
    if (typeof stated !== 'string') return { link: { ok: false, reason: 'no hash in metadata' }, leaf: null };
    const prev = event.metadata['prev'] ?? null;
    if (prev !== expectedPrev)
      return { link: { ok: false, reason: `prev is ${String(prev)}, expected ${String(expectedPrev)}` }, leaf: null };
    return { link: { ok: false, reason: error.message }, leaf: null };
  }
  return digestsOver(event, data, false);
}
