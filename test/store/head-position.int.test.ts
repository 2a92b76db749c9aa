// headPosition(): the last position in $all, read through the client (/readyz compares the
// projector with it).
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { createLedgerStore } from '../../src/store/adapter.js';
import { openTestStore, usesExternalStore } from '../helpers/esdb.js';
import { draftEvent } from '../read/events.js';

t.test(
  "a fresh store's head is its last entry in $all, system entries included",
  { skip: usesExternalStore() ? 'a shared external store moves under the test' : false },
  async (t) => {
    const test = await openTestStore();
    t.teardown(() => test.close());
    let last: { commit: bigint; prepare: bigint } | null = null;
    for await (const r of test.client.readAll({ maxCount: 10_000 }))
      if (r.event?.position !== undefined)
        last = { commit: r.event.position.commit, prepare: r.event.position.prepare };
    t.same(await createLedgerStore(test.client).headPosition(), last);
  },
);

t.test('the head is the position of the last append, and moves past a later write to any stream', async (t) => {
  const test = await openTestStore();
  t.teardown(() => test.close());
  const store = createLedgerStore(test.client);
  const issueId = `head-${randomUUID()}`;
  const appended = await store.append(`position-${issueId}`, [draftEvent(issueId, 1)], {
    expectedRevision: 'no_stream',
  });
  const head = await store.headPosition();
  t.ok(head !== null && head.commit >= appended.position.commit);
  if (!usesExternalStore()) t.same(head, appended.position, 'nothing else was written');
  await store.setStreamMetadata(`position-${issueId}`, { note: 'a metadata event lands in $all too' });
  const later = await store.headPosition();
  t.ok(later !== null && head !== null && later.commit > head.commit, 'the metadata write is the new head');
});
