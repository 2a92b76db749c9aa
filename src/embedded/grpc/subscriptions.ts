// Catch-up subscriptions: confirmation, history, one caught_up, then live events. A subscription is
// a cursor over the log: it reads in batches from where it is, and when a read comes back short it
// waits for the next commit. Catch-up and live are the same loop, so nothing is missed or repeated.
// A $all subscription at the head reads the last commits from memory (storage/recent-records.ts), the
// same records the log would give; one further back reads the log.
import { randomUUID } from 'node:crypto';
import type { StoreCore } from '../core.js';
import { StreamDeletedError } from '../errors.js';
import { isTombstoneRevision, type StoredRecord } from '../model.js';
import { excludedFromAll, matchesFilter } from './all-filter.js';
import type { ReadOutput } from './read-output.js';
import type { ReadPlan } from './read-request.js';
import { READ_BATCH } from './finite-read.js';

async function subscribeStream(
  core: StoreCore,
  out: ReadOutput,
  stream: string,
  from: ReadPlan['source']['from'],
): Promise<void> {
  const head = core.log.head(stream);
  if (head.tombstoned || (stream.startsWith('$$') && core.log.head(stream.slice(2)).tombstoned)) {
    throw new StreamDeletedError(stream);
  }
  out.confirmation(randomUUID());
  // next revision to deliver (start/revision are exclusive starting points)
  let next = from.kind === 'start' ? 0 : from.kind === 'at' ? from.value + 1 : head.last + 1;
  let caughtUp = false;
  while (!out.signal.aborted) {
    const seen = core.notifier.lastPosition();
    const view = core.log.view(stream, Date.now());
    let count = 0;
    if (view.kind !== 'not_found') {
      const min = view.kind === 'visible' ? view.minRevision : 0;
      const minCreated = view.kind === 'visible' ? view.minCreatedMs : -1;
      const records = core.log.streamForward(stream, Math.max(next, min), Number.MAX_VALUE, minCreated, READ_BATCH);
      count = records.length;
      await out.sendRecords(records);
      const last = records[records.length - 1];
      if (last !== undefined) {
        if (isTombstoneRevision(last.revision)) throw new StreamDeletedError(stream);
        next = last.revision + 1;
      }
    }
    if (count < READ_BATCH) {
      if (!caughtUp) {
        caughtUp = true;
        out.caughtUp();
      }
      await core.notifier.waitBeyond(seen, out.signal);
    }
  }
}

async function subscribeAll(
  core: StoreCore,
  out: ReadOutput,
  plan: ReadPlan,
  from: ReadPlan['source']['from'],
): Promise<void> {
  out.confirmation(randomUUID());
  const filter = plan.filter;
  // last position delivered or passed over (exclusive starting point)
  let cursor = from.kind === 'start' ? 0 : from.kind === 'at' ? from.value : core.notifier.lastPosition();
  let considered = 0;
  let caughtUp = false;
  while (!out.signal.aborted) {
    const seen = core.notifier.lastPosition();
    // Live: what was just committed, from memory; behind (or catching up): read from the log.
    // Both up to the last durable position (`seen`): the log reader bounds itself (ADR 0073).
    const batch = core.recent.forward(cursor + 1, READ_BATCH, seen) ?? core.log.allForward(cursor + 1, READ_BATCH);
    if (filter === null) {
      await out.sendRecords(batch.filter((r) => !excludedFromAll(r)));
    } else {
      let pending: StoredRecord[] = [];
      for (const record of batch) {
        if (excludedFromAll(record)) continue;
        if (matchesFilter(filter, record)) pending.push(record);
        considered += 1;
        if (considered >= filter.checkpointInterval) {
          await out.sendRecords(pending);
          pending = [];
          out.checkpoint(record.position);
          considered = 0;
        }
      }
      await out.sendRecords(pending);
    }
    const last = batch[batch.length - 1];
    if (last !== undefined) cursor = last.position;
    if (batch.length < READ_BATCH) {
      if (!caughtUp) {
        caughtUp = true;
        if (filter !== null) out.checkpoint(Math.max(cursor, seen));
        out.caughtUp();
      }
      await core.notifier.waitBeyond(Math.max(seen, cursor), out.signal);
    }
  }
}

export async function runSubscription(core: StoreCore, out: ReadOutput, plan: ReadPlan): Promise<void> {
  if (plan.source.kind === 'stream') await subscribeStream(core, out, plan.source.stream, plan.source.from);
  else await subscribeAll(core, out, plan, plan.source.from);
}
