// Redaction of classified fields for a reader's clearance, applied to every read answer. A classified
// field is `{ level, value }`, or `{ level, value, salt }` as stored since ADR 0020
// (contracts/classification.ts). A reader below `level` gets `{ level, redacted: true, commitment }`
// (the commitment only for a salted value); a reader cleared for it gets `{ level, value }`: read answers
// say what the field means, the salt is for verifying raw events (the audit route). Everything else
// passes unchanged.
import { CLASSIFICATION_LEVELS, canRead, type Classification } from '../../contracts/classification.js';
import { redactEventData } from '../../contracts/redaction.js';
import { commitmentOf } from '../store/commitment.js';

function isLevel(value: unknown): value is Classification {
  return typeof value === 'string' && (CLASSIFICATION_LEVELS as readonly string[]).includes(value);
}

function classifiedLevel(value: object): Classification | null {
  const keys = Object.keys(value);
  if (!keys.includes('level') || !keys.includes('value')) return null;
  if (keys.length !== 2 && !(keys.length === 3 && keys.includes('salt'))) return null;
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
    const inner: unknown = Reflect.get(value, 'value');
    if (canRead(clearance, level)) return { level, value: redactUnknown(inner, clearance) };
    const salt: unknown = Reflect.get(value, 'salt');
    return typeof salt === 'string'
      ? { level, redacted: true, commitment: commitmentOf({ value: inner, salt }) }
      : { level, redacted: true };
  }
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = redactUnknown(inner, clearance);
  return out;
}

/**
 * A raw event's data as a reader with `clearance` may see it (the audit route): classified fields above
 * it become `{ level, redacted: true, commitment }`; the others keep their value and salt, so a cleared
 * reader can recompute each commitment, and every reader can check the chain over the committed form
 * (src/store/chain.ts committedForm, from 'redacted').
 */
export function redactRawEventData(type: string, data: unknown, clearance: Classification): unknown {
  return redactEventData(type, data, clearance, commitmentOf);
}
