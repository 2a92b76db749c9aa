// Canonical JSON written straight as UTF-8 bytes into a reusable buffer (a performance trick, ADR 0064).
// The integrity checks hash every ledger event's canonical texts (its chain link and its Merkle leaf) as UTF-8.
// Building the text as a string first (canonical-json.ts) and having hash() convert it costs twice: the string is
// a rope of many pieces, two-byte because of the ledger's Thai, and Node flattens it and converts it whole. Here
// the same text is written byte by byte as the value is walked: ASCII as it is, other code units as UTF-8, each
// key's `"key":` bytes kept, so a caller can hash slices of one buffer.
//
// The bytes are exactly Buffer.from(canonicalJson(value), 'utf8'): same key order (canonical-json.ts's sortedKeys),
// same members left out, same errors, and a string that needs escapes (a quote, a backslash, a control character,
// a lone surrogate) is still written from JSON.stringify's text. test/store/canonical-utf8.property.unit.test.ts
// holds canonicalJson + UTF-8 as the definition and compares both on arbitrary values and strings.
import { NotCanonicalisableError, sortedKeys } from './canonical-json.js';

/** The buffer is kept up to this size between texts; a larger text grows it for that text only. */
const KEPT_BYTES = 1 << 20;
const INITIAL_BYTES = 64 * 1024;

/** At most this many keys' bytes are kept (the ledger has a few dozen keys). */
const KEPT_KEYS = 4096;
const keyBytes = new Map<string, Uint8Array>();

/** Strings longer than this are written by Buffer's native UTF-8 writer once known to need no escape. */
const NATIVE_FROM = 64;

/**
 * A buffer the canonical bytes of values are written into, one text after another: `at` is where the next byte
 * goes; `bytes(start, end)` is a view of what was written (valid until the next write that grows the buffer).
 */
export class Utf8Writer {
  private buf: Buffer = Buffer.allocUnsafe(INITIAL_BYTES);
  at = 0;

  /** Starts over at 0 (a buffer grown past the kept size for the last text is let go). */
  reset(): void {
    if (this.buf.length > KEPT_BYTES) this.buf = Buffer.allocUnsafe(INITIAL_BYTES);
    this.at = 0;
  }

  bytes(start: number, end: number): Buffer {
    return this.buf.subarray(start, end);
  }

