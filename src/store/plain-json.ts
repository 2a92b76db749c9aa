// Whether a value is already what a JSON round trip gives back (a performance trick, ADR 0065): the write side's
// kept reads keep the data of an event this process appended as a read of the store would give it, and a copy
// through JSON text (stringify, then parse) cost ~10 µs of the API thread a keyed write and its garbage. Data that is
// plain JSON already (the domain schema's own output, handed over by the ledger) can be kept as it is; one walk,
// with next to no allocation, says so.
//
// Plain: null, booleans, strings, finite numbers other than -0 (JSON writes it as 0), arrays without holes or
// undefined items, and objects whose prototype is Object.prototype with plain values, no undefined member and no
// symbol key. For such a value, JSON.parse(JSON.stringify(value)) is deep-strictly equal to it
// (test/store/plain-json.property.unit.test.ts). Anything else answers false, and the caller copies.

export function isPlainJson(value: unknown): boolean {
  // `typeof value === '…'` each time, not a switch on it: the optimizing compiler turns the comparisons into type
  // checks, where a switch computes the type's name (a call) and compares strings.
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== 'object') return false;
  if (Array.isArray(value)) return plainItems(value);
  return Object.getPrototypeOf(value) === Object.prototype && plainMembers(value as Record<string, unknown>);
}

function plainItems(items: readonly unknown[]): boolean {
  if (Object.getPrototypeOf(items) !== Array.prototype) return false;
  for (let i = 0; i < items.length; i++) {
    if (!(i in items)) return false;
    if (!isPlainJson(items[i])) return false;
  }
  return true;
}

function plainMembers(value: Record<string, unknown>): boolean {
  if (Object.getOwnPropertySymbols(value).length > 0) return false;
  for (const key in value) {
    if (!Object.hasOwn(value, key) || !isPlainJson(value[key])) return false;
  }
  return true;
}
