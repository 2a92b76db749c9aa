// The one adapter over @eventstore/db-client (with translate.ts, the only importer of the client in
// the app). It appends with an expected revision and caller-supplied event ids, chains every event
// into its stream's hash chain, reads streams and $all back as plain StoredEvents, and exposes no way
// to delete, tombstone or truncate a stream.
import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  StreamNotFoundError,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type EventStoreDBClient,
  type ResolvedEvent,
  type StreamingRead,
} from '@eventstore/db-client';
import { Readable, finished as streamFinished } from 'node:stream';
import type { FlowControls, FlowingSource } from './flowing-source.js';
import type { LogPosition } from '../../contracts/log-position.js';
import { chainMetadata, checkLink } from './chain.js';
import {
  IntegrityError,
  ProtectedStreamError,
  StoreError,
  StoreUnavailableError,
  type ExpectedRevision,
} from './errors.js';
import { LEDGER_CATEGORIES, categoryPrefixes, isSystemName } from './streams.js';
import { translateError } from './translate.js';
// Appends hand the client's base64 to Node's decoder, not google-protobuf's (ADR 0041).
import './protobuf-base64.js';

export type { ExpectedRevision } from './errors.js';

export interface StoredEvent {
  id: string;
  type: string;
  streamName: string;
  revision: bigint;
  position: LogPosition;
  /** Record time: when the store committed the event. */
  recordedAt: Date;
  data: unknown;
  metadata: Record<string, unknown>;
}

export interface NewEvent {
  /** Caller-supplied (deterministic) event id: a UUID. */
  id: string;
  type: string;
  data: Record<string, unknown>;
  /** Custom metadata (actor, occurredAt, ids, ...); the adapter adds `prev` and `hash`. */
  metadata: Record<string, unknown>;
}

export interface StreamRead {
  events: StoredEvent[];
  /** Revision of the last event, or 'no_stream' when the stream has no events. */
  revision: bigint | 'no_stream';
  /** Hash of the last event (the chain head), null for an empty stream. */
  head: string | null;
  /**
   * Set when the read ends with events this process appended and did not read back (ReadStreamOptions.ownWrites):
   * true of the store at `revision`, but the store may have more since; a decision on it holds once an append at
   * `revision` is accepted (ADR 0046).
   */
  unconfirmed?: true;
}

export interface ReadStreamOptions {
  /**
   * Only the events after this revision, their chain checked onward from its head (revision and head then stay
   * its own when there are none); a stream not found then reads as no_stream all the same.
   */
  after?: StreamMark;
  /**
   * What this process appended may answer without a read (a layer that keeps reads and writes,
   * src/store/stream-reads-kept.ts); such a read is `unconfirmed`. Its `events` may be an array that later
   * appends through the same layer add to at its end, never otherwise change (issue 15): use it before the next
   * write. The adapter itself always reads.
   */
  ownWrites?: boolean;
}

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
  /**
   * Hash of the stream's last event as the caller read it (StreamRead.head). When absent the
   * adapter reads the last event itself.
   */
  chainHead?: string | null;
  /**
   * The events' data and metadata are handed over: the caller neither changes them nor uses them after the call, so a
   * layer that keeps what was written (src/store/stream-reads-kept.ts) may keep them as they are, when they are
   * already what a read of the store gives (plain JSON), instead of copies (ADR 0065).
   */
  handOver?: true;
}

export interface AppendOutcome {
  /** Revision of the last event now in the stream. */
  revision: bigint;
  /** Log position of the append (of its last event). */
  position: LogPosition;
  /** The metadata each event was written with: the caller's, with the chain links the adapter added. */
  metadata?: readonly Record<string, unknown>[];
  /** The same as the JSON text the store holds (what a read parses). */
  metadataJson?: readonly string[];
  /**
   * The events as a later own-writes read of the stream gives them, when a layer keeps them for it
   * (src/store/stream-reads-kept.ts): the caller may tell what they parse to before that read (ADR 0065).
   */
  kept?: readonly StoredEvent[];
}

