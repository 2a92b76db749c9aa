// Errors the application layer raises besides the domain's own. Forbidden and reused-key errors are
// DomainErrors (kind forbidden / conflict), so every boundary that maps domain errors maps these too.
import { DomainError } from '../domain/errors.js';
import type { CommandType, Role } from '../../contracts/index.js';

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
