// What the write side has read of each stream, kept so that the next write to it reads only what was
// appended since (ADR 0041). Every read still asks the store: the events after the revision kept, their
// chain checked onward from the hash kept (StreamMark), so a write sees what another process appended
// as it did before; only the events it had already read and checked are not read, decoded and hashed
// again. Streams are append-only (the adapter can neither delete nor truncate); a read that does not
// continue the kept events (the stream gone, a revision skipped) drops them and reads the stream whole.
// Bounded: past `maxEvents` the streams read least recently are let go.
import type { LedgerStore, StreamMark, StreamRead } from './adapter.js';

export interface KeptReadsOptions {
  /** Events kept in all, across streams (default 20,000). */
  maxEvents?: number;
}

/** Kept are only streams that exist: a claim stream read as no_stream is read again each time. */
type Kept = StreamRead & { revision: bigint };

export function keepStreamReads(store: LedgerStore, options: KeptReadsOptions = {}): LedgerStore {
  const maxEvents = options.maxEvents ?? 20_000;
  /** Map order = least recently read first. */
  const kept = new Map<string, Kept>();
  let held = 0;

  const forget = (streamName: string): void => {
    const known = kept.get(streamName);
    if (known === undefined) return;
    kept.delete(streamName);
    held -= known.events.length;
  };

  const remember = (streamName: string, read: StreamRead): void => {
    const known = kept.get(streamName);
    // Two reads of one stream may finish out of order: keep the further one.
    if (read.revision === 'no_stream' || (known !== undefined && known.revision > read.revision)) return;
    forget(streamName);
    kept.set(streamName, { ...read, revision: read.revision });
    held += read.events.length;
    for (const [name] of kept) {
      if (held <= maxEvents) break;
      if (name !== streamName) forget(name);
    }
  };

  async function readStream(streamName: string, after?: StreamMark): Promise<StreamRead> {
    if (after !== undefined) return store.readStream(streamName, after);
    const known = kept.get(streamName);
    const read = known === undefined ? await store.readStream(streamName) : await continued(streamName, known);
    remember(streamName, read);
    return read;
  }

  /** The kept events and what was appended after them; the whole stream when they do not continue. */
  async function continued(streamName: string, known: Kept): Promise<StreamRead> {
    const fresh = await store.readStream(streamName, { revision: known.revision, head: known.head });
    const first = fresh.events[0];
    if (fresh.revision === 'no_stream' || (first !== undefined && first.revision !== known.revision + 1n)) {
      forget(streamName);
      return store.readStream(streamName);
    }
    if (first === undefined) return known;
    return { events: [...known.events, ...fresh.events], revision: fresh.revision, head: fresh.head };
  }

  return { ...store, readStream };
}
