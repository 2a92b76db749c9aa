// What a store's files hold when it opens is durable before anyone reads it, and a backup holds only what the
// store has made durable (ADR 0077). A process that died between a batch's COMMIT and its sync left frames in the
// WAL that may sit in the page cache only: the store syncs its WAL at open, and refuses to start when it cannot. The
// sync is counted or made to fail through the server's test hook (`wrapSync`), as durable-reads.int.test.ts does; the
// store runs on files in a directory of the test's own.
import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import Database from 'better-sqlite3';
import { EventStoreDBClient, FORWARDS, START, jsonEvent } from '@eventstore/db-client';
import { pino } from 'pino';
import { startServer, type RunningServer } from '../../src/embedded/server.js';
import { collect, uniqueStream } from './conformance/support.js';

interface SyncControl {
  fail: boolean;
  syncs: number;
}

function dataDir(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'durable-open-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A store on `dir` whose syncs run the real fdatasync unless `control.fail` says the disk fails them. */
function open(dir: string, control: SyncControl): Promise<RunningServer> {
  return startServer({
    dataDir: dir,
    port: 0,
    logger: pino({ level: 'silent' }),
    wrapSync: (real) => async () => {
      control.syncs += 1;
      if (control.fail) throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
      await real?.();
    },
  });
}

function clientOf(server: RunningServer): EventStoreDBClient {
  return EventStoreDBClient.connectionString(`esdb://127.0.0.1:${server.port}?tls=false`);
}

/** A store on `dir` that took one event and was closed: the stream and the event's id. */
async function closedWithOneEvent(dir: string): Promise<{ stream: string; id: string }> {
  const stream = uniqueStream('reopened');
  const event = jsonEvent({ type: 'Written', data: { n: 1 } });
  const server = await open(dir, { fail: false, syncs: 0 });
  const client = clientOf(server);
  await client.appendToStream(stream, event);
  await client.dispose();
  await server.close();
  return { stream, id: event.id };
}

/** The ids of `stream`'s events as `server` serves them. */
async function streamIds(server: RunningServer, stream: string): Promise<string[]> {
  const client = clientOf(server);
  try {
    const events = await collect(client.readStream(stream, { direction: FORWARDS, fromRevision: START }));
    return events.flatMap((e) => (e.event === undefined ? [] : [e.event.id]));
  } finally {
    await client.dispose();
  }
}

t.test('a store syncs its write-ahead log when it opens, before its first reader is served', async (t) => {
  const dir = dataDir(t);
  const { stream, id } = await closedWithOneEvent(dir);
  const control = { fail: false, syncs: 0 };
  const second = await open(dir, control);
  t.equal(control.syncs, 1, 'one sync ran while the store opened, before it took any call');
  t.same(await streamIds(second, stream), [id], 'what the files held is then served');
  await second.close();
});

t.test(
  'a store whose write-ahead log cannot be synced at open refuses to start with store_unsyncable, and starts ' +
    'once the disk syncs again',
  async (t) => {
    const dir = dataDir(t);
    const { stream, id } = await closedWithOneEvent(dir);
    await t.rejects(
      open(dir, { fail: true, syncs: 0 }),
      { code: 'store_unsyncable', message: /could not be made durable \(EIO: i\/o error, fdatasync\); check the disk/ },
      'the start fails, naming why',
    );
    const again = await open(dir, { fail: false, syncs: 0 });
    t.same(await streamIds(again, stream), [id], 'the failed start left the files usable and unchanged');
    await again.close();
  },
);

t.test(
  'a backup is refused, leaving no copy, while the store cannot make the copied events durable, and holds them ' +
    'once it can',
  async (t) => {
    const dir = dataDir(t);
    const control = { fail: false, syncs: 0 };
    const server = await open(dir, control);
    const client = clientOf(server);
    t.teardown(async () => {
      await client.dispose();
      await server.close();
    });
    const stream = uniqueStream('backed-up');
    const kept = jsonEvent({ type: 'Kept', data: { n: 1 } });
    await client.appendToStream(stream, kept);
    control.fail = true;
    const unsynced = jsonEvent({ type: 'Unsynced', data: { n: 2 } });
    await t.rejects(client.appendToStream(stream, unsynced), 'an append whose sync failed is not acknowledged');

    const refused = join(dir, 'refused.sqlite');
    await t.rejects(server.backup(refused), /EIO/, 'the backup fails with the sync');
    t.notOk(existsSync(refused), 'and leaves no copy behind');

    control.fail = false;
    const file = join(dir, 'copy.sqlite');
    const copy = await server.backup(file);
    const db = new Database(file, { readonly: true });
    t.teardown(() => db.close());
    const copied = db.prepare('SELECT id, position FROM events WHERE stream = ? ORDER BY revision').all(stream);
    t.same(
      copied.map((row) => (row as { id: string }).id),
      [kept.id, unsynced.id],
      'the copy holds every committed event, the one whose sync had failed now synced with it',
    );
    t.equal(copy.position, (copied.at(-1) as { position: number }).position, 'and reports the last as its position');
  },
);
