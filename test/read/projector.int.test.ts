import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { EventStoreDBClient } from '@eventstore/db-client';
import { pino } from 'pino';
import { startEmbeddedStore } from '../../src/embedded/index.js';
import { createLedgerStore, type LedgerStore } from '../../src/store/adapter.js';
import { createFileIndex, createMemoryIndex } from '../../src/read/read-index.js';
import { createProjector } from '../../src/read/projector.js';
import { openIndexFile } from '../../src/read/index-file.js';
import { issueKey } from '../../projections/routing.js';
import { openTestStore, usesExternalStore } from '../helpers/esdb.js';
import { draftEvent } from './events.js';

const logger = pino({ level: 'silent' });

async function appendDrafts(store: LedgerStore, issueId: string, from: number, count: number) {
  let last: { commit: bigint } | null = null;
  for (let v = from; v < from + count; v++) {
    const outcome = await store.append(`position-${issueId}`, [draftEvent(issueId, v)], {
      expectedRevision: v === 1 ? 'no_stream' : BigInt(v - 2),
    });
    last = outcome.position;
  }
  if (last === null) throw new Error('nothing appended');
  return last;
}

function versions(index: ReturnType<typeof createMemoryIndex>, issueId: string): number[] {
  return index
    .envelopesOf(issueKey(issueId))
    .map((e) => (e.event.type === 'PositionDrafted' ? e.event.data.version : -1));
}

t.test('catches up, follows live appends and answers waitFor with read-your-writes', async (t) => {
  const test = await openTestStore();
  const store = createLedgerStore(test.client);
  const issueId = `it-${randomUUID()}`;
  await appendDrafts(store, issueId, 1, 5);
  const index = createMemoryIndex();
  const projector = createProjector({ store, index, logger });
  await projector.start();
  t.teardown(async () => {
    await projector.stop();
    await test.close();
  });
  await projector.ready();
  t.same(versions(index, issueId), [1, 2, 3, 4, 5]);
  const last = await appendDrafts(store, issueId, 6, 3);
  t.equal(await projector.waitFor(last.commit, 5000), true);
  t.same(versions(index, issueId), [1, 2, 3, 4, 5, 6, 7, 8]);
  t.equal(await projector.waitFor(last.commit + 1_000_000n, 50), false, 'a position never reached times out');
  t.equal(projector.status().caughtUp, true);
});

t.test(
  'survives the store going away and coming back: nothing missed, nothing doubled, and resumes from its snapshot',
  { skip: usesExternalStore() ? 'needs the embedded store to stop and restart it' : false },
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-projector-'));
    const dataDir = join(dir, 'store');
    let embedded = await startEmbeddedStore({ dataDir, port: 0 });
    const port = embedded.port;
    // The projector's client lives across the restart; writers use a client per store lifetime.
    const readClient = EventStoreDBClient.connectionString(embedded.connectionString);
    let writeClient = EventStoreDBClient.connectionString(embedded.connectionString);
    t.teardown(async () => {
      await readClient.dispose();
      await writeClient.dispose();
      await embedded.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const issueId = `it-${randomUUID()}`;
    await appendDrafts(createLedgerStore(writeClient), issueId, 1, 10);

    const readStore = createLedgerStore(readClient);
    const indexPath = join(dir, 'read.sqlite');
    const file = openIndexFile(indexPath, 'test');
    // A tiny cache, so reads go back to the file most of the time.
    const index = createFileIndex(file, { cachedEnvelopes: 4 });
    const projector = createProjector({
      store: readStore,
      index,
      logger,
      backoff: { initialMs: 50, maxMs: 200 },
      flushEvery: { events: 3, ms: 20 },
    });
    await projector.start();
    await projector.ready();
    t.same(versions(index, issueId), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    t.equal(projector.status().restarts, 0, 'no restart while the store is there');

    await writeClient.dispose();
    await embedded.close();
    await new Promise((r) => setTimeout(r, 300));
    t.equal(projector.status().connected, false, 'the projector noticed the store went away');
    t.ok(
      projector.status().restarts >= 1,
      'and counts the subscription it lost (ledger_projector_subscription_restarts_total)',
    );
    embedded = await startEmbeddedStore({ dataDir, port });
    writeClient = EventStoreDBClient.connectionString(embedded.connectionString);
    const writer = createLedgerStore(writeClient);
    const last = await appendDrafts(writer, issueId, 11, 10);
    t.equal(await projector.waitFor(last.commit, 15000), true, 'the projector came back on its own');
    t.same(
      versions(index, issueId),
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    await projector.stop();
    file.close();

    const probe = openIndexFile(indexPath, 'test');
    const opened = probe.open();
    t.equal(opened?.size, 20, 'the index file holds every event exactly once');
    t.same(
      probe.envelopesOf(issueKey(issueId)).map((e) => (e.event.type === 'PositionDrafted' ? e.event.data.version : -1)),
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    probe.close();

    // A second projector starts from the file: it answers for all 20 before reading anything new.
    const file2 = openIndexFile(indexPath, 'test');
    const again = createFileIndex(file2, { cachedEnvelopes: 4 });
    const resumed = createProjector({ store: readStore, index: again, logger });
    await resumed.start();
    t.equal(again.size, 20, 'restored from the index file');
    t.same(
      versions(again, issueId),
      Array.from({ length: 20 }, (_, i) => i + 1),
      'read back from the file before the projector caught up',
    );
    const more = await appendDrafts(writer, issueId, 21, 2);
    t.equal(await resumed.waitFor(more.commit, 5000), true);
    t.same(
      versions(again, issueId),
      Array.from({ length: 22 }, (_, i) => i + 1),
      'new events are read before they are flushed and after',
    );
    await resumed.stop();
    file2.close();
  },
);