  /** Room for `n` more bytes. */
  private room(n: number): Buffer {
    const need = this.at + n;
    if (need > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, 2 * this.buf.length));
      this.buf.copy(grown, 0, 0, this.at);
      this.buf = grown;
    }
    return this.buf;
  }

  byte(b: number): void {
    this.room(1)[this.at++] = b;
  }

  /** Any string as UTF-8 (a lone surrogate as U+FFFD, as Buffer writes it), with no quoting or escaping. */
  raw(text: string): void {
    const buf = this.room(3 * text.length);
    if (text.length > NATIVE_FROM) this.at += buf.write(text, this.at);
    else this.at = utf8(text, buf, this.at, false);
  }

  /** Bytes already encoded (a kept key, a piece written earlier). */
  copy(bytes: Uint8Array): void {
    const n = bytes.length;
    const buf = this.room(n);
    if (n > 16) buf.set(bytes, this.at);
    else for (let i = 0; i < n; i++) buf[this.at + i] = bytes[i] as number;
    this.at += n;
  }

  /** Bytes written earlier into this buffer, [start, end), written again at the end. */
  again(start: number, end: number): void {
    const buf = this.room(end - start);
    buf.copyWithin(this.at, start, end);
    this.at += end - start;
  }

  /** A string as canonical JSON writes it: quoted, escaped as JSON.stringify escapes it. */
  string(text: string): void {
    const buf = this.room(3 * text.length + 2);
    const start = this.at;
    buf[start] = 0x22;
    let at: number;
    if (text.length > NATIVE_FROM) {
      if (!plain(text)) return this.escaped(text, start);
      at = start + 1 + buf.write(text, start + 1);
    } else {
      at = utf8(text, buf, start + 1, true);
      if (at < 0) return this.escaped(text, start);
    }
    buf[at] = 0x22;
    this.at = at + 1;
  }

  /** A string that needs escapes: JSON.stringify's text, from `start` on. */
  private escaped(text: string, start: number): void {
    this.at = start;
    this.raw(JSON.stringify(text));
  }

  /** `value`'s canonical JSON (canonicalJson's text) as UTF-8. */
  value(value: unknown): void {
    if (value === null) return this.ascii('null');
    switch (typeof value) {
      case 'string':
        return this.string(value);
      case 'boolean':
        return this.ascii(value ? 'true' : 'false');
      case 'number':
        if (!Number.isFinite(value)) throw new NotCanonicalisableError(`Non-finite number ${value}`);
        return this.ascii(JSON.stringify(value));
      case 'object':
        if (Array.isArray(value)) return this.array(value);
        if (value instanceof Date) return this.raw(JSON.stringify(value.toISOString()));
        return this.object(value as Record<string, unknown>);
      default:
        throw new NotCanonicalisableError(`Cannot put a ${typeof value} into JSON`);
    }
  }

  /** Text known to be ASCII (a number, a literal). */
  ascii(text: string): void {
    const n = text.length;
    const buf = this.room(n);
    let at = this.at;
    for (let i = 0; i < n; i++) buf[at++] = text.charCodeAt(i);
    this.at = at;
  }

  private array(items: readonly unknown[]): void {
    this.byte(0x5b);
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (i > 0) this.byte(0x2c);
      if (item === undefined) this.ascii('null');
      else this.value(item);
    }
    this.byte(0x5d);
  }

  private object(value: Record<string, unknown>): void {
    this.byte(0x7b);
    this.members(value);
    this.byte(0x7d);
  }

  /** `"key":` as canonical JSON writes it before a member's value. */
  key(key: string): void {
    const kept = keyBytes.get(key);
    if (kept !== undefined) return this.copy(kept);
    const start = this.at;
    this.string(key);
    this.byte(0x3a);
    if (keyBytes.size < KEPT_KEYS) keyBytes.set(key, Uint8Array.from(this.buf.subarray(start, this.at)));
  }

  /**
   * An object's members, each as `"name":value` and separated by commas (the object's text without its braces);
   * `seen(name, member, value, end)`, if given, is told where each member (its key's opening quote), its value and its
   * end are.
   */
  members(
    value: Record<string, unknown>,
    seen?: (name: string, member: number, value: number, end: number) => void,
  ): void {
    let first = true;
    for (const key of sortedKeys(Object.keys(value))) {
      const member = value[key];
      if (member === undefined || typeof member === 'function') continue;
      if (!first) this.byte(0x2c);
      first = false;
      const start = this.at;
      this.key(key);
      const valueAt = this.at;
      this.value(member);
      seen?.(key, start, valueAt, this.at);
    }
  }
}

/**
 * Writes `text` as UTF-8 into `buf` from `at` (room made by the caller) and returns where it ended. With `json`, it
 * stops at the first code unit JSON.stringify would escape (a control character, a quote, a backslash, a lone
 * surrogate) and returns -1; without, a lone surrogate is written as U+FFFD, as Buffer writes it.
 */
function utf8(text: string, buf: Buffer, at: number, json: boolean): number {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (json && (c < 0x20 || c === 0x22 || c === 0x5c)) return -1;
      buf[at++] = c;
    } else if (c < 0x800) {
      buf[at++] = 0xc0 | (c >> 6);
      buf[at++] = 0x80 | (c & 0x3f);
    } else if (c < 0xd800 || c > 0xdfff) {
      buf[at++] = 0xe0 | (c >> 12);
      buf[at++] = 0x80 | ((c >> 6) & 0x3f);
      buf[at++] = 0x80 | (c & 0x3f);
    } else {
      const d = c <= 0xdbff && i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        const p = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        buf[at++] = 0xf0 | (p >> 18);
        buf[at++] = 0x80 | ((p >> 12) & 0x3f);
        buf[at++] = 0x80 | ((p >> 6) & 0x3f);
        buf[at++] = 0x80 | (p & 0x3f);
        i++;
      } else {
        if (json) return -1;
        buf[at++] = 0xef;
        buf[at++] = 0xbf;
        buf[at++] = 0xbd;
      }
    }
  }
  return at;
}

// eslint-disable-next-line no-control-regex -- a control character is what makes a string need escapes
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;
/** A long string with no character to escape and no surrogate (pairs go the slow way, which writes them whole). */
const plain = (text: string): boolean => PLAIN.test(text);
