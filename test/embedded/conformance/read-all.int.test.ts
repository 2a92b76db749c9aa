// esdb-protocol.md §6: reading $all - inclusive forward / exclusive backward positions, content, seed events.
import t from 'tap';
import { BACKWARDS, binaryEvent, END, FORWARDS, jsonEvent, START } from '@eventstore/db-client';
import type { AllStreamResolvedEvent, Position } from '@eventstore/db-client';
import { openTestStore, usesExternalStore } from '../../helpers/esdb.js';
import { collect, uniqueStream } from './support.js';

const store = await openTestStore();
t.teardown(() => store.close());
const { client } = store;

async function appendFive(): Promise<{ stream: string; positions: Position[] }> {
  const stream = uniqueStream('all');
  await client.appendToStream(
    stream,
    Array.from({ length: 5 }, (_, i) => jsonEvent({ type: 'Counted', data: { i } })),
  );
  const events = await collect(client.readStream(stream));
  return { stream, positions: events.flatMap((e) => (e.event?.position ? [e.event.position] : [])) };
}

t.test('a fresh store already holds system events in $all', async (t) => {
  const events = await collect(client.readAll({ fromPosition: START, direction: FORWARDS, maxCount: 1_000 }));
  const system = events.filter((e) => e.event?.streamId.startsWith('$'));
  t.ok(system.length >= 1, 'at least one event in a $ stream');
  t.ok(
    events.some((e) => e.event?.type.startsWith('$')),
    'at least one event whose type starts with $ (subscribers from start see system events)',
  );
  if (!usesExternalStore()) t.equal(events.length, system.length, 'before any test wrote, only system events exist');
});

t.test('forwards from a position is inclusive: reading one from the third event returns that event', async (t) => {
  const { stream, positions } = await appendFive();
  const third = positions[2];
  t.ok(third);
  if (!third) return;
  const [first] = await collect(client.readAll({ fromPosition: third, direction: FORWARDS, maxCount: 1 }));
  t.equal(first?.event?.streamId, stream);
  t.equal(first?.event?.revision, 2n);
  t.same(first?.event?.position, third);
});

t.test('backwards from a position is exclusive: only records strictly before it, newest first', async (t) => {
  const { stream, positions } = await appendFive();
  const third = positions[2];
  t.ok(third);
  if (!third) return;
  const read = await collect(client.readAll({ fromPosition: third, direction: BACKWARDS, maxCount: 2 }));
  t.ok(
    read.every((e) => (e.event?.position.commit ?? 0n) < third.commit),
    'all strictly before',
  );
  t.same(
    read.map((e) => [e.event?.streamId, e.event?.revision]),
    [
      [stream, 1n],
      [stream, 0n],
    ],
  );
});

t.test(
  'backwards from end starts at the newest record; forwards from start at the oldest; forwards from end reads nothing',
  async (t) => {
    const { positions } = await appendFive();
    const last = positions[4];
    const [newest] = await collect(client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 }));
    t.ok(last && newest?.event && newest.event.position.commit >= last.commit, 'newest is at or after our last append');
    const [oldest] = await collect(client.readAll({ fromPosition: START, direction: FORWARDS, maxCount: 1 }));
    t.ok(
      oldest?.event && positions[0] && oldest.event.position.commit <= positions[0].commit,
      'oldest is at or before our first append',
    );
    t.same(await collect(client.readAll({ fromPosition: END, direction: FORWARDS, maxCount: 10 })), []);
  },
);

t.test('$all holds every record: metadata events, tombstones and the events of soft-deleted streams', async (t) => {
  const { positions } = await appendFive();
  const from = positions[4];
  t.ok(from);
  if (!from) return;
  const soft = uniqueStream('soft');
  const hard = uniqueStream('hard');
  await client.appendToStream(soft, jsonEvent({ type: 'Kept', data: {} }));
  await client.setStreamMetadata(soft, { maxCount: 3 });
  await client.deleteStream(soft);
  await client.appendToStream(hard, jsonEvent({ type: 'Gone', data: {} }));
  await client.tombstoneStream(hard);
  const seen: AllStreamResolvedEvent[] = [];
  // Read to the end rather than breaking out at the last record (see read-stream: breaking there can
  // leave a call that dispose() waits on; that case has its own bounded test).
  for await (const e of client.readAll({ fromPosition: from, direction: FORWARDS, maxCount: 10_000 })) {
    if (e.event && [soft, hard, `$$${soft}`].includes(e.event.streamId)) seen.push(e);
  }
  const summary = seen.map(
    (e) => `${e.event?.streamId === soft ? 'soft' : e.event?.streamId === hard ? 'hard' : 'meta'}:${e.event?.type}`,
  );
  t.same(summary, ['soft:Kept', 'meta:$metadata', 'meta:$metadata', 'hard:Gone', 'hard:$streamDeleted']);
  const tombstone = seen.at(-1)?.event;
  t.equal(tombstone?.revision, 9223372036854775807n, 'the tombstone record has revision 2^63-1');
});

t.test('positions in $all strictly increase and each event has commit equal to prepare', async (t) => {
  await appendFive();
  const read = await collect(client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 50 }));
  const commits = read.map((e) => e.event?.position.commit ?? -1n);
  t.ok(
    commits.every((c, i) => i === 0 || c < (commits[i - 1] ?? 0n)),
    'strictly decreasing when read backwards',
  );
  t.ok(read.every((e) => e.event?.position.commit === e.event?.position.prepare));
});

t.test('links in $all resolve to their target when asked', async (t) => {
  const { stream, positions } = await appendFive();
  const links = uniqueStream('alllinks');
  const appended = await client.appendToStream(
    links,
    binaryEvent({ type: '$>', data: Buffer.from(`3@${stream}`, 'utf8') }),
  );
  const at = appended.position;
  t.ok(at);
  if (!at) return;
  const [resolved] = await collect(
    client.readAll({ fromPosition: at, direction: FORWARDS, maxCount: 1, resolveLinkTos: true }),
  );
  t.equal(resolved?.event?.streamId, stream);
  t.equal(resolved?.event?.revision, 3n);
  t.same(resolved?.event?.position, positions[3], 'the target keeps its own position');
  t.equal(resolved?.link?.streamId, links);
  const [unresolved] = await collect(client.readAll({ fromPosition: at, direction: FORWARDS, maxCount: 1 }));
  t.equal(unresolved?.event?.type, '$>');
  t.equal(unresolved?.link, undefined);
});
