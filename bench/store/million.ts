// Figures 3 and 4: reading the last event of one stream with 10k and then 1M events in the store (p99
// through the official client), the peak RSS of the store process holding 1M events (VmHWM from /proc),
// and how long a restart on those files takes to serve again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { BACKWARDS, END, EventStoreDBClient } from '@eventstore/db-client';
import type { Benchmark, BenchResult, Figure } from '../report.js';
import { sizedEvent } from './payload.js';
import { percentile, timed, watchGcPauses } from './measure.js';
import { procStatusBytes, startStore } from './process.js';
import { captureFrames, readRequest, startFloor } from './floor.js';

const PER_STREAM = 1_000;
const SMALL = 10_000;
const LARGE = 1_000_000;
const EVENT_BYTES = 100;
const IN_FLIGHT = 4;
const SAMPLES = 2_000;
const MiB = 2 ** 20;

async function fill(client: EventStoreDBClient, streams: string[]): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < streams.length) {
      const stream = streams[next];
      next += 1;
      if (stream === undefined) return;
      await client.appendToStream(
        stream,
        Array.from({ length: PER_STREAM }, (_, i) => sizedEvent('Filled', i, EVENT_BYTES)),
        {
          deadline: 120_000,
        },
      );
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, () => worker()));
}

async function readLast(client: EventStoreDBClient, stream: string): Promise<void> {
  let seen = 0;
  for await (const e of client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
    if (e.event?.revision === BigInt(PER_STREAM - 1)) seen += 1;
  }
  if (seen !== 1) throw new Error(`the last event of ${stream} was not read`);
}

interface Latencies {
  p50: number;
  p99: number;
  max: number;
  /** GC pauses of this (client) process while sampling: how many, their total ms. */
  clientGcs: number;
  clientGcMs: number;
  /** Of the samples at or above p99, how many overlapped a GC pause of this process. */
  slowWithClientGc: number;
  slow: number;
}

async function latencies(client: EventStoreDBClient, streams: string[]): Promise<Latencies> {
  const pick = (): string => streams[Math.floor(Math.random() * streams.length)] ?? '';
  for (let i = 0; i < 200; i += 1) await readLast(client, pick());
  const gc = watchGcPauses();
  const samples: { start: number; ms: number }[] = [];
  for (let i = 0; i < SAMPLES; i += 1) {
    const start = performance.now();
    const ms = await timed(() => readLast(client, pick()));
    samples.push({ start, ms });
  }
  const gcs = await gc.stop();
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const p99 = percentile(sorted, 99);
  const slow = samples.filter((s) => s.ms >= p99);
  const slowWithClientGc = slow.filter((s) => gcs.some((g) => g.start < s.start + s.ms && g.end > s.start)).length;
  return {
    p50: percentile(sorted, 50),
    p99,
    max: percentile(sorted, 100),
    clientGcs: gcs.length,
    clientGcMs: gcs.reduce((sum, g) => sum + (g.end - g.start), 0),
    slowWithClientGc,
    slow: slow.length,
  };
}

const gcNote = (l: Latencies): string =>
  `${l.slowWithClientGc} of the ${l.slow} samples at or above p99 overlapped one of the client's ${l.clientGcs} GC pauses (${l.clientGcMs.toFixed(0)} ms in all)`;

