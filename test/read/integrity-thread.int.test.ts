// Handing batches to the checks' worker (ADR 0044, ADR 0047): while it is busy, the batches the projector
// hands over meanwhile go to it together, and each is still answered only once its events are leaves.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import t from 'tap';
import { isLeafEvent } from '../../src/integrity/index.js';
import { startChecker } from '../../src/read/integrity-thread.js';
import { createLedgerStore, type StoredEvent } from '../../src/store/adapter.js';
import { openTestStore } from '../helpers/esdb.js';

t.test(
  'batches handed over while the checks are busy reach the worker together, each answered as a leaf',
  async (t) => {
    const testStore = await openTestStore();
    t.teardown(() => testStore.close());
    const dir = await mkdtemp(path.join(tmpdir(), 'ledger-thread-'));
    t.teardown(() => rm(dir, { recursive: true, force: true }));
    const store = createLedgerStore(testStore.client);
    for (let s = 0; s < 10; s += 1) {
      const events = Array.from({ length: 10 }, (_, n) => ({
        id: randomUUID(),
        type: 'NoteTaken',
        data: { n },
        metadata: { schema: 1 },
      }));
      await store.append(`position-${randomUUID()}`, events, { expectedRevision: 'no_stream' });
    }
    const all: StoredEvent[] = [];
    for await (const e of store.readAll({ from: 'start' })) all.push(e);
    const leaves = all.filter(isLeafEvent);

    let messages = 0;
    const checker = startChecker({
      path: path.join(dir, 'merkle.sqlite'),
      verifierKeys: [],
      origin: 'test-ledger',
      onError: (error) => t.fail(String(error)),
      spawn: (bootstrap, options) => {
        const worker = new Worker(bootstrap, options);
        const post = worker.postMessage.bind(worker);
        worker.postMessage = (message: { type?: string }) => {
          if (message.type === 'look') messages += 1;
          post(message);
        };
        return worker;
      },
    });
    t.teardown(() => checker.stop());
    await checker.started();
    // One event a batch, all handed over before any answer, as the projector does while it reads ahead.
    const sizes: number[] = [];
    await Promise.all(
      all.map(async (event) => {
        const { state } = await checker.look([event]);
        sizes.push(state.size);
        if (isLeafEvent(event) && checker.log.leafOf(event.id) === undefined)
          t.fail(`${event.id} answered before it is a leaf`);
      }),
    );
    t.equal(checker.log.tree.size(), leaves.length, 'every ledger event is a leaf');
    t.ok(messages < all.length / 4, `${all.length} batches went in ${messages} messages`);
    t.same(
      sizes,
      [...sizes].sort((a, b) => a - b),
      'answered in the order handed over',
    );
  },
);
