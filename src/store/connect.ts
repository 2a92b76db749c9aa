// Opens the event store the app talks to: the EventStoreDB/KurrentDB named by ESDB_URL, or else the
// embedded store on DATA_DIR. Either way the app gets the same client and the same adapter.
import { EventStoreDBClient } from '@eventstore/db-client';
import type { Logger } from 'pino';
import { startEmbeddedStore, type EmbeddedStore } from '../embedded/index.js';
import { createLedgerStore, type LedgerStore } from './adapter.js';

export interface StoreSettings {
  /** External store; undefined runs the embedded one. */
  esdbUrl: string | undefined;
  dataDir: string;
  embeddedStorePort: number;
}

export interface OpenedStore {
  store: LedgerStore;
  /** Where the client connects (the embedded store's own address when embedded). */
  connectionString: string;
  embedded: boolean;
  close(): Promise<void>;
}

export async function openStore(settings: StoreSettings, logger: Logger): Promise<OpenedStore> {
  let embedded: EmbeddedStore | undefined;
  let connectionString: string;
  if (settings.esdbUrl === undefined) {
    embedded = await startEmbeddedStore({
      dataDir: settings.dataDir,
      port: settings.embeddedStorePort,
      host: '127.0.0.1',
      logger: logger.child({ component: 'embedded-store' }),
    });
    connectionString = embedded.connectionString;
  } else {
    connectionString = settings.esdbUrl;
  }
  const client = EventStoreDBClient.connectionString(connectionString);
  let closing: Promise<void> | undefined;
  return {
    store: createLedgerStore(client),
    connectionString,
    embedded: embedded !== undefined,
    close() {
      closing ??= (async () => {
        try {
          await client.dispose();
        } finally {
          await embedded?.close();
        }
      })();
      return closing;
    },
  };
}

/** A connection of its own to a store already running (an audit replay's worker thread). */
export function connectStore(connectionString: string): { store: LedgerStore; close(): Promise<void> } {
  const client = EventStoreDBClient.connectionString(connectionString);
  return { store: createLedgerStore(client), close: () => client.dispose() };
}
