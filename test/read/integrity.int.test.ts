// The integrity monitor beside the projector (ADR 0034): each event the projector reads is checked
// against its stream's chain and becomes a leaf of the Merkle log; a bad link is caught as it is
// indexed, freezes the log (nothing more is signed), and closes the stream to writers.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jsonEvent } from '@eventstore/db-client';
import { pino } from 'pino';
import t, { type Test } from 'tap';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import {
  eventLeafHash,
  generateSigningKey,
  isLeafEvent,
  leafRecordOf,
  memoryMerkleTree,
  type SigningKey,
} from '../../src/integrity/index.js';
import { createIntegrityMonitor, type IntegrityMonitor } from '../../src/read/integrity.js';
import { createProjector, type Projector } from '../../src/read/projector.js';
import { createMemoryIndex } from '../../src/read/read-index.js';
import { createLedgerStore, type LedgerStore } from '../../src/store/adapter.js';
import { IntegrityError } from '../../src/store/errors.js';
import { openTestStore, type TestStore } from '../helpers/esdb.js';
import { until } from '../helpers/until.js';

const silent = pino({ level: 'silent' });

interface Rig {
  monitor: IntegrityMonitor;
  projector: Projector;
  stop(): Promise<void>;
}

function rig(store: LedgerStore, logFile: string, key: SigningKey, everyLeaves = 1000): Rig {
  const monitor = createIntegrityMonitor({
    logFile,
    store,
    key,
    origin: 'test-ledger',
    policy: { everyLeaves, everyMs: 3_600_000 },
    logger: silent,
    sweepOnStart: false,
  });
  const projector = createProjector({ store, index: createMemoryIndex(), logger: silent, observer: monitor.observer });
  void projector.ready().then(() => monitor.caughtUp());
  return {
    monitor,
    projector,
    async stop() {
      await projector.stop();
      await monitor.stop();
    },
  };
}

