// Redaction of classified fields for a reader's clearance, applied to every read answer and to raw
// audit events alike. A classified field is `{ level, value }` (contracts/classification.ts); a
// reader below `level` gets `{ level, redacted: true }` instead. Everything else passes unchanged.
import { CLASSIFICATION_LEVELS, canRead, type Classification } from '../../contracts/classification.js';

function isLevel(value: unknown): value is Classification {
  return typeof value === 'string' && (CLASSIFICATION_LEVELS as readonly string[]).includes(value);
}

function classifiedLevel(value: object): Classification | null {
  const keys = Object.keys(value);
  if (keys.length !== 2 || !keys.includes('level') || !keys.includes('value')) return null;
  const level: unknown = Reflect.get(value, 'level');
  return isLevel(level) ? level : null;
}

/** A deep copy of `value` with every classified field above `clearance` redacted. */
export function redact<T>(value: T, clearance: Classification): T {
  return redactUnknown(value, clearance) as T;
}

function redactUnknown(value: unknown, clearance: Classification): unknown {
  if (Array.isArray(value)) return value.map((item) => redactUnknown(item, clearance));
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  const level = classifiedLevel(value);
  if (level !== null) {
    if (!canRead(clearance, level)) return { level, redacted: true };
    return { level, value: redactUnknown(Reflect.get(value, 'value'), clearance) };
  }
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = redactUnknown(inner, clearance);
  return out;
}
