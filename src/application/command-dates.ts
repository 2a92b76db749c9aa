// The clock-dependent half of the date bounds (ADR 0021): a command may date nothing more than
// MAX_YEARS_AHEAD after today in Bangkok. The contract holds the rule; the ledger brings its clock.
import { THAI_TIME_ZONE, dateInZone, datesTooFarAhead, type LedgerCommand } from '../../contracts/index.js';
import { DateOutOfRangeError } from './errors.js';

export function assertDatesWithinReach(command: LedgerCommand, now: Date): void {
  const tooFar = datesTooFarAhead(command, dateInZone(now.toISOString(), THAI_TIME_ZONE));
  if (tooFar.length > 0) throw new DateOutOfRangeError(tooFar);
}
