// Where the integrity checks run (ADR 0044). With a log file, in a worker thread beside the projector
// (integrity-worker.ts): the server's thread posts each batch the projector reads and goes on reading
// and parsing the next; the worker checks the batch, commits it to the log file and answers with what
// broke and how far the log now is. The server's thread follows the file (followLedgerLog) for proofs
// and checkpoints. With the log in memory (no data dir), the same checker runs in the caller's thread
// behind the same promise: the slow path, kept for tests and in-memory ledgers.
// A worker that fails (an error thrown in it, or it ends) fails every batch in flight; the next batch
// starts a new worker on the same file, which resumes from what the file holds.
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { StoredEvent } from '../store/adapter.js';
import { createChainChecker, type IntegrityBreak, type LookResult } from './integrity-check.js';
import { followLedgerLog, openLedgerLog, type LedgerLog, type LogState } from './integrity-log.js';
import { parseVerifierKey } from '../integrity/index.js';
import { WORKER_BOOTSTRAP, workerModule } from '../worker-thread.js';
import { toWire, type WireBatch } from './integrity-wire.js';

export interface CheckerInit {
  /** The log file; `:memory:` runs the checks in this thread. */
  readonly path: string;
  /** The keys checkpoint events must open with. */
  readonly verifierKeys: readonly string[];
  readonly origin: string;
}

export interface CheckerThread {
  /** The log as this thread reads it: what the checker has committed and reported. */
  readonly log: LedgerLog;
  /** Checks `events` (in $all order, after every earlier batch); resolves once the log file holds them. */
  look(events: readonly StoredEvent[]): Promise<LookResult>;
  /** A break was found elsewhere: the checker checks nothing more. */
  freeze(): void;
  /** Why the checker is not running (its worker failed and no batch has started a new one), or null. */
  failure(): string | null;
  /** Resolves once the checker can take a batch (its worker has opened the log file). */
  started(): Promise<void>;
  stop(): Promise<void>;
}

export interface CheckerThreadOptions extends CheckerInit {
  /** The log file could not be written, or the worker failed: logged by the caller. */
  onError(error: unknown, message: string): void;
  /** Starts the worker (tests hold on to it); default new Worker. */
  spawn?: (bootstrap: string, options: { eval: true; workerData: unknown }) => Worker;
}

const Position = z.object({ commit: z.bigint(), prepare: z.bigint() });
const State = z.object({ size: z.number(), lastPosition: Position.nullable(), observed: Position.nullable() });
/** A break as the checks' and the sweep's workers post it. */
export const Break = z.object({
  stream: z.string(),
  revision: z.string(),
  eventId: z.string().nullable(),
  reason: z.string(),
  foundBy: z.enum(['projector', 'store sweep', 'stream read']),
});
const FromChecker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('opened'), state: State }),
  /** The last `batches` batches are committed; `breaks` were found in them. */
  z.object({ type: z.literal('looked'), batches: z.number().int().positive(), breaks: z.array(Break), state: State }),
  z.object({ type: z.literal('write-error'), message: z.string() }),
  z.object({ type: z.literal('closed') }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);
export type FromChecker = z.infer<typeof FromChecker>;

export type ToChecker =
  { readonly type: 'look'; readonly events: WireBatch } | { readonly type: 'freeze' } | { readonly type: 'close' };

/** A failed worker is started again after this long, doubling up to max while it keeps failing. */
const RESTART_MS = { initial: 500, max: 30_000 };

/** Messages of batches posted to the worker and not yet answered, at most (see post()). */
const MAX_POSTED = 2;

/** How long stop() waits for the worker to write its last batch before ending it. */
const CLOSE_WAIT_MS = 5000;

export function startChecker(options: CheckerThreadOptions): CheckerThread {
  return options.path === ':memory:' ? inThisThread(options) : inWorker(options);
}

function inThisThread(options: CheckerThreadOptions): CheckerThread {
  const log = openLedgerLog(':memory:');
  const checker = createChainChecker({
    log,
    verifiers: options.verifierKeys.map(parseVerifierKey),
    origin: options.origin,
    onWriteError: (error) => options.onError(error, writeErrorMessage),
  });
  return {
    log,
    look: async (events) => checker.look(events),
    freeze: () => checker.freeze(),
    failure: () => null,
    started: async () => undefined,
    stop: async () => checker.close(),
  };
}

const writeErrorMessage = 'the Merkle log file cannot be written; its leaves are kept and written with the next batch';

interface Pending {
  resolve(result: LookResult): void;
  reject(error: Error): void;
}

