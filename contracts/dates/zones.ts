// Time zones and instants: the start of a venue's day, the date of an instant in a zone.
import { fromIsoDate, utcTime } from './thai.js';

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * One formatter per zone name: making one costs ~100 µs, using one a few (every read answer and every
 * write asks). Zone names are spelled in any case, so the map is emptied past a bound rather than grow.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATTERS = 1000;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
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
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(timeZone, format);
  }
  return format;
}

/** Bangkok has kept +07:00 since 1 April 1920 (no daylight saving): its offset needs no formatter. */
const BANGKOK_FIXED_SINCE = Date.UTC(1920, 3, 1);

/** A zone's offset from UTC at an instant, ms: whole seconds (Bangkok kept +06:42:04 before 1920). */
function offsetMs(instantMs: number, timeZone: string): number {
  if (timeZone === THAI_TIME_ZONE && instantMs >= BANGKOK_FIXED_SINCE) return 7 * 3_600_000;
  // The formatter gives whole seconds: compare with the instant's whole second.
  const second = Math.floor(instantMs / 1000) * 1000;
  const parts = formatterFor(timeZone).formatToParts(new Date(second));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? '0');
  return utcTime(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - second;
}

function offsetMinutes(instantMs: number, timeZone: string): number {
  return Math.round(offsetMs(instantMs, timeZone) / 60000);
}

/** The instant a calendar day begins in a time zone ("2022-02-28", "America/New_York" -> 05:00Z). */
export function startOfDay(isoDate: string, timeZone = THAI_TIME_ZONE): string {
  const d = fromIsoDate(isoDate);
  const guess = utcTime(d.year, d.month - 1, d.day);
  let t = guess - offsetMinutes(guess, timeZone) * 60000;
  t = guess - offsetMinutes(t, timeZone) * 60000;
  return new Date(t).toISOString();
}

/** The calendar date of an instant in a time zone. */
export function dateInZone(instant: string, timeZone = THAI_TIME_ZONE): string {
  const ms = Date.parse(instant);
  return new Date(ms + offsetMs(ms, timeZone)).toISOString().slice(0, 10);
}

export const THAI_TIME_ZONE = 'Asia/Bangkok';
