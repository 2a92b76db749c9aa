// Commitments to classified values (ADR 0020). A classified field is stored as { level, value, salt };
// what the integrity chain hashes in its place is { level, commitment }, with
// commitment = sha-256("position-ledger/classified-value/v1" NUL salt NUL canonical JSON of value).
// The salt is random and redacted with the value, so neither the commitment nor any hash over it lets
// a reader without the value confirm a guess of it; a reader with value and salt recomputes it.
//
// Fields are recognised by shape, as src/read/redact.ts does: the store knows no event types. Event
// schemas are strict, so these shapes occur only where the catalogue puts classified fields.
import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

export const COMMITMENT_DOMAIN = 'position-ledger/classified-value/v1';

export interface SealedField {
  readonly level: string;
  readonly value: unknown;
  readonly salt: string;
}

/** The commitment to a salted value: sha-256 (hex) over the domain, the salt and the canonical value. */
export function commitmentOf(field: { readonly value: unknown; readonly salt: string }): string {
  return hash('sha256', `${COMMITMENT_DOMAIN}\u0000${field.salt}\u0000${canonicalJson(field.value)}`, 'hex');
}

function hasExactly(node: object, keys: readonly string[]): boolean {
  const own = Object.keys(node);
  return own.length === keys.length && keys.every((k) => Object.hasOwn(node, k));
}

/** `{ level, value, salt }` with a string level and salt. */
export function isSealedField(node: unknown): node is SealedField {
  return (
    typeof node === 'object' &&
    node !== null &&
    !Array.isArray(node) &&
    hasExactly(node, ['level', 'value', 'salt']) &&
    typeof Reflect.get(node, 'level') === 'string' &&
    typeof Reflect.get(node, 'salt') === 'string'
  );
}

/** `{ level, redacted: true, commitment }`: a sealed field as a reader without clearance gets it. */
export function isRedactedCommitted(node: object): boolean {
  return (
    hasExactly(node, ['level', 'redacted', 'commitment']) &&
    Reflect.get(node, 'redacted') === true &&
    typeof Reflect.get(node, 'commitment') === 'string'
  );
}

/** Why an event's content has no committed form (so its hash cannot be checked). */
export class UncommittableError extends Error {
  override readonly name = 'UncommittableError';
}

export type CommitFrom = 'stored' | 'redacted';

/**
 * `data` with every sealed field replaced by `{ level, commitment }` (the same object where nothing
 * changes). `from: 'redacted'` also takes a redacted copy as an auditor reads it: `{ level, redacted,
 * commitment }` stands for its field. Stored data never holds a redacted or committed field (it would
 * hide that the value was erased), and a legacy field redacted without commitment cannot be committed:
 * both throw UncommittableError.
 */
export function committedData(data: unknown, from: CommitFrom = 'stored'): unknown {
  if (typeof data !== 'object' || data === null) return data;
  if (Array.isArray(data)) {
    let out: unknown[] | undefined;
    data.forEach((item: unknown, i) => {
      const mapped = committedData(item, from);
      if (mapped !== item) (out ??= data.slice())[i] = mapped;
    });
    return out ?? data;
  }
  // The keys read once (this runs for every object of every event the integrity checks read): the
  // shapes below have two or three keys, so most objects skip them all.
  const own = Object.keys(data);
  if (own.length === 3) {
    if (isSealedField(data)) return { level: data.level, commitment: commitmentOf(data) };
    if (isRedactedCommitted(data)) {
      if (from === 'stored') throw new UncommittableError('a classified value is stored redacted');
      return { level: Reflect.get(data, 'level'), commitment: Reflect.get(data, 'commitment') };
    }
  } else if (own.length === 2) {
    if (hasExactly(data, ['level', 'commitment']))
      throw new UncommittableError('a classified value is given only by its commitment');
    if (hasExactly(data, ['level', 'redacted']) && Reflect.get(data, 'redacted') === true) {
      throw new UncommittableError(
        'a classified value written before salts is redacted: only a reader cleared for it can verify this event',
      );
    }
  }
  let out: Record<string, unknown> | undefined;
  for (const key of own) {
    const inner: unknown = Reflect.get(data, key);
    const mapped = committedData(inner, from);
    if (mapped !== inner) (out ??= { ...data })[key] = mapped;
  }
  return out ?? data;
}
