// Figure 1: replay. The official client reads 100k ~400-byte events from the embedded store (own process,
// file mode) and, in the same run, from a bare grpc-js server streaming the same ReadResp bytes encoded once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { EventStoreDBClient } from '@eventstore/db-client';
import type { Benchmark, BenchResult } from '../report.js';
import { sizedEvent } from './payload.js';
import { median, timed } from './measure.js';
import { startStore } from './process.js';
import { captureFrames, readRequest, startFloor, type Floor } from './floor.js';

const EVENTS = 100_000;
const EVENT_BYTES = 400;
const BATCH = 1_000;
const RUNS = 3;

async function replayCount(client: EventStoreDBClient, stream: string): Promise<number> {
  let count = 0;
  for await (const e of client.readStream(stream)) {
    if (e.event) count += 1;
  }
  return count;
}

export const replay: Benchmark = {
  id: 'replay',
  title: 'Replay 100k events',
  async run(log): Promise<BenchResult> {
    const dir = mkdtempSync(join(tmpdir(), 'bench-replay-'));
    const store = await startStore(join(dir, 'store'));
    let floor: Floor | undefined;
    const storeClient = EventStoreDBClient.connectionString(store.firstLine);
    try {
      const stream = `replay-${randomUUID()}`;
      const fillMs = await timed(async () => {
        for (let i = 0; i < EVENTS; i += BATCH) {
          await storeClient.appendToStream(
            stream,
            Array.from({ length: BATCH }, (_, j) => sizedEvent('Replayed', i + j, EVENT_BYTES)),
          );
        }
      });
      log(`appended ${EVENTS} events of ${EVENT_BYTES} bytes in ${(fillMs / 1000).toFixed(1)} s`);

      const frames = await captureFrames(new URL(store.firstLine).host, readRequest(stream, 'forwards', EVENTS));
      floor = await startFloor(dir, frames);
      log(`floor server holds ${frames.length} pre-encoded ReadResp messages`);

      const clients = { store: storeClient, floor: floor.client };
      const times: Record<'store' | 'floor', number[]> = { store: [], floor: [] };
      for (const name of ['store', 'floor'] as const) {
        const count = await replayCount(clients[name], stream);
        if (count !== EVENTS) throw new Error(`${name} replay returned ${count} events, expected ${EVENTS}`);
      }
      for (let run = 0; run < RUNS; run += 1) {
        for (const name of ['store', 'floor'] as const) {
          const ms = await timed(() => replayCount(clients[name], stream));
          times[name].push(ms);
          log(`run ${run + 1} ${name}: ${(ms / 1000).toFixed(2)} s`);
        }
      }
      const storeRate = EVENTS / (median(times.store) / 1000);
      const floorRate = EVENTS / (median(times.floor) / 1000);
      const ratio = storeRate / floorRate;
      return {
        id: 'replay',
        title: 'Replay 100k events',
        figures: [
          { name: 'official client from the embedded store (median of 3)', value: storeRate, unit: 'events/s' },
          {
            name: 'official client from the pre-encoded floor server (median of 3)',
            value: floorRate,
            unit: 'events/s',
          },
          { name: 'store / floor', value: ratio, unit: '' },
        ],
        verdicts: [{ target: 'store >= 0.8 × floor', met: ratio >= 0.8 }],
        notes: [
          `${EVENTS} JSON events, data ${EVENT_BYTES} bytes each, one stream, file-mode store in its own process; the floor streams the store's own ReadResp bytes captured once`,
        ],
      };
    } finally {
      await storeClient.dispose().catch(() => undefined);
      await floor?.stop();
      await store.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
