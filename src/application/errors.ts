// Errors the application layer raises besides the domain's own. Forbidden and reused-key errors are
// DomainErrors (kind forbidden / conflict), so every boundary that maps domain errors maps these too.
import { DomainError } from '../domain/errors.js';
import { MAX_YEARS_AHEAD, type CommandType, type DateTooFarAhead, type Role } from '../../contracts/index.js';

/** The principal holds none of the roles allowed to issue the command. */
export class ForbiddenError extends DomainError {
  constructor(
    readonly commandType: CommandType,
    readonly allowed: readonly Role[],
  ) {
    super('forbidden', 'role_not_allowed', `${commandType} needs one of the roles ${allowed.join(', ')}`, {
      commandType,
      allowedRoles: [...allowed],
    });
  }
}

/**
 * The Idempotency-Key was already used by this principal for a different request (another body, or
 * the same key sent to another route or stream).
 */
export class IdempotencyKeyReusedError extends DomainError {
  constructor(
    readonly idempotencyKey: string,
    readonly streamName: string,
    readonly commandType?: string,
  ) {
    super(
      'conflict',
      'idempotency_key_reused',
      `Idempotency-Key "${idempotencyKey}" was already used for a different request (${commandType ?? 'a command'} on ${streamName}); send a new key for a new request`,
      { idempotencyKey, streamName, ...(commandType === undefined ? {} : { commandType }) },
    );
  }
}

/** If-Match named a revision the stream is no longer (or not yet) at. Answered as 412. */
export class PreconditionFailedError extends Error {
  override readonly name = 'PreconditionFailedError';
  readonly code = 'precondition_failed';
  constructor(
    readonly streamName: string,
    readonly expected: bigint | 'no_stream',
    readonly actual: bigint | 'no_stream',
  ) {
    super(`${streamName} is at revision ${String(actual)}, If-Match expected ${String(expected)}`);
  }
}

/**
 * A command dates something further ahead than the ledger takes (ADR 0021: at most MAX_YEARS_AHEAD
 * after the day it is sent). Invalid input rather than a broken rule: answered as 400 naming each field.
 */
export class DateOutOfRangeError extends Error {
  override readonly name = 'DateOutOfRangeError';
  readonly code = 'date_out_of_range';
  constructor(readonly dates: readonly DateTooFarAhead[]) {
    super(
      dates
        .map(
          (d) => `${d.pointer.slice(1)} ${d.value} is more than ${MAX_YEARS_AHEAD} years ahead (at most ${d.latest})`,
        )
        .join('; '),
    );
  }
}
