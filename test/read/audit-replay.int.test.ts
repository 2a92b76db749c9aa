import t, { type Test } from 'tap';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { asOfFor } from '../../projections/index.js';
import { createLedgerStore } from '../../src/store/adapter.js';
import { createReadSide } from '../../src/read/read-side.js';
import { ReplayInProgress } from '../../src/read/audit-replay.js';
import { openTestStore } from '../helpers/esdb.js';
import { draftEvent } from './events.js';

type Where = 'in a worker thread' | 'on the server thread';

async function refusesASecondWhileOneRuns(t: Test, where: Where): Promise<void> {
  const test = await openTestStore();
  const store = createLedgerStore(test.client);
  const dir = mkdtempSync(join(tmpdir(), 'ledger-replays-'));
  const issueId = `replays-${randomUUID()}`;
  await store.append(`position-${issueId}`, [draftEvent(issueId, 1), draftEvent(issueId, 2)], {
    expectedRevision: 'no_stream',
  });
  // With the store's address the read side hands a replay to a worker thread; without it, it runs here.
  const connection = where === 'in a worker thread' ? { storeConnection: test.connectionString } : {};
  const read = createReadSide({ store, logger: pino({ level: 'silent' }), dataDir: dir, ...connection });
  t.teardown(async () => {
    await read.stop();
    await test.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await read.start();
  await read.projector.ready();
  const now = asOfFor('valid', new Date().toISOString());

  t.equal(read.replays.running(), null, 'none runs yet');
  const first = read.replays.run(now, 'top-secret');
  const running = read.replays.running();
  t.match(
    running,
    { phase: 'rebuilding', eventsReplayed: 0, subjectsCompared: 0, subjectsToCompare: null },
    'the first is running from the moment it is asked for',
  );
  t.ok((running?.eventsToReplay ?? 0) >= 2, 'and says how many events it has to replay');
  const second = read.replays.run(now, 'top-secret');
  await t.rejects(second, ReplayInProgress, 'a second one meanwhile is refused');
  const refused = await second.catch((error: unknown) => error);
  t.same(
    refused instanceof ReplayInProgress ? refused.progress.startedAt : null,
    running?.startedAt,
    'naming the running one',
  );
  const report = await first;
  t.equal(report.equal, true, JSON.stringify(report.differences));
  t.equal(read.replays.running(), null, 'nothing runs once it is done');
  t.equal((await read.replays.run(now, 'top-secret')).equal, true, 'and the next one runs');
  t.same(
    readdirSync(dir).filter((name) => name.startsWith('replay-scratch-')),
    [],
    'leaving no scratch file',
  );
}

t.test(
  'an audit replay in a worker thread asked for while one runs is refused with where the running one is; the next one after it runs',
  (t) => refusesASecondWhileOneRuns(t, 'in a worker thread'),
);
t.test('an audit replay on the server thread (no store address to give a worker) is refused the same way', (t) =>
  refusesASecondWhileOneRuns(t, 'on the server thread'),
);

t.test('stopping the read side ends an audit replay running in a worker, and its scratch file goes', async (t) => {
  const test = await openTestStore();
  const store = createLedgerStore(test.client);
  const dir = mkdtempSync(join(tmpdir(), 'ledger-replays-'));
  const issueId = `replays-${randomUUID()}`;
  await store.append(`position-${issueId}`, [draftEvent(issueId, 1)], { expectedRevision: 'no_stream' });
  const read = createReadSide({
    store,
    logger: pino({ level: 'silent' }),
    dataDir: dir,
    storeConnection: test.connectionString,
  });
  t.teardown(async () => {
    await test.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await read.start();
  await read.projector.ready();
  const running = read.replays.run(asOfFor('valid', new Date().toISOString()), 'top-secret');
  const outcome = running.then(
    () => 'finished',
    () => 'ended',
  );
  await read.stop();
  t.match(await outcome, /^(ended|finished)$/, 'the replay has settled once the read side has stopped');
  t.equal(read.replays.running(), null);
  t.same(
    readdirSync(dir).filter((name) => name.startsWith('replay-scratch-')),
    [],
    'no scratch file is left',
  );
});
