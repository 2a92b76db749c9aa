// The store sweep in a worker thread of its own (ADR 0076): it reads the store through its own connection and the
// Merkle log through its own reader, and gives the verdict the sweep on the server's thread gives.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jsonEvent } from '@eventstore/db-client';
import { pino } from 'pino';
import t, { type Test } from 'tap';
import { generateSigningKey, parseVerifierKey, type SigningKey } from '../../src/integrity/index.js';
import { createIntegrityMonitor, type IntegrityMonitor } from '../../src/read/integrity.js';
import { followLedgerLog } from '../../src/read/integrity-log.js';
import { createProjector, type Projector } from '../../src/read/projector.js';
import { createMemoryIndex } from '../../src/read/read-index.js';
import { sweepStore, type StoreVerification } from '../../src/read/store-sweep.js';
import { createLedgerStore, type LedgerStore } from '../../src/store/adapter.js';
import { openTestStore, type TestStore } from '../helpers/esdb.js';
import { until } from '../helpers/until.js';

const silent = pino({ level: 'silent' });
const ORIGIN = 'test-ledger';

interface Rig {
  monitor: IntegrityMonitor;
  projector: Projector;
  logFile: string;
}

/**
 * A monitor whose sweep runs in its worker (it has the store's address and a log file), beside a projector; the
 * store it is given for the sweep refuses to be read, so a verdict can only come from the worker's own connection.
 */
async function rig(t: Test): Promise<{ testStore: TestStore; store: LedgerStore; key: SigningKey; rig: Rig }> {
  const testStore = await openTestStore();
  t.teardown(() => testStore.close());
  const dir = await mkdtemp(path.join(tmpdir(), 'ledger-sweep-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const store = createLedgerStore(testStore.client);
  const { key } = generateSigningKey(ORIGIN);
  const logFile = path.join(dir, 'merkle.sqlite');
  const unreadable: LedgerStore = {
    ...store,
    readAll: () => {
      throw new Error('the sweep read the server thread’s store');
    },
  };
  const monitor = createIntegrityMonitor({
    logFile,
    store: unreadable,
    key,
    origin: ORIGIN,
    policy: { everyLeaves: 1000, everyMs: 3_600_000 },
    logger: silent,
    sweepOnStart: false,
    storeConnection: testStore.connectionString,
    sweepInWorkerFrom: 0,
  });
  const projector = createProjector({ store, index: createMemoryIndex(), logger: silent, observer: monitor.observer });
  t.teardown(async () => {
    await projector.stop();
    await monitor.stop();
  });
  return { testStore, store, key, rig: { monitor, projector, logFile } };
}

/** The same sweep on this thread, over the adapter and a reader of the same log file. */
async function sweepHere(store: LedgerStore, logFile: string, key: SigningKey): Promise<StoreVerification> {
  const log = followLedgerLog(logFile);
  try {
    return await sweepStore({
      store,
      log,
      verifiers: [parseVerifierKey(key.verifierKey)],
      origin: ORIGIN,
      stopped: () => false,
    });
  } finally {
    log.close();
  }
}

const note = (n: number) => ({ id: randomUUID(), type: 'NoteTaken', data: { n }, metadata: { schema: 1 } });

t.test(
  'the sweep in its own thread finds an intact store intact, as the sweep on the server thread does',
  async (t) => {
    const { store, key, rig: r } = await rig(t);
    const stream = `position-${randomUUID()}`;
    const other = `issue-${randomUUID()}`;
    await store.append(stream, [note(0), note(1), note(2)], { expectedRevision: 'no_stream' });
    await store.append(other, [note(0)], { expectedRevision: 'no_stream' });
    await r.projector.start();
    await r.projector.ready();
    await until(() => r.monitor.log.tree.size() >= 4, 'four leaves');

    const inWorker = await r.monitor.verifyStore();
    t.equal(inWorker.ok, true, 'the verdict is intact');
    t.ok(inWorker.events >= 4 && inWorker.leaves >= 4, 'it read every event');
    t.equal(inWorker.rootMatches, true, "the store's events give the log's root");
    t.same(inWorker, await sweepHere(store, r.logFile, key), 'the same verdict as the sweep on this thread');
  },
);

t.test('the sweep in its own thread names a broken link, as the sweep on the server thread does', async (t) => {
  const { testStore, store, key, rig: r } = await rig(t);
  const stream = `position-${randomUUID()}`;
  await store.append(stream, [note(0), note(1)], { expectedRevision: 'no_stream' });
  await r.projector.start();
  await r.projector.ready();
  // An event appended around the adapter, with a link that does not hold.
  await testStore.client.appendToStream(stream, [
    jsonEvent({ type: 'NoteTaken', data: { n: 2 }, metadata: { schema: 1, prev: 'not-the-last-hash', hash: 'x' } }),
  ]);
  await until(() => !r.monitor.status().ok, 'the projector finds the break');

  const inWorker = await r.monitor.verifyStore();
  t.equal(inWorker.ok, false, 'the verdict is broken');
  t.match(inWorker.breaks, [{ stream, revision: '2', foundBy: 'store sweep', reason: /prev is not-the-last-hash/ }]);
  t.same(inWorker, await sweepHere(store, r.logFile, key), 'the same verdict as the sweep on this thread');
});
