import t, { type Test } from 'tap';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asOfFor } from '../../projections/index.js';
import type { Envelope } from '../../projections/envelope.js';
import { createFileIndex, createMemoryIndex, type ReadIndex } from '../../src/read/read-index.js';
import { createReadModels } from '../../src/read/read-models.js';
import { openIndexFile, type IndexFile } from '../../src/read/index-file.js';
import { openIndexFileInThread } from '../../src/read/index-file-thread.js';
import { createProjector } from '../../src/read/projector.js';
import type { LedgerSubscription, StoredEvent } from '../../src/store/adapter.js';
import { pino } from 'pino';
import { draftEvent } from './events.js';
import { everyEventLog } from '../projections/timeline.js';

const asOfs = [asOfFor('valid', '2030-01-01T00:00:00.000Z'), asOfFor('recorded', '2024-03-01T12:00:00.000Z')];

function tempDir(t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-read-unwritten-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A file whose writes wait until the test commits (or fails) them, oldest first, and whose answers wait until the
 * test gives them: as a writer thread does, with its commit and its answer apart.
 */
function heldBack(file: IndexFile) {
  const queue: Array<{ commit(): void; fail(): void }> = [];
  const answers: Array<() => void> = [];
  const held: IndexFile = {
    ...file,
    append(batch, keys, checkpoint) {
      // Cloned when handed over, as postMessage does.
      const copy = structuredClone({ batch, keys, checkpoint });
      return new Promise<void>((resolve, reject) =>
        queue.push({
          commit() {
            file.append(copy.batch, copy.keys, copy.checkpoint);
            answers.push(resolve);
          },
          fail: () => reject(new Error('disk full')),
        }),
      );
    },
  };
  return { file: held, queue, answers };
}

const kinds = ['issue', 'consultation', 'session', 'process'] as const;

/** What a reader of the index sees: the read models, every key's row (its version: ETags), the envelopes, the count. */
function seen(index: ReadIndex) {
  return {
    models: asOfs.map((a) => createReadModels(index).snapshotAll(a)),
    keys: kinds.flatMap((kind) => index.idsOf(kind).map((id) => [`${kind}:${id}`, index.stateOf(`${kind}:${id}`)])),
    all: index.all().map((e) => e.eventId),
    size: index.size,
  };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What a process started on the file now would read: the file's checkpoint, and the index it restores. */
function afterACrash(path: string, envelopes: readonly Envelope[]) {
  const file = openIndexFile(path, 'test', { readOnly: true });
  try {
    const index = createFileIndex(file, { cachedEnvelopes: 3 });
    const checkpoint = index.restore();
    const memory = createMemoryIndex();
    for (const e of envelopes) if (checkpoint !== null && e.commit <= checkpoint.commit) memory.add(e);
    return { restored: seen(index), expected: seen(memory) };
  } finally {
    file.close();
  }
}

t.test(
  'an index whose file is written later answers as the in-memory index does, whatever is written, answered or failed when',
  async (t) => {
    const { envelopes } = everyEventLog();
    const dir = tempDir(t);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('add', 'add', 'add', 'flush', 'commit', 'answer', 'fail', 'look', 'crash'), {
          minLength: envelopes.length,
          maxLength: envelopes.length * 3,
        }),
        async (steps) => {
          run += 1;
          const path = join(dir, `index-${run}.sqlite`);
          const file = openIndexFile(path, 'test');
          const { file: later, queue, answers } = heldBack(file);
          const index = createFileIndex(later, { cachedEnvelopes: 3 });
          const memory = createMemoryIndex();
          let next = 0;
          const add = (e: Envelope): void => {
            index.add(e);
            memory.add(e);
          };
          const flushed: Array<Promise<void>> = [];
          for (const step of steps) {
            const e = envelopes[next];
            if (step === 'add' && e !== undefined) {
              add(e);
              next += 1;
            } else if (step === 'flush' && next > 0) {
              const last = envelopes[next - 1];
              const writing =
                last === undefined ? undefined : index.flush({ commit: last.commit, prepare: last.prepare });
              if (writing !== undefined) flushed.push(writing.catch(() => undefined));
            } else if (step === 'commit') queue.shift()?.commit();
            else if (step === 'fail' && answers.length === 0) {
              queue.shift()?.fail();
              await settle();
            } else if (step === 'answer') {
              answers.shift()?.();
              await settle();
            } else if (step === 'look') t.same(seen(index), seen(memory));
            else if (step === 'crash') {
              const { restored, expected } = afterACrash(path, envelopes);
              t.same(restored, expected, 'the file holds what its checkpoint covers');
            }
          }
          for (const e of envelopes.slice(next)) add(e);
          t.same(seen(index), seen(memory), 'with some written, some handed over, some failed');
          const last = envelopes[envelopes.length - 1];
          if (last === undefined) throw new Error('empty log');
          // Every batch handed over is written in the end, the failed ones with the last flush.
          const end = index.flush({ commit: last.commit, prepare: last.prepare });
          while (queue.length > 0 || answers.length > 0) {
            queue.shift()?.commit();
            answers.shift()?.();
            await settle();
          }
          await end;
          await Promise.all(flushed);
          t.same(seen(index), seen(memory), 'with all written');
          file.close();

          const reopened = openIndexFile(path, 'test');
          const restored = createFileIndex(reopened, { cachedEnvelopes: 3 });
          t.same(restored.restore(), { commit: last.commit, prepare: last.prepare }, 'the last checkpoint');
          t.same(seen(restored), seen(memory), 'read back from the file');
          reopened.close();
        },
      ),
      { numRuns: 25 },
    );
  },
);

