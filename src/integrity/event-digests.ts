// Both digests `ledger verify` needs of one event, computing the shared part once (a performance trick,
// ADR 0035): the chain hash (src/store/chain.ts: hashOf(committedForm(event))) and the leaf hash
// (leaf.ts over leafRecordOf: SHA-256(0x00 || canonical record)) each put the event's committed data
// through canonical JSON; here the data is committed and made canonical once, so is each member of the
// metadata, and each canonical text is assembled around them, key order included:
//   chain  {"data":D,"metadata":<metadata without hash>,"prev":P,"type":T}
//   leaf   {"data":D,"eventId":I,"metadata":<metadata>,"revision":R,"stream":S,"type":T}
// and D is turned into UTF-8 once for both hashes (shared-piece-hashes.ts, ADR 0060).
// test/integrity/event-digests.property.unit.test.ts checks both against the slow path (checkLink,
// eventLeafHash(leafRecordOf(...))) for random events; those stay the definition.
import { canonicalJson, canonicalMembers } from '../store/canonical-json.js';
import { UncommittableError, committedData } from '../store/commitment.js';
import { LeafRecordError } from './leaf.js';
import { sharedPieceHashes } from './shared-piece-hashes.js';

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

const LEAF_PREFIX = '\u0000';

function revisionNumber(revision: bigint): number {
  const value = Number(revision);
  if (!Number.isSafeInteger(value) || value < 0)
    throw new LeafRecordError(`Revision ${revision} is not a non-negative safe integer`);
  return value;
}

/**
 * The metadata's canonical text, and the text without `hash` (what the chain covers) with its `prev`:
 * each member is made canonical once for both.
 */
function metadataTexts(metadata: Record<string, unknown>): { whole: string; unhashed: string; prev: string } {
  let whole = '';
  let unhashed = '';
  let prev = 'null';
  for (const { name, text } of canonicalMembers(metadata)) {
    whole += (whole === '' ? '' : ',') + text;
    if (name === 'hash') continue;
    unhashed += (unhashed === '' ? '' : ',') + text;
    if (name === 'prev') prev = canonicalJson(metadata['prev']);
  }
  return { whole: `{${whole}}`, unhashed: `{${unhashed}}`, prev };
}

const LEAF_HEAD = `${LEAF_PREFIX}{"data":`;
const CHAIN_HEAD = '{"data":';

/**
 * The leaf hash and chain hash (hex) of an event whose committed data is already canonical JSON (`data`): both texts
 * hold the data, turned into UTF-8 once for both (shared-piece-hashes.ts).
 */
function digestsOver(event: DigestedEvent, data: string): { chain: string; leaf: Buffer } {
  const metadata = metadataTexts(event.metadata);
  const type = JSON.stringify(event.type);
  const [leaf, chain] = sharedPieceHashes(
    data,
    {
      head: LEAF_HEAD,
      tail: `,"eventId":${JSON.stringify(event.id)},"metadata":${metadata.whole},"revision":${revisionNumber(event.revision)},"stream":${JSON.stringify(event.streamName)},"type":${type}}`,
    },
    { head: CHAIN_HEAD, tail: `,"metadata":${metadata.unhashed},"prev":${metadata.prev},"type":${type}}` },
  );
  return { chain: chain.toString('hex'), leaf };
}

/**
 * An event's chain hash (hashOf(committedForm(...)), src/store/chain.ts) and leaf hash: what the
 * projector's integrity monitor computes for every event it reads. Throws UncommittableError as
 * committedData does.
 */
export function eventHashes(event: DigestedEvent): { chain: string; leaf: Buffer } {
  return digestsOver(event, canonicalJson(committedData(event.data, 'stored')));
}

/** checkLink(expectedPrev, ...) and eventLeafHash(leafRecordOf(event)) of one event. */
export function eventDigests(event: DigestedEvent, expectedPrev: string | null): EventDigests {
  let data: string;
  try {
    data = canonicalJson(committedData(event.data, 'stored'));
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
  const { chain, leaf } = digestsOver(event, data);
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
