// The per-stream integrity chain: every event's metadata carries `prev` (the hash of the event before
// it in the same stream; absent on the first, where it counts as null) and `hash` = sha256 over the canonical JSON of
// { prev, type, data, metadata without hash }. Changing or removing any event breaks every later link.
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

export function eventHash(type: string, data: unknown, metadataWithoutHash: Record<string, unknown>): string {
  const prev = metadataWithoutHash['prev'] ?? null;
  return createHash('sha256')
    .update(canonicalJson({ prev, type, data, metadata: metadataWithoutHash }))
    .digest('hex');
}

/** Returns the metadata with `prev` and `hash` set, chained onto `prev`. */
export function chainMetadata(
  prev: string | null,
  type: string,
  data: unknown,
  metadata: Record<string, unknown>,
): Record<string, unknown> {
  const { hash: _hash, prev: _prev, ...rest } = metadata;
  // The first event of a stream carries no `prev` at all (it counts as null in the hash).
  const linked = prev === null ? rest : { ...rest, prev };
  return { ...linked, hash: eventHash(type, data, linked) };
}

export type ChainCheck = { ok: true } | { ok: false; reason: string };

/** Checks one event against the hash of the event before it. */
export function checkLink(
  expectedPrev: string | null,
  type: string,
  data: unknown,
  metadata: Record<string, unknown>,
): ChainCheck {
  const { hash, ...rest } = metadata;
  if (typeof hash !== 'string') return { ok: false, reason: 'no hash in metadata' };
  const prev = rest['prev'] ?? null;
  if (prev !== expectedPrev) {
    return { ok: false, reason: `prev is ${String(prev)}, expected ${String(expectedPrev)}` };
  }
  const recomputed = eventHash(type, data, rest);
  if (recomputed !== hash) return { ok: false, reason: 'hash does not match the content' };
  return { ok: true };
}
