// Group commit: writes that arrive while a transaction is being committed wait in a queue and are
// committed together in the next transaction, so many writers share one fsync.
import { randomUUID } from 'node:crypto';
import type { Db } from './database.js';
import type { EventLog } from './event-log.js';
import { applyWrite } from './apply-write.js';
import type { RecentRecords } from './recent-records.js';
import { StoreClosedError } from '../errors.js';
import type { StoredRecord, WriteOutcome, WriteRequest } from '../model.js';

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
  /** Makes the committed batch durable before anyone is answered (null: nothing to sync, e.g. :memory:). */
  sync: (() => Promise<void>) | null;
  /**
   * After each sync that made positions durable: the last durable position and how many writes the batch held. Also
   * after a batch that appended nothing, when its sync made an earlier batch's (whose sync failed) durable.
   */
  onCommitted: (lastPosition: number, writes: number) => void;
  onError: (error: unknown) => void;
  /** Handed the records of each committed transaction (the live subscriptions' source, ADR 0055). */
  recent?: RecentRecords;
}

type Result = { ok: true; outcome: WriteOutcome } | { ok: false; error: unknown };

/**
 * After a durable batch, wait up to this long for the writers just answered to come back before
 * starting the next transaction, so concurrent writers converge on one shared fsync instead of
 * alternating between two half-sized groups. Bounded, and skipped as soon as they are all back.
 */
const GATHER_MS = 3;

export function createGroupCommitter(db: Db, log: EventLog, options: GroupCommitOptions): GroupCommitter {
  let queue: Pending[] = [];
  let scheduled = false;
  let flushing = false;
  let closed = false;
  let idle: (() => void) | null = null;
  let gather: { target: number; until: number } | null = null;
  let gatherTimer: NodeJS.Timeout | null = null;
  /**
   * A transaction committed and its sync failed: what it wrote is in the log (readers and the next writes see it)
   * but may not be durable, until a sync succeeds. A batch that appends nothing (an idempotent repeat, a refusal)
   * may answer from it, so it syncs too meanwhile.
   */
  let unsynced = false;
  /** The last position committed and not yet made durable by a successful sync (null: none). */
  let undurable: number | null = null;

  /** The records the transaction under way has inserted (those of a write rolled back taken out again). */
  let inserted: StoredRecord[] = [];
  const recording: EventLog = {
    ...log,
    insert(record) {
      const position = log.insert(record);
      inserted.push({
        position,
        stream: record.stream,
        // As SQLite gives it back: a number (the tombstone's revision too, as the same float).
        revision: Number(record.revision),
        id: record.id,
        type: record.type,
        isJson: record.isJson,
        createdMs: record.createdMs,
        data: record.data,
        metadata: record.metadata,
      });
      return position;
    },
  };
  const one = db.transaction((request: WriteRequest, nowMs: number): WriteOutcome =>
    applyWrite({ log: recording, nowMs, newId: randomUUID }, request),
  );
  const all = db.transaction((batch: Pending[], nowMs: number): Result[] =>
    batch.map((p): Result => {
      const mark = inserted.length;
      try {
        return { ok: true, outcome: one(p.request, nowMs) };
      } catch (error) {
        inserted.length = mark;
        return { ok: false, error };
      }
    }),
  );

  /** One batch: a transaction, then (off the loop) the fsync that makes it durable, then the answers. */
  async function flush(): Promise<void> {
    scheduled = false;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    flushing = true;
    gather = null;
    try {
      let results: Result[];
      try {
        inserted = [];
        let committed: StoredRecord[];
        try {
          results = all.immediate(batch, Date.now());
          committed = inserted;
        } finally {
          inserted = [];
        }
        // What the transaction inserted (positions after its last one before), now seen by the write path; readers
        // are shown it once a sync has covered it (ADR 0073).
        const last = committed.at(-1);
        if (last !== undefined) {
          options.recent?.committed(committed);
          undurable = last.position;
        }
        if (options.sync !== null && (last !== undefined || unsynced)) {
          unsynced = true;
          await options.sync();
          unsynced = false;
        }
        // The sync covers every frame the log holds, those of earlier batches whose sync failed too (ADR 0073).
        if (undurable !== null) {
          const durable = undurable;
          undurable = null;
          options.onCommitted(durable, batch.length);
        }
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
    } finally {
      flushing = false;
      if (options.sync !== null) gather = { target: queue.length + batch.length, until: performance.now() + GATHER_MS };
      if (queue.length > 0) schedule();
      else if (idle !== null) idle();
    }
  }

  function schedule(): void {
    if (scheduled || flushing) return;
    if (gather !== null && !closed && queue.length < gather.target) {
      const remaining = gather.until - performance.now();
      if (remaining > 0) {
        gatherTimer ??= setTimeout(() => {
          gatherTimer = null;
          gather = null;
          schedule();
        }, remaining);
        return;
      }
    }
    gather = null;
    if (gatherTimer !== null) {
      clearTimeout(gatherTimer);
      gatherTimer = null;
    }
    scheduled = true;
    setImmediate(() => void flush());
  }

  return {
    submit(request) {
      if (closed) return Promise.reject(new StoreClosedError());
      return new Promise<WriteOutcome>((resolve, reject) => {
        queue.push({ request, resolve, reject });
        schedule();
      });
    },
    async close() {
      closed = true;
      if (queue.length > 0) {
        gather = null;
        schedule();
      }
      if (queue.length === 0 && !flushing) return;
      await new Promise<void>((resolve) => {
        idle = resolve;
      });
    },
  };
}
