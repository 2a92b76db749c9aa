// What the write side has read of each stream, kept so that the next write to it reads only what was
// appended since (ADR 0041), and what it appended itself after that, so that the next write can decide
// without a read at all (ADR 0046).
//
// A plain read still asks the store: the events after the revision read last, their chain checked onward
// from the hash kept (StreamMark), so it sees what another process appended as it did before; only the
// events already read and checked are not read, decoded and hashed again. Streams are append-only (the
// adapter can neither delete nor truncate); a read that does not continue the kept events (the stream
// gone, a revision skipped) drops them and reads the stream whole.
//
// A read with `ownWrites` answers from what this process appended, when it appended last, without
// asking the store: the events it wrote, at the revisions the store accepted them at (each append named
// the revision before it), with the metadata and chain links they were written with. The store may have
// more since (another process); such a read is marked `unconfirmed`, and a decision on it stands only
// when the store accepts an append at its revision (the ledger reads and decides again otherwise). An
// append the store refuses as a lost race drops the events written, so the next read asks the store.
// Kept from an append are single-event appends that continue what is kept; anything else is read back.
//
// Bounded: past `maxEvents` the streams used least recently are let go. A write to a stream let go reads it
// whole again, which costs ~50 µs of CPU an event (ADR 0061): the bound is set for the streams a busy ledger
// writes to in turn to stay kept.
import type {
  AppendOptions,
  AppendOutcome,
  LedgerStore,
  NewEvent,
  ReadStreamOptions,
  StoredEvent,
  StreamRead,
} from './adapter.js';
import { ConcurrencyError } from './errors.js';
import { isPlainJson } from './plain-json.js';

export interface KeptReadsOptions {
  /**
   * Events kept in all, across streams (default 50,000: up to ~110 MB of heap, at ~2.3 KB an event with what the
   * write side hangs on it; ADR 0061).
   */
  maxEvents?: number;
}

/** Kept are only streams that exist: a claim stream read as no_stream is read again each time. */
type Read = StreamRead & { revision: bigint };

interface Kept {
  /** What the store answered, last time it was asked. */
  read: Read;
  /** What this process appended after `read`, in order, not read back. */
  written: StoredEvent[];
  /**
   * The events of `read` and `written` as one array, made by the first own-writes read and extended by each write
   * after it, so that a write's read does not copy its stream (issue 15). Only ever added to at its end: a read
   * given it sees the events it was given and, after later writes, more; a new `Kept` starts a new one.
   */
  own?: StoredEvent[];
}

/** Where what is kept ends: the last event written, or else the last read. */
function endOf(known: Kept): { revision: bigint; head: string | null } {
  const last = known.written.at(-1);
  if (last === undefined) return known.read;
  return { revision: last.revision, head: typeof last.metadata['hash'] === 'string' ? last.metadata['hash'] : null };
}

/**
 * A copy as a read gives it: the JSON the store holds, parsed (no value shared with the caller's objects). Data and
 * metadata a caller hands over that are plain JSON already are kept as they are (AppendOptions.handOver).
 */
