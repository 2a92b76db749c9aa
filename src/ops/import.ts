// `ledger import`: an export (format.ts) into an empty store, in the export's order, each stream's
// events with the revisions, ids, data and metadata they had (chain links as written: nothing is
// re-chained) and their source record time (adapter appendCopies). Appends are sequential, so the
// target's log holds the events in the source's order (the Merkle log and the record clock depend on
// it): consecutive events of one stream go in one append, each with the expected revision the stream
// must be at, so nothing is ever appended twice.
//
// A target that already holds events is refused, unless resuming: then the target's last event must be
// one of the file's (an import stopped there: appends are atomic and in file order, so everything before
// it is in the target too), and the import goes on after it.
import type { LedgerStore, StoredEvent, ExpectedRevision, CopiedEvent } from '../store/adapter.js';
import { APPEND_BYTES_BUDGET } from '../store/adapter.js';
import { StoreError } from '../store/errors.js';
import { isSystemName } from '../store/streams.js';
import { ExportFileError, ExportHeader, ExportedEvent } from './format.js';

export interface ImportOptions {
  /** Go on after the target's last event instead of refusing a target that holds events. */
  resume?: boolean;
  /** Called after each append: events in the target from this file (skipped + imported), of how many. */
  onProgress?: (done: number, of: number) => void;
}

export interface ImportReport {
  header: ExportHeader;
  /** Events appended by this run. */
  imported: number;
  /** Events already in the target (a resumed import). */
  skipped: number;
}

/** The target holds events and the import was not told to resume. */
export class ImportTargetNotEmptyError extends Error {
  override readonly name = 'ImportTargetNotEmptyError';
  readonly code = 'import_target_not_empty';
}

/** Resuming, the target's last event is not in the file: the target holds something else. */
export class ImportResumeError extends Error {
  override readonly name = 'ImportResumeError';
  readonly code = 'import_resume_mismatch';
}

/** At most this many events or (about) bytes in one append; the store's own limit is 1 MiB. */
const BATCH_EVENTS = 500;
const BATCH_BYTES = APPEND_BYTES_BUDGET;

type Target = Pick<LedgerStore, 'readAll' | 'appendCopies'>;

/** The target's last event of a non-system stream, or null when it holds none. */
async function lastLedgerEvent(store: Target): Promise<StoredEvent | null> {
  for await (const e of store.readAll({ direction: 'backwards', prefixes: [''] })) {
    if (!isSystemName(e.streamName)) return e;
  }
  return null;
}

function parseLine<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { message: string } } },
  line: string,
  lineNo: number,
): T {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    throw new ExportFileError(`line ${lineNo} is not JSON`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new ExportFileError(
      `line ${lineNo} is not ${lineNo === 1 ? 'an export header' : 'an exported event'}: ${parsed.error.message}`,
    );
  return parsed.data;
}

interface Batch {
  stream: string;
  first: bigint;
  events: CopiedEvent[];
  bytes: number;
}

export async function importLedger(
  store: Target,
  lines: AsyncIterable<string>,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done === true) throw new ExportFileError('the file is empty: no export header');
  const header = parseLine(ExportHeader, first.value, 1);
  const total = header.counts.events;

  const last = await lastLedgerEvent(store);
  if (last !== null && options.resume !== true) {
    throw new ImportTargetNotEmptyError(
      `The target store already holds ledger events (the last: ${last.streamName}@${last.revision}); import only into an empty store, or give --resume to go on with an import that stopped`,
    );
  }
  // Resuming: lines up to and including the target's last event are already there.
  let resumeAt = last;
  let seen = 0;
  let skipped = 0;
  let imported = 0;
  const pending: { batch: Batch | null } = { batch: null };

  const flush = async (): Promise<void> => {
    if (pending.batch === null) return;
    const { stream, first: from, events } = pending.batch;
    pending.batch = null;
    const expected: ExpectedRevision = from === 0n ? 'no_stream' : from - 1n;
    const outcome = await store.appendCopies(stream, events, expected);
    const to = from + BigInt(events.length) - 1n;
    if (outcome.revision !== to)
      throw new StoreError(`The target put ${stream}'s events ${from}..${to} at revision ${outcome.revision}`);
    imported += events.length;
    options.onProgress?.(skipped + imported, total);
  };

  let lineNo = 1;
  for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
    lineNo += 1;
    if (next.value.length === 0) continue;
    const e = parseLine(ExportedEvent, next.value, lineNo);
    seen += 1;
    const revision = BigInt(e.revision);
    if (resumeAt !== null) {
      skipped += 1;
      if (e.stream === resumeAt.streamName && revision === resumeAt.revision) {
        if (e.id !== resumeAt.id) {
          throw new ImportResumeError(
            `The target's last event ${resumeAt.streamName}@${resumeAt.revision} is ${resumeAt.id}, the file has ${e.id} there: the target holds another ledger`,
          );
        }
        resumeAt = null;
        options.onProgress?.(skipped, total);
      }
      continue;
    }
    const copy: CopiedEvent = {
      id: e.id,
      type: e.type,
      data: e.data,
      metadata: e.metadata,
      recordedAt: new Date(e.recordedAt),
    };
    const current = pending.batch;
    if (
      current !== null &&
      current.stream === e.stream &&
      current.first + BigInt(current.events.length) === revision &&
      current.events.length < BATCH_EVENTS &&
      current.bytes < BATCH_BYTES
    ) {
      current.events.push(copy);
      current.bytes += next.value.length;
    } else {
      await flush();
      pending.batch = { stream: e.stream, first: revision, events: [copy], bytes: next.value.length };
    }
  }
  await flush();
  if (resumeAt !== null) {
    throw new ImportResumeError(
      `The target's last event ${resumeAt.streamName}@${resumeAt.revision} (${resumeAt.id}) is not in this file: the target holds another ledger`,
    );
  }
  if (seen !== total)
    throw new ExportFileError(
      `The file holds ${seen} events, its header says ${total}: it is cut short or was changed`,
    );
  return { header, imported, skipped };
}
