// A keyed write is never answered as a replay from events no sync has covered (ADR 0073). Its events' batch
// committed and its sync failed (503 store_unavailable): SQLite shows those rows at once, so before the store bounded
// its reads by the last durable position, the retry under the same Idempotency-Key read them back and was answered
// 201 `replayed` with nothing synced; on a disk that failed they may not survive the repair. The store runs in this
// process with its sync made to fail through its test hook (`wrapSync`); the ledger reaches it through the official
// client, as in production.
import { createSecretKey, randomBytes } from 'node:crypto';
import { EventStoreDBClient } from '@eventstore/db-client';
import { pino } from 'pino';
import t from 'tap';
import { createLedger } from '../../src/application/ledger.js';
import { KEY_CLAIM_CATEGORY } from '../../src/application/key-claims.js';
import { startServer } from '../../src/embedded/server.js';
import { createLedgerStore, type LedgerStore } from '../../src/store/adapter.js';
import { ctx, negotiator, newProcessId, registerProcess } from './ledger-fixtures.js';

let failing = false;
const sync = (): Promise<void> =>
  failing ? Promise.reject(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' })) : Promise.resolve();
const server = await startServer({ memory: true, port: 0, logger: pino({ level: 'silent' }), wrapSync: () => sync });
const client = EventStoreDBClient.connectionString(`esdb://127.0.0.1:${server.port}?tls=false`);
t.teardown(async () => {
  await client.dispose();
  await server.close();
});
const store = createLedgerStore(client);

/** A ledger whose events' appends (not its key claims) meet a failing disk while `failEvents` is set. */
function ledgerWith(failEvents: () => boolean) {
  const wrapped: LedgerStore = {
    ...store,
    append: (streamName, events, options) => {
      if (!streamName.startsWith(`${KEY_CLAIM_CATEGORY}-`) && failEvents()) failing = true;
      return store.append(streamName, events, options);
    },
  };
  return createLedger({
    store: wrapped,
    logger: pino({ level: 'silent' }),
    clock: () => new Date('2026-01-15T03:00:00.000Z'),
    requestHashKey: createSecretKey(randomBytes(32)),
    contention: { retries: 0 },
  });
}

t.test(
  'a keyed write whose events were not made durable is not answered as a replay when retried under its key',
  async (t) => {
    const processId = newProcessId();
    let first = true;
    const ledger = ledgerWith(() => first);
    const context = ctx(negotiator());
    await t.rejects(
      ledger.execute(registerProcess(processId), context),
      { code: 'store_unavailable' },
      'the first attempt: its claim synced, its events did not',
    );
    first = false;
    await t.rejects(
      ledger.execute(registerProcess(processId), context),
      { code: 'store_unavailable' },
      'the retry while the disk still fails: not 201 replayed from the unsynced events',
    );
    t.equal((await store.readStream(`process-${processId}`)).events.length, 0, 'no reader is shown them');
    failing = false;
    const retried = await ledger.execute(registerProcess(processId), context);
    t.equal(retried.eventIds.length, 1, 'once a sync succeeds: answered with the events stored by the first attempt');
    t.equal(retried.replayed, false, 'its own append was answered after the sync that made them durable');
    const read = await store.readStream(`process-${processId}`);
    t.same(
      read.events.map((e) => e.id),
      retried.eventIds,
      'one copy of the events, readable now',
    );
    t.same(await ledger.execute(registerProcess(processId), context), { ...retried, replayed: true }, 'then a replay');
  },
);
