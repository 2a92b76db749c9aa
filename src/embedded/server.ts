// The gRPC server on SQLite, running on the current thread. `startEmbeddedStore` (index.ts) runs it in
// a worker thread; `main.ts` and `ledger store` run it in their own process.
import { setMaxListeners } from 'node:events';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { featuresGrpc } from './proto.js';
import { streamsService } from './grpc/service-definitions.js';
import { createCommitNotifier, type StoreCore, type StoreLogger } from './core.js';
import { StoreOpenError, openDatabase } from './storage/database.js';
import { backupDatabase, type DatabaseCopy } from './storage/backup.js';
import { createEventLog, createLogReader } from './storage/event-log.js';
import { createGroupCommitter } from './storage/group-commit.js';
import { createRecentRecords } from './storage/recent-records.js';
import { seedSystemEvents } from './seed.js';
import { appendHandler } from './grpc/append.js';
import { batchAppendHandler } from './grpc/batch-append.js';
import { readHandler } from './grpc/read.js';
import { deleteHandler, tombstoneHandler } from './grpc/delete.js';
import { featuresHandler } from './grpc/features.js';
import { createStoreMetrics } from './metrics.js';

export interface ServerOptions {
  dataDir?: string | undefined;
  memory?: boolean | undefined;
  port?: number | undefined;
  host?: string | undefined;
  logger: StoreLogger;
  /**
   * For tests: wraps the store's sync (null for :memory:), to hold it or make it fail. The group committer answers
   * and moves the readers' bound by what the wrapped sync answers.
   */
  wrapSync?: ((sync: (() => Promise<void>) | null) => (() => Promise<void>) | null) | undefined;
}

export interface RunningServer {
  readonly port: number;
  readonly host: string;
  /** The store's metrics (fsync latency, writes per commit) as prom-client's getMetricsAsJSON gives them. */
  metrics(): Promise<object[]>;
  /** The same in the Prometheus text format, with its content type (`ledger store --metrics-port`). */
  readonly metricsText: { text(): Promise<string>; readonly contentType: string };
  /** An online copy of the database into `file` (a file-backed store only). */
  backup(file: string): Promise<DatabaseCopy>;
  close(): Promise<void>;
}

const MAX_RECEIVE = 17 * 1024 * 1024;
const SHUTDOWN_GRACE_MS = 2000;

function bind(server: Server, address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(address, ServerCredentials.createInsecure(), (error, port) => {
      if (error) reject(error);
      else resolve(port);
    });
  });
}

function shutdown(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, SHUTDOWN_GRACE_MS);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { logger } = options;
  const database = openDatabase({ dataDir: options.dataDir, memory: options.memory });
  const { db } = database;
  const sync = options.wrapSync === undefined ? database.syncWal : options.wrapSync(database.syncWal);
  // What the files hold when the store opens counts as durable from here on (the notifier below starts at the log's
  // last position). A process that died between a batch's COMMIT and its sync left frames that may sit in the page
  // cache only, so they are synced before anyone reads them; a store that cannot sync does not start (ADR 0077).
  if (database.syncWal !== null && sync !== null) {
    try {
      await sync();
    } catch (error) {
      await database.close();
      throw new StoreOpenError(options.dataDir ?? ':memory:', error, 'unsyncable');
    }
  }
  const log = createEventLog(db);
  // What the files held when the store opened counts as durable; from then on only what a sync has covered.
  const notifier = createCommitNotifier(log.lastPosition());
  const recent = createRecentRecords({ lastPosition: log.lastPosition() });
  const metrics = createStoreMetrics();
  const writer = createGroupCommitter(db, log, {
    recent,
    sync: metrics.timed(sync),
    onCommitted: (position, writes) => {
      notifier.committed(position);
      metrics.committed(writes);
    },
    onError: (error) => logger.error({ err: error }, 'commit failed'),
  });
  const closing = new AbortController();
  // Every open read, subscription and batch-append call listens for the store closing (grpc/read-output.ts,
  // batch-append.ts) and stops listening when it ends: as many listeners as calls open, not a leak. Without this,
  // Node warns of "a possible EventTarget memory leak" from the eleventh on.
  setMaxListeners(0, closing.signal);
  // Readers (reads, subscriptions, link resolution) see the log up to the last durable position (ADR 0073); the write
  // path sees every committed row (`log`, above).
  const reader = createLogReader(db, notifier.lastPosition);
  const core: StoreCore = { log: reader, recent, writer, notifier, logger, closing: closing.signal };

  if (log.lastPosition() === 0) await seedSystemEvents(writer);

  const server = new Server({
    'grpc.max_receive_message_length': MAX_RECEIVE,
    'grpc.max_send_message_length': MAX_RECEIVE,
  });
  server.addService(streamsService, {
    read: readHandler(core),
    append: appendHandler(core),
    delete: deleteHandler(core),
    tombstone: tombstoneHandler(core),
    batchAppend: batchAppendHandler(core),
  });
  server.addService(featuresGrpc.ServerFeaturesService, { getSupportedMethods: featuresHandler() });

  const host = options.host ?? '127.0.0.1';
  let port: number;
  try {
    port = await bind(server, `${host.includes(':') ? `[${host}]` : host}:${options.port ?? 0}`);
  } catch (error) {
    await database.close();
    throw error;
  }
  logger.info(
    { host, port, dataDir: options.dataDir ?? null, memory: options.memory === true },
    'embedded store listening',
  );

  let closed: Promise<void> | null = null;
  return {
    port,
    host,
    metrics: () => metrics.registry.getMetricsAsJSON(),
    metricsText: { text: () => metrics.registry.metrics(), contentType: metrics.registry.contentType },
    backup(file) {
      if (options.memory === true || options.dataDir === undefined)
        return Promise.reject(new Error('an in-memory store has no files to copy'));
      return backupDatabase(db, file, () => log.lastPosition(), sync);
    },
    close() {
      closed ??= (async () => {
        closing.abort();
        await writer.close();
        await shutdown(server);
        await database.close();
        logger.info({ port }, 'embedded store closed');
      })();
      return closed;
    },
  };
}
