// Subscriptions under load: subscribers started from the beginning see every event exactly once, in order,
// across catch-up and live, while several writers keep appending (stream and $all, filtered and unfiltered).
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { eventTypeFilter, FORWARDS, jsonEvent, START, streamNameFilter } from '@eventstore/db-client';
import type { AllStreamResolvedEvent, ResolvedEvent } from '@eventstore/db-client';
import { openTestStore } from '../helpers/esdb.js';

const WRITERS = 6;
const APPENDS_BEFORE = 150;
const APPENDS_DURING = 150;

const store = await openTestStore();
t.teardown(() => store.close());
const { client } = store;

const tag = randomUUID().replaceAll('-', '');
const shared = `subload${tag}-shared`;
const own = Array.from({ length: WRITERS }, (_, w) => `subload${tag}-w${w}`);
const typeOf = (w: number): string => (w % 2 === 0 ? `Even${tag}` : `Odd${tag}`);

async function write(appendsPerWriter: number): Promise<void> {
  await Promise.all(
    own.map(async (stream, w) => {
      for (let i = 0; i < appendsPerWriter; i += 1) {
        const count = 1 + (i % 3);
        const events = Array.from({ length: count }, (_, k) => jsonEvent({ type: typeOf(w), data: { w, i, k } }));
        await client.appendToStream(i % 4 === 0 ? shared : stream, events);
      }
    }),
  );
}

interface Delivered {
  ids: string[];
  positions: bigint[];
  caughtUp: number;
}

function record<E extends ResolvedEvent | AllStreamResolvedEvent>(
  subscription: AsyncIterable<E> & NodeJS.EventEmitter,
  keep: (e: E) => boolean,
): Delivered {
  const delivered: Delivered = { ids: [], positions: [], caughtUp: 0 };
  subscription.on('caughtUp', () => {
    delivered.caughtUp += 1;
  });
  subscription.on('data', (e: E) => {
    if (!e.event) return;
    delivered.positions.push(e.event.position?.commit ?? -1n);
    if (keep(e)) delivered.ids.push(e.event.id);
  });
  return delivered;
}

async function settle(check: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 25));
}

t.test(
  'subscribers from the start see every event exactly once, in order, across catch-up and live, under concurrent writers',
  async (t) => {
    await write(APPENDS_BEFORE);

    const ours = (e: ResolvedEvent | AllStreamResolvedEvent): boolean =>
      e.event?.streamId.startsWith(`subload${tag}`) ?? false;
    const streamSub = client.subscribeToStream(shared, { fromRevision: START });
    const allSub = client.subscribeToAll({ fromPosition: START });
    const prefixSub = client.subscribeToAll({
      fromPosition: START,
      filter: streamNameFilter({ prefixes: [`subload${tag}`] }),
    });
    const typeSub = client.subscribeToAll({ fromPosition: START, filter: eventTypeFilter({ regex: `^Even${tag}$` }) });
    const subs = [streamSub, allSub, prefixSub, typeSub];
    t.teardown(() => Promise.all(subs.map((s) => s.unsubscribe())));
    const got = {
      stream: record(streamSub, () => true),
      all: record(allSub, ours),
      prefix: record(prefixSub, () => true),
      type: record(typeSub, () => true),
    };

    await write(APPENDS_DURING);

    const expectedStream = [];
    for await (const e of client.readStream(shared)) expectedStream.push(e.event?.id ?? '?');
    const expectedAll: string[] = [];
    const expectedEven: string[] = [];
    for await (const e of client.readAll({ fromPosition: START, direction: FORWARDS })) {
      if (!e.event || !ours(e)) continue;
      expectedAll.push(e.event.id);
      if (e.event.type === `Even${tag}`) expectedEven.push(e.event.id);
    }
    const total = WRITERS * (APPENDS_BEFORE + APPENDS_DURING) * 2;
    t.equal(expectedAll.length, total, `${total} events written`);

    await settle(
      () =>
        got.stream.ids.length >= expectedStream.length &&
        got.all.ids.length >= expectedAll.length &&
        got.prefix.ids.length >= expectedAll.length &&
        got.type.ids.length >= expectedEven.length,
      30_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));

    t.same(got.stream.ids, expectedStream, 'stream subscription: every event of the stream exactly once, in order');
    t.same(got.all.ids, expectedAll, '$all subscription: every event exactly once, in order');
    t.same(got.prefix.ids, expectedAll, 'stream-prefix filtered $all subscription: exactly once, in order');
    t.same(got.type.ids, expectedEven, 'event-type regex filtered $all subscription: exactly once, in order');
    for (const [name, d] of Object.entries(got)) {
      t.ok(d.caughtUp >= 1, `${name}: caught up (again after falling behind is allowed)`);
      t.ok(
        d.positions.every((p, i) => i === 0 || p > (d.positions[i - 1] ?? -1n)),
        `${name}: positions strictly increase (no duplicate, no reordering)`,
      );
    }
  },
);
