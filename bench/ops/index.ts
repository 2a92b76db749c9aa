// `npm run bench -- ops`: `ledger export` and `ledger import` rates (issue 14), beside the floor they
// stand on: the official client reading the same events from the same store ($all, forwards, nothing
// done with them). OPS_BENCH_EVENTS sizes the ledger (default 1M). The source and the target are each
// a standalone embedded store on files, in a process of their own; export and import run here through
// the store adapter, as the CLI runs them.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDBClient, FORWARDS, START } from '@eventstore/db-client';
import type { Benchmark, BenchResult } from '../report.js';
import { fillLedger } from '../read/ledger-events.js';
import { startStore } from '../store/process.js';
import { createLedgerStore } from '../../src/store/adapter.js';
import { exportLedger } from '../../src/ops/export.js';
import { openExportSink, readExportLines } from '../../src/ops/files.js';
import { importLedger } from '../../src/ops/import.js';

function opsEvents(): number {
  const raw = process.env['OPS_BENCH_EVENTS'];
  const n = raw === undefined || raw === '' ? 1_000_000 : Number(raw);
  if (!Number.isInteger(n) || n < 1000) throw new RangeError('OPS_BENCH_EVENTS must be a whole number >= 1000');
  return n;
}

async function rawRead(client: EventStoreDBClient): Promise<number> {
  let n = 0;
  for await (const e of client.readAll({ direction: FORWARDS, fromPosition: START }))
    if (e.event !== undefined && !e.event.streamId.startsWith('$')) n += 1;
  return n;
}

const timed = async <T>(f: () => Promise<T>): Promise<{ value: T; s: number }> => {
  const t0 = performance.now();
  const value = await f();
  return { value, s: (performance.now() - t0) / 1000 };
};

export const transfer: Benchmark = {
  id: 'transfer',
  title: 'ledger export and import',
  async run(log): Promise<BenchResult> {
    const total = opsEvents();
    const dir = mkdtempSync(join(tmpdir(), 'bench-ops-'));
    const source = await startStore(join(dir, 'source'));
    const target = await startStore(join(dir, 'target'));
    const sourceClient = EventStoreDBClient.connectionString(source.firstLine);
    const targetClient = EventStoreDBClient.connectionString(target.firstLine);
    try {
      await fillLedger(sourceClient, total, log);
      const read = await timed(() => rawRead(sourceClient));
      log(`raw client read: ${read.value} events in ${read.s.toFixed(1)} s`);
      const store = createLedgerStore(sourceClient);
      const results: { name: string; file: string; s: number; bytes: number }[] = [];
      for (const file of [join(dir, 'ledger.jsonl'), join(dir, 'ledger.jsonl.gz')]) {
        const sink = openExportSink(file);
        const run = await timed(async () => {
          await exportLedger(store, sink.stream, { source: 'bench' });
          await sink.finish();
        });
        results.push({
          name: file.endsWith('.gz') ? 'export, gzip' : 'export, plain',
          file,
          s: run.s,
          bytes: statSync(file).size,
        });
        log(`${file}: ${run.s.toFixed(1)} s, ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB`);
      }
      // The floor again, warm (the first read also paid for the client's and the store's warm-up): the faster counts.
      const again = await timed(() => rawRead(sourceClient));
      log(`raw client read again: ${again.value} events in ${again.s.toFixed(1)} s`);
      const floorS = Math.min(read.s, again.s);
      const gz = join(dir, 'ledger.jsonl.gz');
      const imported = await timed(() => importLedger(createLedgerStore(targetClient), createReadStreamLines(gz)));
      log(`import: ${imported.value.imported} events in ${imported.s.toFixed(1)} s`);
      const readRate = read.value / floorS;
      const figures = [
        {
          name: `raw client read of the same ${read.value} events ($all, official client; the faster of a read before and after the exports)`,
          value: readRate,
          unit: 'events/s',
        },
        ...results.flatMap((r) => [
          { name: `${r.name} (two passes: count, then write)`, value: read.value / r.s, unit: 'events/s' },
          { name: `${r.name} / raw client read`, value: read.value / r.s / readRate, unit: '×' },
          { name: `${r.name}: file size`, value: r.bytes / 2 ** 20, unit: 'MiB' },
        ]),
        {
          name: 'import from the gzip file (sequential appends, 100 events each here)',
          value: imported.value.imported / imported.s,
          unit: 'events/s',
        },
        { name: 'import / raw client read', value: imported.value.imported / imported.s / readRate, unit: '×' },
      ];
      return {
        id: 'transfer',
        title: 'ledger export and import',
        figures,
        verdicts: [],
        notes: [
          `${read.value} events: position streams of 100 PositionDrafted/PositionEndorsed events each (bench/read/ledger-events.ts), appended 100 at a time, so the import's appends carry 100 events each; a ledger written by the API (one or two events per append) imports at about the target's append rate instead`,
          'source and target are standalone embedded stores (src/embedded/main.ts) on files, each in its own process; export and import run in the benchmark process through the store adapter, as `ledger export` / `ledger import` do',
          'the export reads $all twice (counts for the header, then the lines), so its ceiling is half the raw read rate',
        ],
      };
    } finally {
      await sourceClient.dispose().catch(() => undefined);
      await targetClient.dispose().catch(() => undefined);
      await source.stop();
      await target.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

function createReadStreamLines(file: string): AsyncIterable<string> {
  let lines: AsyncIterable<string> | undefined;
  return {
    async *[Symbol.asyncIterator]() {
      lines ??= await readExportLines(file);
      yield* lines;
    },
  };
}

export const opsBenchmarks: Benchmark[] = [transfer];
