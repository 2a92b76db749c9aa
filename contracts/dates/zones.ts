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

function offsetMinutes(instantMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(instantMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? '0');
  const asUtc = utcTime(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - instantMs) / 60000);
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
  return new Date(ms + offsetMinutes(ms, timeZone) * 60000).toISOString().slice(0, 10);
}

export const THAI_TIME_ZONE = 'Asia/Bangkok';
