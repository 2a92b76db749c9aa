// The write side's kept stream reads (src/store/stream-reads-kept.ts, ADR 0041, ADR 0046): a read through
// them is the stream as a whole read gives it, whatever was appended meanwhile and by whom; a read that
// takes own writes answers what this process appended without asking, and a ledger writing through them
// decides on what another process appended all the same.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { pino } from 'pino';
import t from 'tap';
import { LedgerCommand, type Principal } from '../../contracts/index.js';
import { createLedger } from '../../src/application/ledger.js';
import { createLedgerStore, type LedgerStore, type NewEvent, type StreamRead } from '../../src/store/adapter.js';
import { ConcurrencyError, IntegrityError } from '../../src/store/errors.js';
import { keepStreamReads } from '../../src/store/stream-reads-kept.js';
import { openTestStore } from '../helpers/esdb.js';

const testStore = await openTestStore();
t.teardown(() => testStore.close());
const store = createLedgerStore(testStore.client);

const event = (n: number): NewEvent => ({
  id: randomUUID(),
  type: 'MilestoneRecorded',
  data: { n },
  metadata: { correlationId: `c${n}` },
});
const appendTo = async (s: LedgerStore, name: string, n: number): Promise<void> => {
  const read = await s.readStream(name);
  await s.append(name, [event(n)], { expectedRevision: read.revision, chainHead: read.head });
};

/** Kept reads over the store, and a new stream to which they appended two events themselves. */
async function keptWithTwoOwnEvents(): Promise<{ kept: LedgerStore; name: string }> {
  const kept = keepStreamReads(store);
  const name = `process-${randomUUID()}`;
  await appendTo(kept, name, 0);
  await appendTo(kept, name, 1);
  return { kept, name };
}

t.test(
  'a stream read through the kept reads is the stream a whole read gives, after appends from elsewhere',
  async (t) => {
    const kept = keepStreamReads(store);
    const name = `process-${randomUUID()}`;
    t.same(await kept.readStream(name), await store.readStream(name), 'a stream not written yet');
    for (let n = 0; n < 6; n += 1) {
      // Appended through the kept reads, then through the store alone (another process's write).
      await appendTo(n % 2 === 0 ? kept : store, name, n);
      t.same(await kept.readStream(name), await store.readStream(name), `after append ${n}`);
    }
    const read = await kept.readStream(name);
    t.same(
      read.events.map((e) => e.data),
      [0, 1, 2, 3, 4, 5].map((n) => ({ n })),
    );
    t.equal(read.revision, 5n);
  },
);

t.test('past its bound it lets streams go and still reads each one whole', async (t) => {
  const kept = keepStreamReads(store, { maxEvents: 3 });
  const names = [0, 1, 2].map(() => `process-${randomUUID()}`);
  for (const name of names) for (let n = 0; n < 2; n += 1) await appendTo(store, name, n);
  for (let round = 0; round < 2; round += 1) {
    for (const name of names) t.same(await kept.readStream(name), await store.readStream(name));
  }
});

t.test(
  'an event appended after what was kept that breaks its chain is refused, as a whole read refuses it',
  async (t) => {
    const kept = keepStreamReads(store);
    const name = `process-${randomUUID()}`;
    await appendTo(store, name, 0);
    await kept.readStream(name);
    // Another process's event whose chain does not continue the head kept: refused, as a whole read refuses it.
    await store.append(name, [event(1)], { expectedRevision: 0n, chainHead: 'f'.repeat(64) });
    await t.rejects(kept.readStream(name), IntegrityError);
    await t.rejects(store.readStream(name), IntegrityError);
  },
);

