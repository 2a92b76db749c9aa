// `asOf` as a reader types it: an ISO instant, an ISO date or a Thai official date. A date alone
// means the END of that day in Bangkok (ADR 0009): "in force on 1 Feb 2024" includes what took
// effect that day. Bad input, or a date outside the ledger's window (ADR 0021), is a ContractError
// naming what was sent. The parsing itself is the contract's (contracts/dates.ts asOfInstant).
import { asOfInstant } from '../../contracts/dates.js';

export function parseAsOf(input: string): string {
  return asOfInstant(input);
}
