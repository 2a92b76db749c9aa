// Opens the event store the app talks to: the EventStoreDB/KurrentDB named by ESDB_URL, or else the
// embedded store on DATA_DIR. Either way the app gets the same client and the same adapter
// (src/store/client.ts). It lives in the composition root, not in src/store: the adapter knows only the
// client, and starting the embedded server is the root's choice (ADR 0031). `ledger serve`, `ledger
// seed` and `ledger replay` all open their store here.
// The embedded store's files are used by one process at a time. Whoever runs it publishes its address
// in DATA_DIR (`store-address`, removed on close), so a command run beside a running ledger (`ledger
// seed`, `ledger replay`) can reach that store instead of failing with "database is locked"
// (`reachRunning`). `npm start` never does: it must own its store.
import { readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { EmbeddedStoreStartError, startEmbeddedStore, type EmbeddedStore } from '../embedded/index.js';
import type { LedgerStore } from '../store/adapter.js';
import { connectStore } from '../store/client.js';

export interface StoreSettings {
  /** External store; undefined runs the embedded one. */
  esdbUrl: string | undefined;
  dataDir: string;
  embeddedStorePort: number;
}

export interface OpenOptions {
  /** When another process holds DATA_DIR's store and published its address, use that store. */
  reachRunning?: boolean;
}

export interface OpenedStore {
  store: LedgerStore;
  /** Where the client connects (the embedded store's own address when embedded). */
  connectionString: string;
  embedded: boolean;
  /** True when this is the store another process (a running ledger) serves on DATA_DIR. */
  reachedRunning: boolean;
  /** The embedded store's own metrics (fsync latency), when this process runs it (src/embedded/metrics.ts). */
  metrics?: () => Promise<object[] | null>;
  /** The embedded store this process runs: an online copy of its database into `file` (ledger backup). */
  backupTo?: (file: string) => Promise<{ position: number; pages: number }>;
  close(): Promise<void>;
}

/** The file in DATA_DIR naming the address of the embedded store running on it. */
export const STORE_ADDRESS_FILE = 'store-address';

/** DATA_DIR's store is held by another process that published no address this command could reach. */
export class StoreInUseError extends Error {
  override readonly name = 'StoreInUseError';
  readonly code = 'store_in_use';
  constructor(dataDir: string, options?: { cause?: unknown }) {
    super(
      `The store in ${dataDir} is in use by another process (a running ledger?): stop it, or run this command against the store it serves with ESDB_URL='esdb://127.0.0.1:<port>?tls=false' (\`npm start\` prints the address)`,
      options,
    );
  }
}

/** The running store published in `dataDir`, if its address answers. */
async function reachPublished(dataDir: string, logger: Logger): Promise<OpenedStore | undefined> {
  let address: string;
  try {
    address = (await readFile(path.join(dataDir, STORE_ADDRESS_FILE), 'utf8')).trim();
  } catch {
    return undefined;
  }
  if (!/^esdb:\/\/127\.0\.0\.1:\d+\?tls=false$/.test(address)) return undefined;
  const { store, close } = connectStore(address);
  try {
    await store.ping(3000);
  } catch (error) {
    logger.debug({ err: error, address }, 'the published store address does not answer');
    await close();
    return undefined;
  }
  return { store, connectionString: address, embedded: false, reachedRunning: true, close };
}

/** Publishes the embedded store's address in its data directory; returns what removes it again. */
async function publish(dataDir: string, connectionString: string, logger: Logger): Promise<() => Promise<void>> {
  const file = path.join(dataDir, STORE_ADDRESS_FILE);
  try {
    await writeFile(file, `${connectionString}\n`, { mode: 0o600 });
  } catch (error) {
    logger.warn({ err: error, file }, 'cannot publish the store address');
    return async () => undefined;
  }
  return async () => {
    // Only our own address: a later holder may have written its own.
    const current = await readFile(file, 'utf8').catch(() => '');
    if (current.trim() === connectionString) await unlink(file).catch(() => undefined);
  };
}

export async function openStore(
  settings: StoreSettings,
  logger: Logger,
  options: OpenOptions = {},
): Promise<OpenedStore> {
  if (settings.esdbUrl !== undefined) {
    const { store, close } = connectStore(settings.esdbUrl);
    let closing: Promise<void> | undefined;
    return {
      store,
      connectionString: settings.esdbUrl,
      embedded: false,
      reachedRunning: false,
      close: () => (closing ??= close()),
    };
  }

  let embedded: EmbeddedStore;
  try {
    embedded = await startEmbeddedStore({
      dataDir: settings.dataDir,
      port: settings.embeddedStorePort,
      host: '127.0.0.1',
      logger: logger.child({ component: 'embedded-store' }),
    });
  } catch (error) {
    if (!(error instanceof EmbeddedStoreStartError) || error.code !== 'store_in_use' || options.reachRunning !== true)
      throw error;
    const running = await reachPublished(settings.dataDir, logger);
    if (running === undefined) throw new StoreInUseError(settings.dataDir, { cause: error });
    return running;
  }
  const unpublish = await publish(settings.dataDir, embedded.connectionString, logger);
  const { store, close: closeClient } = connectStore(embedded.connectionString);
  let closing: Promise<void> | undefined;
  return {
    store,
    connectionString: embedded.connectionString,
    embedded: true,
    reachedRunning: false,
    metrics: () => embedded.metrics(),
    backupTo: (file) => embedded.backup(file),
    close() {
      closing ??= (async () => {
        try {
          await closeClient();
        } finally {
          await unpublish();
          await embedded.close();
        }
      })();
      return closing;
    },
  };
}