t.test('a batch that could not be written is written with the next flush, and only once', async (t) => {
  const { envelopes } = everyEventLog();
  const dir = tempDir(t);
  const path = join(dir, 'index.sqlite');
  const file = openIndexFile(path, 'test');
  const { file: later, queue, answers } = heldBack(file);
  const index = createFileIndex(later);
  const [a, b] = envelopes;
  if (a === undefined || b === undefined) throw new Error('empty log');
  index.add(a);
  const first = index.flush({ commit: a.commit, prepare: a.prepare });
  queue.shift()?.fail();
  await t.rejects(first ?? Promise.resolve(), /disk full/, 'the flush is told');
  t.equal(index.has(a.streamName, a.eventId), true, 'the event is still held');
  index.add(b);
  const second = index.flush({ commit: b.commit, prepare: b.prepare });
  t.equal(queue.length, 1, 'one write for both');
  queue.shift()?.commit();
  answers.shift()?.();
  await second;
  file.close();
  const restored = createFileIndex(openIndexFile(path, 'test'));
  t.same(restored.restore(), { commit: b.commit, prepare: b.prepare });
  t.equal(restored.size, 2, 'each envelope once');
  t.same(
    restored.all().map((e) => e.eventId),
    [a.eventId, b.eventId],
  );
});

t.test('an index file written on its own thread holds every flushed envelope once its close resolves', async (t) => {
  const { envelopes } = everyEventLog();
  const dir = tempDir(t);
  const path = join(dir, 'read-models.sqlite');
  const memory = createMemoryIndex();
  for (const e of envelopes) memory.add(e);

  const file = openIndexFileInThread(path, 'test');
  const index = createFileIndex(file, { cachedEnvelopes: 3 });
  t.equal(index.restore(), null, 'a new file holds nothing');
  const writes: Array<Promise<void>> = [];
  envelopes.forEach((e, i) => {
    index.add(e);
    if (i % 5 === 4) {
      const writing = index.flush({ commit: e.commit, prepare: e.prepare });
      if (writing !== undefined) writes.push(writing);
    }
  });
  t.same(seen(index), seen(memory), 'while its writes are under way');
  const last = envelopes[envelopes.length - 1];
  if (last === undefined) throw new Error('empty log');
  const writing = index.flush({ commit: last.commit, prepare: last.prepare });
  t.not(writing, undefined, 'a flush is a promise of its write');
  await Promise.all([...writes, writing]);
  t.same(seen(index), seen(memory), 'once written');
  await file.close();

  const reopened = openIndexFileInThread(path, 'test');
  const restored = createFileIndex(reopened, { cachedEnvelopes: 3 });
  t.same(restored.restore(), { commit: last.commit, prepare: last.prepare }, 'the checkpoint comes back');
  t.same(seen(restored), seen(memory), 'read back from the file');
  await reopened.close();
});

t.test('a catch-up does not outrun its index file: it waits while two flushes are not yet written', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'index.sqlite');
  const file = openIndexFile(path, 'test');
  const { file: later, queue, answers } = heldBack(file);
  const index = createFileIndex(later);
  const total = 1000;
  const events: StoredEvent[] = Array.from({ length: total }, (_, i) => {
    const e = draftEvent(`catch-up-${i}`, 1);
    const at = BigInt(i + 1);
    return {
      ...e,
      streamName: `position-catch-up-${i}`,
      revision: 0n,
      position: { commit: at, prepare: at },
      recordedAt: new Date(),
    };
  });
  const store = {
    async *readAll(): AsyncGenerator<StoredEvent> {
      for (const [i, e] of events.entries()) {
        if (i % 10 === 0) await settle();
        yield e;
      }
    },
    subscribeToAll(): LedgerSubscription {
      let end: () => void = () => undefined;
      const ended = new Promise<void>((resolve) => (end = resolve));
      return {
        [Symbol.asyncIterator]: () => ({
          next: async (): Promise<IteratorResult<StoredEvent>> => {
            await ended;
            return { done: true, value: undefined };
          },
        }),
        close: async () => end(),
      };
    },
  };
  const projector = createProjector({
    store,
    index,
    logger: pino({ level: 'silent' }),
    flushEvery: { events: 10, ms: 1000, catchUpEvents: 10 },
  });
  await projector.start();
  for (let i = 0; i < 50; i += 1) await settle();
  t.ok(index.size < 100, `with no write answered it indexed ${index.size} of ${total} events, not all`);
  t.ok(queue.length <= 1, 'one write handed over');
  let ready = false;
  void projector.ready().then(() => (ready = true));
  while (!ready) {
    queue.shift()?.commit();
    answers.shift()?.();
    await settle();
  }
  t.equal(index.size, total, 'it catches up as the writes are answered');
  const stopping = projector.stop();
  while (queue.length > 0 || answers.length > 0) {
    queue.shift()?.commit();
    answers.shift()?.();
    await settle();
  }
  await stopping;
  file.close();
  const restored = createFileIndex(openIndexFile(path, 'test'));
  t.same(restored.restore(), events[total - 1]?.position, 'the file holds the whole catch-up');
  t.equal(restored.size, total);
});
