// What every gRPC handler needs: the log, the group committer, commit notifications, logging.
import type { LogReader } from './storage/event-log.js';
import type { GroupCommitter } from './storage/group-commit.js';
import type { RecentRecords } from './storage/recent-records.js';

export interface StoreLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/**
 * The last durable position (ADR 0073): the position up to which a sync of the log has succeeded. Readers see the
 * log up to it and no further; it wakes readers waiting for it to move.
 */
export interface CommitNotifier {
  /** Resolves once the last durable position is beyond `after`, or when `signal` aborts. */
  waitBeyond(after: number, signal: AbortSignal): Promise<void>;
  /** A sync succeeded: everything committed up to `lastPosition` is durable. */
  committed(lastPosition: number): void;
  lastPosition(): number;
}

export function createCommitNotifier(initial: number): CommitNotifier {
  let last = initial;
  let waiters = new Set<() => void>();
  return {
    lastPosition: () => last,
    committed(position) {
      if (position > last) last = position;
      const wake = waiters;
      waiters = new Set();
      for (const w of wake) w();
    },
    waitBeyond(after, signal) {
      if (last > after || signal.aborted) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const done = (): void => {
          signal.removeEventListener('abort', done);
          waiters.delete(done);
          resolve();
        };
        waiters.add(done);
        signal.addEventListener('abort', done, { once: true });
      });
    },
  };
}

export interface StoreCore {
  /** The log as readers see it: up to the last durable position (`notifier.lastPosition()`, ADR 0073). */
  log: LogReader;
  /** The last commits' records in memory: what a live $all subscription is handed (ADR 0055), up to the same bound. */
  recent: RecentRecords;
  writer: GroupCommitter;
  notifier: CommitNotifier;
  logger: StoreLogger;
  /** Aborted when the store closes: long-running calls end. */
  closing: AbortSignal;
}
