// Stored data's committed form written straight as canonical UTF-8 (a performance trick, ADR 0064): the bytes of
// canonicalJson(committedData(data, 'stored')) (commitment.ts, canonical-json.ts), without making the committed copy
// first. committedData copies every object that holds a sealed field and reads each object's keys up to three
// times; the integrity checks do this for every ledger event (about 1 KB of short-lived objects an event in their
// worker). Here the data is walked once, in canonical order: a sealed field is written as its commitment
// `{"commitment":"…","level":…}`, anything else as canonical-utf8.ts writes it.
//
// A shape the committed form refuses (a value stored redacted, or given only by its commitment) throws
// UncommittableError, but not necessarily the one committedData would throw first (it walks keys in their own
// order, this in sorted order): a caller that reports the reason takes it from committedData (event-digests.ts).
// test/store/committed-utf8.property.unit.test.ts compares the bytes with the definition for arbitrary data.
import { sortedKeys } from './canonical-json.js';
import type { Utf8Writer } from './canonical-utf8.js';
import { UncommittableError, commitmentOf, isRedactedCommitted, type SealedField } from './commitment.js';

const has = (node: object, key: string): boolean => Object.hasOwn(node, key);

/** isSealedField for an object whose keys (`own`, three of them) are known: its keys are not read again. */
const sealed = (node: object, own: readonly string[]): node is SealedField =>
  own.length === 3 &&
  has(node, 'level') &&
  has(node, 'value') &&
  has(node, 'salt') &&
  typeof Reflect.get(node, 'level') === 'string' &&
  typeof Reflect.get(node, 'salt') === 'string';

/** Data this writer leaves to committedData and canonicalJson (an object that is not plain, other than a Date). */
export class NotPlainDataError extends Error {
  override readonly name = 'NotPlainDataError';
}

/** Writes canonicalJson(committedData(data, 'stored')) as UTF-8; throws as described above. */
export function writeCommitted(w: Utf8Writer, data: unknown): void {
  if (typeof data !== 'object' || data === null) return w.value(data);
  if (Array.isArray(data)) {
    w.byte(0x5b);
    for (let i = 0; i < data.length; i++) {
      if (i > 0) w.byte(0x2c);
      const item: unknown = data[i];
      if (item === undefined) w.ascii('null');
      else writeCommitted(w, item);
    }
    w.byte(0x5d);
    return;
  }
  const own = Object.keys(data);
  const proto: unknown = Object.getPrototypeOf(data);
  if (proto !== Object.prototype && proto !== null) {
    // A Date with nothing of its own: committedData leaves it as it is, canonical JSON writes its instant.
    if (data instanceof Date && own.length === 0) return w.value(data);
    // Not what a store gives (parsed JSON, or its structured clone): the caller takes the slow path.
    throw new NotPlainDataError('not plain JSON data');
  }
  if (own.length === 3) {
    if (sealed(data, own)) {
      w.ascii('{"commitment":');
      w.string(commitmentOf(data));
      w.ascii(',"level":');
      w.string(data.level);
      w.byte(0x7d);
      return;
    }
    if (isRedactedCommitted(data)) throw new UncommittableError('a classified value is stored redacted');
  } else if (own.length === 2) {
    if (has(data, 'level') && has(data, 'commitment'))
      throw new UncommittableError('a classified value is given only by its commitment');
    if (has(data, 'level') && has(data, 'redacted') && Reflect.get(data, 'redacted') === true)
      throw new UncommittableError(
        'a classified value written before salts is redacted: only a reader cleared for it can verify this event',
      );
  }
  w.byte(0x7b);
  let first = true;
  for (const key of sortedKeys(own)) {
    const member: unknown = Reflect.get(data, key);
    if (member === undefined || typeof member === 'function') continue;
    if (!first) w.byte(0x2c);
    first = false;
    w.key(key);
    writeCommitted(w, member);
  }
  w.byte(0x7d);
}
