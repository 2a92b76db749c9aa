// The records of the last commits kept in memory for live $all subscriptions (ADR 0055): whatever was committed,
// in whatever batches, with writes refused or rolled back among them, what is handed from memory is exactly what a
// read of the log gives from that position, and a reader further back than what is kept is sent to the log.
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { openDatabase } from '../../../src/embedded/storage/database.js';
import { createEventLog, createLogReader, type EventLog } from '../../../src/embedded/storage/event-log.js';
import { createGroupCommitter } from '../../../src/embedded/storage/group-commit.js';
import { createRecentRecords } from '../../../src/embedded/storage/recent-records.js';
import type { ProposedEvent, StoredRecord, WriteRequest } from '../../../src/embedded/model.js';

function event(type = 'Happened', body = '{}'): ProposedEvent {
  return { id: randomUUID(), type, isJson: true, data: Buffer.from(body), metadata: Buffer.from('{"m":1}') };
}

const plain = (records: readonly StoredRecord[]) =>
  records.map((r) => ({
    ...r,
    data: Buffer.from(r.data).toString('hex'),
    metadata: Buffer.from(r.metadata).toString('hex'),
  }));

/** The real log, except that inserting an event of type Poison fails (after the events before it were inserted). */
function poisoned(log: EventLog): EventLog {
  return {
    ...log,
    insert(record) {
      if (record.type === 'Poison') throw new Error('disk says no');
      return log.insert(record);
    },
  };
}

function setup(maxRecords: number) {
  const { db, close } = openDatabase({ memory: true });
  const log = createEventLog(db);
  const recent = createRecentRecords({ lastPosition: log.lastPosition(), maxRecords });
  const writer = createGroupCommitter(db, poisoned(log), {
    sync: null,
    recent,
    onCommitted: () => undefined,
    onError: () => undefined,
  });
  let durable = log.lastPosition();
  const reader = createLogReader(db, () => durable);
  const readUpTo = (upTo: number) => {
    durable = upTo;
    return reader;
  };
  return { log, readUpTo, recent, writer, close };
}

function mixedBatch(round: number): WriteRequest[] {
  return [
    { kind: 'append', stream: `a-${round % 3}`, expected: { kind: 'any' }, events: [event(), event()] },
    // refused: nothing written
    { kind: 'append', stream: `a-${round % 3}`, expected: { kind: 'exact', revision: 10_000n }, events: [event()] },
    // rolled back after its first event was inserted
    { kind: 'append', stream: `b-${round}`, expected: { kind: 'any' }, events: [event(), event('Poison')] },
    {
      kind: 'append',
      stream: `c-${round}`,
      expected: { kind: 'no_stream' },
      events: [event('Other', `{"n":${round}}`)],
    },
    { kind: 'tombstone', stream: `c-${round}`, expected: { kind: 'any' } },
    { kind: 'append', stream: `d-${round}`, expected: { kind: 'any' }, events: [event()] },
    { kind: 'delete', stream: `d-${round}`, expected: { kind: 'any' } },
  ];
}

t.test('what is handed from memory is what a read of the log gives, batch after batch, up to any bound', async (t) => {
  const { log, readUpTo, recent, writer, close } = setup(40);
  t.teardown(close);
  const start = log.lastPosition();
  let compared = 0;
  let fromMemory = 0;
  for (let round = 0; round < 12; round += 1) {
    await Promise.allSettled(mixedBatch(round).map((request) => writer.submit(request)));
    const last = log.lastPosition();
    for (let from = start + 1; from <= last + 2; from += 1) {
      for (const limit of [1, 3, 100]) {
        // The readers' bound (the last durable position, ADR 0073): the last commit, or one somewhere before it.
        for (const upTo of [last, last - 3, from, from - 1]) {
          const kept = recent.forward(from, limit, upTo);
          compared += 1;
          if (kept === undefined) continue;
          fromMemory += 1;
          t.same(
            plain(kept),
            plain(readUpTo(upTo).allForward(from, limit)),
            `from ${from}, at most ${limit}, up to ${upTo}, after round ${round}`,
          );
        }
      }
    }
  }
  t.ok(fromMemory > 0 && fromMemory < compared, `${fromMemory} of ${compared} reads answered from memory`);
});

t.test('a reader further back than what is kept reads the log; one at the head gets nothing new', async (t) => {
  const { log, recent, writer, close } = setup(5);
  t.teardown(close);
  const start = log.lastPosition();
  for (let i = 0; i < 4; i += 1)
    await writer.submit({
      kind: 'append',
      stream: 's',
      expected: { kind: 'any' },
      events: [event(), event(), event()],
    });
  const last = log.lastPosition();
  t.equal(recent.forward(start + 1, 100, last), undefined, 'the first records were let go');
  t.equal(recent.forward(last - 5, 100, last), undefined);
  t.same(plain(recent.forward(last - 4, 100, last) ?? []), plain(log.allForward(last - 4, 100)));
  t.same(recent.forward(last + 1, 100, last), [], 'nothing after the last commit');
});

t.test('a write that fails hands nothing over', async (t) => {
  const { log, recent, writer, close } = setup(100);
  t.teardown(close);
  await writer.submit({ kind: 'append', stream: 's', expected: { kind: 'any' }, events: [event()] });
  const last = log.lastPosition();
  await t.rejects(
    writer.submit({ kind: 'append', stream: 't', expected: { kind: 'any' }, events: [event(), event('Poison')] }),
  );
  t.same(recent.forward(last + 1, 100, last), []);
  t.equal(log.lastPosition(), last);
});
