// The read index of ADR 0009: each key (issue:<id>, consultation:<id>, session:<id>, process:<id>)
// holds its envelopes in commit order, so an as-of read folds one key, never the whole store. A
// retraction is filed under every key its target was filed under.
//
// Two homes for the envelopes (ADR 0010), two implementations of ReadIndex (ADR 0032):
// - createMemoryIndex: every list lives in memory; full replays into a scratch index, tests;
// - createFileIndex, backed by an index file (index-file.ts): what is in memory is one small row per
//   key (version, latest valid and record times), the envelopes received since the last flush, and a
//   bounded LRU of key lists read back from the file. `flush(checkpoint)` writes the new envelopes
//   with the checkpoint that covers them; `restore()` reads only the key rows and the checkpoint.
//   A key's list includes envelopes not flushed yet, so a read never lags the projector.
import { compareRecorded, type Envelope } from '../../projections/envelope.js';
import { compareLogAt } from '../../contracts/log-position.js';
import { keysOf, type KeyKind } from '../../projections/routing.js';
import { createInterning, type Interning } from './interning.js';
import { idHash, type Checkpoint, type FiledEnvelope, type IndexFile, type KeyInfo } from './index-file.js';

export interface KeyState {
  /** Envelopes filed under the key; bumped by each (cache invalidation, ETags). */
  readonly version: number;
  /** Latest valid time and record time among them (ISO). */
  readonly maxValid: string;
  readonly maxRecorded: string;
}

export interface ReadIndex {
  /** Files the envelope; false (and nothing changes) when its stream's event with that id is already held. */
  add(envelope: Envelope): boolean;
  /** Whether the stream's event with that id is held (an event is its stream's: ids are unique per stream). */
  has(streamName: string, eventId: string): boolean;
  envelopesOf(key: string): readonly Envelope[];
  /** What the index knows of a key without reading its envelopes; null for a key it never saw. */
  stateOf(key: string): KeyState | null;
  /** Ids of the keys of one kind ("issue" -> issue ids), in first-seen order. */
  idsOf(kind: KeyKind): readonly string[];
  /** Bumped whenever the key receives an envelope (cache invalidation, ETags). */
  versionOf(key: string): number;
  /** Envelopes after `after` (null = from the start) in commit order, at most `limit`. */
  after(after: Checkpoint | null, limit: number): readonly Envelope[];
  /** How many envelopes the index holds at or before `through`. */
  countThrough(through: Checkpoint): number;
  /** Every envelope in commit order. With an index file this reads the whole file: page with `after`. */
  all(): readonly Envelope[];
  /** Reads the index file's key rows; its checkpoint, or null when there is no file or it is empty. */
  restore(): Checkpoint | null;
  /**
   * Writes what arrived since the last flush with the checkpoint covering it (no-op without a file). With a file
   * written on another thread (index-file-thread.ts), a promise of that write: meanwhile the index holds what it
   * handed over in memory and answers from it. Throws (rejects) when the file could not be written: what was not
   * written stays in memory and goes with the next flush.
   */
  flush(checkpoint: Checkpoint): void | Promise<void>;
  readonly persistent: boolean;
  /**
   * The values its envelopes share and the answers the read side remembers (interning.ts): created with the index, they
   * live as long as it.
   */
  readonly interning: Interning;
  readonly size: number;
  readonly lastPosition: bigint | null;
  /**
   * For caches of answers (ADR 0045): the earliest valid or recorded time later than `instant` of any envelope filed
   * under a key (null: none), so an as-of answer for `instant` is the same answer up to it while the index files
   * nothing. Undefined when the index cannot tell: `instant` is before the wall-clock time it last filed an envelope.
   */
  clockAfter(instant: string): string | null | undefined;
}

export interface ReadIndexOptions {
  /** Default: a new one, this index's own. */
  interning?: Interning;
}

export interface FileIndexOptions extends ReadIndexOptions {
  /** How many envelopes the LRU of key lists may hold (default 100,000). */
  cachedEnvelopes?: number;
}

/**
 * What both homes share: the row of each key (version, latest times), the ids of each kind, and
 * the keys each event was filed under, by stream, then by event id. Per stream, not one table of
 * every id: an event is identified within its stream (as the store's idempotency does; a
 * retraction names an entry of its own stream), and many small tables cost the collector far less
 * than one table of every id (figure: ADR 0032).
 */
