// Deterministic event ids and request hashes for Idempotency-Key handling (docs/adr/0006-idempotency.md).
import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { canonicalJson } from '../store/canonical-json.js';

/** Namespace of the ledger's name-based (v5) event ids. Fixed forever: changing it changes every id. */
export const EVENT_ID_NAMESPACE = '6f1d5c1e-6d2b-5a8e-9c3f-0b7a4e2d9c11';

/** sha-256 (hex) of the canonical JSON of the parsed command. */
export function requestHash(command: unknown): string {
  return createHash('sha256').update(canonicalJson(command)).digest('hex');
}

/**
 * Event id of the index-th event appended for a request. The same principal, key, stream and body
 * always give the same ids, so the store's own de-duplication absorbs a retried or racing request.
 * The body's hash is part of the name: two different bodies under one key get different ids and the
 * second one fails the expected-revision check instead of being silently absorbed.
 */
export function eventIdFor(principalId: string, idempotencyKey: string, streamName: string, hash: string, index: number): string {
  return uuidv5(JSON.stringify([principalId, idempotencyKey, streamName, hash, index]), EVENT_ID_NAMESPACE);
}

/**
 * A deterministic id for something a request creates (e.g. a new consultation's uuid), so that a retry
 * with the same Idempotency-Key names the same stream.
 */
export function deterministicId(principalId: string, idempotencyKey: string, purpose: string): string {
  return uuidv5(JSON.stringify([principalId, idempotencyKey, purpose]), EVENT_ID_NAMESPACE);
}
