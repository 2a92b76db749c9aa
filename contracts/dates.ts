// Dates: ISO instants and calendar dates, and Thai official dates as a person types them, stored as ISO.
import { z } from 'zod';
import { parseThaiDateRange, thaiDateToIso } from './dates/thai.js';
import { isTimeZone, startOfDay } from './dates/zones.js';

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
      ctx.issues.push({ code: 'custom', message: error instanceof Error ? error.message : 'invalid date', input: value });
      return z.NEVER;
    }
  };
}

/** A date as a person types it (ISO or Thai official form) -> "YYYY-MM-DD". */
export const DateInput = z
  .string()
  .max(100)
  .transform(catching(thaiDateToIso))
  .meta({ description: 'YYYY-MM-DD, or a Thai date such as "๒๘ ธันวาคม ๒๕๖๔" / "28 ธ.ค. 2564" (Buddhist Era)' });

/** A range as a person types it -> { from, to }. */
export const DateRangeInput = z.string().max(200).transform(catching(parseThaiDateRange));

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
      if (IsoInstant.safeParse(trimmed).success) return new Date(trimmed).toISOString();
      return startOfDay(thaiDateToIso(trimmed));
    }),
  )
  .meta({ description: 'ISO 8601 instant with offset, or a date (ISO or Thai) meaning the start of that day in Bangkok' });
