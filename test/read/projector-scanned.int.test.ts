// Past the last ledger event, the store may hold many records the read side does not follow (the audit of reads,
// idempotency claims). The projector learns from its live subscription's checkpoints how far the store has looked
// for it, and the lag /readyz and the metrics report is counted from there, not by reading those records again on
// every probe (ADR 0078).
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { jsonEvent } from '@eventstore/db-client';
import { pino } from 'pino';
import { compareLog, logPositionFromJson } from '../../contracts/log-position.js';
import { createLedgerStore, type LedgerStore, type ReadAllOptions } from '../../src/store/adapter.js';
import { createMemoryIndex } from '../../src/read/read-index.js';
import { createProjector, type ProjectorStatus } from '../../src/read/projector.js';
import { projectorLag } from '../../src/read/lag.js';
import { openTestStore } from '../helpers/esdb.js';
import { until } from '../helpers/until.js';
import { draftEvent } from './events.js';

/** Appends `count` records to a stream the read side does not follow; the position of the last. */
async function otherRecords(client: Awaited<ReturnType<typeof openTestStore>>['client'], count: number) {
  const events = Array.from({ length: count }, (_, i) => jsonEvent({ type: 'ReadRecorded', data: { i } }));
  const result = await client.appendToStream(`read-audit-${randomUUID()}`, events);
  if (result.position === undefined) throw new Error('no position');
  return result.position;
}

t.test(
  'the projector reports how far past its last ledger event the store has looked, and moves on with the next one',
  async (t) => {
    const test = await openTestStore();
    const store = createLedgerStore(test.client);
    const projector = createProjector({ store, index: createMemoryIndex(), logger: pino({ level: 'silent' }) });
    await projector.start();
    t.teardown(async () => {
      await projector.stop();
      await test.close();
    });
    await projector.ready();
    const issueId = `scanned-${randomUUID()}`;
    const first = await store.append(`position-${issueId}`, [draftEvent(issueId, 1)], {
      expectedRevision: 'no_stream',
    });
    t.ok(await projector.waitFor(first.position.commit, 5000), 'a ledger event is applied');

    const lastOther = await otherRecords(test.client, 300);
    // The store reports every so many records it looked at; most of the 300 must be behind one of its reports.
    const scannedPast = (status: ProjectorStatus, commit: bigint): boolean =>
      status.scannedTo !== null && BigInt(status.scannedTo.commit) >= commit;
    const nearEnd = lastOther.commit - (lastOther.commit - first.position.commit) / 4n;
    await until(() => scannedPast(projector.status(), nearEnd), 'a checkpoint past most of the other records');
    t.ok(scannedPast(projector.status(), nearEnd), 'the live subscription reported the other records looked at');
    t.equal(
      projector.status().position?.commit,
      first.position.commit.toString(),
      "the projector's own position stays at the last ledger event it applied",
    );

    const second = await store.append(`position-${issueId}`, [draftEvent(issueId, 2)], { expectedRevision: 0n });
    t.ok(await projector.waitFor(second.position.commit, 5000), 'the next ledger event is applied');
    const after = projector.status();
    t.equal(after.position?.commit, second.position.commit.toString(), 'its position is now that event');
    t.ok(
      after.scannedTo === null || compareLog(logPositionFromJson(after.scannedTo), second.position) > 0,
      'a scanned position is only reported past the position',
    );
  },
);

/** A store whose reads of $all say where they start. */
function recordingStore(store: LedgerStore, starts: (string | bigint)[]): Pick<LedgerStore, 'readAll'> {
  return {
    readAll(options?: ReadAllOptions) {
      const from = options?.from;
      starts.push(from === undefined || typeof from === 'string' ? (from ?? 'start') : from.commit);
      return store.readAll(options);
    },
  };
}

t.test("the lag is counted from the store's scanned position when it is past the projector's", async (t) => {
  const test = await openTestStore();
  t.teardown(() => test.close());
  const store = createLedgerStore(test.client);
  const issueId = `lag-from-${randomUUID()}`;
  const applied = await store.append(`position-${issueId}`, [draftEvent(issueId, 1)], {
    expectedRevision: 'no_stream',
  });
  const lastOther = await otherRecords(test.client, 50);
  const notApplied = await store.append(`position-${issueId}`, [draftEvent(issueId, 2)], { expectedRevision: 0n });
  const head = await store.headPosition();
  const status = (scannedTo: bigint | null): ProjectorStatus => ({
    running: true,
    caughtUp: true,
    connected: true,
    position: { commit: applied.position.commit.toString(), prepare: applied.position.prepare.toString() },
    eventsIndexed: 1,
    rejected: 0,
    lastError: null,
    lastEventLagMs: 0,
    restarts: 0,
    scannedTo: scannedTo === null ? null : { commit: scannedTo.toString(), prepare: scannedTo.toString() },
  });

  const starts: (string | bigint)[] = [];
  const fromScanned = await projectorLag(recordingStore(store, starts), status(lastOther.commit), head);
  t.same(starts, [lastOther.commit], 'the count reads from the scanned position');
  t.match(fromScanned, { eventsBehind: 1, eventsBehindExact: true, caughtUp: false }, 'and finds the one not applied');

  starts.length = 0;
  const fromPosition = await projectorLag(recordingStore(store, starts), status(null), head);
  t.same(starts, [applied.position.commit], "without one it reads from the projector's position");
  t.match(fromPosition, { eventsBehind: 1 }, 'with the same answer');
  t.ok(notApplied.position.commit > lastOther.commit, 'the event not applied lies past the scanned position');
});
