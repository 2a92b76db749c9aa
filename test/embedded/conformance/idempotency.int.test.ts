// esdb-protocol.md §4.2: idempotent re-appends by event id, through BatchAppend and unary Append.
import t from 'tap';
import { randomUUID } from 'node:crypto';
import {
  ANY,
  EventStoreDBClient,
  jsonEvent,
  NO_STREAM,
  STREAM_EXISTS,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type { AppendExpectedRevision, AppendResult, JSONEventData } from '@eventstore/db-client';
import { openTestStore } from '../../helpers/esdb.js';
import { addressOf, collect, uniqueStream, thrown } from './support.js';

const store = await openTestStore();
const unaryClient = new EventStoreDBClient({ endpoint: addressOf(store.connectionString) }, { insecure: true });
t.teardown(async () => {
  await unaryClient.dispose();
  await store.close();
});
const { client } = store;
const credentials = { username: 'admin', password: 'changeit' };

function event(id: string, body: unknown = { id }): JSONEventData {
  return jsonEvent({ id, type: 'Idem', data: { body } });
}

function ids(n: number): string[] {
  return Array.from({ length: n }, () => randomUUID());
}

async function streamIds(stream: string): Promise<string[]> {
  return (await collect(client.readStream(stream))).map((e) => e.event?.id ?? '?');
}

for (const path of ['BatchAppend', 'unary Append'] as const) {
  const append = (
    stream: string,
    events: JSONEventData[],
    expectedRevision: AppendExpectedRevision,
  ): Promise<AppendResult> =>
    path === 'BatchAppend'
      ? client.appendToStream(stream, events, { expectedRevision })
      : unaryClient.appendToStream(stream, events, { expectedRevision, credentials });

  t.test(`${path}: the same event appended twice with any is written once and the second call succeeds`, async (t) => {
    const stream = uniqueStream('idem');
    const [a = ''] = ids(1);
    const first = await append(stream, [event(a)], ANY);
    const second = await append(stream, [event(a)], ANY);
    t.equal(second.nextExpectedRevision, first.nextExpectedRevision);
    t.same(await streamIds(stream), [a]);
  });

  t.test(
    `${path}: when every id matches, success reports the last matched event's revision and position, not the head`,
    async (t) => {
      for (const expected of [ANY, STREAM_EXISTS] as const) {
        const stream = uniqueStream('idem');
        const [a = '', b = '', c = '', d = ''] = ids(4);
        await append(stream, [event(a), event(b), event(c), event(d)], ANY);
        const again = await append(stream, [event(a), event(b)], expected);
        t.equal(again.nextExpectedRevision, 1n, `${String(expected)}: revision of b`);
        const read = await collect(client.readStream(stream));
        t.same(again.position, read[1]?.event?.position, `${String(expected)}: position of b`);
        t.same(await streamIds(stream), [a, b, c, d], 'nothing new written');
      }
    },
  );

  t.test(`${path}: the body is ignored, only the id counts`, async (t) => {
    const stream = uniqueStream('idem');
    const [a = ''] = ids(1);
    await append(stream, [event(a, 'first body')], ANY);
    await append(stream, [event(a, 'second body')], ANY);
    const read = await collect(client.readStream(stream));
    t.equal(read.length, 1);
    t.same(read[0]?.event?.data, { body: 'first body' });
  });

  t.test(`${path}: with any, an unknown first id means a normal write, duplicates of later ids included`, async (t) => {
    const stream = uniqueStream('idem');
    const [a = '', b = '', c = ''] = ids(3);
    await append(stream, [event(a), event(b)], ANY);
    await append(stream, [event(c), event(a)], ANY);
    t.same(await streamIds(stream), [a, b, c, a]);
  });

  t.test(`${path}: with any, a matching first id followed by an unknown one is a WrongExpectedVersion`, async (t) => {
    const stream = uniqueStream('idem');
    const [a = '', b = '', x = ''] = ids(3);
    await append(stream, [event(a), event(b)], ANY);
    t.type(await thrown(append(stream, [event(a), event(x)], ANY)), WrongExpectedVersionError);
    t.same(await streamIds(stream), [a, b], 'nothing written');
  });

  t.test(`${path}: exact N below the head re-checks events N+1 onwards by id`, async (t) => {
    const stream = uniqueStream('idem');
    const [a = '', b = '', c = '', d = '', x = ''] = ids(5);
    await append(stream, [event(a), event(b), event(c), event(d)], NO_STREAM);
    const again = await append(stream, [event(b), event(c)], 0n);
    t.equal(again.nextExpectedRevision, 2n, 'N + count');
    t.type(await thrown(append(stream, [event(b), event(x)], 0n)), WrongExpectedVersionError, 'a later id differs');
    t.type(await thrown(append(stream, [event(x), event(c)], 0n)), WrongExpectedVersionError, 'the first id differs');
    t.same(await streamIds(stream), [a, b, c, d]);
  });

  t.test(`${path}: no_stream on an existing stream whose first events carry the same ids is idempotent`, async (t) => {
    const stream = uniqueStream('idem');
    const [a = '', b = ''] = ids(2);
    await append(stream, [event(a), event(b)], NO_STREAM);
    const again = await append(stream, [event(a), event(b)], NO_STREAM);
    t.equal(again.nextExpectedRevision, 1n);
    t.same(await streamIds(stream), [a, b]);
  });

  t.test(`${path}: exact N equal to the head skips the check and writes the duplicates again`, async (t) => {
    const stream = uniqueStream('idem');
    const [a = ''] = ids(1);
    await append(stream, [event(a)], NO_STREAM);
    const again = await append(stream, [event(a)], 0n);
    t.equal(again.nextExpectedRevision, 1n);
    t.same(await streamIds(stream), [a, a]);
  });

  t.test(`${path}: idempotency is scoped to one stream`, async (t) => {
    const one = uniqueStream('idem');
    const two = uniqueStream('idem');
    const [a = ''] = ids(1);
    await append(one, [event(a)], ANY);
    const other = await append(two, [event(a)], ANY);
    t.equal(other.nextExpectedRevision, 0n);
    t.same(await streamIds(two), [a], 'the same id is written to another stream');
  });
}