function inWorker(options: CheckerThreadOptions): CheckerThread {
  // Created (or checked: a file naming more leaves than its tree holds stops the start) before the worker opens it.
  openLedgerLog(options.path).close();
  const log = followLedgerLog(options.path);
  const spawn = options.spawn ?? ((bootstrap, workerOptions) => new Worker(bootstrap, workerOptions));
  let worker: Worker | null = null;
  let opened: Promise<void> | null = null;
  let pending: Pending[] = [];
  // Batches not yet posted, and how many batches each posted message holds (in posting order).
  let queued: Array<readonly StoredEvent[]> = [];
  let posted: number[] = [];
  let failure: string | null = null;
  let frozen = false;
  let stopping = false;
  let closed: (() => void) | null = null;
  let restartIn = RESTART_MS.initial;
  let restart: NodeJS.Timeout | null = null;

  const fail = (error: Error): void => {
    failure = error.message;
    worker = null;
    opened = null;
    const waiting = pending;
    pending = [];
    queued = [];
    posted = [];
    for (const p of waiting) p.reject(error);
    if (stopping) return;
    options.onError(error, 'the integrity checker stopped; the projector waits until a new one runs');
    // Started again even if no batch comes (a quiet ledger), so the failure does not stay on /readyz.
    restart ??= setTimeout(() => {
      restart = null;
      if (stopping || opened !== null) return;
      opened = start();
      opened.catch(() => undefined);
    }, restartIn);
    restart.unref();
    restartIn = Math.min(restartIn * 2, RESTART_MS.max);
  };

  /**
   * Posts the batches waiting as one message, unless the worker already has MAX_POSTED messages to look at: then
   * they go when it answers one. While the worker keeps up, each batch goes at once; while it is busy, what the
   * projector reads meanwhile goes in one message (one copy, one wake-up and one commit for many batches).
   */
  const post = (to: Worker): void => {
    if (queued.length === 0 || posted.length >= MAX_POSTED || to !== worker || stopping) return;
    const events = queued.length === 1 ? (queued[0] ?? []) : queued.flat();
    posted.push(queued.length);
    queued = [];
    to.postMessage({ type: 'look', events: toWire(events) } satisfies ToChecker);
  };

  const start = (): Promise<void> => {
    const init: CheckerInit = { path: options.path, verifierKeys: options.verifierKeys, origin: options.origin };
    const started = spawn(WORKER_BOOTSTRAP, {
      eval: true,
      workerData: { ...init, ...workerModule(import.meta.url, 'integrity-worker') },
    });
    worker = started;
    return new Promise<void>((resolve, reject) => {
      let ready = false;
      started.on('message', (raw: unknown) => {
        const parsed = FromChecker.safeParse(raw);
        if (!parsed.success) return;
        const message = parsed.data;
        switch (message.type) {
          case 'opened':
            log.advance(message.state);
            failure = null;
            restartIn = RESTART_MS.initial;
            ready = true;
            if (frozen) started.postMessage({ type: 'freeze' } satisfies ToChecker);
            resolve();
            break;
          case 'looked': {
            // The follower first: whoever the answer wakes reads a log that holds the batch. The breaks go
            // with the first batch answered, so they are known before any of these batches is indexed.
            log.advance(message.state);
            let breaks = message.breaks as IntegrityBreak[];
            for (const batches of posted.splice(0, message.batches)) {
              for (let i = 0; i < batches; i += 1) {
                pending.shift()?.resolve({ breaks, state: message.state });
                breaks = [];
              }
            }
            post(started);
            break;
          }
          case 'write-error':
            options.onError(new Error(message.message), writeErrorMessage);
            break;
          case 'closed':
            closed?.();
            break;
          case 'failed':
            if (!ready) reject(new Error(message.message));
            break;
        }
      });
      started.on('error', (error) => {
        if (worker === started) fail(error);
        if (!ready) reject(error);
      });
      started.on('exit', (code) => {
        if (worker === started) fail(new Error(`the integrity checker's worker ended (exit code ${code})`));
        if (!ready)
          reject(new Error(`the integrity checker's worker ended before it opened the log (exit code ${code})`));
        closed?.();
      });
    });
  };

  // At once: loading the worker takes a moment, which the projector's first batch need not wait for.
  opened = start();
  opened.catch(() => undefined);

  return {
    log,
    async look(events) {
      if (stopping) throw new Error('the integrity monitor is stopping');
      opened ??= start();
      const current = worker;
      await opened;
      if (current === null || worker !== current) throw new Error(failure ?? 'the integrity checker stopped');
      return new Promise<LookResult>((resolve, reject) => {
        pending.push({ resolve, reject });
        queued.push(events);
        post(current);
      });
    },
    freeze() {
      frozen = true;
      worker?.postMessage({ type: 'freeze' } satisfies ToChecker);
    },
    failure: () => failure,
    started: async () => {
      await (opened ?? start());
    },
    async stop() {
      stopping = true;
      if (restart !== null) clearTimeout(restart);
      const current = worker;
      if (current !== null) {
        await opened?.catch(() => undefined);
        const done = new Promise<void>((resolve) => (closed = resolve));
        let timer: NodeJS.Timeout | undefined;
        current.postMessage({ type: 'close' } satisfies ToChecker);
        await Promise.race([done, new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)))]);
        clearTimeout(timer);
        worker = null;
        await current.terminate();
      }
      for (const p of pending) p.reject(new Error('the integrity monitor stopped'));
      pending = [];
      log.close();
    },
  };
}

export type { LogState };
