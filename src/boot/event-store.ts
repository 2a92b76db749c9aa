// The event store as a piece of the app (style.md 5): opens it (open-store.ts: ESDB_URL, else the
// embedded store on DATA_DIR), checks it answers, makes it available as `app.eventStore`, and closes it
// on close. Registered first, so it closes last: everything else still has its store while it closes.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { LedgerStore } from '../store/adapter.js';
import { openStore, type StoreSettings } from './open-store.js';

export interface EventStoreInfo {
  readonly store: LedgerStore;
  /** Where the client connects (the embedded store's own address when embedded). */
  readonly connectionString: string;
  readonly embedded: boolean;
  /** The embedded store's own metrics (fsync latency), when this process runs it (src/embedded/metrics.ts). */
  readonly metrics?: () => Promise<object[] | null>;
  /** The embedded store this process runs: an online copy of its database into `file` (ledger backup). */
  readonly backupTo?: (file: string) => Promise<{ position: number; pages: number }>;
}

declare module 'fastify' {
  interface FastifyInstance {
    eventStore: EventStoreInfo;
  }
}

export interface EventStorePluginOptions {
  settings: StoreSettings;
  logger: Logger;
  /** How long the first ping may take before the start gives up. */
  pingTimeoutMs?: number;
}

async function eventStorePlugin(
  app: FastifyInstance,
  { settings, logger, pingTimeoutMs = 10_000 }: EventStorePluginOptions,
): Promise<void> {
  const opened = await openStore(settings, logger);
  // Before the ping: a store that does not answer is closed again like any other.
  app.addHook('onClose', async () => {
    try {
      await opened.close();
    } catch (err) {
      logger.error({ err, part: 'event store' }, 'error while closing');
    }
  });
  await opened.store.ping(pingTimeoutMs);
  logger.info(
    { store: opened.embedded ? 'embedded' : 'external', connection: opened.connectionString },
    'event store reachable',
  );
  app.decorate('eventStore', {
    store: opened.store,
    connectionString: opened.connectionString,
    embedded: opened.embedded,
    ...(opened.metrics === undefined ? {} : { metrics: opened.metrics }),
    ...(opened.backupTo === undefined ? {} : { backupTo: opened.backupTo }),
  });
}

export default fp(eventStorePlugin, { name: 'ledger-event-store', fastify: '5.x' });
