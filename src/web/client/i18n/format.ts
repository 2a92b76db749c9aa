// Dates and numbers as the reader's language writes them. Thai: the Buddhist Era through Intl's
// `th-TH-u-ca-buddhist` calendar ("28 ธันวาคม 2564", short "28 ธ.ค. 2564"), in Thai digits when the
// reader asks for them ("๒๘ ธันวาคม ๒๕๖๔"). English: "28 Dec 2021". A calendar date (YYYY-MM-DD) is
// that day wherever the reader is; an instant is shown on Bangkok's clock, as Thai official dates
// are. Pure: no DOM, so the unit tests and the page share it.

export type Lang = 'th' | 'en';

export interface Style {
  readonly lang: Lang;
  /** Thai digits in the Thai view (ignored in English). */
  readonly thaiDigits: boolean;
}

export type DateForm = 'long' | 'short';

const BANGKOK = 'Asia/Bangkok';
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const formats = new Map<string, Intl.DateTimeFormat>();

function localeOf(style: Style): string {
  if (style.lang === 'en') return 'en-GB';
  return `th-TH-u-ca-buddhist-nu-${style.thaiDigits ? 'thai' : 'latn'}`;
}

function formatter(style: Style, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${localeOf(style)}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (f === undefined) {
    f = new Intl.DateTimeFormat(localeOf(style), options);
    formats.set(key, f);
  }
  return f;
}

/** The instant and zone that show `value` as the day it names. */
function parse(value: string): { date: Date; timeZone: string } | null {
  const day = CALENDAR_DATE.exec(value);
  if (day !== null)
    return { date: new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]))), timeZone: 'UTC' };
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : { date: new Date(t), timeZone: BANGKOK };
}

/** A calendar date or an instant as a date: "28 ธันวาคม 2564" ("28 ธ.ค. 2564" short), "28 Dec 2021". */
export function formatDate(value: string, style: Style, form: DateForm = 'long'): string {
  const parsed = parse(value);
  if (parsed === null) return value;
  // English is always "28 Dec 2021"; Thai long or short ("28 ธันวาคม 2564", "28 ธ.ค. 2564").
  const month = style.lang === 'en' || form === 'short' ? 'short' : 'long';
  return formatter(style, { day: 'numeric', month, year: 'numeric', timeZone: parsed.timeZone }).format(parsed.date);
}

/** An instant with its Bangkok time: "28 ธ.ค. 2564 10:00", "28 Dec 2021, 10:00". */
export function formatDateTime(value: string, style: Style): string {
  const parsed = parse(value);
  if (parsed === null) return value;
  return formatter(style, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: parsed.timeZone,
  }).format(parsed.date);
}

const THAI_DIGITS = '๐๑๒๓๔๕๖๗๘๙';

/** Western digits in `text` as Thai digits, when the reader reads Thai with Thai digits. */
export function digits(text: string | number, style: Style): string {
  const s = String(text);
  if (style.lang !== 'th' || !style.thaiDigits) return s;
  return s.replace(/[0-9]/g, (d) => THAI_DIGITS[Number(d)] ?? d);
}

/** Today's date in Bangkok, YYYY-MM-DD (the date picker's upper bound). */
export function todayInBangkok(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: BANGKOK,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** The start of a Bangkok calendar day as an ISO instant with offset (audit time filters). */
export function startOfBangkokDay(day: string): string {
  return `${day}T00:00:00+07:00`;
}

/** The last millisecond of a Bangkok calendar day. */
export function endOfBangkokDay(day: string): string {
  return `${day}T23:59:59.999+07:00`;
}

/** Thai officials write years in the Buddhist Era, 543 ahead of the common era. */
const BUDDHIST_ERA_OFFSET = 543;
/**
 * From this year on, a year typed into a date field is read as the Buddhist Era: the ledger takes dates from 1945 to
 * 2099 (contracts/dates.ts), B.E. 2488 to 2642, so no year it takes is this late, and B.E. 2400 is 1857.
 */
const FIRST_BUDDHIST_YEAR = 2400;

/**
 * What a date field's YYYY-MM-DD value means: a Buddhist Era year (2567-01-23, as a Thai reader types it into the
 * browser's common-era field) is moved to the common era (2024-01-23), with the year as typed; any other value is
 * returned as it is (the ledger says what is wrong with it). A day that exists only in the typed year (29 February of
 * B.E. 2568, a common year) stays as typed.
 */
export function typedDate(value: string): { value: string; buddhistYear?: number } {
  const day = CALENDAR_DATE.exec(value);
  if (day === null) return { value };
  const typed = Number(day[1]);
  if (typed < FIRST_BUDDHIST_YEAR) return { value };
  const year = typed - BUDDHIST_ERA_OFFSET;
  const month = Number(day[2]);
  const date = Number(day[3]);
  const check = new Date(Date.UTC(2000, month - 1, date));
  check.setUTCFullYear(year);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) return { value };
  return { value: `${String(year).padStart(4, '0')}-${day[2]}-${day[3]}`, buddhistYear: typed };
}
