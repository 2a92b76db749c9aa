// Problems for the application layer's own errors (src/application/errors.ts). Its forbidden and
// reused-key errors are DomainErrors and go through ./domain.ts.
import { PreconditionFailedError } from '../../application/errors.js';
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
  return undefined;
}
