// Structural equality of parsed JSON values: the one helper the deciders (is a retitle, a reschedule,
// a redraft a change?) and the projections (what changed between two versions) compare values with.

/** True when a and b are the same JSON value. A property holding undefined counts as absent, as in JSON. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i += 1) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  let defined = 0;
  for (const [key, value] of Object.entries(a)) {
    if (value === undefined) continue;
    defined += 1;
    if (!Object.hasOwn(b, key) || !sameJson(value, Reflect.get(b, key))) return false;
  }
  for (const value of Object.values(b)) if (value !== undefined) defined -= 1;
  return defined === 0;
}
