// The projector's onProgress hook (what GET /v1/live follows): told of each new position once, after
// the index holds the events up to it, and no more once stopped.
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { createLedgerStore } from '../../src/store/adapter.js';
import { createMemoryIndex } from '../../src/read/read-index.js';
import { createProjector } from '../../src/read/projector.js';
import { openTestStore } from '../helpers/esdb.js';
import { draftEvent } from './events.js';

t.test('tells each new position once, when the index already holds it', async (t) => {
  const test = await openTestStore();
  const store = createLedgerStore(test.client);
  const index = createMemoryIndex();
  const projector = createProjector({ store, index, logger: pino({ level: 'silent' }) });
  const seen: { commit: bigint; held: number }[] = [];
  const stop = projector.onProgress((p) => seen.push({ commit: p.commit, held: index.size }));
  await projector.start();
  t.teardown(async () => {
    await projector.stop();
    await test.close();
  });
  await projector.ready();
  const issueId = `progress-${randomUUID()}`;
  const before = index.size;
  const first = await store.append(`position-${issueId}`, [draftEvent(issueId, 1)], { expectedRevision: 'no_stream' });
  t.ok(await projector.waitFor(first.position.commit, 5000));
  const second = await store.append(`position-${issueId}`, [draftEvent(issueId, 2)], { expectedRevision: 0n });
  t.ok(await projector.waitFor(second.position.commit, 5000));
  const live = seen.filter((s) => s.commit >= first.position.commit);
  t.same(
    live.map((s) => s.commit),
    [first.position.commit, second.position.commit],
    'each position once, in order',
  );
  t.same(
    live.map((s) => s.held),
    [before + 1, before + 2],
    'told after the index holds the event',
  );
  stop();
  const third = await store.append(`position-${issueId}`, [draftEvent(issueId, 3)], { expectedRevision: 1n });
  t.ok(await projector.waitFor(third.position.commit, 5000));
  t.notOk(
    seen.some((s) => s.commit === third.position.commit),
    'a stopped listener hears nothing more',
  );
});
