// Decides and performs one write (append, soft delete, tombstone) inside the current transaction,
// following the expected-revision table and idempotency rules of esdb-protocol.md §4 and §9.
import type { EventLog, StreamHead } from './event-log.js';
import { isSoftDeleted, SOFT_DELETE_METADATA, withTruncateBefore } from './metadata.js';
import {
  TOMBSTONE_REVISION,
  isMetastream,
  type AppendRequest,
  type DeleteRequest,
  type ExpectedRevision,
  type ProposedEvent,
  type WriteOutcome,
  type WriteRequest,
} from '../model.js';

const EMPTY = new Uint8Array(0);
const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

interface Written {
  revision: number;
  position: number;
}

function wev(current: number): WriteOutcome {
  return { kind: 'wrong_expected_version', current };
}

/** Expected revision as a JS number, or null when it is beyond any revision the store can hold. */
function exactOf(expected: ExpectedRevision): number | null {
  if (expected.kind !== 'exact') return null;
  return expected.revision > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(expected.revision);
}

/** Idempotency for any / stream_exists: every id found in this stream ⇒ already committed. */
function checkIdsAnywhere(
  log: EventLog,
  stream: string,
  events: ProposedEvent[],
  head: StreamHead,
): WriteOutcome | 'write' {
  let last: { revision: number; position: number } | undefined;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (event === undefined) continue;
    const found = log.firstById(event.id);
    if (found === undefined || found.stream !== stream) return i === 0 ? 'write' : wev(head.last);
    last = found;
  }
  if (last === undefined) return 'write';
  return { kind: 'success', revision: last.revision, position: last.position };
}

/** Idempotency for exact N < cur (and no_stream on an existing stream, N = -1): ids must match N+1, N+2, ... */
function checkIdsAfter(
  log: EventLog,
  stream: string,
  events: ProposedEvent[],
  n: number,
  head: StreamHead,
): WriteOutcome {
  let revision = n;
  let position: number | null = null;
  for (const event of events) {
    revision += 1;
    const record = log.recordAt(stream, revision);
    if (record === undefined || record.id !== event.id) return wev(head.last);
    position = record.position;
  }
  return { kind: 'success', revision, position };
}

function writeEvents(
  log: EventLog,
  stream: string,
  events: ProposedEvent[],
  from: number,
  nowMs: number,
): Written | null {
  let written: Written | null = null;
  let revision = from;
  for (const event of events) {
    const position = log.insert({
      stream,
      revision,
      id: event.id,
      type: event.type,
      isJson: event.isJson,
      createdMs: nowMs,
      data: event.data,
      metadata: event.metadata,
    });
    written = { revision, position };
    revision += 1;
  }
  return written;
}

function writeMetadata(log: EventLog, stream: string, json: string, nowMs: number, id: string): number {
  const meta = `$$${stream}`;
  const head = log.head(meta);
  return log.insert({
    stream: meta,
    revision: head.last + 1,
    id,
    type: '$metadata',
    isJson: true,
    createdMs: nowMs,
    data: utf8(json),
    metadata: EMPTY,
  });
}

export interface WriteContext {
  log: EventLog;
  nowMs: number;
  newId: () => string;
}

function applyAppend(ctx: WriteContext, req: AppendRequest): WriteOutcome {
  const { log, nowMs } = ctx;
  const { stream, events, expected } = req;
  const baseStream = isMetastream(stream) ? stream.slice(2) : null;
  if (baseStream !== null && log.head(baseStream).tombstoned) return { kind: 'stream_deleted' };
  const head = log.head(stream);
  if (head.tombstoned) return { kind: 'stream_deleted' };
  const metadata = log.metadataOf(stream);
  const softDeleted = baseStream === null && isSoftDeleted(metadata);
  const baseWasDeleted = baseStream !== null && isSoftDeleted(log.metadataOf(baseStream));
  const current = (): WriteOutcome => ({ kind: 'success', revision: head.last, position: head.lastPosition });

  switch (expected.kind) {
    case 'any': {
      if (events.length === 0) return current();
      const check = checkIdsAnywhere(log, stream, events, head);
      if (check !== 'write') return check;
      break;
    }
    case 'no_stream': {
      if (head.last >= 0 && !softDeleted) {
        return events.length === 0 ? wev(head.last) : checkIdsAfter(log, stream, events, -1, head);
      }
      if (events.length === 0) return current();
      break;
    }
    case 'stream_exists': {
      if (softDeleted) return { kind: 'stream_deleted' };
      if (head.last < 0 && !log.metastreamExists(stream)) return wev(head.last);
      if (events.length === 0) return current();
      const check = checkIdsAnywhere(log, stream, events, head);
      if (check !== 'write') return check;
      break;
    }
    case 'exact': {
      const n = exactOf(expected) ?? -1;
      if (n > head.last) return wev(head.last);
      if (n < head.last) return checkIdsAfter(log, stream, events, n, head);
      if (events.length === 0) return current();
      break;
    }
  }

  const written = writeEvents(log, stream, events, head.last + 1, nowMs);
  if (written === null) return current();
  if (softDeleted) {
    writeMetadata(log, stream, withTruncateBefore(metadata, head.last + 1), nowMs, ctx.newId());
  }
  if (baseWasDeleted && baseStream !== null) undeleteAfterMetadataWrite(ctx, baseStream);
  return { kind: 'success', revision: written.revision, position: written.position };
}

/** Writing metadata of a soft-deleted stream undeletes it: `$tb = last + 1` on top of what was written. */
function undeleteAfterMetadataWrite(ctx: WriteContext, baseStream: string): void {
  const { log } = ctx;
  const now = log.metadataOf(baseStream);
  if (isSoftDeleted(now)) return;
  writeMetadata(log, baseStream, withTruncateBefore(now, log.head(baseStream).last + 1), ctx.nowMs, ctx.newId());
}

function applyDelete(ctx: WriteContext, req: DeleteRequest): WriteOutcome {
  const { log, nowMs } = ctx;
  const { stream, expected } = req;
  const head = log.head(stream);
  if (head.tombstoned) return { kind: 'stream_deleted' };
  if (isMetastream(stream) && log.head(stream.slice(2)).tombstoned) return { kind: 'stream_deleted' };
  const metaExists = log.metastreamExists(stream);
  const softDeleted = isSoftDeleted(log.metadataOf(stream));

  if (req.kind === 'delete' && head.last < 0 && !metaExists) return wev(head.last);
  switch (expected.kind) {
    case 'any':
      break;
    case 'no_stream':
      if (head.last >= 0 && !softDeleted) return wev(head.last);
      break;
    case 'stream_exists':
      if (softDeleted && req.kind === 'delete') return { kind: 'stream_deleted' };
      if (head.last < 0 && !metaExists) return wev(head.last);
      break;
    case 'exact':
      if (exactOf(expected) !== head.last) return wev(head.last);
      break;
  }

  if (req.kind === 'delete') {
    const position = writeMetadata(log, stream, SOFT_DELETE_METADATA, nowMs, ctx.newId());
    return { kind: 'success', revision: head.last, position };
  }
  const position = log.insert({
    stream,
    revision: TOMBSTONE_REVISION,
    id: ctx.newId(),
    type: '$streamDeleted',
    isJson: false,
    createdMs: nowMs,
    data: EMPTY,
    metadata: EMPTY,
  });
  return { kind: 'success', revision: head.last, position };
}

export function applyWrite(ctx: WriteContext, req: WriteRequest): WriteOutcome {
  return req.kind === 'append' ? applyAppend(ctx, req) : applyDelete(ctx, req);
}
