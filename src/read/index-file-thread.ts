// The read index file written on a thread of its own (ADR 0056): the server's thread reads the file through its
// own connection, as before, and hands each flush's batch to a worker (index-file-worker.ts), which writes it in one
// transaction, batch after batch in the order handed over, and answers when it is committed. The server's thread
// then spends on a flush one structured clone of the batch instead of the JSON of every envelope and its SQLite
// rows. Until the answer comes the read index holds the batch in memory and reads the file only up to the last seq
// it knows written (read-index.ts), so a read sees every envelope once whichever thread is where.
// A worker that fails (an error thrown in it, or it ends) fails the batches it was given; they stay in memory and
// go with the next flush, which starts a new worker on the same file.
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { WORKER_BOOTSTRAP, workerModule } from '../worker-thread.js';
import { openIndexFile, type Checkpoint, type FiledEnvelope, type IndexFile, type KeyInfo } from './index-file.js';

export type ToIndexWriter =
  | {
      readonly type: 'append';
      readonly batch: readonly FiledEnvelope[];
      readonly keys: readonly KeyInfo[];
      readonly checkpoint: Checkpoint;
    }
  | { readonly type: 'close' };

const FromIndexWriter = z.discriminatedUnion('type', [
  /** The oldest batch not yet answered is committed. */
  z.object({ type: z.literal('appended') }),
  /** The oldest batch not yet answered could not be written (rolled back). */
  z.object({ type: z.literal('not-appended'), message: z.string() }),
  z.object({ type: z.literal('closed') }),
]);
export type FromIndexWriter = z.infer<typeof FromIndexWriter>;

export const IndexWriterInit = z.object({ path: z.string(), formatVersion: z.string() });

/** How long close() waits for the worker to write what it was given before ending it. */
const CLOSE_WAIT_MS = 5000;

export interface IndexFileThreadOptions {
  /** Starts the worker (tests hold on to it); default new Worker. */
  spawn?: (bootstrap: string, options: { eval: true; workerData: unknown }) => Worker;
}

/** The index file at `path` (created, or emptied on a format mismatch, here and now), written by a worker. */
export function openIndexFileInThread(
  path: string,
  formatVersion: string,
  options: IndexFileThreadOptions = {},
): IndexFile {
  const reader = openIndexFile(path, formatVersion);
  const spawn = options.spawn ?? ((bootstrap, workerOptions) => new Worker(bootstrap, workerOptions));
  let worker: Worker | null = null;
  /** Batches posted and not yet answered, oldest first. */
  let waiting: Array<{ resolve(): void; reject(error: Error): void }> = [];
  let closed: (() => void) | null = null;

  /** While it has batches to write, the worker keeps the process alive; idle, it does not. */
  const idle = (w: Worker): void => {
    if (waiting.length === 0) w.unref();
  };
  const fail = (from: Worker, error: Error): void => {
    if (worker !== from) return;
    worker = null;
    const failed = waiting;
    waiting = [];
    for (const w of failed) w.reject(error);
  };
  const start = (): Worker => {
    const init: z.infer<typeof IndexWriterInit> = { path, formatVersion };
    const started = spawn(WORKER_BOOTSTRAP, {
      eval: true,
      workerData: { ...init, ...workerModule(import.meta.url, 'index-file-worker') },
    });
    started.on('message', (raw: unknown) => {
      const parsed = FromIndexWriter.safeParse(raw);
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.type === 'closed') {
        closed?.();
        return;
      }
      const oldest = waiting.shift();
      if (message.type === 'appended') oldest?.resolve();
      else oldest?.reject(new Error(message.message));
      idle(started);
    });
    started.on('error', (error) => fail(started, error));
    started.on('exit', (code) => {
      fail(started, new Error(`the read index file's writer ended (exit code ${code})`));
      closed?.();
    });
    return started;
  };

  return {
    open: () => reader.open(),
    envelopesOf: (key, seqs) => reader.envelopesOf(key, seqs),
    keysOfEvent: (streamName, eventId) => reader.keysOfEvent(streamName, eventId),
    idHashes: () => reader.idHashes(),
    after: (after, limit, seqs) => reader.after(after, limit, seqs),
    countThrough: (through, seqs) => reader.countThrough(through, seqs),
    append(batch, keys, checkpoint) {
      worker ??= start();
      const to = worker;
      const done = new Promise<void>((resolve, reject) => waiting.push({ resolve, reject }));
      to.ref();
      // Cloned now: the rows and envelopes as they are when handed over.
      to.postMessage({ type: 'append', batch, keys, checkpoint } satisfies ToIndexWriter);
      return done;
    },
    async close() {
      const current = worker;
      if (current !== null) {
        const done = new Promise<void>((resolve) => (closed = resolve));
        let timer: NodeJS.Timeout | undefined;
        current.ref();
        current.postMessage({ type: 'close' } satisfies ToIndexWriter);
        await Promise.race([done, new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)))]);
        clearTimeout(timer);
        worker = null;
        await current.terminate();
        for (const w of waiting.splice(0)) w.reject(new Error('the read index file was closed'));
      }
      reader.close();
    },
  };
}
