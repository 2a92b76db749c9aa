// The projector: one supervised catch-up subscription on $all (ledger streams only) feeding the
// read index. It first reads $all from its checkpoint to the end (then it is caught up and ready),
// then subscribes from the same checkpoint for live events. After any error, the store going away
// included, it waits (exponential backoff) and starts over from its checkpoint. An event at or
// before the checkpoint, or whose id the index already holds, is ignored: nothing twice, nothing
// skipped. With an index file, batches are flushed with their checkpoint (read-index.ts) and a
// restart resumes from that checkpoint after reading only the file's key rows (ADR 0010).
import type { Logger } from 'pino';
import type { LedgerStore, StoredEvent } from '../store/adapter.js';
import { compareLog, logPositionToJson, type LogPosition, type LogPositionJson } from '../../contracts/log-position.js';
import type { ReadIndex } from './read-index.js';
import type { Checkpoint } from './index-file.js';
import { prefetch } from './prefetch.js';
import { liveGroups } from './live-groups.js';
import { toEnvelope } from './to-envelope.js';
import { CHECKPOINT_STREAM } from '../integrity/checkpoint-stream.js';

export interface ProjectorOptions {
  store: Pick<LedgerStore, 'readAll' | 'subscribeToAll'>;
  index: ReadIndex;
  logger: Logger;
  /** Start from here when the index restores nothing (default: the start of $all). */
  from?: Checkpoint;
  backoff?: { initialMs: number; maxMs: number };
  /** Persist after this many events or this many ms, whichever first; while catching up, after
   * `catchUpEvents` (default 20 × events) or 10 × ms: fewer, larger transactions while nobody waits on them. */
  flushEvery?: { events: number; ms: number; catchUpEvents?: number };
  /** Sees every event first (the integrity monitor, src/read/integrity.ts); see ProjectorObserver. */
  observer?: ProjectorObserver;
}

/**
 * Looks at the events the projector reads before they are indexed: the integrity monitor checks their
 * chain links and adds them to the Merkle log (ADR 0034), in a thread of its own (ADR 0044). The
 * projector hands over each batch as it reads it and goes on reading and parsing the next; it indexes a
 * batch (and moves its position, so readers see it) only once the observer has looked at it. It reads
 * from the earlier of its checkpoint and the observer's position, so the observer misses nothing the
 * index already holds.
 */
export interface ProjectorObserver {
  /** The last position the observer has seen (null: none). */
  from(): LogPosition | null;
  /** Looks at events in $all order, each batch after the one before; rejects when it could not. */
  look(events: readonly StoredEvent[]): Promise<void>;
}

export interface ProjectorStatus {
  running: boolean;
  caughtUp: boolean;
  connected: boolean;
  position: LogPositionJson | null;
  eventsIndexed: number;
  rejected: number;
  lastError: string | null;
  /** ms since the last event was recorded by the store, as of when the projector applied it. */
  lastEventLagMs: number | null;
  /** Times the subscription was lost (an error, or the store ending it) and started over from the checkpoint. */
  restarts: number;
  /**
   * Past `position`: how far the store has looked for ledger events and found none the projector has not applied (the
   * live subscription's checkpoints, ADR 0078); null when that is not known to be further. The records between (the
   * audit of reads, idempotency claims) are not the read side's.
   */
  scannedTo: LogPositionJson | null;
}

export interface Projector {
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): ProjectorStatus;
  /** Resolves true once the index has reached `commit`, false after `timeoutMs`. */
  waitFor(commit: bigint, timeoutMs: number): Promise<boolean>;
  /** Resolves once the first catch-up read has reached the end of $all. */
  ready(): Promise<void>;
  /**
   * Calls `listener` whenever the index has reached a new position (after each live event, after
   * each batch while catching up): what `index.after(...)` returns has grown. Returns the function
   * that stops the calls. A listener that throws is logged and kept.
   */
  onProgress(listener: (position: Checkpoint) => void): () => void;
}

/** Events read and parsed while the observer has not yet looked at them: what catch-up holds in memory. */
const IN_FLIGHT_EVENTS = 20_000;

/**
 * While catching up, the observer is handed at least this many events at a time (ADR 0050): the integrity
 * checks commit what they are handed together in one transaction, and a commit of a thousand leaves costs
 * less per leaf than ten of a hundred. Live events go at once while the observer is idle, else in groups (ADR 0063).
 */
const CATCH_UP_LOOK_EVENTS = 1000;

