// Opens the store the integration tests talk to: the EventStoreDB named by ESDB_URL when it is set,
// otherwise a fresh in-memory embedded store on a free port. Tests must use unique stream names
// (uuid suffix) so the same suite also passes against one shared real EventStoreDB.
import { EventStoreDBClient } from '@eventstore/db-client';
import { startEmbeddedStore } from '../../src/embedded/index.js';

export interface TestStore {
  client: EventStoreDBClient;
  connectionString: string;
  close(): Promise<void>;
}

export async function openTestStore(): Promise<TestStore> {
  const external = process.env['ESDB_URL'];
  if (external !== undefined && external !== '') {
    const client = EventStoreDBClient.connectionString(external);
    return {
      client,
      connectionString: external,
      close: async () => {
        await client.dispose();
      },
    };
  }
  const store = await startEmbeddedStore({ memory: true, port: 0 });
  const client = EventStoreDBClient.connectionString(store.connectionString);
  return {
    client,
    connectionString: store.connectionString,
    close: async () => {
      try {
        await client.dispose();
      } finally {
        await store.close();
      }
    },
  };
}

/** True when the suite runs against an external EventStoreDB (ESDB_URL) rather than the embedded store. */
export function usesExternalStore(): boolean {
  const external = process.env['ESDB_URL'];
  return external !== undefined && external !== '';
}
