// Problems for the read side's refusals (src/read/errors.ts, src/read/audit-replay.ts).
import { ReplayInProgress } from '../../read/audit-replay.js';
import { ConflictingReadTime, InvalidAsOf, ReadNotReady } from '../../read/errors.js';
import { HttpProblem } from '../problem.js';

export function translateReadError(error: unknown): HttpProblem | undefined {
  if (error instanceof InvalidAsOf) {
    const { message, code } = error.error;
    return HttpProblem.of('invalid_request', {
      detail: error.message,
      errors: [{ in: 'querystring', pointer: `/${error.parameter}`, message, code }],
    });
  }
  if (error instanceof ConflictingReadTime) {
    return HttpProblem.of('invalid_request', {
      detail: error.message,
      errors: [
        { in: 'querystring', pointer: '/asOf', message: 'not with validAt or knownAt', code: 'conflicting_parameters' },
      ],
    });
  }
  if (error instanceof ReadNotReady) {
    return HttpProblem.of('not_ready', {
      detail: error.message,
      details: {
        ...(error.minPosition === undefined ? {} : { minPosition: error.minPosition }),
        position: error.position,
        eventsIndexed: error.eventsIndexed,
      },
      headers: { 'retry-after': error.minPosition !== undefined ? '1' : '2' },
      public: true,
    });
  }
  if (error instanceof ReplayInProgress) {
    const { progress } = error;
    return HttpProblem.of('replay_in_progress', {
      detail: `An audit replay is already running (${progress.phase}: ${progress.eventsReplayed} of ${progress.eventsToReplay} events replayed, ${progress.subjectsCompared} subjects compared), since ${progress.startedAt}; ask again when it is done`,
      details: { ...progress },
      headers: { 'retry-after': '5' },
    });
  }
  return undefined;
}
