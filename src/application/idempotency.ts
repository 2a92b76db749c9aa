// Deterministic event ids and request hashes for Idempotency-Key handling (docs/adr/0006-idempotency.md).
import { createHash, createHmac, hash, type KeyObject } from 'node:crypto';
import { parse as parseUuid } from 'uuid';
import { sameJson, type EventMetadata, type Source } from '../../contracts/index.js';
import { canonicalJson } from '../store/canonical-json.js';

/** Namespace of the ledger's name-based (v5) event ids. Fixed forever: changing it changes every id. */
export const EVENT_ID_NAMESPACE = '6f1d5c1e-6d2b-5a8e-9c3f-0b7a4e2d9c11';

/**
 * uuid v5 (RFC 9562 §5.5): SHA-1 of the namespace's 16 bytes and the name's UTF-8 bytes, version and variant bits
 * set, the first 16 bytes formatted. Hashed in one call (`crypto.hash`) over the namespace parsed once: the same
 * ids as uuid's v5(name, namespace) (test/application/idempotency-ids.unit.test.ts), without a Hash object per id.
 * The name is written after the namespace in one buffer (from Node's pool), and the id is cut from the digest's hex
 * text: three ids a keyed write, each with two buffers and uuid's 36-part string fewer (ADR 0059). The digest is
 * asked for as hex, not as a Buffer (whose answer is a fresh ArrayBuffer made in C++), and the version and variant
 * are set in the text: hex digit 12 is the version's nibble, '5'; digit 16 the variant's, its top two bits 10
 * (`VARIANT`): ~650 ns an id instead of ~1,300 (ADR 0063's addendum).
 */
const EVENT_ID_NAMESPACE_BYTES = Buffer.from(parseUuid(EVENT_ID_NAMESPACE));
/** A hex digit with its top two bits set to 10 (RFC 9562's variant), by the digit. */
const VARIANT: Readonly<Record<string, string>> = Object.fromEntries(
  Array.from({ length: 16 }, (_, nibble) => [nibble.toString(16), ((nibble & 0x3) | 0x8).toString(16)]),
);
const v5 = (name: string): string => {
  const input = Buffer.allocUnsafe(16 + Buffer.byteLength(name, 'utf8'));
  EVENT_ID_NAMESPACE_BYTES.copy(input, 0);
  input.write(name, 16, 'utf8');
  const hex = hash('sha1', input, 'hex');
  const variant = VARIANT[hex.charAt(16)] ?? '';
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/**
 * What a request means, for Idempotency-Key purposes: the parsed command and the parts of its context
 * that change what is written (Occurred-At, the venue's time zone, the entry's source). Not If-Match: a retry of a
 * write
 * that succeeded must get its first answer even though the stream has moved on.
 */
export interface RequestMeaning {
  command: unknown;
  occurredAt?: string | undefined;
  timeZone?: string | undefined;
  source?: Source | undefined;
}

/** The request hash of a request, and how to recognise one stored by the same request. */
export interface RequestFingerprint {
  /** Stored with the request's events (metadata.requestHash) and in its key claim. */
  readonly hash: string;
  /** Was the key claim with this hash made by this request? */
  matchesClaim(stored: string): boolean;
  /** Was this event, stored under the same principal and key, written by this request? */
  matchesEvent(
    metadata: Pick<EventMetadata, 'requestHash' | 'occurredAt' | 'occurredAtDefaulted' | 'timeZone' | 'source'>,
  ): boolean;
}

/** sha-256 (hex) of the canonical JSON of the parsed command alone: the request hash as written before 2026-12. */
export function legacyRequestHash(command: unknown): string {
  return createHash('sha256').update(canonicalJson(command)).digest('hex');
}

const REQUEST_HASH_DOMAIN = 'position-ledger/request/v2\n';

/**
 * HMAC-SHA256 (hex) under the ledger's request-hash key over the command and the context that changes
 * what is written. Keyed, because the command holds classified values: a plain hash would let a reader
 * of the metadata (or of the event ids derived from it) confirm a guess of them (ADR 0020).
 */
export function requestHash(meaning: RequestMeaning, key: KeyObject): string {
  const { command, occurredAt, timeZone, source } = meaning;
  // canonicalJson drops undefined members: a request without a source hashes as before the field (ADR 0038).
  return createHmac('sha256', key)
    .update(REQUEST_HASH_DOMAIN)
    .update(canonicalJson({ command, occurredAt, timeZone, source }))
    .digest('hex');
}

/**
 * The fingerprint of a request. A hash stored before it was keyed and covered Occurred-At (the plain
 * hash of the command alone) is still recognised, so a retry across the upgrade replays; for those
 * events the date and zone the request names are compared with the ones recorded instead.
 */
export function requestFingerprint(meaning: RequestMeaning, key: KeyObject): RequestFingerprint {
  const hash = requestHash(meaning, key);
  let legacy: string | undefined;
  const legacyHash = (): string => (legacy ??= legacyRequestHash(meaning.command));
  return {
    hash,
    matchesClaim: (stored) => stored === hash || stored === legacyHash(),
    matchesEvent(metadata) {
      if (metadata.requestHash === hash) return true;
      if (metadata.requestHash !== legacyHash()) return false;
      const sameTime =
        meaning.occurredAt === undefined
          ? metadata.occurredAtDefaulted === true
          : metadata.occurredAt === meaning.occurredAt && metadata.occurredAtDefaulted !== true;
      return (
        sameTime && metadata.timeZone === meaning.timeZone && sameJson(metadata.source ?? null, meaning.source ?? null)
      );
    },
  };
}

/**
 * Event id of the index-th event appended for a request. The same principal, key, stream and body
 * always give the same ids, so the store's own de-duplication absorbs a retried or racing request.
 * The body's hash is part of the name: two different bodies under one key get different ids and the
 * second one fails the expected-revision check instead of being silently absorbed.
 */
export function eventIdFor(
  principalId: string,
  idempotencyKey: string,
  streamName: string,
  hash: string,
  index: number,
): string {
  return v5(JSON.stringify([principalId, idempotencyKey, streamName, hash, index]));
}

/**
 * A deterministic id for something a request creates (e.g. a new consultation's uuid), so that a retry
 * with the same Idempotency-Key names the same stream.
 */
export function deterministicId(principalId: string, idempotencyKey: string, purpose: string): string {
  return v5(JSON.stringify([principalId, idempotencyKey, purpose]));
}