export const million: Benchmark = {
  id: 'million',
  title: 'Last event of a stream; 1M events',
  async run(log): Promise<BenchResult> {
    const dir = mkdtempSync(join(tmpdir(), 'bench-million-'));
    let store = await startStore(dir);
    let client = EventStoreDBClient.connectionString(store.firstLine);
    try {
      const tag = randomUUID().slice(0, 8);
      const streams = Array.from({ length: LARGE / PER_STREAM }, (_, i) => `m${tag}-${i}`);
      const small = streams.slice(0, SMALL / PER_STREAM);
      await fill(client, small);
      const at10k = await latencies(client, small);
      log(`10k events: p50 ${at10k.p50.toFixed(2)} ms, p99 ${at10k.p99.toFixed(2)} ms; ${gcNote(at10k)}`);

      const fillMs = await timed(() => fill(client, streams.slice(small.length)));
      log(
        `filled to ${LARGE} events in ${(fillMs / 1000).toFixed(1)} s (${((LARGE - SMALL) / (fillMs / 1000)).toFixed(0)} events/s)`,
      );
      const at1m = await latencies(client, streams);
      log(`1M events: p50 ${at1m.p50.toFixed(2)} ms, p99 ${at1m.p99.toFixed(2)} ms; ${gcNote(at1m)}`);
      const same = await latencies(client, small);
      log(
        `1M events, the same ${small.length} streams as at 10k: p50 ${same.p50.toFixed(2)} ms, p99 ${same.p99.toFixed(2)} ms; ${gcNote(same)}`,
      );
      const peak = procStatusBytes(store.pid, 'VmHWM');
      const rss = procStatusBytes(store.pid, 'VmRSS');

      // The floor: the same read answered by a bare grpc-js server with the store's own bytes for it.
      const frames = await captureFrames(new URL(store.firstLine).host, readRequest(streams[0] ?? '', 'backwards', 1));
      const floor = await startFloor(dir, frames);
      let floorLatency: Latencies;
      try {
        floorLatency = await latencies(floor.client, streams);
      } finally {
        await floor.stop();
      }
      log(
        `floor (bare grpc-js server, pre-encoded answer): p50 ${floorLatency.p50.toFixed(2)} ms, p99 ${floorLatency.p99.toFixed(2)} ms; ${gcNote(floorLatency)}`,
      );

      await client.dispose();
      await store.stop();
      store = await startStore(dir);
      client = EventStoreDBClient.connectionString(store.firstLine);
      const firstReadMs = await timed(() => readLast(client, streams[streams.length - 1] ?? ''));
      const restarted = await latencies(client, streams);
      const restartPeak = procStatusBytes(store.pid, 'VmHWM');
      log(`restart: listening after ${store.startupMs.toFixed(0)} ms, first read ${firstReadMs.toFixed(1)} ms`);

      const figures: Figure[] = [
        { name: 'read last event, 10k events stored: p50', value: at10k.p50, unit: 'ms' },
        { name: 'read last event, 10k events stored: p99', value: at10k.p99, unit: 'ms' },
        { name: 'read last event, 1M events stored: p50', value: at1m.p50, unit: 'ms' },
        { name: 'read last event, 1M events stored: p99', value: at1m.p99, unit: 'ms' },
        {
          name: `read last event, 1M events stored, the same ${SMALL / PER_STREAM} streams as at 10k: p50`,
          value: same.p50,
          unit: 'ms',
        },
        {
          name: `read last event, 1M events stored, the same ${SMALL / PER_STREAM} streams as at 10k: p99`,
          value: same.p99,
          unit: 'ms',
        },
        { name: 'p99 at 1M (same streams) / p99 at 10k', value: same.p99 / at10k.p99, unit: '×' },
        {
          name: 'floor: the same read from a bare grpc-js server answering with pre-encoded bytes: p50',
          value: floorLatency.p50,
          unit: 'ms',
        },
        {
          name: 'floor: the same read from a bare grpc-js server answering with pre-encoded bytes: p99',
          value: floorLatency.p99,
          unit: 'ms',
        },
        {
          name: 'samples at or above p99 at 1M that overlapped a GC pause of the client process',
          value: at1m.slowWithClientGc,
          unit: `of ${at1m.slow}`,
        },
        {
          name: 'client process GC pauses while sampling at 1M',
          value: at1m.clientGcMs,
          unit: `ms in ${at1m.clientGcs} pauses`,
        },
        {
          name: 'building the 1M store (1,000 events per append, 4 in flight)',
          value: (LARGE - SMALL) / (fillMs / 1000),
          unit: 'events/s',
        },
        { name: 'store process peak RSS (VmHWM) after building and reading 1M events', value: peak / MiB, unit: 'MiB' },
        { name: 'store process RSS (VmRSS) at that point', value: rss / MiB, unit: 'MiB' },
        { name: 'restart on the 1M files: spawn to listening', value: store.startupMs, unit: 'ms' },
        { name: 'restart: first read', value: firstReadMs, unit: 'ms' },
        { name: 'restarted process: read last event p99', value: restarted.p99, unit: 'ms' },
        { name: 'restarted process peak RSS (VmHWM)', value: restartPeak / MiB, unit: 'MiB' },
      ];
      return {
        id: 'million',
        title: 'Last event of a stream; 1M events',
        figures,
        verdicts: [
          { target: 'p99 < 2 ms with 1M events', met: at1m.p99 < 2 },
          {
            target:
              'p99 reading the same streams with 1M events within 2 × p99 with 10k (does not grow with store size)',
            met: same.p99 <= 2 * at10k.p99,
          },
        ],
        notes: [
          `${LARGE / PER_STREAM} streams of ${PER_STREAM} events (${EVENT_BYTES}-byte JSON data); each sample is one readStream(backwards, from end, maxCount 1) of a random stream through the official client, ${SAMPLES} samples after 200 warm-up reads`,
          'RSS is read from /proc/<pid>/status of the standalone store process (file mode); spawn time includes starting Node and tsx',
          `GC pauses of the benchmark's own process (the official client) are observed with perf_hooks while sampling: 10k: ${gcNote(at10k)}; 1M: ${gcNote(at1m)}; 1M same streams: ${gcNote(same)}; floor: ${gcNote(floorLatency)}`,
          'the floor is a bare grpc-js server in its own process answering every read with the bytes the store sent for this read (captured once over raw gRPC), measured with the same client, samples and streams right after the 1M measurements: whatever of the tail it shows is the client, gRPC and the machine, not the store',
        ],
      };
    } finally {
      await client.dispose().catch(() => undefined);
      await store.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