function keyRegistry() {
  const keys = new Map<string, KeyInfo>();
  const ids = new Map<KeyKind, string[]>();
  let keysById = new Map<string, Map<string, readonly string[]>>();
  /** One array per distinct set of keys, shared by every envelope filed under it. */
  const keySets = new Map<string, readonly string[]>();
  // The clocks that were still to come when their envelope was filed (an upcoming session, a consultation
  // convened for a later day), sorted; dropped once the wall clock has passed them. Every other clock is at
  // or before `filedAt`, the wall-clock time of the last filing.
  const future: string[] = [];
  let filedAt = '';
  const passed = (now: string): void => {
    if (now > filedAt) filedAt = now;
    while (future[0] !== undefined && future[0] <= filedAt) future.shift();
  };
  // The wall clock as file() passes it on for every envelope it files: the ISO text made once a millisecond (a
  // catch-up files tens of envelopes a millisecond; `new Date().toISOString()` each time was ~0.3-0.5 µs an event on
  // the projector's thread, ADR 0064 addendum), the same text as made afresh.
  let clockMs = Number.NaN;
  let clockText = '';
  const wallClock = (): string => {
    const ms = Date.now();
    if (ms !== clockMs) {
      clockMs = ms;
      clockText = new Date(ms).toISOString();
    }
    return clockText;
  };
  const toCome = (clock: string): void => {
    if (clock <= filedAt || future.includes(clock)) return;
    const at = future.findIndex((c) => c > clock);
    future.splice(at < 0 ? future.length : at, 0, clock);
  };

  const register = (key: string, firstSeq: number): KeyInfo => {
    const info: KeyInfo = { key, version: 0, maxValid: '', maxRecorded: '', firstSeq };
    keys.set(key, info);
    const sep = key.indexOf(':');
    const kind = key.slice(0, sep);
    if (isKeyKind(kind)) {
      let known = ids.get(kind);
      if (known === undefined) {
        known = [];
        ids.set(kind, known);
      }
      known.push(key.slice(sep + 1));
    }
    return info;
  };

  const intern = (filed: string[]): readonly string[] => {
    const id = filed.length === 1 ? (filed[0] ?? '') : filed.join('\n');
    let shared = keySets.get(id);
    if (shared === undefined) {
      shared = filed.map((k) => keys.get(k)?.key ?? k);
      keySets.set(id, shared);
    }
    return shared;
  };

  return {
    keys,
    /** The keys by id filed since the last call (or ever), which the registry then forgets (held() no longer sees). */
    detachHeld(): Map<string, Map<string, readonly string[]>> {
      const detached = keysById;
      keysById = new Map();
      return detached;
    },
    register,
    /** The keys the stream's event was filed under in memory; undefined when this registry does not hold it. */
    held: (streamName: string, eventId: string): readonly string[] | undefined =>
      keysById.get(streamName)?.get(eventId),
    /**
     * Files an envelope under `filed` (its seq: the count so far): registers new keys, remembers its
     * keys by id, bumps each key's version and latest times. Returns the rows of its keys.
     */
    file(envelope: Envelope, filed: string[], seq: number): { shared: readonly string[]; infos: KeyInfo[] } {
      for (const key of filed) if (!keys.has(key)) register(key, seq);
      const shared = intern(filed);
      let ofStream = keysById.get(envelope.streamName);
      if (ofStream === undefined) {
        ofStream = new Map();
        keysById.set(envelope.streamName, ofStream);
      }
      ofStream.set(envelope.eventId, shared);
      passed(wallClock());
      if (shared.length > 0) {
        toCome(envelope.validAt);
        toCome(envelope.recordedAt);
      }
      const infos: KeyInfo[] = [];
      for (const key of shared) {
        const info = keys.get(key);
        if (info === undefined) continue;
        info.version += 1;
        if (envelope.validAt > info.maxValid) info.maxValid = envelope.validAt;
        if (envelope.recordedAt > info.maxRecorded) info.maxRecorded = envelope.recordedAt;
        infos.push(info);
      }
      return { shared, infos };
    },
    stateOf: (key: string): KeyState | null => keys.get(key) ?? null,
    idsOf: (kind: KeyKind): readonly string[] => ids.get(kind) ?? [],
    versionOf: (key: string): number => keys.get(key)?.version ?? 0,
    /** After a restart: every clock of the keys restored that is still to come (their envelopes read back). */
    restoredClocks(envelopesOf: (key: string) => readonly Envelope[]): void {
      passed(new Date().toISOString());
      for (const info of keys.values()) {
        if (info.maxValid <= filedAt && info.maxRecorded <= filedAt) continue;
        for (const e of envelopesOf(info.key)) {
          toCome(e.validAt);
          toCome(e.recordedAt);
        }
      }
    },
    clockAfter(instant: string): string | null | undefined {
      if (instant < filedAt) return undefined;
      return future.find((c) => c > instant) ?? null;
    },
    clear(): void {
      keys.clear();
      ids.clear();
      future.length = 0;
    },
  };
}

