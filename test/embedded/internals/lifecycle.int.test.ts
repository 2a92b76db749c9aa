// Starting, closing and reopening the embedded store on files.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { EventStoreDBClient, jsonEvent, type ResolvedEvent } from '@eventstore/db-client';
import { startEmbeddedStore, EmbeddedStoreStartError } from '../../../src/embedded/index.js';
import { settledWithin } from '../../helpers/bounded.js';

const dir = mkdtempSync(join(tmpdir(), 'ledger-lifecycle-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

async function readAll(client: EventStoreDBClient, stream: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of client.readStream(stream) as AsyncIterable<ResolvedEvent>) out.push(e.event?.type ?? '');
  return out;
}

t.test('a second store on the same data directory is refused while the first runs', async (t) => {
  const first = await startEmbeddedStore({ dataDir: dir, port: 0 });
  t.teardown(() => first.close());
  await t.rejects(startEmbeddedStore({ dataDir: dir, port: 0 }), EmbeddedStoreStartError);
  await t.rejects(startEmbeddedStore({ dataDir: dir, port: 0 }), { message: /another store/ });
});

t.test('events written before close are there after reopening, with the same positions', async (t) => {
  const store = await startEmbeddedStore({ dataDir: dir, port: 0 });
  const client = EventStoreDBClient.connectionString(store.connectionString);
  const written = await client.appendToStream('kept', [
    jsonEvent({ type: 'One', data: {} }),
    jsonEvent({ type: 'Two', data: {} }),
  ]);
  await client.dispose();
  await store.close();

  const reopened = await startEmbeddedStore({ dataDir: dir, port: 0 });
  const again = EventStoreDBClient.connectionString(reopened.connectionString);
  t.teardown(async () => {
    await again.dispose();
    await reopened.close();
  });
  t.same(await readAll(again, 'kept'), ['One', 'Two']);
  const next = await again.appendToStream('kept', jsonEvent({ type: 'Three', data: {} }), { expectedRevision: 1n });
  t.ok(
    next.position !== undefined && written.position !== undefined && next.position.commit > written.position.commit,
    'positions keep increasing',
  );
});

t.test('close is idempotent', async (t) => {
  const store = await startEmbeddedStore({ memory: true, port: 0 });
  await Promise.all([store.close(), store.close()]);
  await store.close();
  t.pass('closed three times without error');
});

/** Resolves to true if `promise` settles within `ms`. */
function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return settledWithin(
    promise.then(
      () => true,
      () => true,
    ),
    ms,
    false,
  );
}

t.test('a client that appended disposes promptly after its store closes', async (t) => {
  const store = await startEmbeddedStore({ memory: true, port: 0 });
  const client = EventStoreDBClient.connectionString(store.connectionString);
  await client.appendToStream('before-close', jsonEvent({ type: 'One', data: {} }));
  await store.close();
  t.ok(await within(client.dispose(), 5_000), 'dispose() resolves within 5 s');
});

t.test('a client that appended appends again once the store is back on the same port', async (t) => {
  const first = await startEmbeddedStore({ memory: true, port: 0 });
  const client = EventStoreDBClient.connectionString(first.connectionString);
  await client.appendToStream('across-restart', jsonEvent({ type: 'One', data: {} }));
  await first.close();
  const second = await startEmbeddedStore({ memory: true, port: first.port });
  t.teardown(async () => {
    await within(client.dispose(), 5_000);
    await second.close();
  });
  const attempt = client
    .appendToStream('across-restart', jsonEvent({ type: 'Two', data: {} }), { deadline: 10_000 })
    .then(
      (result) => result.success,
      (error: unknown) => error,
    );
  const appended = await settledWithin(attempt, 15_000, 'no answer within 15 s');
  t.equal(appended, true, 'the append after the restart succeeds');
  t.same(await readAll(client, 'across-restart'), ['Two'], 'the new in-memory store holds it');
  t.ok(await within(client.dispose(), 5_000), 'dispose() resolves within 5 s');
});
