// startEmbeddedStore: runs the EventStoreDB-compatible server on SQLite in a worker thread, so the
// caller's event loop (the API, a test, a benchmark client) never waits on SQLite or fsync.
import { Worker } from 'node:worker_threads';
import { pino, type Logger } from 'pino';
import { connectionStringFor } from './connection-string.js';
import { isLogLevel, parseFromWorker, type LogLevel, type WorkerInit } from './worker-protocol.js';
import { WORKER_BOOTSTRAP, workerModule } from '../worker-thread.js';

export interface EmbeddedStoreOptions {
  dataDir?: string;
  memory?: boolean;
  port?: number;
  host?: string;
  logger?: Logger;
}

export interface EmbeddedStore {
  readonly connectionString: string;
  readonly port: number;
  /**
   * The store's metrics (fsync latency, writes per commit: ./metrics.ts) as JSON; null when its thread does not answer
   * in time.
   */
  metrics(): Promise<object[] | null>;
  /** An online copy of the store's database into `file` while it serves (storage/backup.ts). */
  backup(file: string): Promise<{ position: number; pages: number }>;
  close(): Promise<void>;
}

/** How long a scrape waits for the store's thread to send its metrics. */
const METRICS_WAIT_MS = 2000;

export { connectionStringFor };

export class EmbeddedStoreStartError extends Error {
  override readonly name = 'EmbeddedStoreStartError';
  /** Why, when the store could name it: `store_in_use` (another process holds its files), ... */
  readonly code: string | undefined;
  constructor(message: string, code?: string) {
    super(message);
    this.code = code;
  }
}

export function startEmbeddedStore(options: EmbeddedStoreOptions): Promise<EmbeddedStore> {
  const logger = options.logger ?? pino({ level: 'warn' });
  const level: LogLevel = isLogLevel(logger.level) ? logger.level : 'warn';
  const init: WorkerInit = {
    dataDir: options.dataDir,
    memory: options.memory ?? options.dataDir === undefined,
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    logLevel: level,
  };
  const worker = new Worker(WORKER_BOOTSTRAP, {
    eval: true,
    workerData: { ...init, ...workerModule(import.meta.url, 'worker') },
  });
  const host = init.host ?? '127.0.0.1';

  return new Promise<EmbeddedStore>((resolve, reject) => {
    let started = false;
    let closing: Promise<void> | null = null;
    let onClosed: (() => void) | null = null;
    let asked = 0;
    const answers = new Map<number, (metrics: object[] | null) => void>();
    let nextBackup = 0;
    const backups = new Map<
      number,
      { resolve: (copy: { position: number; pages: number }) => void; reject: (error: Error) => void }
    >();

    worker.on('message', (raw: unknown) => {
      const message = parseFromWorker(raw);
      if (message === null) return;
      switch (message.type) {
        case 'log':
          logger[message.level](message.obj, message.msg);
          break;
        case 'failed':
          if (!started) reject(new EmbeddedStoreStartError(message.message, message.code));
          else logger.error({ message: message.message }, 'embedded store failed');
          break;
        case 'closed':
          onClosed?.();
          break;
        case 'metrics':
          answers.get(message.id)?.(message.metrics);
          break;
        case 'backed-up':
          backups.get(message.id)?.resolve({ position: message.position, pages: message.pages });
          backups.delete(message.id);
          break;
        case 'backup-failed':
          backups.get(message.id)?.reject(new Error(message.message));
          backups.delete(message.id);
          break;
        case 'listening': {
          started = true;
          const port = message.port;
          resolve({
            port,
            connectionString: connectionStringFor(host, port),
            metrics() {
              if (closing !== null) return Promise.resolve(null);
              asked += 1;
              const id = asked;
              return new Promise<object[] | null>((done) => {
                const timer = setTimeout(() => answer(null), METRICS_WAIT_MS).unref();
                const answer = (metrics: object[] | null): void => {
                  clearTimeout(timer);
                  answers.delete(id);
                  done(metrics);
                };
                answers.set(id, answer);
                worker.postMessage({ type: 'metrics', id });
              });
            },
            backup(file) {
              return new Promise((resolveCopy, rejectCopy) => {
                nextBackup += 1;
                backups.set(nextBackup, { resolve: resolveCopy, reject: rejectCopy });
                worker.postMessage({ type: 'backup', id: nextBackup, file });
              });
            },
            close() {
              closing ??= new Promise<void>((done) => {
                onClosed = done;
                worker.once('exit', () => done());
                worker.postMessage({ type: 'close' });
              }).then(async () => {
                await worker.terminate();
              });
              return closing;
            },
          });
          break;
        }
      }
    });
    worker.on('error', (error) => {
      if (!started) reject(new EmbeddedStoreStartError(error.message));
      else logger.error({ err: error }, 'embedded store worker crashed');
    });
    worker.on('exit', (code) => {
      for (const pending of backups.values())
        pending.reject(new Error(`embedded store worker exited with code ${code} during a backup`));
      backups.clear();
      if (!started)
        reject(new EmbeddedStoreStartError(`embedded store worker exited with code ${code} before listening`));
    });
  });
}