const insertSorted = (list: Envelope[], envelope: Envelope): void => {
  // Delivery is in commit order; keep the list sorted even if it is not.
  const last = list[list.length - 1];
  if (last === undefined || compareRecorded(last, envelope) <= 0) list.push(envelope);
  else
    list.splice(
      list.findIndex((e) => compareRecorded(e, envelope) > 0),
      0,
      envelope,
    );
};

/** Every key's list in memory (full replays into a scratch index without a data dir, tests). */
export function createMemoryIndex(options: ReadIndexOptions = {}): ReadIndex {
  const interning = options.interning ?? createInterning();
  const registry = keyRegistry();
  const lists = new Map<string, Envelope[]>();
  const everything: Envelope[] = [];
  let lastPosition: bigint | null = null;
  const keysOfEvent = (streamName: string, eventId: string): readonly string[] | null =>
    registry.held(streamName, eventId) ?? null;

  const index: ReadIndex = {
    add(envelope) {
      const stream = envelope.streamName;
      if (registry.held(stream, envelope.eventId) !== undefined) return false;
      const seq = everything.length + 1;
      const filed = keysOf(envelope, (eventId) => keysOfEvent(stream, eventId) ?? [], interning.homeKeyOf);
      const { infos } = registry.file(envelope, filed, seq);
      for (const info of infos) {
        let list = lists.get(info.key);
        if (list === undefined) {
          list = [];
          lists.set(info.key, list);
        }
        insertSorted(list, envelope);
      }
      everything.push(envelope);
      if (lastPosition === null || envelope.commit > lastPosition) lastPosition = envelope.commit;
      return true;
    },
    has: (streamName, eventId) => keysOfEvent(streamName, eventId) !== null,
    envelopesOf: (key) => lists.get(key) ?? [],
    stateOf: registry.stateOf,
    idsOf: registry.idsOf,
    versionOf: registry.versionOf,
    after(after, limit) {
      const from = after === null ? 0 : firstAfter(everything, after);
      return everything.slice(from, from + limit);
    },
    countThrough: (through) => firstAfter(everything, through),
    all: () => everything,
    restore: () => null,
    flush: () => undefined,
    persistent: false,
    interning,
    get size() {
      return everything.length;
    },
    get lastPosition() {
      return lastPosition;
    },
    clockAfter: registry.clockAfter,
  };
  return index;
}

/**
 * What arrived since one flush and before the next: its envelopes with their seqs, by key, and the keys of each
 * by stream and id. The open one takes what add() files; a flush closes it with the checkpoint and the key rows
 * as they are then, and hands it to the file; it is dropped once the file holds it.
 */
interface Unwritten {
  readonly batch: FiledEnvelope[];
  readonly byKey: Map<string, Envelope[]>;
  held: Map<string, Map<string, readonly string[]>>;
  /** Closed: the rows of the keys it touched, copied when it was closed, and the checkpoint covering it. */
  rows: KeyInfo[];
  checkpoint: Checkpoint | null;
  /** Told when the file holds it (or could not write it). */
  readonly waiting: Array<{ resolve(): void; reject(error: unknown): void }>;
}

const unwritten = (): Unwritten => ({
  batch: [],
  byKey: new Map(),
  held: new Map(),
  rows: [],
  checkpoint: null,
  waiting: [],
});

