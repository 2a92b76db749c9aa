// What the read side refuses, as values the HTTP layer translates once (src/http/errors/read.ts).
// ReplayInProgress (audit-replay.ts) is the third.
import { ContractError } from '../../contracts/errors.js';

/** The read side has not reached minPosition (waited for), or has not finished its first catch-up. */
export class ReadNotReady extends Error {
  constructor(
    /** The commit position asked for; undefined: the read side is still catching up. */
    readonly minPosition: string | undefined,
    /** The commit position the read side has reached; null before its first event. */
    readonly position: string | null,
    readonly eventsIndexed: number,
  ) {
    const where = `it is at ${position ?? 'no event yet'} (${eventsIndexed} events read)`;
    super(
      minPosition !== undefined
        ? `The read side has not reached position ${minPosition} yet: ${where}`
        : `The read side is still catching up with the ledger: ${where}`,
    );
    this.name = 'ReadNotReady';
  }
}

/**
 * A point in time a reader typed (`asOf`, `validAt`, `knownAt`, ...) is not a date or instant the ledger takes
 * (contracts/dates.ts asOfInstant).
 */
export class InvalidAsOf extends Error {
  constructor(
    readonly error: ContractError,
    /** The query parameter it came in. */
    readonly parameter: string = 'asOf',
  ) {
    super(`${parameter}: ${error.message}`);
    this.name = 'InvalidAsOf';
  }
}

/** Both forms of a read's time at once: `asOf` (with axis) and `validAt`/`knownAt`. */
export class ConflictingReadTime extends Error {
  constructor() {
    super('Give asOf (with axis), or validAt and knownAt, not both');
    this.name = 'ConflictingReadTime';
  }
}
