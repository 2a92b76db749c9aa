// Many writers on one stream (docs/adr/0015-write-contention.md). A write reads its stream, decides and
// appends at the revision it read; a writer that appended in between makes that append fail
// (ConcurrencyError) although the write may not depend on it at all (views of two agencies, two
// statements). So:
// - inside the process, writes to one stream take turns (a keyed lock, async-lock): each reads what the
//   one before it appended, and none loses a race to a neighbour;
// - across processes (two ledgers over one store), a write that still loses a race is tried again after
//   a jittered exponential backoff (p-retry), re-reading and re-deciding from scratch. It keeps its turn
//   meanwhile: the process's next write would race the same other process, and a loser sent to the back
//   of a long queue could wait for ever; so the time bound counts only this write's own retries.
// A write then fails only when the new decision refuses (a domain error such as outcome_already_recorded)
// or after a generous bound (`retries`, `maxRetryTimeMs`); one with If-Match is never retried: the caller
// named the revision it decided on.
import AsyncLock from 'async-lock';
import pRetry from 'p-retry';
import type { Logger } from 'pino';
import { ConcurrencyError } from '../store/errors.js';

export interface ContentionOptions {
  /** Retries after a lost race before the ConcurrencyError is passed on. */
  readonly retries: number;
  /** First backoff; each next one doubles, times a random factor between 1 and 2. */
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  /** No retry starts after this long since the first attempt. */
  readonly maxRetryTimeMs: number;
}

export const DEFAULT_CONTENTION: ContentionOptions = {
  retries: 50,
  minDelayMs: 2,
  maxDelayMs: 200,
  maxRetryTimeMs: 10_000,
};

export interface StreamTurns {
  /**
   * Runs `attempt` (read, decide, append) alone among this process's writes to `stream`. When it loses
   * a race to another process and `retryRaces` is set, runs it again after a backoff, still in its turn.
   */
  write<T>(stream: string, attempt: () => Promise<T>, options: { retryRaces: boolean }): Promise<T>;
}

export function createStreamTurns(logger: Logger, options: Partial<ContentionOptions> = {}): StreamTurns {
  const { retries, minDelayMs, maxDelayMs, maxRetryTimeMs } = { ...DEFAULT_CONTENTION, ...options };
  // No bound on the queue: the HTTP layer's rate limit and request timeout bound the callers.
  const lock = new AsyncLock({ maxPending: Infinity });
  return {
    write(stream, attempt, { retryRaces }) {
      if (!retryRaces) return lock.acquire(stream, attempt);
      return lock.acquire(stream, () => retried(stream, attempt));
    },
  };

  /**
   * The first attempt runs as it is; only one that lost a race starts p-retry, whose first attempt then answers
   * with that loss at once (counted, logged and backed off as before), so the common write pays for no retry
   * machinery (its options, validations and loop).
   */
  async function retried<T>(stream: string, attempt: () => Promise<T>): Promise<T> {
    let lost: ConcurrencyError;
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      lost = error;
    }
    return pRetry((attemptNumber) => (attemptNumber === 1 ? Promise.reject(lost) : attempt()), {
      retries,
      factor: 2,
      minTimeout: minDelayMs,
      maxTimeout: maxDelayMs,
      randomize: true,
      maxRetryTime: maxRetryTimeMs,
      shouldRetry: ({ error }) => error instanceof ConcurrencyError,
      onFailedAttempt: ({ error, attemptNumber }) => {
        if (error instanceof ConcurrencyError)
          logger.debug({ stream, attemptNumber }, 'lost a race to another process; deciding again');
      },
    });
  }
}
