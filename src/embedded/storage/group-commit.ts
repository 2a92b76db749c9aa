// Group commit: writes that arrive while a transaction is being committed wait in a queue and are
// committed together in the next transaction, so many writers share one fsync.
import { randomUUID } from 'node:crypto';
import type { Db } from './database.js';
import type { EventLog } from './event-log.js';
import { applyWrite } from './apply-write.js';
import { StoreClosedError } from '../errors.js';
import type { WriteOutcome, WriteRequest } from '../model.js';

interface Pending {
  request: WriteRequest;
  resolve: (outcome: WriteOutcome) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitter {
  submit(request: WriteRequest): Promise<WriteOutcome>;
  /** Commits what is queued, then refuses new writes. */
  close(): Promise<void>;
}

export interface GroupCommitOptions {
  onCommitted: (lastPosition: number) => void;
  onError: (error: unknown) => void;
}

type Result = { ok: true; outcome: WriteOutcome } | { ok: false; error: unknown };

export function createGroupCommitter(db: Db, log: EventLog, options: GroupCommitOptions): GroupCommitter {
  let queue: Pending[] = [];
  let scheduled = false;
  let closed = false;
  let idle: (() => void) | null = null;

  const one = db.transaction((request: WriteRequest, nowMs: number): WriteOutcome =>
    applyWrite({ log, nowMs, newId: randomUUID }, request),
  );
  const all = db.transaction((batch: Pending[], nowMs: number): Result[] =>
    batch.map((p): Result => {
      try {
        return { ok: true, outcome: one(p.request, nowMs) };
      } catch (error) {
        return { ok: false, error };
      }
    }),
  );

  function flush(): void {
    scheduled = false;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    const before = log.lastPosition();
    let results: Result[];
    try {
      results = all.immediate(batch, Date.now());
    } catch (error) {
      options.onError(error);
      for (const p of batch) p.reject(error);
      return;
    }
    batch.forEach((p, i) => {
      const r = results[i];
      if (r === undefined) p.reject(new StoreClosedError());
      else if (r.ok) p.resolve(r.outcome);
      else p.reject(r.error);
    });
    const after = log.lastPosition();
    if (after > before) options.onCommitted(after);
    if (queue.length === 0 && idle !== null) idle();
  }

  return {
    submit(request) {
      if (closed) return Promise.reject(new StoreClosedError());
      return new Promise<WriteOutcome>((resolve, reject) => {
        queue.push({ request, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    async close() {
      closed = true;
      if (queue.length === 0) return;
      await new Promise<void>((resolve) => {
        idle = resolve;
      });
    },
  };
}
