// Canonical JSON: object keys sorted by code unit, no whitespace, undefined members dropped.
// Used for request hashes and the per-stream integrity chain, so it must give the same text for a
// value before it is stored and after it is read back.

export class NotCanonicalisableError extends Error {
  override readonly name = 'NotCanonicalisableError';
  readonly code = 'not_canonicalisable';
}

export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new NotCanonicalisableError(`Non-finite number ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((item: unknown) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
      }
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      const entries = Object.entries(value)
        .filter(([, v]) => v !== undefined && typeof v !== 'function')
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    default:
      throw new NotCanonicalisableError(`Cannot put a ${typeof value} into JSON`);
  }
}