/** A test store, the ledger's adapter on it and a directory for the log file, all gone when `t` ends. */
async function storeAndDir(t: Test): Promise<{ testStore: TestStore; store: LedgerStore; dir: string }> {
  const testStore = await openTestStore();
  t.teardown(() => testStore.close());
  const dir = await mkdtemp(path.join(tmpdir(), 'ledger-integrity-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return { testStore, store: createLedgerStore(testStore.client), dir };
}

const note = (n: number) => ({ id: randomUUID(), type: 'NoteTaken', data: { n }, metadata: { schema: 1 } });

t.test(
  'the projector checks every link, the log holds every ledger event, and a bad link is caught as it is indexed',
  async (t) => {
    const { testStore, store, dir } = await storeAndDir(t);
    const stream = `position-${randomUUID()}`;
    const other = `issue-${randomUUID()}`;
    const { key } = generateSigningKey('test-ledger');

    await store.append(stream, [note(0), note(1)], { expectedRevision: 'no_stream' });
    await store.append(other, [note(0)], { expectedRevision: 'no_stream' });
    const first = rig(store, path.join(dir, 'merkle.sqlite'), key, 2);
    await first.projector.start();
    await first.projector.ready();
    await until(
      () => first.monitor.log.tree.size() === 3 && first.monitor.log.latestCheckpoint() !== undefined,
      'three leaves and a checkpoint',
    );
    t.equal(
      first.monitor.log.latestCheckpoint()?.treeSize,
      3,
      'a checkpoint is signed once the projector has caught up',
    );
    await first.stop();

    // Restarted on the same file: it resumes where it was, with the chain heads it had checked.
    const second = rig(store, path.join(dir, 'merkle.sqlite'), key);
    t.teardown(() => second.stop());
    await store.append(stream, [note(2)], { expectedRevision: 1n });
    await second.projector.start();
    await until(() => second.monitor.log.tree.size() === 4, 'the fourth leaf');
    t.same(second.monitor.status(), { ok: true });
    const leaves: Buffer[] = [];
    for await (const e of store.readAll()) if (isLeafEvent(e)) leaves.push(eventLeafHash(leafRecordOf(e)));
    const tree = memoryMerkleTree();
    tree.append(leaves.slice(-4));
    t.ok(tree.root().equals(second.monitor.log.tree.root()), "the log's root is the one the store's events give");

    // An event appended around the adapter, with a link that does not hold.
    await testStore.client.appendToStream(stream, [
      jsonEvent({ type: 'NoteTaken', data: { n: 3 }, metadata: { schema: 1, prev: 'not-the-last-hash', hash: 'x' } }),
    ]);
    await until(() => !second.monitor.status().ok, 'the break is found');
    t.match(second.monitor.status(), {
      ok: false,
      stream,
      revision: '3',
      foundBy: 'projector',
      reason: /prev is not-the-last-hash/,
    });
    t.equal(second.monitor.log.tree.size(), 4, 'the broken event is no leaf');

    // Nothing more joins the log, and the broken stream is closed to writers; other streams are not.
    await store.append(other, [note(1)], { expectedRevision: 0n });
    await new Promise((resolve) => setTimeout(resolve, 300));
    t.equal(second.monitor.log.tree.size(), 4, 'the log is frozen after a break');
    const guarded = second.monitor.guard(store);
    await t.rejects(guarded.readStream(stream), IntegrityError);
    t.equal((await guarded.readStream(other)).events.length, 2);
  },
);

t.test('a stream read on the write side that finds a break records it', async (t) => {
  const testStore = await openTestStore();
  t.teardown(() => testStore.close());
  const store = createLedgerStore(testStore.client);
  const stream = `position-${randomUUID()}`;
  await store.append(stream, [note(0)], { expectedRevision: 'no_stream' });
  await testStore.client.appendToStream(stream, [
    jsonEvent({ type: 'NoteTaken', data: { n: 1 }, metadata: { schema: 1, prev: 'wrong', hash: 'x' } }),
  ]);
  const monitor = createIntegrityMonitor({
    logFile: ':memory:',
    store,
    key: generateSigningKey('test-ledger').key,
    origin: 'test-ledger',
    policy: { everyLeaves: 10, everyMs: 60_000 },
    logger: silent,
    sweepOnStart: false,
  });
  t.teardown(() => monitor.stop());
  await t.rejects(monitor.guard(store).readStream(stream), IntegrityError);
  t.match(monitor.status(), { ok: false, stream, revision: '1', foundBy: 'stream read' });
  t.ok(monitor.broken().has(stream));
});

t.test(
  'when the checks crash it is reported, nothing more is indexed unchecked, and a new checker carries on',
  async (t) => {
    const { store, dir } = await storeAndDir(t);
    const stream = `position-${randomUUID()}`;
    await store.append(stream, [note(0)], { expectedRevision: 'no_stream' });
    const workers: Worker[] = [];
    const errors: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => void errors.push(line) });
    const monitor = createIntegrityMonitor({
      logFile: path.join(dir, 'merkle.sqlite'),
      store,
      key: generateSigningKey('test-ledger').key,
      origin: 'test-ledger',
      policy: { everyLeaves: 1000, everyMs: 3_600_000 },
      logger,
      sweepOnStart: false,
      spawn: (bootstrap, options) => {
        const worker = new Worker(bootstrap, options);
        workers.push(worker);
        return worker;
      },
    });
    const projector = createProjector({
      store,
      index: createMemoryIndex(),
      logger: silent,
      observer: monitor.observer,
    });
    t.teardown(async () => {
      await projector.stop();
      await monitor.stop();
    });
    await projector.start();
    await projector.ready();
    t.equal(monitor.log.tree.size(), 1);

    await workers[0]?.terminate();
    t.match(monitor.checkerFailure(), /ended/, 'the failure is known at once');
    t.match(errors.join(''), /the integrity checker stopped/, 'and logged');
    const appended = await store.append(stream, [note(1)], { expectedRevision: 0n });
    await until(() => workers.length === 2 && monitor.checkerFailure() === null, 'a new checker runs');
    let leavesWhenReached = 0;
    await until(() => {
      leavesWhenReached = monitor.log.tree.size();
      return (projector.status().position?.commit ?? '') === appended.position.commit.toString();
    }, 'the projector reaches the event');
    t.equal(leavesWhenReached, 2, 'only once the new checker has made it a leaf');
    t.same(monitor.status(), { ok: true });
  },
);

t.test('an event the projector has reached is already a leaf: a proof asked after minPosition finds it', async (t) => {
  const { store, dir } = await storeAndDir(t);
  const stream = `position-${randomUUID()}`;
  const { key } = generateSigningKey('test-ledger');
  const checked = rig(store, path.join(dir, 'merkle.sqlite'), key);
  t.teardown(() => checked.stop());
  await checked.projector.start();
  await checked.projector.ready();
  let revision: bigint | 'no_stream' = 'no_stream';
  for (let i = 0; i < 20; i += 1) {
    const event = note(i);
    const appended = await store.append(stream, [event], { expectedRevision: revision });
    revision = appended.revision;
    t.ok(await checked.projector.waitFor(appended.position.commit, 10_000), `event ${i} reached`);
    t.equal(checked.monitor.log.leafOf(event.id), i, `and it is leaf ${i} already`);
  }
});