export type FromPosition = 'start' | 'end' | LogPosition;

export interface ReadAllOptions {
  from?: FromPosition;
  /** Default forwards (from the start); backwards reads from the end unless `from` says otherwise. */
  direction?: 'forwards' | 'backwards';
  maxCount?: number;
  /** Stream-name prefixes to keep; defaults to the ledger's categories. */
  prefixes?: readonly string[];
}

export interface SubscribeOptions {
  /** Start after this position ('start' = from the beginning of $all). */
  from?: FromPosition;
  prefixes?: readonly string[];
  onCaughtUp?: () => void;
  /**
   * Called, in order with the events, with each checkpoint the store sends a filtered subscription: it has looked at
   * every record up to `position`, and every event among them the filter keeps was yielded before this call (ADR
   * 0078). The records the filter drops (idempotency claims, the audit of reads) reach the caller only this way.
   */
  onScanned?: (position: LogPosition) => void;
}

/**
 * A store checkpoint put in the subscription's own stream, behind the events that came before it. The client calls
 * `checkpointReached` from the subscription's transform, after pushing the events before the checkpoint and before
 * taking the next message, so what it pushes there comes out in that order.
 */
class ScannedTo {
  constructor(readonly position: LogPosition) {}
}

/**
 * An event copied from another store (ledger import): written with its own id, data and metadata as
 * they were, chain links included, and the record time the source store gave it.
 */
export interface CopiedEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  /** When the source store recorded it. */
  recordedAt: Date;
}

export interface LedgerSubscription extends AsyncIterable<StoredEvent> {
  close(): Promise<void>;
}

/** Where a stream was read up to: its last revision and that event's hash (the chain head). */
export interface StreamMark {
  revision: bigint;
  head: string | null;
}

