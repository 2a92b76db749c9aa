// µs of CPU a keyed write spends getting its stream's history, against the stream's length (issue 15): the own-writes
// read of the kept stream reads (src/store/stream-reads-kept.ts), its events parsed (src/application/stream-event.ts),
// then the append of one event. The store under them is a stub answering at once, so only those two files are timed.
// Usage: npx tsx bench/write/history-cost.ts [tree] (a tree's root, to time another checkout's files; default this one)
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LedgerStore, NewEvent, StoredEvent, StreamRead } from '../../src/store/adapter.js';
import { negotiatorMetadata as metadata } from '../../test/helpers/stored-metadata.js';

const root = resolve(process.argv[2] ?? '.');
const load = async <T>(path: string): Promise<T> => (await import(pathToFileURL(resolve(root, path)).href)) as T;
const { keepStreamReads } = await load<typeof import('../../src/store/stream-reads-kept.js')>(
  'src/store/stream-reads-kept.ts',
);
const { toStreamEvents } = await load<typeof import('../../src/application/stream-event.js')>(
  'src/application/stream-event.ts',
);

const data = { issueId: 'qa', on: '2026-01-15', reason: { th: 'ปิด', en: 'Closed' } };

/** A store holding one stream of `length` events that accepts every append at once. */
function stubStore(length: number): LedgerStore {
  const event = (revision: number): StoredEvent => ({
    id: `event-${revision}`,
    type: 'IssueClosed',
    streamName: 'issue-qa',
    revision: BigInt(revision),
    position: { commit: BigInt(revision), prepare: BigInt(revision) },
    recordedAt: new Date(),
    data,
    metadata: { ...metadata, hash: `h${revision}`, prev: revision === 0 ? null : `h${revision - 1}` },
  });
  const events = Array.from({ length }, (_, i) => event(i));
  let revision = length - 1;
  const read = (): Promise<StreamRead> =>
    Promise.resolve({ events: [...events], revision: BigInt(revision), head: `h${revision}` });
  const stub = {
    readStream: (_name: string, opts: { after?: unknown } = {}) =>
      opts.after === undefined
        ? read()
        : Promise.resolve({ events: [], revision: BigInt(revision), head: `h${revision}` }),
    append: (_name: string, appended: readonly NewEvent[]) => {
      revision += 1;
      const at = BigInt(revision);
      return Promise.resolve({
        revision: at,
        position: { commit: at, prepare: at },
        metadata: appended.map((e) => ({ ...e.metadata, hash: `h${revision}`, prev: `h${revision - 1}` })),
      });
    },
  };
  return stub as unknown as LedgerStore;
}

/** µs of CPU spent in toStreamEvents (each call timed on its own: includes ~1 µs of process.cpuUsage). */
let parsing = 0;

async function perWrite(length: number, writes: number): Promise<{ write: number; parse: number }> {
  const store = keepStreamReads(stubStore(length), { maxEvents: 10_000_000 });
  await store.readStream('issue-qa');
  const write = async (i: number): Promise<void> => {
    const read = await store.readStream('issue-qa', { ownWrites: true });
    const before = process.cpuUsage();
    toStreamEvents(read.events);
    const parse = process.cpuUsage(before);
    parsing += parse.user + parse.system;
    const expectedRevision = read.revision as bigint;
    await store.append('issue-qa', [{ id: `new-${length}-${i}`, type: 'IssueClosed', data, metadata }], {
      expectedRevision,
    });
  };
  for (let i = 0; i < 200; i += 1) await write(-i - 1); // warm
  parsing = 0;
  const start = process.cpuUsage();
  for (let i = 0; i < writes; i += 1) await write(i);
  const used = process.cpuUsage(start);
  return { write: (used.user + used.system) / writes, parse: parsing / writes };
}

for (const length of [10, 1_000, 10_000]) {
  const writes = length >= 10_000 ? 2_000 : 5_000;
  const { write, parse } = await perWrite(length, writes);
  console.log(
    `${length} → ${length + writes} events: ${write.toFixed(1)} µs a write, of which toStreamEvents ${parse.toFixed(1)} µs`,
  );
}
