// Figure 2: durable appends. One event per append, file mode (WAL, synchronous=FULL): one writer appending
// back to back, then 32 concurrent writers, each to its own stream, through one official client.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { EventStoreDBClient } from '@eventstore/db-client';
import type { Benchmark, BenchResult } from '../report.js';
import { sizedEvent } from './payload.js';
import { repeatFor } from './measure.js';
import { startStore } from './process.js';
import { durableCommitsPerSecond } from './disk-floor.js';

const DURATION_MS = 6_000;
const WRITERS = 32;
const EVENT_BYTES = 400;

async function rate(client: EventStoreDBClient, writers: number): Promise<number> {
  const streams = Array.from({ length: writers }, () => `durable-${randomUUID()}`);
  const t0 = performance.now();
  const counts = await Promise.all(
    streams.map((stream) => {
      let seq = 0;
      return repeatFor(DURATION_MS, () => client.appendToStream(stream, sizedEvent('Appended', (seq += 1), EVENT_BYTES)));
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return counts.reduce((a, b) => a + b, 0) / seconds;
}

export const appends: Benchmark = {
  id: 'appends',
  title: 'Durable appends',
  async run(log): Promise<BenchResult> {
    const dir = mkdtempSync(join(tmpdir(), 'bench-appends-'));
    const store = await startStore(dir);
    const client = EventStoreDBClient.connectionString(store.firstLine);
    try {
      const disk = durableCommitsPerSecond(3_000);
      log(`disk floor: ${disk.toFixed(0)} durable SQLite commits/s`);
      await rate(client, 4).then(() => undefined);
      const single = await rate(client, 1);
      log(`1 writer: ${single.toFixed(0)} appends/s`);
      const many = await rate(client, WRITERS);
      log(`${WRITERS} writers: ${many.toFixed(0)} appends/s`);
      const ratio = many / single;
      return {
        id: 'appends',
        title: 'Durable appends',
        figures: [
          { name: '1 writer, one event per append', value: single, unit: 'events/s' },
          { name: `${WRITERS} concurrent writers, one event per append`, value: many, unit: 'events/s' },
          { name: `${WRITERS} writers / 1 writer`, value: ratio, unit: '×' },
          { name: 'disk floor: bare SQLite durable commits, one row each (same run)', value: disk, unit: 'commits/s' },
          { name: `${WRITERS} writers / disk floor`, value: many / disk, unit: '×' },
        ],
        verdicts: [
          { target: `${WRITERS} writers >= 4 × one writer`, met: ratio >= 4 },
          { target: `${WRITERS} writers >= 5,000 events/s`, met: many >= 5_000 },
        ],
        notes: [`file mode (WAL, synchronous=FULL), ${EVENT_BYTES}-byte JSON events, ${DURATION_MS / 1000} s per measurement, every writer awaits its acknowledgement before the next append`],
      };
    } finally {
      await client.dispose().catch(() => undefined);
      await store.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
