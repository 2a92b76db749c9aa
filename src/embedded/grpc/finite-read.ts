// Finite reads (count option): a stream or $all, forwards or backwards, in batches.
import type { StoreCore } from '../core.js';
import { StreamDeletedError } from '../errors.js';
import type { StoredRecord } from '../model.js';
import { excludedFromAll, matchesFilter } from './all-filter.js';
import type { ReadOutput } from './read-output.js';
import type { ReadPlan } from './read-request.js';

// Small batches keep the client fed: a batch is read and encoded on the store's one thread while the
// socket waits, so 500 left the client idle ~20% of a 100k replay (store/floor 0.79 with the client on
// --max-semi-space-size=64); 100 gave 0.92, 50 0.94, 200 0.87 in one run (npm run bench -- store:replay).
export const READ_BATCH = 100;

/** Each read resolves to the count it did not use (0: it stopped at its count). */
async function readStream(
  core: StoreCore,
  out: ReadOutput,
  plan: ReadPlan,
  stream: string,
  from: ReadPlan['source']['from'],
): Promise<number> {
  const view = core.log.view(stream, Date.now());
  if (view.kind === 'deleted') throw new StreamDeletedError(stream);
  if (view.kind === 'not_found') {
    out.streamNotFound(stream);
    return 1;
  }
  let remaining = plan.count ?? 0;
  if (!plan.backwards) {
    if (from.kind === 'end') return remaining;
    let cursor = Math.max(from.kind === 'at' ? from.value : 0, view.minRevision);
    while (remaining > 0 && cursor <= view.last && !out.signal.aborted) {
      const limit = Math.min(READ_BATCH, remaining);
      const records = core.log.streamForward(stream, cursor, view.last, view.minCreatedMs, limit);
      await out.sendRecords(records);
      remaining -= records.length;
      const last = records[records.length - 1];
      if (last === undefined || records.length < limit) return remaining;
      cursor = last.revision + 1;
    }
    return remaining;
  }
  let cursor = from.kind === 'at' ? Math.min(from.value, view.last) : view.last;
  while (remaining > 0 && cursor >= view.minRevision && !out.signal.aborted) {
    const limit = Math.min(READ_BATCH, remaining);
    const records = core.log.streamBackward(stream, cursor, view.minRevision, view.minCreatedMs, limit);
    await out.sendRecords(records);
    remaining -= records.length;
    const last = records[records.length - 1];
    if (last === undefined || records.length < limit) return remaining;
    cursor = last.revision - 1;
  }
  return remaining;
}

async function readAll(
  core: StoreCore,
  out: ReadOutput,
  plan: ReadPlan,
  from: ReadPlan['source']['from'],
): Promise<number> {
  let remaining = plan.count ?? 0;
  const visible = (r: StoredRecord): boolean =>
    !excludedFromAll(r) && (plan.filter === null || matchesFilter(plan.filter, r));
  if (!plan.backwards) {
    if (from.kind === 'end') return remaining;
    let cursor = from.kind === 'at' ? from.value : 0;
    while (remaining > 0 && !out.signal.aborted) {
      const batch = core.log.allForward(cursor, READ_BATCH);
      const records = batch.filter(visible).slice(0, remaining);
      await out.sendRecords(records);
      remaining -= records.length;
      const last = batch[batch.length - 1];
      if (last === undefined || batch.length < READ_BATCH) return remaining;
      cursor = last.position + 1;
    }
    return remaining;
  }
  let before = from.kind === 'at' ? from.value : Number.MAX_SAFE_INTEGER;
  while (remaining > 0 && !out.signal.aborted) {
    const batch = core.log.allBackward(before, READ_BATCH);
    const records = batch.filter(visible).slice(0, remaining);
    await out.sendRecords(records);
    remaining -= records.length;
    const last = batch[batch.length - 1];
    if (last === undefined || batch.length < READ_BATCH) return remaining;
    before = last.position;
  }
  return remaining;
}

/** Resolves to true when the read ran out of records, false when it stopped at its count. */
export async function runFiniteRead(core: StoreCore, out: ReadOutput, plan: ReadPlan): Promise<boolean> {
  const unused =
    plan.source.kind === 'stream'
      ? await readStream(core, out, plan, plan.source.stream, plan.source.from)
      : await readAll(core, out, plan, plan.source.from);
  return unused > 0;
}