t.test('a ledger writing through kept reads decides on what another ledger appended to the stream', async (t) => {
  const logger = pino({ level: 'silent' });
  const withKept = createLedger({ store: keepStreamReads(store), logger });
  const other = createLedger({ store, logger });
  const principal: Principal = { id: 'mfa-desk', agency: 'MFA', roles: ['negotiator'], clearance: 'secret' };
  const ctx = (expectedRevision?: bigint) => ({
    principal,
    idempotencyKey: randomUUID(),
    correlationId: randomUUID(),
    ...(expectedRevision === undefined ? {} : { expectedRevision }),
  });
  const processId = `p${randomUUID().slice(0, 8)}`;
  const milestone = (note: string) =>
    LedgerCommand.parse({
      type: 'RecordMilestone',
      processId,
      milestone: 'other',
      on: '2024-08-08',
      note: { th: note, en: note },
    });
  await withKept.execute(
    LedgerCommand.parse({
      type: 'RegisterProcess',
      processId,
      kind: 'treaty-negotiation',
      title: { th: 'ก', en: 'A' },
      forum: 'UN',
    }),
    ctx(),
  );
  await withKept.execute(milestone('first'), ctx(0n));
  const theirs = await other.execute(milestone('theirs'), ctx(1n));
  t.equal(theirs.revision, '2');
  // The revision the other ledger wrote is the one this ledger now finds: If-Match 2 passes, 1 fails.
  await t.rejects(withKept.execute(milestone('stale'), ctx(1n)), { name: 'PreconditionFailedError' });
  const mine = await withKept.execute(milestone('after theirs'), ctx(2n));
  t.equal(mine.revision, '3');
  const notes = (await store.readStream(`process-${processId}`)).events.map(
    (e) => (e.data as { note?: { en: string } }).note?.en,
  );
  t.same(notes, [undefined, 'first', 'theirs', 'after theirs']);
});

/** What a read gives, less the record time (an event kept from this process's own append has the ack's). */
const withoutRecordTime = (read: StreamRead) => ({
  ...read,
  unconfirmed: undefined,
  events: read.events.map(({ recordedAt: _recordedAt, ...rest }) => rest),
});

t.test(
  'after its own append, a read that takes own writes answers without the store what a whole read gives, unconfirmed',
  async (t) => {
    const reads: string[] = [];
    const counted: LedgerStore = {
      ...store,
      readStream: (name, options) => {
        reads.push(name);
        return store.readStream(name, options);
      },
    };
    const kept = keepStreamReads(counted);
    const name = `process-${randomUUID()}`;
    await appendTo(kept, name, 0);
    await appendTo(kept, name, 1);
    reads.length = 0;
    const own = await kept.readStream(name, { ownWrites: true });
    t.same(reads, [], 'the store was not asked');
    t.equal(own.unconfirmed, true);
    t.same(withoutRecordTime(own), withoutRecordTime(await store.readStream(name)));
    const plain = await kept.readStream(name);
    t.same(reads, [name], 'a plain read asks the store');
    t.equal(plain.unconfirmed, undefined);
    t.same(plain, await store.readStream(name), 'and gives what the store holds, record times included');
  },
);

t.test(
  'a write after its own writes reads the array the last one read, grown by what it appended, not a copy',
  async (t) => {
    const { kept, name } = await keptWithTwoOwnEvents();
    const own = async (n: number): Promise<StreamRead> => {
      const read = await kept.readStream(name, { ownWrites: true });
      await kept.append(name, [event(n)], { expectedRevision: read.revision, chainHead: read.head });
      return read;
    };
    const first = await own(2);
    const second = await own(3);
    t.equal(second.events, first.events, 'the same array');
    const third = await kept.readStream(name, { ownWrites: true });
    t.equal(third.events, first.events);
    t.same(withoutRecordTime(third), withoutRecordTime(await store.readStream(name)), 'what a whole read gives');
    t.equal(third.events.length, 4);
  },
);