/**
 * Backed by an index file (index-file.ts): in memory one row per key, the envelopes not yet in the file (received
 * since the last flush, or handed to a file written on another thread and not yet written), and a bounded LRU of
 * key lists read back from the file. The file is read only up to the last seq known written, so an envelope is
 * read either from the file or from memory, never both.
 */
export function createFileIndex(file: IndexFile, options: FileIndexOptions = {}): ReadIndex {
  const interning = options.interning ?? createInterning();
  const budget = options.cachedEnvelopes ?? 100_000;
  const registry = keyRegistry();
  /** An LRU of lists (Map order = least recently used first). */
  const lists = new Map<string, Envelope[]>();
  let cached = 0;
  /** Closed by a flush and not yet written, oldest first; the first `sent` of them are with the file. */
  let closed: Unwritten[] = [];
  let sent = 0;
  let open = unwritten();
  const touched = new Set<KeyInfo>();
  let size = 0;
  /** Seqs up to this one are in the file. */
  let written = 0;
  let lastPosition: bigint | null = null;

  /** Hashes of every id in the file and since (read from the file when first needed), so the file
   * is asked only about an id that may be there (a retraction's target, a duplicate). */
  let seen: Set<number> | null = null;
  const maybeInFile = (eventId: string): boolean => {
    if (seen === null) seen = new Set(file.idHashes());
    return seen.has(idHash(eventId));
  };
  /** Keys of an event not yet written (held in memory), else of one in the file. */
  const keysOfEvent = (streamName: string, eventId: string): readonly string[] | null => {
    const openKeys = registry.held(streamName, eventId);
    if (openKeys !== undefined) return openKeys;
    for (let i = closed.length - 1; i >= 0; i -= 1) {
      const keys = closed[i]?.held.get(streamName)?.get(eventId);
      if (keys !== undefined) return keys;
    }
    return maybeInFile(eventId) ? file.keysOfEvent(streamName, eventId) : null;
  };
  /** Every envelope not yet written, in the order they were filed. */
  const unwrittenEnvelopes = (): FiledEnvelope[] =>
    closed.length === 0 ? open.batch : [...closed.flatMap((u) => u.batch), ...open.batch];

  const evict = (keep: string): void => {
    for (const [key, list] of lists) {
      if (cached <= budget) return;
      if (key === keep) continue;
      lists.delete(key);
      cached -= list.length;
    }
  };

  const listOf = (key: string): readonly Envelope[] => {
    const hit = lists.get(key);
    if (hit !== undefined) {
      lists.delete(key);
      lists.set(key, hit);
      return hit;
    }
    if (!registry.keys.has(key)) return [];
    const list = file.envelopesOf(key, written);
    for (const u of closed) for (const e of u.byKey.get(key) ?? []) insertSorted(list, e);
    for (const e of open.byKey.get(key) ?? []) insertSorted(list, e);
    lists.set(key, list);
    cached += list.length;
    evict(key);
    return list;
  };

  /** The file holds the first `sent` closed batches. */
  const wrote = (): void => {
    const done = closed.slice(0, sent);
    closed = closed.slice(sent);
    sent = 0;
    const last = done.findLast((u) => u.batch.length > 0)?.batch;
    if (last !== undefined) written = last[last.length - 1]?.seq ?? written;
    for (const u of done) for (const w of u.waiting) w.resolve();
  };
  /** The file could not write them: they stay, to go with the next flush. */
  const notWritten = (error: unknown): void => {
    const failed = closed.slice(0, sent);
    sent = 0;
    for (const u of failed) for (const w of u.waiting.splice(0)) w.reject(error);
  };
  /** Hands the closed batches to the file as one, unless it has some already (they go when it is done). */
  const send = (): void => {
    if (sent > 0 || closed.length === 0) return;
    sent = closed.length;
    const batch = closed.length === 1 ? (closed[0]?.batch ?? []) : closed.flatMap((u) => u.batch);
    const rows = new Map<string, KeyInfo>();
    for (const u of closed) for (const row of u.rows) rows.set(row.key, row);
    const checkpoint = closed[closed.length - 1]?.checkpoint;
    if (checkpoint === null || checkpoint === undefined) throw new Error('a flush without its checkpoint');
    let appended: void | Promise<void>;
    try {
      appended = file.append(batch, [...rows.values()], checkpoint);
    } catch (error) {
      notWritten(error);
      throw error;
    }
    if (appended === undefined) {
      wrote();
      return;
    }
    appended.then(
      () => {
        wrote();
        try {
          send();
        } catch {
          // Their waiters are told (notWritten); they go with the next flush.
        }
      },
      (error: unknown) => notWritten(error),
    );
  };

  const index: ReadIndex = {
    add(envelope) {
      const stream = envelope.streamName;
      if (keysOfEvent(stream, envelope.eventId) !== null) return false;
      size += 1;
      const seq = size;
      const filed = keysOf(envelope, (eventId) => keysOfEvent(stream, eventId) ?? [], interning.homeKeyOf);
      const { shared, infos } = registry.file(envelope, filed, seq);
      for (const info of infos) {
        touched.add(info);
        let waiting = open.byKey.get(info.key);
        if (waiting === undefined) {
          waiting = [];
          open.byKey.set(info.key, waiting);
        }
        waiting.push(envelope);
        const list = lists.get(info.key);
        if (list !== undefined) {
          insertSorted(list, envelope);
          cached += 1;
        }
      }
      open.batch.push({ seq, envelope, keys: shared });
      seen?.add(idHash(envelope.eventId));
      if (lastPosition === null || envelope.commit > lastPosition) lastPosition = envelope.commit;
      if (cached > budget) evict('');
      return true;
    },
    has: (streamName, eventId) => keysOfEvent(streamName, eventId) !== null,
    envelopesOf: listOf,
    stateOf: registry.stateOf,
    idsOf: registry.idsOf,
    versionOf: registry.versionOf,
    after(after, limit) {
      const stored = file.after(after, limit, written);
      if (stored.length >= limit) return stored;
      const fresh = unwrittenEnvelopes()
        .filter(
          (p) => after === null || compareLogAt(p.envelope.commit, p.envelope.prepare, after.commit, after.prepare) > 0,
        )
        .map((p) => p.envelope);
      return [...stored, ...fresh].slice(0, limit);
    },
    countThrough(through) {
      return (
        file.countThrough(through, written) +
        unwrittenEnvelopes().filter(
          (p) => compareLogAt(p.envelope.commit, p.envelope.prepare, through.commit, through.prepare) <= 0,
        ).length
      );
    },
    all: () => index.after(null, Number.MAX_SAFE_INTEGER),
    restore() {
      const opened = file.open();
      if (opened === null) return null;
      registry.clear();
      seen = null;
      lists.clear();
      cached = 0;
      for (const row of [...opened.keys].sort((a, b) => a.firstSeq - b.firstSeq))
        Object.assign(registry.register(row.key, row.firstSeq), row);
      size = opened.size;
      written = opened.size;
      lastPosition = opened.lastPosition;
      registry.restoredClocks(listOf);
      return opened.checkpoint;
    },
    flush(checkpoint) {
      const closing = open;
      closing.held = registry.detachHeld();
      closing.rows = [...touched].map((row) => ({ ...row }));
      closing.checkpoint = checkpoint;
      touched.clear();
      open = unwritten();
      closed.push(closing);
      const done = new Promise<void>((resolve, reject) => closing.waiting.push({ resolve, reject }));
      // Told to the caller below: by the promise, or (a file written at once) by returning or throwing.
      done.catch(() => undefined);
      // Unless the file has batches already (written on another thread), this hands them over now.
      send();
      return closed.includes(closing) ? done : undefined;
    },
    persistent: true,
    interning,
    get size() {
      return size;
    },
    get lastPosition() {
      return lastPosition;
    },
    clockAfter: registry.clockAfter,
  };
  return index;
}

function firstAfter(all: readonly Envelope[], after: Checkpoint): number {
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const e = all[mid];
    if (e !== undefined && compareLogAt(e.commit, e.prepare, after.commit, after.prepare) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function isKeyKind(kind: string): kind is KeyKind {
  return kind === 'issue' || kind === 'consultation' || kind === 'session' || kind === 'process';
}