/**
 * Live events go to the observer at most once per this many ms, all that arrived meanwhile together (ADR 0063): at
 * ~1,000 keyed writes a second, groups of ~9 events where the checks' worker got messages of ~3, and a quarter less
 * of its CPU per event. A read that waits for a write (`minPosition`) waits at most this much longer; a quiet
 * ledger's events go at once.
 */
const LIVE_GROUP_GAP_MS = 10;

/** An event read, parsed for the index (null: not indexed) but not yet applied. */
interface Parsed {
  readonly stored: StoredEvent;
  readonly parsed: ReturnType<typeof toEnvelope> | null;
}

interface Waiter {
  commit: bigint;
  resolve: (reached: boolean) => void;
  timer: NodeJS.Timeout;
}

export function createProjector(options: ProjectorOptions): Projector {
  const { store, index, logger } = options;
  const backoff = options.backoff ?? { initialMs: 100, maxMs: 5000 };
  const flushEvery = options.flushEvery ?? { events: 1000, ms: 200 };
  const catchUpEvents = flushEvery.catchUpEvents ?? flushEvery.events * 20;
  let checkpoint: Checkpoint | null = options.from ?? null;
  /** `checkpoint` as JSON, made once per checkpoint: status() is asked on every read (its frame's `position`). */
  let checkpointJson: { readonly of: Checkpoint; readonly json: LogPositionJson } | undefined;
  const positionJson = (): LogPositionJson | null => {
    if (checkpoint === null) return null;
    if (checkpointJson?.of !== checkpoint)
      checkpointJson = { of: checkpoint, json: Object.freeze(logPositionToJson(checkpoint)) };
    return checkpointJson.json;
  };
  let running = false;
  let caughtUp = false;
  let connected = false;
  let rejected = 0;
  let lastError: string | null = null;
  let lastEventLagMs: number | null = null;
  let restarts = 0;
  /** The position of the last live event handed on to be applied (null: none yet in this subscription). */
  let received: LogPosition | null = null;
  /** The live subscription's last checkpoint, and the last event handed on before it (ADR 0078). */
  let scanned: { position: LogPosition; after: LogPosition | null; json: LogPositionJson } | null = null;
  /**
   * `scanned.position` once every event handed on before it is applied and it is past `checkpoint`. Its JSON is made
   * once per checkpoint of the store, as `positionJson` is: status() is asked on every read.
   */
  const scannedTo = (): LogPositionJson | null => {
    if (scanned === null) return null;
    const { position, after, json } = scanned;
    if (after !== null && (checkpoint === null || compareLog(checkpoint, after) < 0)) return null;
    if (checkpoint !== null && compareLog(position, checkpoint) <= 0) return null;
    return json;
  };
  let subscription: { close(): Promise<void> } | null = null;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let unflushed = 0;
  let flushTimer: NodeJS.Timeout | null = null;
  let flushFailing = false;
  let waiters: Waiter[] = [];
  let readyResolve: () => void = () => undefined;
  const readyPromise = new Promise<void>((resolve) => {
    readyResolve = resolve;
  });
  const progress = progressListeners(logger);

  const written = (): void => {
    if (flushFailing) logger.info('the read index file is written again');
    flushFailing = false;
  };
  const notWritten = (err: unknown): void => {
    // The index file cannot be written (disk full, file system turned read-only). The events stay in
    // memory and in the index's pending batch, which the next flush writes; a restart meanwhile
    // resumes from the last checkpoint that was written. Thrown from a timer, this would end the process.
    if (!flushFailing)
      logger.error({ err }, 'the read index file cannot be written; serving from memory and trying again');
    flushFailing = true;
  };
  /** Flushes handed to the index file's thread and not yet answered, and the last of them (written in order). */
  let writing = 0;
  let lastWrite: Promise<void> = Promise.resolve();
  /** Resolves once the file holds what was indexed so far, or could not write it (logged). */
  const flush = (): Promise<void> => {
    if (flushTimer !== null) {
      clearTimeout(flushTimer);
      flushTimer = null;
    }
    if (!index.persistent || checkpoint === null) return Promise.resolve();
    unflushed = 0;
    try {
      // Written on the index file's own thread (index-file-thread.ts), or at once.
      const handed = index.flush(checkpoint);
      if (handed !== undefined) {
        writing += 1;
        lastWrite = handed.then(written, notWritten).finally(() => (writing -= 1));
        return lastWrite;
      }
      written();
    } catch (err) {
      notWritten(err);
    }
    return Promise.resolve();
  };

  const notify = (): void => {
    if (checkpoint === null) return;
    progress.emit(checkpoint);
    const reached = checkpoint.commit;
    waiters = waiters.filter((w) => {
      if (w.commit > reached) return true;
      clearTimeout(w.timer);
      w.resolve(true);
      return false;
    });
  };

  /** The event parsed for the index (null: nothing to index), before the observer has looked at it. */
  const parse = (stored: StoredEvent): Parsed => {
    // The Merkle log's checkpoints go to the observer (the integrity monitor) but are not read-model
    // input, as in a replay (replay.ts): about the ledger, not in it (ADR 0034).
    if (stored.streamName === CHECKPOINT_STREAM) return { stored, parsed: null };
    if (checkpoint !== null && !isAfter(stored.position, checkpoint)) return { stored, parsed: null };
    return { stored, parsed: toEnvelope(stored, index.interning) };
  };

  const apply = ({ stored, parsed }: Parsed): void => {
    if (checkpoint !== null && !isAfter(stored.position, checkpoint)) return;
    checkpoint = { commit: stored.position.commit, prepare: stored.position.prepare };
    if (parsed === null) return;
    // A duplicate id (the index already holds the event) is a no-op in add().
    if (parsed.ok) {
      if (index.add(parsed.envelope)) unflushed += 1;
    } else {
      rejected += 1;
      logger.error(
        { eventId: stored.id, stream: stored.streamName, type: stored.type, err: parsed.error },
        'event could not be parsed; not projected',
      );
    }
    lastEventLagMs = Date.now() - stored.recordedAt.getTime();
    if (unflushed >= (caughtUp ? flushEvery.events : catchUpEvents)) void flush();
    else if (index.persistent && flushTimer === null)
      flushTimer = setTimeout(() => void flush(), caughtUp ? flushEvery.ms : flushEvery.ms * 10);
  };

  /**
   * The catch-up's batches handed to the observer and indexed, in order, as it finishes each; the projector
   * reads and parses on meanwhile, holding at most IN_FLIGHT_EVENTS not yet indexed. The first failure fails
   * the next add() and drained(), and nothing after it is indexed: the supervisor starts over from the
   * checkpoint.
   */
  const lookingPipeline = (
    observer: ProjectorObserver,
    /** Events gathered before they go to the observer together. */
    gather: number,
  ) => {
    const queue: Array<{ events: number; done: Promise<void> }> = [];
    let inFlight = 0;
    let tail: Promise<void> = Promise.resolve();
    let abandoned = false;
    let failure: { error: unknown } | null = null;
    let gathered: StoredEvent[] = [];
    const next = async (): Promise<void> => {
      const oldest = queue.shift();
      if (oldest === undefined) return;
      try {
        await oldest.done;
      } finally {
        inFlight -= oldest.events;
      }
    };
    const hand = async (batch: readonly StoredEvent[]): Promise<void> => {
      const looked = observer.look(batch);
      const parsed = batch.map(parse);
      // Indexed after everything before it, and only if that was.
      const done = Promise.all([tail, looked]).then(() => {
        if (abandoned) return;
        for (const p of parsed) apply(p);
        notify();
      });
      done.catch((error: unknown) => {
        failure ??= { error };
      });
      tail = done;
      queue.push({ events: batch.length, done });
      inFlight += batch.length;
      while (inFlight > IN_FLIGHT_EVENTS) await next();
    };
    return {
      async add(batch: readonly StoredEvent[]): Promise<void> {
        if (failure !== null) throw failure.error;
        for (const stored of batch) gathered.push(stored);
        if (gathered.length < gather) return;
        const all = gathered;
        gathered = [];
        await hand(all);
      },
      async drained(): Promise<void> {
        if (gathered.length > 0) {
          const all = gathered;
          gathered = [];
          await hand(all);
        }
        while (queue.length > 0) await next();
      },
      abandon(): void {
        abandoned = true;
      },
    };
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const runOnce = async (): Promise<void> => {
    const { observer } = options;
    const seen = observer === undefined ? checkpoint : observer.from();
    const from = checkpoint === null || seen === null ? 'start' : compareLog(seen, checkpoint) < 0 ? seen : checkpoint;
    const looking = observer === undefined ? null : lookingPipeline(observer, CATCH_UP_LOOK_EVENTS);
    try {
      for await (const batch of prefetch(store.readAll({ from }))) {
        if (!running) return;
        // A catch-up does not outrun the index file's thread: what it has not written is held in memory.
        if (writing > 1) await lastWrite;
        connected = true;
        if (looking === null) {
          for (const stored of batch) apply(parse(stored));
          notify();
        } else await looking.add(batch);
      }
      await looking?.drained();
    } finally {
      looking?.abandon();
    }
    connected = true;
    void flush();
    if (!caughtUp) {
      caughtUp = true;
      readyResolve();
      logger.info({ position: checkpoint?.commit.toString() ?? null, events: index.size }, 'projector caught up');
    }
    notify();
    if (!running) return;
    received = null;
    scanned = null;
    const live = store.subscribeToAll({
      from: checkpoint ?? 'start',
      onScanned: (position) => {
        scanned = { position, after: received, json: Object.freeze(logPositionToJson(position)) };
      },
    });
    subscription = live;
    let abandoned = false;
    // Live events go to the observer in groups (live-groups.ts, ADR 0063): alone and at once when it is idle, else
    // together once the group before them is indexed and LIVE_GROUP_GAP_MS have passed since it went. A group is
    // indexed only after the observer has looked at it.
    const following =
      observer === undefined
        ? null
        : liveGroups<StoredEvent>(
            async (events) => {
              if (abandoned) return;
              const looked = observer.look(events);
              const parsed = events.map(parse);
              await looked;
              if (abandoned) return;
              for (const p of parsed) apply(p);
              notify();
            },
            {
              max: IN_FLIGHT_EVENTS,
              gapMs: LIVE_GROUP_GAP_MS,
              failed: () => void live.close().catch(() => undefined),
            },
          );
    try {
      for await (const stored of live) {
        if (!running) return;
        received = stored.position;
        if (following === null) {
          apply(parse(stored));
          notify();
        } else await following.add(stored);
      }
      await following?.drained();
    } finally {
      abandoned = true;
      subscription = null;
      await live.close().catch(() => undefined);
    }
  };

  const supervise = async (): Promise<void> => {
    let delay = backoff.initialMs;
    while (running) {
      try {
        await runOnce();
        if (!running) break;
        lastError = 'subscription ended';
      } catch (err) {
        if (!running) break;
        lastError = err instanceof Error ? err.message : String(err);
        logger.warn({ err, retryInMs: delay }, 'projector lost the store; resubscribing');
      }
      connected = false;
      restarts += 1;
      void flush();
      await sleep(delay);
      delay = Math.min(delay * 2, backoff.maxMs);
      if (connected) delay = backoff.initialMs;
    }
  };

  return {
    async start() {
      if (running) return;
      if (index.persistent) {
        const restored = index.restore();
        if (restored !== null) checkpoint = restored;
        logger.info(
          { events: index.size, position: checkpoint?.commit.toString() ?? null },
          'projector restored its index file',
        );
      }
      running = true;
      loop = supervise();
    },
    async stop() {
      running = false;
      wake?.();
      await subscription?.close().catch(() => undefined);
      // A catch-up read in flight ends at its next event or at the end of $all; do not wait longer
      // than that for it (it checks `running` before subscribing).
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([loop, new Promise<void>((resolve) => (timer = setTimeout(resolve, 5000)))]);
      clearTimeout(timer);
      await flush();
      for (const w of waiters) {
        clearTimeout(w.timer);
        w.resolve(false);
      }
      waiters = [];
    },
    status() {
      return {
        running,
        caughtUp,
        connected,
        position: positionJson(),
        eventsIndexed: index.size,
        rejected,
        lastError,
        lastEventLagMs,
        restarts,
        scannedTo: scannedTo(),
      };
    },
    waitFor(commit, timeoutMs) {
      if (checkpoint !== null && checkpoint.commit >= commit) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const waiter: Waiter = {
          commit,
          resolve,
          timer: setTimeout(() => {
            waiters = waiters.filter((w) => w !== waiter);
            resolve(false);
          }, timeoutMs),
        };
        waiters.push(waiter);
      });
    },
    ready: () => readyPromise,
    onProgress: progress.add,
  };
}

/** The listeners of onProgress, told of each new position once. */
function progressListeners(logger: Logger) {
  const listeners = new Set<(position: Checkpoint) => void>();
  let last: Checkpoint | null = null;
  return {
    add(listener: (position: Checkpoint) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(position: Checkpoint): void {
      if (last !== null && !isAfter(position, last)) return;
      last = position;
      for (const listener of listeners) {
        try {
          listener(position);
        } catch (err) {
          logger.error({ err }, 'a progress listener failed');
        }
      }
    },
  };
}

function isAfter(position: LogPosition, checkpoint: Checkpoint): boolean {
  return compareLog(position, checkpoint) > 0;
}