t.test(
  'data and metadata handed over are kept as they are when a read would give them back the same, else as a read does',
  async (t) => {
    const { kept, name } = await keptWithTwoOwnEvents();
    const handOver = async (data: Record<string, unknown>, metadata: Record<string, unknown>) => {
      const read = await kept.readStream(name, { ownWrites: true });
      const written = { ...event(2), data, metadata };
      const outcome = await kept.append(name, [written], {
        expectedRevision: read.revision,
        chainHead: read.head,
        handOver: true,
      });
      const last = (await kept.readStream(name, { ownWrites: true })).events.at(-1);
      return { data: last?.data, metadata: last?.metadata, chained: outcome.metadata?.[0] };
    };
    const json = { n: 2, summary: { th: 'ไทย', en: 'Thai' }, refs: ['a'] };
    const plain = await handOver(json, { correlationId: 'c2' });
    t.equal(plain.data, json, 'plain JSON: kept as it is');
    t.equal(plain.metadata, plain.chained, 'and the metadata as chained');
    const data = { n: 3, gone: undefined, at: -0 };
    const odd = await handOver(data, { correlationId: 'c3', gone: undefined });
    t.not(odd.data, data, 'anything else: copied');
    t.ok(isDeepStrictEqual(odd.data, { n: 3, at: 0 }), 'as a read gives it');
    t.not(odd.metadata, odd.chained);
    t.notOk(odd.metadata !== undefined && 'gone' in odd.metadata, 'as a read gives it');
    const whole = await store.readStream(name);
    t.same(withoutRecordTime(await kept.readStream(name, { ownWrites: true })), withoutRecordTime(whole));
  },
);

t.test(
  'after another process appended, an own append that lost the race leaves the next read to the store',
  async (t) => {
    const { kept, name } = await keptWithTwoOwnEvents();
    await appendTo(store, name, 2); // another process
    const stale = await kept.readStream(name, { ownWrites: true });
    t.equal(stale.revision, 1n, 'what this process wrote last');
    await t.rejects(
      kept.append(name, [event(3)], { expectedRevision: stale.revision, chainHead: stale.head }),
      ConcurrencyError,
    );
    const after = await kept.readStream(name, { ownWrites: true });
    t.equal(after.unconfirmed, undefined, 'read from the store');
    t.same(after, await store.readStream(name));
  },
);

t.test('a ledger deciding on its own last write decides again on what another ledger appended since', async (t) => {
  const logger = pino({ level: 'silent' });
  const reads: string[] = [];
  const counted: LedgerStore = {
    ...store,
    readStream: (name, options) => {
      reads.push(name);
      return store.readStream(name, options);
    },
  };
  const withKept = createLedger({ store: keepStreamReads(counted), logger });
  const other = createLedger({ store, logger });
  const principal: Principal = { id: 'mfa-desk', agency: 'MFA', roles: ['negotiator'], clearance: 'secret' };
  const ctx = () => ({ principal, idempotencyKey: randomUUID(), correlationId: randomUUID() });
  const processId = `p${randomUUID().slice(0, 8)}`;
  const issueId = `i${randomUUID().slice(0, 8)}`;
  const title = (en: string) => ({ th: en, en });
  const retitle = (en: string) => LedgerCommand.parse({ type: 'RetitleIssue', issueId, title: title(en) });
  await withKept.execute(
    LedgerCommand.parse({
      type: 'RegisterProcess',
      processId,
      kind: 'treaty-negotiation',
      title: title('A'),
      forum: 'UN',
    }),
    ctx(),
  );
  await withKept.execute(
    LedgerCommand.parse({ type: 'RegisterIssue', issueId, processId, code: 'ART-1', title: title('first') }),
    ctx(),
  );
  await withKept.execute(retitle('second'), ctx());
  reads.length = 0;
  const third = await withKept.execute(retitle('third'), ctx());
  t.equal(third.revision, '2');
  t.same(reads, [], 'a write after its own last write asks the store for no read');

  await other.execute(retitle('theirs'), ctx());
  const fourth = await withKept.execute(retitle('after theirs'), ctx());
  t.equal(fourth.revision, '4', 'the race lost to the other ledger was decided again, after theirs');

  await other.execute(
    LedgerCommand.parse({ type: 'CloseIssue', issueId, on: '2024-08-08', reason: title('done') }),
    ctx(),
  );
  await t.rejects(withKept.execute(retitle('too late'), ctx()), { code: 'issue_closed' });
  const titles = (await store.readStream(`issue-${issueId}`)).events.map((e) => e.type);
  t.same(
    titles,
    ['IssueRegistered', 'IssueRetitled', 'IssueRetitled', 'IssueRetitled', 'IssueRetitled', 'IssueClosed'],
    'nothing appended after the other ledger closed the issue',
  );
});
