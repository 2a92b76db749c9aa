// A client on a store already running, and the adapter over it: what the composition root (src/boot)
// and an audit replay's worker thread use to reach the store at a connection string.
import { EventStoreDBClient } from '@eventstore/db-client';
import { createLedgerStore, type LedgerStore } from './adapter.js';

export interface StoreConnection {
  store: LedgerStore;
  close(): Promise<void>;
}

/** A connection of its own to the store at `connectionString` (esdb://...). */
export function connectStore(connectionString: string): StoreConnection {
  const client = EventStoreDBClient.connectionString(connectionString);
  return { store: createLedgerStore(client), close: () => client.dispose() };
}
