// Problems for the errors the store adapter raises (src/store/errors.ts).
import {
  AppendTooLargeError,
  ConcurrencyError,
  IntegrityError,
  ProtectedStreamError,
  StoreUnavailableError,
  StreamDeletedError,
} from '../../store/errors.js';
import { HttpProblem } from '../problem.js';
import { integrityViolation } from './integrity.js';

export function translateStoreError(error: unknown): HttpProblem | undefined {
  if (error instanceof ConcurrencyError) {
    return HttpProblem.of('stream_conflict', {
      detail: `${error.streamName} was written by someone else meanwhile; read it again and retry`,
      cause: error,
    });
  }
  if (error instanceof StoreUnavailableError) {
    return HttpProblem.of('store_unavailable', { headers: { 'retry-after': '5' }, cause: error });
  }
  if (error instanceof AppendTooLargeError) {
    return HttpProblem.of('payload_too_large', {
      detail: 'The events this request would append exceed what the store accepts in one write',
      cause: error,
    });
  }
  if (error instanceof StreamDeletedError) {
    return new HttpProblem(410, 'stream_deleted', 'The stream has been deleted', {
      detail: `${error.streamName} was deleted outside the ledger`,
      cause: error,
    });
  }
  if (error instanceof IntegrityError) {
    const reason = error.message.replace(/^Integrity check failed on \S+ \([^)]*\): /, '');
    return integrityViolation(
      {
        stream: error.streamName,
        revision: error.revision.toString(),
        eventId: error.eventId === '' ? null : error.eventId,
        reason,
      },
      error,
    );
  }
  if (error instanceof ProtectedStreamError) {
    return new HttpProblem(403, 'protected_stream', 'Refused on an audited stream', { cause: error });
  }
  return undefined;
}
