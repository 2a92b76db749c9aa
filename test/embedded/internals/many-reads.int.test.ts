// Many reads at once are normal for a server: the embedded store prints no warning about them. Each open read
// listens for the store closing, so twenty at once used to trip Node's "possible EventTarget memory leak" warning
// (more than ten listeners on one AbortSignal), which an operator reads as a leak.
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { EventStoreDBClient, jsonEvent, type ResolvedEvent } from '@eventstore/db-client';
import { pino } from 'pino';
import { startServer } from '../../../src/embedded/server.js';

const READS = 24;

async function collect(iterable: AsyncIterable<ResolvedEvent>): Promise<number> {
  let n = 0;
  for await (const item of iterable) if (item.event !== undefined) n += 1;
  return n;
}

t.test('twenty-four reads at once are answered without a listener-leak warning', async (t) => {
  // The server on this thread (startEmbeddedStore runs it in a worker, whose warnings this thread does not see).
  const store = await startServer({ memory: true, port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }) });
  const client = EventStoreDBClient.connectionString(`esdb://127.0.0.1:${store.port}?tls=false`);
  const warnings: Error[] = [];
  const onWarning = (warning: Error): void => {
    warnings.push(warning);
  };
  process.on('warning', onWarning);
  t.teardown(async () => {
    process.off('warning', onWarning);
    await client.dispose();
    await store.close();
  });
  const stream = `many-reads-${randomUUID()}`;
  await client.appendToStream(
    stream,
    Array.from({ length: 50 }, (_, n) => jsonEvent({ type: 'Noted', data: { n } })),
  );

  const counts = await Promise.all(Array.from({ length: READS }, () => collect(client.readStream(stream))));
  // Node emits process warnings on the next tick: give it a moment.
  await new Promise((resolve) => setTimeout(resolve, 100));

  t.same(
    counts,
    Array.from({ length: READS }, () => 50),
    'every read gets every event',
  );
  t.same(
    warnings.map((w) => `${w.name}: ${w.message}`),
    [],
    'no warning was printed',
  );
});
