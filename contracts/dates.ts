// Dates: ISO instants and calendar dates, and Thai official dates as a person types them, stored as ISO.
// Every date a person sends the ledger falls in the ledger's window (ADR 0021); stored data is read
// as it was written.
import { z } from 'zod';
import { ContractError } from './errors.js';
import { fromIsoDate, parseThaiDateRange, thaiDateToIso, toIsoDate, utcTime } from './dates/thai.js';
import { THAI_TIME_ZONE, dateInZone, isTimeZone, startOfDay } from './dates/zones.js';

export * from './dates/thai.js';
export * from './dates/zones.js';

/** A stored calendar date: exactly "YYYY-MM-DD". */
export const IsoDate = z.iso.date();
/** A stored instant: ISO 8601 with "Z" or an offset. */
export const IsoInstant = z.iso.datetime({ offset: true });
export const TimeZone = z.string().refine(isTimeZone, 'not an IANA time zone (e.g. "Asia/Bangkok", "Europe/Vienna")');

function catching<T>(fn: (value: string) => T) {
  return (value: string, ctx: z.core.$RefinementCtx<string>): T => {
    try {
      return fn(value);
    } catch (error) {
      ctx.issues.push({
        code: 'custom',
        message: error instanceof Error ? error.message : 'invalid date',
        input: value,
      });
      return z.NEVER;
    }
  };
}

/**
 * The calendar window of every date a person sends (ISO or Thai; in bodies, Occurred-At and asOf):
 * the ledger records multilateral negotiations, all after the UN Charter (1945); a date outside is a
 * typo ("0024" for "2024", "2204"), not a fact. A command's date is also at most MAX_YEARS_AHEAD after
 * the day it is sent, which needs a clock: the application checks that (ADR 0021).
 */
export const EARLIEST_DATE = '1945-01-01';
export const LATEST_DATE = '2099-12-31';
/** How far ahead of today (Bangkok) a command may date something: sessions are scheduled a year or two ahead. */
export const MAX_YEARS_AHEAD = 5;

function outOfRange(input: string, iso: string): ContractError {
  const shown = input.trim() === iso ? `"${iso}"` : `"${input.trim()}" (${iso})`;
  return new ContractError(
    'date_out_of_range',
    `${shown} is out of range: the ledger takes dates from ${EARLIEST_DATE} to ${LATEST_DATE}`,
    {
      input,
      earliest: EARLIEST_DATE,
      latest: LATEST_DATE,
    },
  );
}

/** The ISO date itself when it is in the ledger's window; otherwise ContractError date_out_of_range naming `input`. */
export function inLedgerWindow(iso: string, input: string = iso): string {
  if (iso < EARLIEST_DATE || iso > LATEST_DATE) throw outOfRange(input, iso);
  return iso;
}

/** A date a person typed (ISO or Thai) -> "YYYY-MM-DD" in the ledger's window. */
export function ledgerDate(input: string): string {
  return inLedgerWindow(thaiDateToIso(input), input);
}

/** An ISO instant with offset -> UTC ISO, when its day in Bangkok is in the ledger's window. */
function ledgerInstant(input: string): string {
  const ms = Date.parse(input);
  if (Number.isNaN(ms)) throw new ContractError('invalid_date', `"${input}" is not an instant`, { input });
  const instant = new Date(ms).toISOString();
  inLedgerWindow(dateInZone(instant, THAI_TIME_ZONE), input);
  return instant;
}

/** A date as a person types it (ISO or Thai official form) -> "YYYY-MM-DD", within the ledger's window. */
export const DateInput = z
  .string()
  .max(100)
  .transform(catching(ledgerDate))
  .meta({ description: 'YYYY-MM-DD, or a Thai date such as "๒๘ ธันวาคม ๒๕๖๔" / "28 ธ.ค. 2564" (Buddhist Era)' });

/** A range as a person types it -> { from, to }, both within the ledger's window. */
export const DateRangeInput = z
  .string()
  .max(200)
  .transform(
    catching((value) => {
      const range = parseThaiDateRange(value);
      inLedgerWindow(range.from, value);
      inLedgerWindow(range.to, value);
      return range;
    }),
  );

/**
 * An instant: ISO date-time with offset -> normalised UTC ("...Z"); a date alone (ISO or Thai)
 * -> the start of that day in Bangkok (Thai official dates are Bangkok dates).
 */
export const InstantInput = z
  .string()
  .max(100)
  .transform(
    catching((value) => {
      const trimmed = value.trim();
      if (IsoInstant.safeParse(trimmed).success) return ledgerInstant(trimmed);
      return startOfDay(ledgerDate(trimmed));
    }),
  )
  .meta({
    description: 'ISO 8601 instant with offset, or a date (ISO or Thai) meaning the start of that day in Bangkok',
  });

/**
 * `asOf` as a reader types it: an ISO instant, or a date (ISO or Thai) meaning the END of that day in
 * Bangkok ("in force on 1 Feb 2024" includes what took effect that day, ADR 0009). Both within the
 * ledger's window; otherwise ContractError naming what was sent.
 */
export function asOfInstant(input: string): string {
  const trimmed = input.trim();
  if (IsoInstant.safeParse(trimmed).success) return ledgerInstant(trimmed);
  const date = fromIsoDate(ledgerDate(trimmed));
  const next = new Date(utcTime(date.year, date.month - 1, date.day + 1));
  const nextIso = toIsoDate({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() });
  return new Date(Date.parse(startOfDay(nextIso)) - 1).toISOString();
}
