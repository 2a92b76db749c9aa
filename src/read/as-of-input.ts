// `asOf` as a reader types it: an ISO instant, an ISO date or a Thai official date. A date alone
// means the END of that day in Bangkok (ADR 0009): "in force on 1 Feb 2024" includes what took
// effect that day. Bad input is a ContractError naming what was wrong.
import { IsoInstant, startOfDay, thaiDateToIso, fromIsoDate, toIsoDate } from '../../contracts/dates.js';

export function parseAsOf(input: string): string {
  const trimmed = input.trim();
  if (IsoInstant.safeParse(trimmed).success) return new Date(trimmed).toISOString();
  const date = fromIsoDate(thaiDateToIso(trimmed));
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  const nextIso = toIsoDate({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() });
  return new Date(Date.parse(startOfDay(nextIso)) - 1).toISOString();
}
