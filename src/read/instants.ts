// Instants in read answers (ADR 0019). The read models keep UTC ISO strings (they compare as
// strings); an answer gives each instant with the offset of the zone it is read in: Bangkok (+07:00),
// or a session's venue for the instant its brief takes positions at. Still ISO 8601, so still
// machine-parseable, and the day a Thai reader means is the day written.
import { THAI_TIME_ZONE } from '../../contracts/dates.js';
import { isNormalisedInstant } from '../../projections/valid-time.js';

/** The fields of a read answer that hold instants. */
const INSTANT_FIELDS: ReadonlySet<string> = new Set([
  'asOf',
  'validAt',
  'recordedAt',
  'draftedAt',
  'positionsAsOf',
  'viewedAt',
  'knownAt',
]);

/** An event's own data and metadata are shown as recorded. */
const AS_RECORDED: ReadonlySet<string> = new Set(['data', 'metadata']);

const formatters = new Map<string, Intl.DateTimeFormat>();

function offsetMinutes(ms: number, timeZone: string): number {
  if (timeZone === THAI_TIME_ZONE) return 7 * 60; // no daylight saving since 1920
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(ms));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? '0');
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((local - (ms - (((ms % 1000) + 1000) % 1000))) / 60000);
}

/** "2021-12-28T16:59:59.999Z" -> "2021-12-28T23:59:59.999+07:00" (or the offset of `timeZone` at that instant). */
export function withOffset(instant: string, timeZone: string = THAI_TIME_ZONE): string {
  const ms = Date.parse(instant);
  const offset = offsetMinutes(ms, timeZone);
  const local = new Date(ms + offset * 60000).toISOString().slice(0, 23);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** A copy of a read answer with every UTC instant in INSTANT_FIELDS given in Bangkok time. */
export function localInstants<T>(answer: T): T {
  return convert(answer) as T;
}

/** One value of an instant field as localInstants gives it: a normalised UTC instant in Bangkok time, else as is. */
export function localInstant(value: string): string {
  return isNormalisedInstant(value) ? withOffset(value) : value;
}

function convert(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(convert);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (typeof inner === 'string' && INSTANT_FIELDS.has(key) && isNormalisedInstant(inner))
      out[key] = withOffset(inner);
    else out[key] = AS_RECORDED.has(key) ? inner : convert(inner);
  }
  return out;
}
