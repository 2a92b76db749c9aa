// The per-stream integrity chain: every event's metadata carries `prev` (the hash of the event before
// it in the same stream; absent on the first, where it counts as null) and `hash` = sha256 over the
// canonical JSON of its committed form (committedForm). Changing or removing any event breaks every
// later link.
//
// The committed form hides classified values (ADR 0020): each `{ level, value, salt }` enters as
// `{ level, commitment }`, so a reader without clearance gets the commitment with the redacted field
// and verifies the chain without learning the value. Events written before salts hold `{ level, value }`
// and are hashed as written: their hashes verify for a reader cleared for them, as before.
import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import { chainText } from './chain-utf8.js';
import { UncommittableError, committedData, type CommitFrom } from './commitment.js';

/** What an event's hash covers. */
export interface CommittedForm {
  /** The hash of the event before it in its stream; null on the first. */
  readonly prev: unknown;
  readonly type: string;
  /** The data with every classified value replaced by `{ level, commitment }`. */
  readonly data: unknown;
  /** The metadata without `hash`. */
  readonly metadata: Record<string, unknown>;
}

export interface EventContent {
  readonly type: string;
  readonly data: unknown;
  /** The event's metadata; a `hash` in it is left out. */
  readonly metadata: Record<string, unknown>;
}

/**
 * The committed form of an event: exactly what its chain hash (and any later integrity structure
 * built on events) covers. `from: 'redacted'` accepts a copy redacted for a reader (ADR 0020); the
 * store's own events are 'stored'. Throws UncommittableError when the content has none (see
 * committedData).
 */
export function committedForm(event: EventContent, from: CommitFrom = 'stored'): CommittedForm {
  const { hash: _hash, ...metadata } = event.metadata;
  return { prev: metadata['prev'] ?? null, type: event.type, data: committedData(event.data, from), metadata };
}

/** sha-256 (hex) of the canonical JSON of a committed form (one-shot `crypto.hash`: no Hash object per event). */
export function hashOf(form: CommittedForm): string {
  return hash('sha256', canonicalJson(form), 'hex');
}

/**
 * hashOf(committedForm(event)), the same digest from the text written as UTF-8 bytes (chain-utf8.ts, ADR 0065); when
 * that walk throws, the definition's path answers (its errors word for word).
 */
export function chainHash(event: EventContent): string {
  let text: Buffer;
  try {
    text = chainText(event);
  } catch {
    return hashOf(committedForm(event));
  }
  return hash('sha256', text, 'hex');
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
  return { ...linked, hash: chainHash({ type, data, metadata: linked }) };
}

export type ChainCheck = { ok: true } | { ok: false; reason: string };

export interface CheckOptions {
  /** The event is a copy redacted for a reader (audit events), not the store's own. */
  readonly from?: CommitFrom;
}

/** Checks one event against the hash of the event before it. */
export function checkLink(
  expectedPrev: string | null,
  type: string,
  data: unknown,
  metadata: Record<string, unknown>,
  options: CheckOptions = {},
): ChainCheck {
  const hash = metadata['hash'];
  if (typeof hash !== 'string') return { ok: false, reason: 'no hash in metadata' };
  const prev = metadata['prev'] ?? null;
  if (prev !== expectedPrev) {
    return { ok: false, reason: `prev is ${String(prev)}, expected ${String(expectedPrev)}` };
  }
  let recomputed: string;
  try {
    recomputed =
      options.from === 'redacted'
        ? hashOf(committedForm({ type, data, metadata }, 'redacted'))
        : chainHash({ type, data, metadata });
  } catch (error) {
    if (error instanceof UncommittableError) return { ok: false, reason: error.message };
    throw error;
  }
  if (recomputed !== hash) return { ok: false, reason: 'hash does not match the content' };
  return { ok: true };
}
