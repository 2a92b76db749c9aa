// Thai official dates as a person types them ("๒๘ ธันวาคม ๒๕๖๔", "28 ธ.ค. 2564",
// "วันอังคารที่ ๒๘ ธันวาคม พ.ศ. ๒๕๖๔", "28/12/2564"), ISO dates, English dates; and back.
import { ContractError } from '../errors.js';

export interface CalendarDate {
  readonly year: number; // Christian Era
  readonly month: number; // 1-12
  readonly day: number;
}

/** Buddhist Era year = C.E. + 543. */
export const BE_OFFSET = 543;
/** Before 1 January B.E. 2484 (1941) the Thai year began on 1 April: such dates are not converted. */
const FIRST_BE_YEAR = 2484;

const MONTHS_FULL = [
  'มกราคม',
  'กุมภาพันธ์',
  'มีนาคม',
  'เมษายน',
  'พฤษภาคม',
  'มิถุนายน',
  'กรกฎาคม',
  'สิงหาคม',
  'กันยายน',
  'ตุลาคม',
  'พฤศจิกายน',
  'ธันวาคม',
] as const;
const MONTHS_ABBREV = [
  'ม.ค.',
  'ก.พ.',
  'มี.ค.',
  'เม.ย.',
  'พ.ค.',
  'มิ.ย.',
  'ก.ค.',
  'ส.ค.',
  'ก.ย.',
  'ต.ค.',
  'พ.ย.',
  'ธ.ค.',
] as const;
const WEEKDAYS = ['อาทิตย์', 'จันทร์', 'อังคาร', 'พุธ', 'พฤหัสบดี', 'ศุกร์', 'เสาร์'] as const;

/** Month spellings people type, without dots or spaces, mapped to the month number. */
const MONTH_LOOKUP: ReadonlyMap<string, number> = (() => {
  const entries: Array<[string, number]> = [];
  MONTHS_FULL.forEach((name, i) => entries.push([name, i + 1]));
  MONTHS_ABBREV.forEach((abbrev, i) => entries.push([abbrev.replaceAll('.', ''), i + 1]));
  entries.push(['กรกฏาคม', 7]); // common misspelling (ฏ for ฎ)
  entries.push(['กุมภาพันธ', 2]); // thanthakhat dropped
  entries.push(['กุมภาพัน', 2]);
  // colloquial short forms ("ธันวา", "กรกฎา")
  ['มกรา', 'กุมภา', 'มีนา', 'เมษา', 'พฤษภา', 'มิถุนา', 'กรกฎา', 'สิงหา', 'กันยา', 'ตุลา', 'พฤศจิกา', 'ธันวา'].forEach(
    (name, i) => entries.push([name, i + 1]),
  );
  entries.push(['กรกฏา', 7]);
  return new Map(entries);
})();

export function thaiDigitsToArabic(text: string): string {
  return text.replace(/[\u0E50-\u0E59]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
}

export function arabicDigitsToThai(text: string): string {
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(0x0e50 + Number(d)));
}

/**
 * Milliseconds since the epoch of a UTC date and time, for any year. Unlike Date.UTC, which reads the
 * years 0-99 as 1900-1999 (a legacy rule for two-digit years), the year is taken as given.
 */
export function utcTime(year: number, monthIndex: number, day: number, hours = 0, minutes = 0, seconds = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  date.setUTCHours(hours, minutes, seconds, 0);
  return date.getTime();
}

function daysInMonth(year: number, month: number): number {
  return new Date(utcTime(year, month, 0)).getUTCDate();
}

export function isRealDate(date: CalendarDate): boolean {
  return (
    Number.isInteger(date.year) &&
    Number.isInteger(date.month) &&
    Number.isInteger(date.day) &&
    date.month >= 1 &&
    date.month <= 12 &&
    date.day >= 1 &&
    date.day <= daysInMonth(date.year, date.month)
  );
}

export function toIsoDate(date: CalendarDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

export function fromIsoDate(iso: string): CalendarDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new ContractError('invalid_date', `"${iso}" is not a date of the form YYYY-MM-DD`, { input: iso });
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (!isRealDate(date)) {
    throw new ContractError('impossible_date', `${iso} does not exist`, { input: iso });
  }
  return date;
}

function impossible(input: string, date: CalendarDate): ContractError {
  const monthName = MONTHS_FULL[date.month - 1];
  if (monthName === undefined)
    return new ContractError('impossible_date', `"${input}": there is no month ${date.month}`, { input });
  const days = daysInMonth(date.year, date.month);
  return new ContractError(
    'impossible_date',
    `"${input}" does not exist: ${monthName} ${date.year + BE_OFFSET} (${date.year}) has ${days} days`,
    { input },
  );
}