export interface LedgerStore {
  /** The stream's events, each checked against its hash chain (see ReadStreamOptions for `after`). */
  readStream(streamName: string, options?: ReadStreamOptions): Promise<StreamRead>;
  append(streamName: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendOutcome>;
  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent>;
  /**
   * Appends events copied from another store exactly as they were (ids, data, metadata with their
   * chain links: nothing is re-chained), each keeping its source record time (RECORDED_AT_KEY).
   */
  appendCopies(
    streamName: string,
    events: readonly CopiedEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendOutcome>;
  subscribeToAll(options?: SubscribeOptions): LedgerSubscription;
  /** Sets custom stream metadata; refuses max-age, max-count and truncate-before. */
  setStreamMetadata(streamName: string, metadata: Record<string, unknown>): Promise<void>;
  /** Resolves when the store answers a read; StoreUnavailableError otherwise. */
  ping(timeoutMs?: number): Promise<void>;
  /** Position of the last event in $all (any stream, system ones too); null for an empty store. */
  headPosition(): Promise<LogPosition | null>;
}

export interface LedgerStoreOptions {
  /** Categories whose streams the read side follows; defaults to LEDGER_CATEGORIES. */
  categories?: readonly string[];
}

/** Stream-metadata keys that would let the store drop events; refused on every stream. */
const DESTRUCTIVE_METADATA = new Set(['maxAge', 'maxCount', 'truncateBefore', '$maxAge', '$maxCount', '$tb']);

/**
 * Custom-metadata key of a copied event's source record time (ISO instant), written only by
 * appendCopies. A store sets `created` itself, so an event moved to another store (ledger import, ADR
 * 0036) carries the time its first store recorded it here; reading it back, the adapter takes the record
 * time from it and leaves the key out of the metadata, so the metadata is the event's own again and
 * its chain hash (computed without the key) still holds.
 */
/**
 * Bytes of event JSON a caller puts in one append: half of EventStoreDB's 1 MiB append limit, leaving
 * room for the chain links and metadata the adapter adds (import, the audit of classified reads).
 */
export const APPEND_BYTES_BUDGET = 512 * 1024;

export const RECORDED_AT_KEY = '$recordedAt';

/** encode() gives a plain Uint8Array: the client passes metadata on as bytes only if `constructor === Uint8Array`. */
const UTF8 = new TextEncoder();

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

type AnyRecorded = NonNullable<ResolvedEvent['event']> | NonNullable<AllStreamResolvedEvent['event']>;

function toStoredEvent(event: AnyRecorded): StoredEvent {
  if (event.position === undefined) {
    throw new StoreError(`The store returned ${event.streamId}@${event.revision} without a log position`);
  }
  if (!event.isJson || event.data instanceof Uint8Array) {
    throw new IntegrityError(event.streamId, event.revision, event.id, 'event data is not JSON');
  }
  return {
    id: event.id,
    type: event.type,
    streamName: event.streamId,
    revision: event.revision,
    position: { commit: event.position.commit, prepare: event.position.prepare },
    ...recordTime(event.created, isRecord(event.metadata) ? event.metadata : {}),
    data: event.data,
  };
}

/** An event of $all as the ledger reads it; undefined for a system event or one outside the categories `keep` keeps. */
function ledgerEventOf(
  resolved: AllStreamResolvedEvent,
  keep: (streamName: string) => boolean,
): StoredEvent | undefined {
  const event = resolved.event;
  if (event === undefined || event.type.startsWith('$') || !keep(event.streamId)) return undefined;
  return toStoredEvent(event);
}

/** The record time and the metadata of an event: a copied event's source record time, without its key. */
function recordTime(
  created: Date,
  metadata: Record<string, unknown>,
): { recordedAt: Date; metadata: Record<string, unknown> } {
  if (!(RECORDED_AT_KEY in metadata)) return { recordedAt: created, metadata };
  const { [RECORDED_AT_KEY]: source, ...own } = metadata;
  const at = typeof source === 'string' ? new Date(source) : null;
  return { recordedAt: at !== null && !Number.isNaN(at.getTime()) ? at : created, metadata: own };
}

function toReadPosition(from: FromPosition | undefined) {
  if (from === undefined || from === 'start') return START;
  if (from === 'end') return END;
  return { commit: from.commit, prepare: from.prepare };
}

function assertWritableName(streamName: string): void {
  if (streamName.length === 0) throw new ProtectedStreamError(streamName, 'empty stream name');
  if (isSystemName(streamName)) {
    throw new ProtectedStreamError(streamName, 'system and metadata streams ($...) are not written by the ledger');
  }
}

function assertWritableEvents(
  streamName: string,
  events: readonly { type: string; metadata: Record<string, unknown> }[],
): void {
  for (const e of events) {
    if (e.type.length === 0 || e.type.startsWith('$')) {
      throw new ProtectedStreamError(streamName, `event type "${e.type}" is reserved`);
    }
    // Only appendCopies sets a record time: a ledger write cannot date itself on the record clock.
    if (RECORDED_AT_KEY in e.metadata)
      throw new ProtectedStreamError(streamName, `metadata key "${RECORDED_AT_KEY}" is reserved`);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new StoreUnavailableError(`Event store did not answer within ${ms} ms`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function createLedgerStore(client: EventStoreDBClient, options: LedgerStoreOptions = {}): LedgerStore {
  const defaultPrefixes = categoryPrefixes(options.categories ?? LEDGER_CATEGORIES);

  const keeps = (prefixes: readonly string[]) => (streamName: string) => prefixes.some((p) => streamName.startsWith(p));

  /**
   * Iterates a client read. When the caller stops early (break, throw) it cancels the gRPC call and
   * destroys the client's inner gRPC stream as well: destroying only the client's wrapper leaves that
   * stream open with unread data, and client.dispose() then waits for it forever. The inner stream is
   * only reachable through the wrapper's 'pipe' event, so this must be called right after the read is
   * created, in the same tick.
   */
  function iterate<E>(read: StreamingRead<E>): AsyncIterable<E> {
    let source: Readable | undefined;
    read.once('pipe', (src: unknown) => {
      if (src instanceof Readable) source = src;
    });
    return {
      async *[Symbol.asyncIterator]() {
        // Ended = the call finished on its own, with its last item or with an error (a missing stream
        // ends as StreamNotFound). Only a caller that stops early cancels: cancelling a call that has
        // already finished sends the server a reset for a closed stream, and a few thousand of those
        // make the server close the whole HTTP/2 session, failing every call in flight on it.
        let ended = false;
        try {
          const items: AsyncIterable<E> = read.iterator({ destroyOnReturn: false });
          for await (const item of items) yield item;
          ended = true;
        } catch (err) {
          ended = true;
          throw err;
        } finally {
          if (!ended) {
            await read.cancel();
            source?.destroy();
            read.destroy();
          }
        }
      },
    };
  }

  async function readStream(streamName: string, options: ReadStreamOptions = {}): Promise<StreamRead> {
    const { after } = options;
    const recorded: AnyRecorded[] = [];
    try {
      const fromRevision = after === undefined ? START : after.revision + 1n;
      for await (const resolved of iterate(client.readStream(streamName, { direction: FORWARDS, fromRevision }))) {
        if (resolved.event !== undefined) recorded.push(resolved.event);
      }
    } catch (err) {
      if (err instanceof StreamNotFoundError) return { events: [], revision: 'no_stream', head: null };
      throw translateError(err, streamName);
    }
    const events: StoredEvent[] = [];
    let head: string | null = after === undefined ? null : after.head;
    for (const event of recorded) {
      const stored = toStoredEvent(event);
      const link = checkLink(head, stored.type, stored.data, stored.metadata);
      if (!link.ok) throw new IntegrityError(streamName, stored.revision, stored.id, link.reason);
      head = typeof stored.metadata['hash'] === 'string' ? stored.metadata['hash'] : null;
      events.push(stored);
    }
    const last = events.at(-1);
    return { events, revision: last?.revision ?? after?.revision ?? 'no_stream', head };
  }

  async function readHead(streamName: string): Promise<string | null> {
    let head: string | null = null;
    try {
      const read = client.readStream(streamName, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
      for await (const resolved of iterate(read)) {
        const metadata = resolved.event?.metadata;
        head = isRecord(metadata) && typeof metadata['hash'] === 'string' ? metadata['hash'] : null;
      }
    } catch (err) {
      if (err instanceof StreamNotFoundError) return null;
      throw translateError(err, streamName);
    }
    return head;
  }

  async function append(streamName: string, events: readonly NewEvent[], opts: AppendOptions): Promise<AppendOutcome> {
    assertWritableName(streamName);
    if (events.length === 0) throw new StoreError(`Nothing to append to ${streamName}`);
    assertWritableEvents(streamName, events);
    let prev =
      opts.expectedRevision === 'no_stream'
        ? null
        : opts.chainHead !== undefined
          ? opts.chainHead
          : await readHead(streamName);
    const chained = events.map((e) => {
      const metadata = chainMetadata(prev, e.type, e.data, e.metadata);
      prev = typeof metadata['hash'] === 'string' ? metadata['hash'] : null;
      return metadata;
    });
    // The metadata is serialized here, once: handed to the client as its JSON's bytes (a Uint8Array, which the client
    // and google-protobuf pass on as they are) instead of an object the client stringifies and base64-encodes and
    // google-protobuf decodes again, twice (sizing the batch, then writing it). The store holds the same bytes.
    const metadataJson = chained.map((metadata) => JSON.stringify(metadata));
    const payload = events.map((e, i) =>
      jsonEvent({ id: e.id, type: e.type, data: e.data, metadata: UTF8.encode(metadataJson[i]) }),
    );
    try {
      const result = await client.appendToStream(streamName, payload, { expectedRevision: opts.expectedRevision });
      if (result.position === undefined) {
        throw new StoreError(`The store acknowledged the append to ${streamName} without a log position`);
      }
      return {
        revision: result.nextExpectedRevision,
        position: { commit: result.position.commit, prepare: result.position.prepare },
        metadata: chained,
        metadataJson,
      };
    } catch (err) {
      throw translateError(err, streamName);
    }
  }

  async function appendCopies(
    streamName: string,
    events: readonly CopiedEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendOutcome> {
    assertWritableName(streamName);
    if (events.length === 0) throw new StoreError(`Nothing to append to ${streamName}`);
    assertWritableEvents(streamName, events);
    const payload = events.map((e) =>
      jsonEvent({
        id: e.id,
        type: e.type,
        data: e.data,
        metadata: { ...e.metadata, [RECORDED_AT_KEY]: e.recordedAt.toISOString() },
      }),
    );
    try {
      const result = await client.appendToStream(streamName, payload, { expectedRevision });
      if (result.position === undefined) {
        throw new StoreError(`The store acknowledged the append to ${streamName} without a log position`);
      }
      return {
        revision: result.nextExpectedRevision,
        position: { commit: result.position.commit, prepare: result.position.prepare },
      };
    } catch (err) {
      throw translateError(err, streamName);
    }
  }

  function startReadAll(opts: ReadAllOptions) {
    const backwards = opts.direction === 'backwards';
    const read = client.readAll({
      direction: backwards ? BACKWARDS : FORWARDS,
      fromPosition: toReadPosition(opts.from ?? (backwards ? 'end' : 'start')),
      ...(opts.maxCount === undefined ? {} : { maxCount: opts.maxCount }),
    });
    let source: Readable | undefined;
    read.once('pipe', (src: unknown) => {
      if (src instanceof Readable) source = src;
    });
    const cancel = async (): Promise<void> => {
      await read.cancel();
      source?.destroy();
      read.destroy();
    };
    return { read, cancel };
  }

  // An async iterable for `for await`, and a flowing source for prefetch (flowing-source.ts, ADR 0067): each event
  // pushed as the client's stream emits it, instead of a promise per event here and in prefetch's pump.
  function readAll(opts: ReadAllOptions = {}): FlowingSource<StoredEvent> {
    return { [Symbol.asyncIterator]: () => readAllEvents(opts), flow: (item, end) => flowAll(opts, item, end) };
  }

  /**
   * readAll in flowing mode: the same events, filtered and converted as readAllEvents does, the same errors (after the
   * events before them), and the same cancellation: a read that stops before its end (the consumer stopped, or an
   * event this side refuses) cancels the call; one that ended on its own does not.
   */
  function flowAll(
    opts: ReadAllOptions,
    item: (event: StoredEvent) => void,
    end: (error?: unknown) => void,
  ): FlowControls {
    const keep = keeps(opts.prefixes ?? defaultPrefixes);
    const { read, cancel } = startReadAll(opts);
    let over = false;
    read.on('data', (resolved: AllStreamResolvedEvent) => {
      if (over) return;
      let stored: StoredEvent | undefined;
      try {
        stored = ledgerEventOf(resolved, keep);
      } catch (err) {
        over = true;
        read.pause();
        end(translateError(err));
        return;
      }
      if (stored !== undefined) item(stored);
    });
    let finished = false;
    streamFinished(read as Readable, (err) => {
      finished = true;
      if (over) return;
      over = true;
      end(err === undefined || err === null ? undefined : translateError(err));
    });
    return {
      pause: () => read.pause(),
      resume: () => {
        if (!over) read.resume();
      },
      async stop() {
        over = true;
        if (finished) return;
        finished = true;
        await cancel();
      },
    };
  }

  // One generator layer over the client's stream: the same early-stop cancellation as iterate(), inlined, with the
  // read's own end told apart from an event this side refuses (which stops early, so it cancels the call).
  async function* readAllEvents(opts: ReadAllOptions): AsyncGenerator<StoredEvent> {
    const keep = keeps(opts.prefixes ?? defaultPrefixes);
    const { read, cancel } = startReadAll(opts);
    let ended = false;
    let refused = false;
    try {
      const items: AsyncIterable<AllStreamResolvedEvent> = read.iterator({ destroyOnReturn: false });
      for await (const resolved of items) {
        let stored: StoredEvent | undefined;
        try {
          stored = ledgerEventOf(resolved, keep);
        } catch (err) {
          refused = true;
          throw err;
        }
        if (stored !== undefined) yield stored;
      }
      ended = true;
    } catch (err) {
      if (!refused) ended = true;
      throw translateError(err);
    } finally {
      if (!ended) await cancel();
    }
  }

  function subscribeToAll(opts: SubscribeOptions = {}): LedgerSubscription {
    const prefixes = [...(opts.prefixes ?? defaultPrefixes)];
    const onScanned = opts.onScanned;
    const subscription = client.subscribeToAll({
      fromPosition: toReadPosition(opts.from),
      filter: streamNameFilter({
        prefixes,
        ...(onScanned === undefined
          ? {}
          : {
              checkpointReached: (sub: unknown, position: LogPosition) => {
                if (sub instanceof Readable)
                  sub.push(new ScannedTo({ commit: position.commit, prepare: position.prepare }));
              },
            }),
      }),
    });
    const onCaughtUp = opts.onCaughtUp;
    if (onCaughtUp !== undefined) subscription.on('caughtUp', () => onCaughtUp());
    const keep = keeps(prefixes);
    async function* events(): AsyncGenerator<StoredEvent> {
      try {
        const items: AsyncIterable<AllStreamResolvedEvent | ScannedTo> = subscription;
        for await (const resolved of items) {
          if (resolved instanceof ScannedTo) {
            onScanned?.(resolved.position);
            continue;
          }
          const stored = ledgerEventOf(resolved, keep);
          if (stored !== undefined) yield stored;
        }
      } catch (err) {
        throw translateError(err);
      }
    }
    return {
      [Symbol.asyncIterator]: () => events(),
      close: async () => {
        await subscription.unsubscribe();
      },
    };
  }

  async function setStreamMetadata(streamName: string, metadata: Record<string, unknown>): Promise<void> {
    assertWritableName(streamName);
    const refused = Object.keys(metadata).filter((k) => DESTRUCTIVE_METADATA.has(k));
    if (refused.length > 0) {
      throw new ProtectedStreamError(
        streamName,
        `ledger streams are never truncated or expired (refused: ${refused.join(', ')})`,
      );
    }
    try {
      await client.setStreamMetadata(streamName, metadata);
    } catch (err) {
      throw translateError(err, streamName);
    }
  }

  async function ping(timeoutMs = 3000): Promise<void> {
    const read = client.readAll({ direction: FORWARDS, fromPosition: START, maxCount: 1 });
    const drain = (async () => {
      try {
        for await (const _ of iterate(read));
      } catch (err) {
        throw translateError(err);
      }
    })();
    await withTimeout(drain, timeoutMs, () => void read.cancel());
  }

  async function headPosition(): Promise<LogPosition | null> {
    let head: LogPosition | null = null;
    try {
      for await (const resolved of iterate(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }))) {
        const position = resolved.event?.position;
        if (position !== undefined) head = { commit: position.commit, prepare: position.prepare };
      }
    } catch (err) {
      throw translateError(err);
    }
    return head;
  }

  return { readStream, append, appendCopies, readAll, subscribeToAll, setStreamMetadata, ping, headPosition };
}