function asStored<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function keepStreamReads(store: LedgerStore, options: KeptReadsOptions = {}): LedgerStore {
  const maxEvents = options.maxEvents ?? 50_000;
  /** Map order = least recently used first. */
  const kept = new Map<string, Kept>();
  let held = 0;

  const forget = (streamName: string): void => {
    const known = kept.get(streamName);
    if (known === undefined) return;
    kept.delete(streamName);
    held -= known.read.events.length + known.written.length;
  };

  const keep = (streamName: string, known: Kept): void => {
    forget(streamName);
    kept.set(streamName, known);
    held += known.read.events.length + known.written.length;
    letGo(streamName);
  };

  const letGo = (streamName: string): void => {
    for (const [name] of kept) {
      if (held <= maxEvents) break;
      if (name !== streamName) forget(name);
    }
  };

  const remember = (streamName: string, read: StreamRead): void => {
    const known = kept.get(streamName);
    // Two reads of one stream may finish out of order: keep the further one.
    if (read.revision === 'no_stream' || (known !== undefined && endOf(known).revision > read.revision)) return;
    keep(streamName, { read: { ...read, revision: read.revision }, written: [] });
  };

  async function readStream(streamName: string, opts: ReadStreamOptions = {}): Promise<StreamRead> {
    if (opts.after !== undefined) return store.readStream(streamName, { after: opts.after });
    const known = kept.get(streamName);
    if (opts.ownWrites === true && known !== undefined && known.written.length > 0) {
      const end = endOf(known);
      known.own ??= known.read.events.concat(known.written);
      return { events: known.own, ...end, unconfirmed: true };
    }
    const read = known === undefined ? await store.readStream(streamName) : await continued(streamName, known.read);
    remember(streamName, read);
    return read;
  }

  /** The kept events and what was appended after them; the whole stream when they do not continue. */
  async function continued(streamName: string, known: Read): Promise<StreamRead> {
    const fresh = await store.readStream(streamName, { after: { revision: known.revision, head: known.head } });
    const first = fresh.events[0];
    if (fresh.revision === 'no_stream' || (first !== undefined && first.revision !== known.revision + 1n)) {
      forget(streamName);
      return store.readStream(streamName);
    }
    if (first === undefined) return known;
    return { events: [...known.events, ...fresh.events], revision: fresh.revision, head: fresh.head };
  }

  async function append(streamName: string, events: readonly NewEvent[], opts: AppendOptions): Promise<AppendOutcome> {
    let outcome: AppendOutcome;
    try {
      outcome = await store.append(streamName, events, opts);
    } catch (err) {
      // The store holds events this process has not read: the next read asks it.
      if (err instanceof ConcurrencyError) dropWritten(streamName);
      throw err;
    }
    const stored = wrote(streamName, events, opts, outcome);
    return stored === undefined ? outcome : { ...outcome, kept: [stored] };
  }

  /**
   * Keeps a single-event append that continues what is kept, and returns the event kept; after any other, the next
   * read asks the store.
   */
  function wrote(
    streamName: string,
    events: readonly NewEvent[],
    opts: AppendOptions,
    outcome: AppendOutcome,
  ): StoredEvent | undefined {
    const known = kept.get(streamName);
    if (known === undefined) return undefined;
    const end = endOf(known);
    const [event] = events;
    const handedOver = (value: unknown): boolean => opts.handOver === true && isPlainJson(value);
    const metadata = outcome.metadata?.[0];
    const metadataJson = outcome.metadataJson?.[0];
    const continues =
      events.length === 1 &&
      opts.expectedRevision === end.revision &&
      outcome.revision === end.revision + 1n &&
      metadata !== undefined &&
      (metadata['prev'] ?? null) === end.head;
    if (!continues || event === undefined) {
      dropWritten(streamName);
      return undefined;
    }
    const stored: StoredEvent = {
      id: event.id,
      type: event.type,
      streamName,
      revision: outcome.revision,
      position: outcome.position,
      // The store's answer to an append has no record time: when it answered, on this clock. The write side
      // decides on none of it, and a plain read replaces these events with the store's own.
      recordedAt: new Date(),
      data: handedOver(event.data) ? event.data : asStored(event.data),
      // The metadata the adapter chained, or else parsed from the text the store holds (it serialized it once already).
      metadata: handedOver(metadata)
        ? metadata
        : metadataJson === undefined
          ? asStored(metadata)
          : (JSON.parse(metadataJson) as Record<string, unknown>),
    };
    known.written.push(stored);
    known.own?.push(stored);
    held += 1;
    kept.delete(streamName);
    kept.set(streamName, known);
    letGo(streamName);
    return stored;
  }

  function dropWritten(streamName: string): void {
    const known = kept.get(streamName);
    if (known !== undefined && known.written.length > 0) keep(streamName, { read: known.read, written: [] });
  }

  return { ...store, readStream, append };
}
