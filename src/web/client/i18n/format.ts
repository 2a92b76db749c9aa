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
