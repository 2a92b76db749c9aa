// Problems for the application layer's own errors (src/application/errors.ts). Its forbidden and
// reused-key errors are DomainErrors and go through ./domain.ts.
import { DateOutOfRangeError, PreconditionFailedError } from '../../application/errors.js';
import { MAX_YEARS_AHEAD } from '../../../contracts/index.js';
import { HttpProblem } from '../problem.js';

export function translateApplicationError(error: unknown): HttpProblem | undefined {
  if (error instanceof PreconditionFailedError) {
    const actual = error.actual === 'no_stream' ? 'does not exist yet' : `is at ETag "${error.actual.toString()}"`;
    return HttpProblem.of('precondition_failed', {
      detail: `${error.streamName} ${actual}; read it again before writing`,
      headers: error.actual === 'no_stream' ? {} : { etag: `"${error.actual.toString()}"` },
      cause: error,
    });
  }
  if (error instanceof DateOutOfRangeError) {
    return HttpProblem.of('date_out_of_range', {
      detail: error.message,
      errors: error.dates.map((d) => ({
        in: 'body',
        pointer: d.pointer,
        message: `${d.value} is more than ${MAX_YEARS_AHEAD} years ahead: the latest date the ledger takes today is ${d.latest}`,
        code: 'date_out_of_range',
      })),
      cause: error,
    });
  }
  return undefined;
}
