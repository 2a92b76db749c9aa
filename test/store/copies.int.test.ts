import { randomUUID } from 'node:crypto';
import t from 'tap';
import { RECORDED_AT_KEY, createLedgerStore, type NewEvent } from '../../src/store/adapter.js';
import { ProtectedStreamError } from '../../src/store/errors.js';
import { openTestStore } from '../helpers/esdb.js';

const store = await openTestStore();
t.teardown(() => store.close());
const ledgerStore = createLedgerStore(store.client);

const event = (type: string): NewEvent => ({
  id: randomUUID(),
  type,
  data: { code: 'CH1' },
  metadata: { actor: { principalId: 'tester', agency: 'MFA', role: 'negotiator' }, correlationId: 'c1' },
});

t.test('a copied event keeps its id, data, metadata, chain links and source record time', async (t) => {
  const source = `issue-${randomUUID()}`;
  await ledgerStore.append(source, [event('IssueRegistered'), event('IssueRetitled')], {
    expectedRevision: 'no_stream',
  });
  const original = await ledgerStore.readStream(source);
  const copies = original.events.map((e) => ({
    id: e.id,
    type: e.type,
    data: { code: 'CH1' },
    metadata: e.metadata,
    recordedAt: new Date('2021-12-28T09:30:00.000Z'),
  }));

  const target = `issue-${randomUUID()}`;
  const outcome = await ledgerStore.appendCopies(target, copies, 'no_stream');
  t.equal(outcome.revision, 1n);
  // readStream checks every chain link: the copied hashes hold without being recomputed.
  const copied = await ledgerStore.readStream(target);
  t.same(
    copied.events.map((e) => e.id),
    original.events.map((e) => e.id),
  );
  t.same(
    copied.events.map((e) => e.metadata),
    original.events.map((e) => e.metadata),
    "the metadata is the event's own, the record-time key left out",
  );
  t.same(
    copied.events.map((e) => e.recordedAt.toISOString()),
    ['2021-12-28T09:30:00.000Z', '2021-12-28T09:30:00.000Z'],
  );
  t.equal(copied.head, original.head);
  const fromAll = [];
  for await (const e of ledgerStore.readAll({ prefixes: [target] })) fromAll.push(e);
  t.same(
    fromAll.map((e) => e.recordedAt.toISOString()),
    ['2021-12-28T09:30:00.000Z', '2021-12-28T09:30:00.000Z'],
    '$all reads give the source record time too',
  );
});

t.test('a copy appended at a stale expected revision is refused and appends nothing', async (t) => {
  const name = `issue-${randomUUID()}`;
  const first = { ...event('IssueRegistered'), recordedAt: new Date() };
  await ledgerStore.appendCopies(name, [first], 'no_stream');
  await t.rejects(
    ledgerStore.appendCopies(name, [{ ...event('IssueRetitled'), recordedAt: new Date() }], 'no_stream'),
    { code: 'stream_conflict' },
  );
  const kept = [];
  for await (const e of ledgerStore.readAll({ prefixes: [name] })) kept.push(e.id);
  t.same(kept, [first.id]);
});

t.test('a ledger write cannot set its own record time', async (t) => {
  const name = `issue-${randomUUID()}`;
  const forged = event('IssueRegistered');
  forged.metadata[RECORDED_AT_KEY] = '2020-01-01T00:00:00.000Z';
  await t.rejects(ledgerStore.append(name, [forged], { expectedRevision: 'no_stream' }), ProtectedStreamError);
  t.same(await ledgerStore.readStream(name), { events: [], revision: 'no_stream', head: null });
});
