import { createServer } from 'node:net';
import { randomUUID } from 'node:crypto';
import { EventStoreDBClient } from '@eventstore/db-client';
import t from 'tap';
import { createLedgerStore } from '../../src/store/adapter.js';

/** A port nothing listens on: bind one, then close it. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const client = EventStoreDBClient.connectionString(
  `esdb://127.0.0.1:${await deadPort()}?tls=false&defaultDeadline=2000`,
);
t.teardown(() => client.dispose());
const store = createLedgerStore(client);

t.test('an unreachable store answers StoreUnavailableError, not a client error', async (t) => {
  await t.rejects(store.ping(2000), { name: 'StoreUnavailableError', code: 'store_unavailable' });
  await t.rejects(
    store.append(`issue-${randomUUID()}`, [{ id: randomUUID(), type: 'A', data: {}, metadata: {} }], {
      expectedRevision: 'no_stream',
    }),
    { name: 'StoreUnavailableError' },
  );
  await t.rejects(store.readStream(`issue-${randomUUID()}`), { name: 'StoreUnavailableError' });
});