function yearFromDigits(input: string, digits: string, era: 'be' | 'ce' | undefined): number {
  const n = Number(digits);
  if (digits.length === 2) {
    if (era === 'ce')
      throw new ContractError('ambiguous_year', `"${input}": write the Christian Era year in full (ค.ศ. 20${digits})`, {
        input,
      });
    return 2500 + n - BE_OFFSET; // "๖๔" in "๒๘ ธ.ค. ๖๔" is B.E. 2564
  }
  if (digits.length !== 4)
    throw new ContractError('invalid_date', `"${input}": the year must have 2 or 4 digits`, { input });
  if (era === 'ce') return n;
  if (n >= FIRST_BE_YEAR) return n - BE_OFFSET;
  if (n >= 2400) {
    throw new ContractError(
      'unsupported_era',
      `"${input}": before B.E. ${FIRST_BE_YEAR} the Thai year began in April; write the date in ISO form`,
      { input },
    );
  }
  throw new ContractError(
    'ambiguous_year',
    `"${input}": ${digits} is not a Buddhist Era year; write พ.ศ. ${n + BE_OFFSET} or mark a Christian Era year with ค.ศ.`,
    { input },
  );
}

const PREFIX = new RegExp(`^(?:ณ\\s*)?วัน(?:\\s*(${WEEKDAYS.join('|')}|พฤหัส))?\\s*(?:ที่)?\\s*`);
const THAI_FORM = /^(\d{1,2})\s*([\u0E01-\u0E4F.\s]+?)\s*(?:(พ\.?\s?ศ\.?|ค\.?\s?ศ\.?)\s*)?(\d{2,4})$/;
const SLASH_FORM = /^(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})$/;

const ENGLISH_MONTHS: ReadonlyMap<string, number> = new Map(
  [
    'january',
    'february',
    'march',
    'april',
    'may',
    'june',
    'july',
    'august',
    'september',
    'october',
    'november',
    'december',
  ].flatMap((name, i): Array<[string, number]> => [
    [name, i + 1],
    [name.slice(0, 3), i + 1],
    ...(name === 'september' ? [['sept', 9] as [string, number]] : []),
  ]),
);
const DAY_MONTH_YEAR = /^(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})$/;
const MONTH_DAY_YEAR = /^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/;

/** "28 December 2021", "Dec 28, 2021": English month names take a Christian Era year. */
function englishDate(input: string, text: string): CalendarDate | undefined {
  const dmy = DAY_MONTH_YEAR.exec(text);
  const mdy = dmy ? undefined : MONTH_DAY_YEAR.exec(text);
  const [day, name, year] = dmy ? [dmy[1], dmy[2], dmy[3]] : mdy ? [mdy[2], mdy[1], mdy[3]] : [];
  if (day === undefined || name === undefined || year === undefined) return undefined;
  const month = ENGLISH_MONTHS.get(name.toLowerCase());
  if (month === undefined)
    throw new ContractError('invalid_date', `"${input}": "${name}" is not a month name`, { input });
  return { day: Number(day), month, year: yearFromDigits(input, year, 'ce') };
}

