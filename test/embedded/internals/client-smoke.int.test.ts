// The official client works against the embedded store end to end, in memory and on files:
// both append paths, stream and $all reads, and a $all subscription that goes live.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { EventStoreDBClient, jsonEvent, START, FORWARDS, type ResolvedEvent } from '@eventstore/db-client';
import { startEmbeddedStore, type EmbeddedStoreOptions } from '../../../src/embedded/index.js';

const modes: Array<[string, () => { options: EmbeddedStoreOptions; cleanup: () => void }]> = [
  ['memory', () => ({ options: { memory: true, port: 0 }, cleanup: () => undefined })],
  [
    'file',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'ledger-store-'));
      return { options: { dataDir: dir, port: 0 }, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
    },
  ],
];

async function collect(iterable: AsyncIterable<ResolvedEvent>): Promise<ResolvedEvent[]> {
  const out: ResolvedEvent[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

for (const [mode, setup] of modes) {
  t.test(`the official client appends, reads and subscribes (${mode})`, async (t) => {
    const { options, cleanup } = setup();
    const store = await startEmbeddedStore(options);
    const client = EventStoreDBClient.connectionString(store.connectionString);
    t.teardown(async () => {
      await client.dispose();
      await store.close();
      cleanup();
    });
    t.match(store.connectionString, /^esdb:\/\/127\.0\.0\.1:\d+\?tls=false$/);

    const stream = `smoke-${randomUUID()}`;
    const batch = await client.appendToStream(stream, [
      jsonEvent({ type: 'Opened', data: { n: 1 } }),
      jsonEvent({ type: 'Noted', data: { n: 2 } }),
    ]);
    t.equal(batch.nextExpectedRevision, 1n, 'batch append reports the last revision');
    // per-call credentials make the client use the unary Append call instead of BatchAppend
    const unary = await client.appendToStream(stream, jsonEvent({ type: 'Closed', data: { n: 3 } }), {
      expectedRevision: 1n,
      credentials: { username: 'admin', password: 'changeit' },
    });
    t.equal(unary.nextExpectedRevision, 2n, 'unary append continues the stream');
    t.ok(unary.position !== undefined && unary.position.commit > (batch.position?.commit ?? 0n), 'positions increase');

    const events = await collect(client.readStream(stream));
    t.same(
      events.map((e) => [e.event?.type, e.event?.revision]),
      [
        ['Opened', 0n],
        ['Noted', 1n],
        ['Closed', 2n],
      ],
    );
    t.same(events[2]?.event?.position, unary.position, 'the last event carries the position the append reported');

    const all = await collect(client.readAll({ fromPosition: START, direction: FORWARDS }));
    t.ok(
      all.some((e) => e.event?.streamId.startsWith('$')),
      '$all starts with system events',
    );
    t.same(
      all.filter((e) => e.event?.streamId === stream).map((e) => e.event?.type),
      ['Opened', 'Noted', 'Closed'],
    );

    const from = events[1]?.event?.position;
    if (from === undefined) throw new Error('no position');
    const seen: string[] = [];
    const sub = client.subscribeToAll({ fromPosition: from });
    const live = new Promise<void>((resolve) => {
      sub.on('data', (e: ResolvedEvent) => {
        if (e.event?.streamId === stream) seen.push(e.event.type);
        if (seen.includes('Live')) resolve();
      });
      sub.on('caughtUp', () => {
        void client.appendToStream(stream, jsonEvent({ type: 'Live', data: {} }));
      });
    });
    await live;
    await sub.unsubscribe();
    t.same(seen, ['Closed', 'Live'], 'subscription starts after the given position and goes live');
  });
}