t.test(
  'a catch-up of thousands of events is checked whole: a bad link past the first thousand is caught and no later event is a leaf',
  async (t) => {
    const { testStore, store, dir } = await storeAndDir(t);
    const { key } = generateSigningKey('test-ledger');
    const streams = Array.from({ length: 25 }, () => `position-${randomUUID()}`);
    // 25 streams of 100 events each: the catch-up reads 2,500 events, handed to the checks a thousand at a time.
    for (const stream of streams)
      await store.append(
        stream,
        Array.from({ length: 100 }, (_, n) => note(n)),
        { expectedRevision: 'no_stream' },
      );
    const broken = streams[17] ?? '';
    await testStore.client.appendToStream(broken, [
      jsonEvent({ type: 'NoteTaken', data: { n: 100 }, metadata: { schema: 1, prev: 'not-the-last-hash', hash: 'x' } }),
    ]);
    await store.append(streams[3] ?? '', [note(100)], { expectedRevision: 99n });

    const checked = rig(store, path.join(dir, 'merkle.sqlite'), key, 1_000_000);
    t.teardown(() => checked.stop());
    await checked.projector.start();
    await checked.projector.ready();
    t.match(checked.monitor.status(), { ok: false, stream: broken, revision: '100', foundBy: 'projector' });
    t.equal(checked.monitor.log.tree.size(), 2500, 'every event before the bad link is a leaf, none after it');
    const leaves: Buffer[] = [];
    for await (const e of store.readAll()) if (isLeafEvent(e)) leaves.push(eventLeafHash(leafRecordOf(e)));
    const tree = memoryMerkleTree();
    tree.append(leaves.slice(0, 2500));
    t.ok(
      tree.root().equals(checked.monitor.log.tree.root()),
      "the log's root is the one the store's first 2,500 events give",
    );
  },
);

t.test(
  'a log file of an earlier format is built again from the store when the monitor starts: every event a leaf',
  async (t) => {
    const { store, dir } = await storeAndDir(t);
    const { key } = generateSigningKey('test-ledger');
    const stream = `position-${randomUUID()}`;
    const events = Array.from({ length: 150 }, (_, n) => note(n));
    await store.append(stream, events, { expectedRevision: 'no_stream' });
    // The format of ADR 0047 (a row per node and per leaf), as an older server left it: its position past
    // every event, so a log that kept it would look at nothing.
    const logFile = path.join(dir, 'merkle.sqlite');
    const old = new Database(logFile);
    old.exec(`
      CREATE TABLE merkle_node (pos INTEGER PRIMARY KEY, hash BLOB NOT NULL);
      CREATE TABLE merkle_head (id INTEGER PRIMARY KEY CHECK (id = 1), format INTEGER NOT NULL, nodes INTEGER NOT NULL,
        commit_pos INTEGER, prepare_pos INTEGER);
      CREATE TABLE log_leaf (idx INTEGER PRIMARY KEY, event_id TEXT NOT NULL, stream TEXT NOT NULL, revision INTEGER NOT NULL);
      CREATE TABLE log_state (id INTEGER PRIMARY KEY CHECK (id = 1), commit_pos INTEGER NOT NULL, prepare_pos INTEGER NOT NULL);
      INSERT INTO merkle_head (id, format, nodes, commit_pos, prepare_pos) VALUES (1, 1, 0, NULL, NULL);
      INSERT INTO log_state (id, commit_pos, prepare_pos) VALUES (1, 9000000000, 9000000000);
    `);
    old.close();

    const checked = rig(store, logFile, key);
    t.teardown(() => checked.stop());
    await checked.projector.start();
    await checked.projector.ready();
    t.same(checked.monitor.status(), { ok: true });
    t.equal(checked.monitor.log.tree.size(), 150, 'every event of the store is a leaf again');
    const tree = memoryMerkleTree();
    const leaves: Buffer[] = [];
    for await (const e of store.readAll()) if (isLeafEvent(e)) leaves.push(eventLeafHash(leafRecordOf(e)));
    tree.append(leaves);
    t.ok(tree.root().equals(checked.monitor.log.tree.root()), "the log's root is the one the store's events give");
    t.equal(checked.monitor.log.leafOf(events[149]?.id ?? ''), 149, 'and its events are found by id');
  },
);
