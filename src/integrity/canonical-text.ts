// Canonical JSON (src/store/canonical-json.ts) for the integrity checks' hot path (ADR 0050): the same
// text, made with fewer calls. The checks put every event's data and metadata through canonical JSON in
// the checks' worker; a profile of a catch-up found most of that cost outside the walk itself: one
// JSON.stringify call per key and per string (each sets up a serializer), and a sort of the keys of
// nearly every object (the ledger writes `issueId, version, ...`, not in code-unit order). Here
//   - a string that needs no escape (no `"`, `\`, control character or surrogate) is quoted as it is:
//     JSON.stringify would return exactly that; any other string still goes through JSON.stringify;
//   - a key's quoted text is kept (the ledger's keys are a few dozen names);
//   - the sorted order of a list of keys is kept for the next object with the same list (objects of one
//     event type list their keys in one order), checked key by key before it is used.
// test/integrity/canonical-text.property.unit.test.ts checks the text equals canonicalJson's for random
// values, odd strings and key orders included; canonicalJson stays the definition.
import { NotCanonicalisableError } from '../store/canonical-json.js';

/** Strings JSON.stringify writes as they are, between quotes. */
// eslint-disable-next-line no-control-regex -- a control character is what makes a string need escapes
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** At most this many keys' texts and key lists are kept: the ledger has a few dozen of each. */
const KEPT = 4096;

const keyTexts = new Map<string, string>();
/** Key lists not in order, by their first key: each list with its sorted copy. */
const orders = new Map<string, Array<{ readonly keys: readonly string[]; readonly sorted: readonly string[] }>>();
let kept = 0;

/** `"key":` as canonical JSON writes it before a member's value. */
function keyText(key: string): string {
  let text = keyTexts.get(key);
  if (text === undefined) {
    text = stringText(key) + ':';
    if (kept < KEPT) {
      keyTexts.set(key, text);
      kept += 1;
    }
  }
  return text;
}

function stringText(value: string): string {
  return PLAIN.test(value) ? '"' + value + '"' : JSON.stringify(value);
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

/** The keys in code-unit order (what canonicalJson's `keys.sort()` gives). */
function sortedKeys(keys: string[]): readonly string[] {
  if (keys.length < 2 || inOrder(keys)) return keys;
  const first = keys[0] as string;
  const known = orders.get(first);
  if (known !== undefined) for (const k of known) if (sameKeys(k.keys, keys)) return k.sorted;
  const sorted = [...keys].sort();
  if (kept < KEPT && (known?.length ?? 0) < 8) {
    if (known === undefined) orders.set(first, [{ keys, sorted }]);
    else known.push({ keys, sorted });
    kept += 1;
  }
  return sorted;
}

/** canonicalJson(value), the same text. */
export function canonicalText(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return stringText(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new NotCanonicalisableError(`Non-finite number ${value}`);
      return JSON.stringify(value);
    case 'object':
      if (Array.isArray(value)) return arrayText(value);
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      return objectText(value as Record<string, unknown>);
    default:
      throw new NotCanonicalisableError(`Cannot put a ${typeof value} into JSON`);
  }
}

function arrayText(items: readonly unknown[]): string {
  let text = '[';
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (i > 0) text += ',';
    text += item === undefined ? 'null' : canonicalText(item);
  }
  return text + ']';
}

function objectText(value: Record<string, unknown>): string {
  let text = '';
  for (const key of sortedKeys(Object.keys(value))) {
    const member = value[key];
    if (member === undefined || typeof member === 'function') continue;
    text += (text === '' ? '{' : ',') + keyText(key) + canonicalText(member);
  }
  return text === '' ? '{}' : text + '}';
}

/** canonicalMembers(value): each member's `"name":value` text, in canonical order. */
export function canonicalMemberTexts(value: Record<string, unknown>): Array<{ name: string; text: string }> {
  const members: Array<{ name: string; text: string }> = [];
  for (const key of sortedKeys(Object.keys(value))) {
    const member = value[key];
    if (member === undefined || typeof member === 'function') continue;
    members.push({ name: key, text: keyText(key) + canonicalText(member) });
  }
  return members;
}
