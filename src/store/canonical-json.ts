// Canonical JSON: object keys sorted by code unit, no whitespace, undefined members dropped.
// Used for request hashes and the per-stream integrity chain, so it must give the same text for a
// value before it is stored and after it is read back.
//
// Every event is hashed twice on its way through the ledger (its chain link and its Merkle leaf), so
// this runs for every event written, indexed, verified or audited. It is written as plain loops over
// `Object.keys` (ADR 0047), and with fewer calls where a profile of the integrity checks found them (ADR 0050):
//   - a string that needs no escape (no `"`, `\`, control character or surrogate) is quoted as it is:
//     JSON.stringify would return exactly that; any other string still goes through JSON.stringify;
//   - a key's quoted text is kept (the ledger's keys are a few dozen names);
//   - the sorted order of a list of keys not in order is kept for the next object with the same list
//     (objects of one event type list their keys in one order), checked key by key before it is used. Lists are
//     found by their first key and their length (ADR 0059: with 8 lists per first key, the metadata of the demo
//     data's writes took every place under `actor`, and each live write sorted its metadata's keys again).
// test/store/canonical-json.property.unit.test.ts holds the map/filter/sort form as the definition and
// checks both give the same text, odd strings and key orders included.

export class NotCanonicalisableError extends Error {
  override readonly name = 'NotCanonicalisableError';
  readonly code = 'not_canonicalisable';
}

/** Strings JSON.stringify writes as they are, between quotes. */
// eslint-disable-next-line no-control-regex -- a control character is what makes a string need escapes
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** At most this many keys' texts and key lists are kept: the ledger has a few dozen of each. */
const KEPT = 4096;

const keyTexts = new Map<string, string>();
interface Order {
  readonly keys: readonly string[];
  readonly sorted: readonly string[];
}
/** Key lists not in order, by their first key, then their length: each list with its sorted copy. */
const orders = new Map<string, Map<number, Order[]>>();
/** Lists kept per first key and length (the ledger's metadata: a few with and without `prev`, `source`, ...). */
const PER_SHAPE = 16;
let kept = 0;

export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return stringJson(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new NotCanonicalisableError(`Non-finite number ${value}`);
      return JSON.stringify(value);
    case 'object':
      if (Array.isArray(value)) return arrayJson(value);
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      return objectJson(value as Record<string, unknown>);
    default:
      throw new NotCanonicalisableError(`Cannot put a ${typeof value} into JSON`);
  }
}

function stringJson(value: string): string {
  return PLAIN.test(value) ? '"' + value + '"' : JSON.stringify(value);
}

/** `"key":` as canonical JSON writes it before a member's value. */
function keyJson(key: string): string {
  let text = keyTexts.get(key);
  if (text === undefined) {
    text = stringJson(key) + ':';
    if (kept < KEPT) {
      keyTexts.set(key, text);
      kept += 1;
    }
  }
  return text;
}

function arrayJson(items: readonly unknown[]): string {
  let text = '[';
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (i > 0) text += ',';
    text += item === undefined ? 'null' : canonicalJson(item);
  }
  return text + ']';
}

function objectJson(value: Record<string, unknown>): string {
  let text = '';
  for (const key of sortedKeys(Object.keys(value))) {
    const member = value[key];
    if (member === undefined || typeof member === 'function') continue;
    text += (text === '' ? '{' : ',') + keyJson(key) + canonicalJson(member);
  }
  return text === '' ? '{}' : text + '}';
}

/**
 * The keys in code-unit order (what `Array.prototype.sort` does by default); a kept order when known. Also the
 * order canonical-utf8.ts writes members in.
 */
export function sortedKeys(keys: string[]): readonly string[] {
  if (keys.length < 2 || inOrder(keys)) return keys;
  const first = keys[0] as string;
  const byLength = orders.get(first);
  const known = byLength?.get(keys.length);
  if (known !== undefined) for (const k of known) if (sameKeys(k.keys, keys)) return k.sorted;
  const sorted = [...keys].sort();
  if (kept < KEPT && (known?.length ?? 0) < PER_SHAPE) {
    if (known !== undefined) known.push({ keys, sorted });
    else if (byLength !== undefined) byLength.set(keys.length, [{ keys, sorted }]);
    else orders.set(first, new Map([[keys.length, [{ keys, sorted }]]]));
    kept += 1;
  }
  return sorted;
}

function inOrder(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if ((keys[i - 1] as string) > (keys[i] as string)) return false;
  return true;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
