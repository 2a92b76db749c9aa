// The write side's benchmarks (issue 3): what a write through Ledger.execute costs on the embedded store
// (file mode, a separate process as in production), and what the Idempotency-Key claim adds to it
// (docs/adr/0006-idempotency.md: one more read and one more append per keyed write).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { EventStoreDBClient } from '@eventstore/db-client';
import { pino } from 'pino';
import { LedgerCommand, type Principal } from '../../contracts/index.js';
import { createLedger, type Ledger } from '../../src/application/ledger.js';
import { createLedgerStore } from '../../src/store/adapter.js';
import type { Benchmark, BenchResult } from '../report.js';
import { median, percentile, repeatFor } from '../store/measure.js';
import { startStore } from '../store/process.js';
import { contention } from './contention.js';

const SEQUENTIAL = 400;
const WRITERS = 32;
const DURATION_MS = 6_000;

const principal: Principal = { id: 'bench-desk', agency: 'MFA', roles: ['negotiator'], clearance: 'secret' };

function registerProcess(): LedgerCommand {
  return LedgerCommand.parse({
    type: 'RegisterProcess',
    processId: `bench-${randomUUID().slice(0, 13)}`,
    kind: 'other',
    title: { th: 'กระบวนการทดสอบ', en: 'Bench process' },
    forum: 'bench',
  });
}

function write(ledger: Ledger, keyed: boolean): Promise<unknown> {
  return ledger.execute(registerProcess(), {
    principal,
    correlationId: randomUUID(),
    ...(keyed ? { idempotencyKey: randomUUID() } : {}),
  });
}

/** Per-write latencies (ms), alternating keyed and keyless writes so both see the same machine. */
async function latencies(ledger: Ledger): Promise<{ keyless: number[]; keyed: number[] }> {
  const keyless: number[] = [];
  const keyed: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    for (const [withKey, into] of [
      [false, keyless],
      [true, keyed],
    ] as const) {
      const t0 = performance.now();
      await write(ledger, withKey);
      into.push(performance.now() - t0);
    }
  }
  return { keyless: keyless.sort((a, b) => a - b), keyed: keyed.sort((a, b) => a - b) };
}

export const writes: Benchmark = {
  id: 'writes',
  title: 'Writes through the ledger',
  async run(log): Promise<BenchResult> {
    const dir = mkdtempSync(join(tmpdir(), 'bench-writes-'));
    const store = await startStore(dir);
    const client = EventStoreDBClient.connectionString(store.firstLine);
    try {
      const ledger = createLedger({ store: createLedgerStore(client), logger: pino({ level: 'silent' }) });
      for (let i = 0; i < 50; i++) await write(ledger, i % 2 === 0); // warm-up
      const { keyless, keyed } = await latencies(ledger);
      const [keylessMedian, keyedMedian] = [median(keyless), median(keyed)];
      log(
        `sequential: keyless ${keylessMedian.toFixed(2)} ms, keyed ${keyedMedian.toFixed(2)} ms (median of ${SEQUENTIAL})`,
      );
      const t0 = performance.now();
      const counts = await Promise.all(
        Array.from({ length: WRITERS }, () => repeatFor(DURATION_MS, () => write(ledger, true))),
      );
      const concurrent = counts.reduce((a, b) => a + b, 0) / ((performance.now() - t0) / 1000);
      log(`${WRITERS} concurrent keyed writers: ${concurrent.toFixed(0)} writes/s`);
      return {
        id: 'writes',
        title: 'Writes through the ledger',
        figures: [
          { name: 'one writer, no Idempotency-Key: median latency', value: keylessMedian, unit: 'ms' },
          { name: 'one writer, with Idempotency-Key (claim + events): median latency', value: keyedMedian, unit: 'ms' },
          { name: 'one writer, with Idempotency-Key: p99 latency', value: percentile(keyed, 99), unit: 'ms' },
          { name: 'keyed / keyless median', value: keyedMedian / keylessMedian, unit: '×' },
          { name: `${WRITERS} concurrent keyed writers, each to new streams`, value: concurrent, unit: 'writes/s' },
          {
            name: `${WRITERS} concurrent keyed writers / one keyed writer`,
            value: concurrent / (1000 / keyedMedian),
            unit: '×',
          },
        ],
        verdicts: [],
        notes: [
          'Each write is RegisterProcess on a new stream: read the claim, read the stream, decide, append the claim (keyed only), append the event.',
          'Keyed and keyless writes alternate in the sequential run, so both see the same load.',
        ],
      };
    } finally {
      await client.dispose();
      await store.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export const writeBenchmarks: Benchmark[] = [writes, contention];
