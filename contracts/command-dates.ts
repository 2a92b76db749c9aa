// How far ahead a command may date something (ADR 0021). The contract knows no clock: the caller
// brings today's date (the application layer, from its clock), as deciders get `now` with the command.
import { MAX_YEARS_AHEAD } from './dates.js';
import { commandDateFields, type LedgerCommand } from './commands.js';
import { valuesAt } from './paths.js';

export interface DateTooFarAhead {
  /** JSON Pointer of the date in the command (= in the HTTP body), e.g. "/followUps/0/due". */
  readonly pointer: string;
  readonly value: string;
  /** The last date the command could have named. */
  readonly latest: string;
}

/** The last date a command sent on `today` ("YYYY-MM-DD") may name: MAX_YEARS_AHEAD years later. */
export function latestDateFrom(today: string): string {
  // Compared as text, "2031-02-29" correctly lies between 28 February and 1 March.
  return `${String(Number(today.slice(0, 4)) + MAX_YEARS_AHEAD).padStart(4, '0')}${today.slice(4)}`;
}

/** The dates of `command` after the latest it may name when sent on `today`, in field order. */
export function datesTooFarAhead(command: LedgerCommand, today: string): DateTooFarAhead[] {
  const latest = latestDateFrom(today);
  const found: DateTooFarAhead[] = [];
  for (const path of commandDateFields[command.type]) {
    for (const { pointer, value } of valuesAt(command, path)) {
      if (typeof value === 'string' && value > latest) found.push({ pointer, value, latest });
    }
  }
  return found;
}
