import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { EventStoreDBClient } from '@eventstore/db-client';
import { pino } from 'pino';
import { asOfFor } from '../../projections/index.js';
import { createLedgerStore } from '../../src/store/adapter.js';
import { createReadSide } from '../../src/read/read-side.js';
import { openTestStore } from '../helpers/esdb.js';
import { draftEvent } from './events.js';

const logger = pino({ level: 'silent' });

t.test(
  'after a restart from its index file the read side warms every issue in the background, and answers as before',
  async (t) => {
    const test = await openTestStore();
    const store = createLedgerStore(test.client);
    const dir = mkdtempSync(join(tmpdir(), 'ledger-warm-up-'));
    t.teardown(async () => {
      await test.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const issues = Array.from({ length: 3 }, () => `warm-${randomUUID()}`);
    for (const issueId of issues) {
      await store.append(`position-${issueId}`, [draftEvent(issueId, 1), draftEvent(issueId, 2)], {
        expectedRevision: 'no_stream',
      });
    }
    const now = asOfFor('valid', new Date().toISOString());

    const first = createReadSide({ store, logger, dataDir: dir });
    await first.start();
    await first.projector.ready();
    const before = issues.map((id) => first.models.position(id, now));
    await first.stop();

    const restarted = createReadSide({ store, logger, dataDir: dir });
    await restarted.start();
    t.teardown(() => restarted.stop());
    await restarted.warmed();
    const warm = restarted.warmUp();
    t.ok(warm?.finished, 'the warm-up finishes');
    t.ok(warm !== null && warm.of >= issues.length && warm.done === warm.of, 'having folded every issue in the index');
    t.same(
      issues.map((id) => restarted.models.position(id, now)),
      before,
      'each position is the one before the restart',
    );
    t.equal(restarted.models.position(issues[0] ?? '', now)?.pendingDraft?.version, 2, 'the latest draft pending');
  },
);

t.test(
  'a read side kept in memory has nothing to warm, and one that cannot reach its store stops without waiting for a warm-up',
  async (t) => {
    const test = await openTestStore();
    const store = createLedgerStore(test.client);
    t.teardown(() => test.close());
    const memory = createReadSide({ store, logger });
    await memory.start();
    await memory.warmed();
    t.equal(memory.warmUp(), null, 'no warm-up without an index file');
    await memory.stop();

    // No store at that address: the projector never catches up, and stop() still returns.
    const dir = mkdtempSync(join(tmpdir(), 'ledger-warm-up-'));
    const nowhere = EventStoreDBClient.connectionString('esdb://127.0.0.1:1?tls=false');
    t.teardown(async () => {
      await nowhere.dispose();
      rmSync(dir, { recursive: true, force: true });
    });
    const silent = createReadSide({ store: createLedgerStore(nowhere), logger, dataDir: dir });
    await silent.start();
    await silent.stop();
    t.equal(silent.warmUp(), null, 'it never started warming');
  },
);
