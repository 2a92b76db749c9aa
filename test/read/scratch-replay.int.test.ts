import t from 'tap';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { asOfFor } from '../../projections/index.js';
import { createLedgerStore } from '../../src/store/adapter.js';
import { createReadSide } from '../../src/read/read-side.js';
import { createReadModels } from '../../src/read/read-models.js';
import { compareReadModels, compareWithLive, replayAll } from '../../src/read/replay.js';
import { openTestStore } from '../helpers/esdb.js';
import { draftEvent } from './events.js';

const logger = pino({ level: 'silent' });
const scratchFiles = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('replay-scratch-'));

t.test(
  'a full replay beside a read side kept in files goes to a scratch file, equals the live read models as of the replayed position while the live side moves on, and leaves no file behind',
  async (t) => {
    const test = await openTestStore();
    const store = createLedgerStore(test.client);
    const dir = mkdtempSync(join(tmpdir(), 'ledger-scratch-'));
    const issueId = `scratch-${randomUUID()}`;
    await store.append(
      `position-${issueId}`,
      [draftEvent(issueId, 1), draftEvent(issueId, 2), draftEvent(issueId, 3)],
      { expectedRevision: 'no_stream' },
    );
    const read = createReadSide({ store, logger, dataDir: dir });
    t.teardown(async () => {
      await read.stop();
      await test.close();
      rmSync(dir, { recursive: true, force: true });
    });
    await read.start();
    await read.projector.ready();

    const scratch = read.scratchIndex();
    t.equal(scratch.index.persistent, true, 'kept in a file');
    t.ok(
      scratchFiles(dir).some((n) => n.endsWith('.sqlite')),
      'in the data dir',
    );
    const upTo = BigInt(read.projector.status().position?.commit ?? '0');
    // Flushed every 2 events: most envelopes are read back from the file.
    const result = await replayAll(read.store, { upTo, index: scratch.index, flushEvery: 2 });
    t.equal(result.events, read.index.countThrough({ commit: upTo, prepare: upTo }), 'every live event replayed');
    const now = asOfFor('valid', new Date().toISOString());
    t.same(
      await compareReadModels(read, { index: scratch.index, models: createReadModels(scratch.index) }, now),
      [],
      'equal to the live read models',
    );
    t.equal(
      createReadModels(scratch.index).position(issueId, now)?.pendingDraft?.version,
      3,
      'the latest draft, read back from the file',
    );

    // The live side moves on while an audit compares: a draft appended after the replayed position,
    // and an issue first seen after it.
    const later = `scratch-${randomUUID()}`;
    await store.append(`position-${issueId}`, [draftEvent(issueId, 4)], { expectedRevision: 2n });
    const moved = await store.append(`position-${later}`, [draftEvent(later, 1)], { expectedRevision: 'no_stream' });
    t.equal(await read.projector.waitFor(moved.position.commit, 5000), true, 'the live side has the later events');
    const rebuilt = { index: scratch.index, models: createReadModels(scratch.index, { cachedFolds: 0 }) };
    const after = asOfFor('valid', new Date().toISOString());
    const unbounded = await compareReadModels(
      { index: read.index, models: createReadModels(read.index, { cachedFolds: 0 }) },
      rebuilt,
      after,
    );
    t.ok(
      unbounded.some((d) => d.path.startsWith(`/positions/${issueId}`)),
      'against the live index itself the later draft shows as a difference',
    );
    t.ok(
      unbounded.some((d) => d.path.startsWith(`/positions/${later}`)),
      'and so does the issue first seen after the replayed position',
    );
    t.same(
      await compareWithLive(read.index, scratch.index, upTo, after),
      [],
      'against the live index as of the replayed position (what the audit replay compares), none',
    );
    await scratch.dispose();
    t.same(scratchFiles(dir), [], 'the scratch file is deleted');
  },
);

t.test('a scratch file left by a process stopped in the middle of a replay is deleted at the next start', async (t) => {
  const test = await openTestStore();
  const dir = mkdtempSync(join(tmpdir(), 'ledger-scratch-'));
  writeFileSync(join(dir, 'replay-scratch-left-over.sqlite'), 'x');
  writeFileSync(join(dir, 'replay-scratch-left-over.sqlite-wal'), 'x');
  const read = createReadSide({ store: createLedgerStore(test.client), logger, dataDir: dir });
  t.teardown(async () => {
    await read.stop();
    await test.close();
    rmSync(dir, { recursive: true, force: true });
  });
  t.same(scratchFiles(dir), [], 'the left-over files are gone');
  t.ok(readdirSync(dir).includes('read-models.sqlite'), 'the live index file is kept');
});
