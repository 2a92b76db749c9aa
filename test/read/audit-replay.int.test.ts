import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
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

t.test('an audit replay asked for while one runs is refused with where the running one is; the next one after it runs', async (t) => {
  const test = await openTestStore();
  const store = createLedgerStore(test.client);
  const dir = mkdtempSync(join(tmpdir(), 'ledger-replays-'));
  const issueId = `replays-${randomUUID()}`;
  await store.append(`position-${issueId}`, [draftEvent(issueId, 1), draftEvent(issueId, 2)], { expectedRevision: 'no_stream' });
  const read = createReadSide({ store, logger: pino({ level: 'silent' }), dataDir: dir });
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
  t.match(running, { phase: 'rebuilding', eventsReplayed: 0, subjectsCompared: 0, subjectsToCompare: null }, 'the first is running from the moment it is asked for');
  t.ok((running?.eventsToReplay ?? 0) >= 2, 'and says how many events it has to replay');
  const second = read.replays.run(now, 'top-secret');
  await t.rejects(second, ReplayInProgress, 'a second one meanwhile is refused');
  const refused = await second.catch((error: unknown) => error);
  t.same(refused instanceof ReplayInProgress ? refused.progress.startedAt : null, running?.startedAt, 'naming the running one');
  const report = await first;
  t.equal(report.equal, true, JSON.stringify(report.differences));
  t.equal(read.replays.running(), null, 'nothing runs once it is done');
  t.equal((await read.replays.run(now, 'top-secret')).equal, true, 'and the next one runs');
});