function clean(input: string): string {
  // Thai text often carries zero-width spaces as word breaks; they are not part of the date.
  return thaiDigitsToArabic(input.normalize('NFC'))
    .replace(/[\u200B-\u200D\uFEFF]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Parse a date as written in Thai official documents, or an ISO date. Throws ContractError with a
 * clear message for a form it does not know, or for a date that does not exist (31 กุมภาพันธ์).
 */
export function parseThaiDate(input: string): CalendarDate {
  const text = clean(input);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return fromIsoDate(text);

  let weekday: string | undefined;
  let rest = text;
  const prefix = PREFIX.exec(text);
  if (prefix && prefix[0].length > 0 && /^วัน/.test(text)) {
    weekday = prefix[1];
    rest = text.slice(prefix[0].length);
  }

  let date: CalendarDate;
  const slash = SLASH_FORM.exec(rest);
  const thai = THAI_FORM.exec(rest);
  const english = englishDate(input, rest);
  if (slash) {
    // d/m/yyyy: the year must be Buddhist Era (yearFromDigits refuses 2021 as ambiguous)
    date = { day: Number(slash[1]), month: Number(slash[2]), year: yearFromDigits(input, slash[3] ?? '', undefined) };
  } else if (english) {
    date = english;
  } else if (thai) {
    const monthKey = (thai[2] ?? '').replace(/[.\s]/g, '');
    const month = MONTH_LOOKUP.get(monthKey);
    if (month === undefined) {
      throw new ContractError('invalid_date', `"${input}": "${(thai[2] ?? '').trim()}" is not a Thai month name`, {
        input,
      });
    }
    const eraText = thai[3]?.replace(/[.\s]/g, '');
    const era = eraText === undefined ? undefined : eraText === 'พศ' ? 'be' : 'ce';
    date = { day: Number(thai[1]), month, year: yearFromDigits(input, thai[4] ?? '', era) };
  } else {
    throw new ContractError(
      'invalid_date',
      `"${input}" is not a date: use YYYY-MM-DD or a Thai date such as "๒๘ ธันวาคม ๒๕๖๔" or "28 ธ.ค. 2564"`,
      { input },
    );
  }

  if (!isRealDate(date)) throw impossible(input, date);
  if (weekday !== undefined) {
    const actual = WEEKDAYS[new Date(utcTime(date.year, date.month - 1, date.day)).getUTCDay()] ?? '';
    const given = weekday === 'พฤหัส' ? 'พฤหัสบดี' : weekday;
    if (given !== actual) {
      throw new ContractError('weekday_mismatch', `"${input}": ${toIsoDate(date)} is a วัน${actual}, not วัน${given}`, {
        input,
      });
    }
  }
  return date;
}

/** Thai or ISO date -> "YYYY-MM-DD". */
export function thaiDateToIso(input: string): string {
  return toIsoDate(parseThaiDate(input));
}

export interface DateRange {
  readonly from: string;
  readonly to: string;
}

/** "๓๐ พฤษภาคม - ๑๐ มิถุนายน ๒๕๖๕", "๑๗-๒๘ มกราคม ๒๕๖๕", "2022-05-30/2022-06-10" -> ISO from/to. */
export function parseThaiDateRange(input: string): DateRange {
  const text = clean(input);
  const iso = /^(\d{4}-\d{2}-\d{2})\s*(?:\/|ถึง|to)\s*(\d{4}-\d{2}-\d{2})$/.exec(text);
  let range: DateRange;
  if (iso) {
    range = { from: toIsoDate(fromIsoDate(iso[1] ?? '')), to: toIsoDate(fromIsoDate(iso[2] ?? '')) };
  } else {
    const parts = /^(.+?)\s*(?:-|–|—|ถึง)\s*(.+)$/.exec(text);
    if (!parts)
      throw new ContractError('invalid_date', `"${input}" is not a date range such as "๑๗-๒๘ มกราคม ๒๕๖๕"`, { input });
    const to = parseThaiDate(parts[2] ?? '');
    const left = (parts[1] ?? '').trim();
    const dayOnly = /^(\d{1,2})$/.exec(left);
    const dayMonth = /^(\d{1,2})\s*([\u0E01-\u0E4F.\s]+?)$/.exec(left);
    let from: CalendarDate;
    if (dayOnly) {
      from = { year: to.year, month: to.month, day: Number(dayOnly[1]) };
    } else if (dayMonth) {
      const month = MONTH_LOOKUP.get((dayMonth[2] ?? '').replace(/[.\s]/g, ''));
      if (month === undefined)
        throw new ContractError('invalid_date', `"${input}": "${dayMonth[2] ?? ''}" is not a Thai month name`, {
          input,
        });
      from = { year: month > to.month ? to.year - 1 : to.year, month, day: Number(dayMonth[1]) };
    } else {
      from = parseThaiDate(left);
    }
    if (!isRealDate(from)) throw impossible(input, from);
    range = { from: toIsoDate(from), to: toIsoDate(to) };
  }
  if (range.from > range.to) {
    throw new ContractError('impossible_date', `"${input}": the range ends before it starts`, { input });
  }
  return range;
}

export interface ThaiDateFormat {
  digits?: 'thai' | 'arabic';
  month?: 'full' | 'abbrev';
  era?: boolean; // write "พ.ศ." before the year
}

/** "2021-12-28" -> "๒๘ ธันวาคม ๒๕๖๔" (or the other forms, per options). */
export function formatThaiDate(iso: string, options: ThaiDateFormat = {}): string {
  const date = fromIsoDate(iso);
  const month = options.month === 'abbrev' ? MONTHS_ABBREV[date.month - 1] : MONTHS_FULL[date.month - 1];
  const text = `${date.day} ${month ?? ''} ${options.era ? 'พ.ศ. ' : ''}${date.year + BE_OFFSET}`;
  return options.digits === 'arabic' ? text : arabicDigitsToThai(text);
}
