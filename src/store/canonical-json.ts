// Canonical JSON: object keys sorted by code unit, no whitespace, undefined members dropped.
// Used for request hashes and the per-stream integrity chain, so it must give the same text for a
// value before it is stored and after it is read back.
//
// Every event is hashed twice on its way through the ledger (its chain link and its Merkle leaf), so
// this runs for every event written, indexed, verified or audited. It is written as plain loops over
// `Object.keys` that sort only when the keys are not already in order (as objects the ledger builds and
// JSON.parse returns usually are). test/store/canonical-json.property.unit.test.ts holds the map/filter/
// sort form it replaced as the definition and checks both give the same text.

export class NotCanonicalisableError extends Error {
  override readonly name = 'NotCanonicalisableError';
  readonly code = 'not_canonicalisable';
}

export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
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
  const keys = Object.keys(value);
  if (!inOrder(keys)) keys.sort();
  let text = '';
  for (const key of keys) {
    const member = value[key];
    if (member === undefined || typeof member === 'function') continue;
    text += (text === '' ? '{' : ',') + JSON.stringify(key) + ':' + canonicalJson(member);
  }
  return text === '' ? '{}' : text + '}';
}

/** Whether the keys are already sorted by code unit (what `Array.prototype.sort` does by default). */
function inOrder(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if ((keys[i - 1] as string) > (keys[i] as string)) return false;
  return true;
}
