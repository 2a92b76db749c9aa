// Every write reads streams that do not exist yet (its key claim, a new stream): a read that ends as
// "stream not found" must leave the connection as it was, however many of them run.
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { createLedgerStore } from '../../src/store/adapter.js';
import { openTestStore } from '../helpers/esdb.js';

const testStore = await openTestStore();
t.teardown(() => testStore.close());
const store = createLedgerStore(testStore.client);

t.test(
  'thousands of reads of missing streams, 32 at a time, all answer no_stream and the connection keeps working',
  async (t) => {
    const readers = 32;
    const perReader = 250;
    const answers = await Promise.all(
      Array.from({ length: readers }, async () => {
        let missing = 0;
        for (let i = 0; i < perReader; i++) {
          if ((await store.readStream(`process-${randomUUID()}`)).revision === 'no_stream') missing += 1;
        }
        return missing;
      }),
    );
    t.equal(
      answers.reduce((a, b) => a + b, 0),
      readers * perReader,
    );
    const name = `process-${randomUUID()}`;
    await store.append(name, [{ id: randomUUID(), type: 'Probe', data: {}, metadata: {} }], {
      expectedRevision: 'no_stream',
      chainHead: null,
    });
    t.equal((await store.readStream(name)).revision, 0n, 'a write and a read after them still work');
  },
);
