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
import { procCpuMs, startChild, startStore } from './process.js';
import { durableCommitsPerSecond } from './disk-floor.js';

const DURATION_MS = 6_000;
const WRITERS = 32;
const EVENT_BYTES = 400;

export interface Rate {
  perSecond: number;
  /** CPU time per append of the store process and of this (client) process, in µs. */
  storeCpuUs: number;
  clientCpuUs: number;
  /** Share of one core each process used during the measurement. */
  storeBusy: number;
  clientBusy: number;
}

/** Appends one event per append from `writers` concurrent writers (a stream each) for `durationMs`. */
export async function appendRate(
  client: EventStoreDBClient,
  storePid: number,
  writers: number,
  durationMs = DURATION_MS,
): Promise<Rate> {
  const streams = Array.from({ length: writers }, () => `durable-${randomUUID()}`);
  const store0 = procCpuMs(storePid);
  const client0 = process.cpuUsage();
  const t0 = performance.now();
  const counts = await Promise.all(
    streams.map((stream) => {
      let seq = 0;
      return repeatFor(durationMs, () =>
        client.appendToStream(stream, sizedEvent('Appended', (seq += 1), EVENT_BYTES)),
      );
    }),
  );
  const ms = performance.now() - t0;
  const storeMs = procCpuMs(storePid) - store0;
  const used = process.cpuUsage(client0);
  const clientMs = (used.user + used.system) / 1000;
  const appended = counts.reduce((a, b) => a + b, 0);
  return {
    perSecond: appended / (ms / 1000),
    storeCpuUs: (storeMs * 1000) / appended,
    clientCpuUs: (clientMs * 1000) / appended,
    storeBusy: storeMs / ms,
    clientBusy: clientMs / ms,
  };
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
      await appendRate(client, store.pid, 4);
      const one = await appendRate(client, store.pid, 1);
      log(`1 writer: ${one.perSecond.toFixed(0)} appends/s`);
      const all = await appendRate(client, store.pid, WRITERS);
      log(
        `${WRITERS} writers: ${all.perSecond.toFixed(0)} appends/s; CPU per append: store ${all.storeCpuUs.toFixed(0)} µs, client ${all.clientCpuUs.toFixed(0)} µs; busy: store ${all.storeBusy.toFixed(2)}, client ${all.clientBusy.toFixed(2)} of a core`,
      );
      const single = one.perSecond;
      const many = all.perSecond;
      const ratio = many / single;

      // The floor: the same writers against a bare server that answers every append at once (no storage).
      const floorServer = await startChild('bench/store/append-floor-server.ts', []);
      const floorClient = EventStoreDBClient.connectionString(`esdb://127.0.0.1:${floorServer.firstLine}?tls=false`);
      let floorOne: Rate;
      let floorAll: Rate;
      try {
        await appendRate(floorClient, floorServer.pid, 4);
        floorOne = await appendRate(floorClient, floorServer.pid, 1);
        floorAll = await appendRate(floorClient, floorServer.pid, WRITERS);
      } finally {
        await floorClient.dispose().catch(() => undefined);
        await floorServer.stop();
      }
      log(
        `floor (bare server, nothing stored): 1 writer ${floorOne.perSecond.toFixed(0)}/s, ${WRITERS} writers ${floorAll.perSecond.toFixed(0)}/s; client CPU per append ${floorAll.clientCpuUs.toFixed(0)} µs`,
      );
      return {
        id: 'appends',
        title: 'Durable appends',
        figures: [
          { name: '1 writer, one event per append', value: single, unit: 'events/s' },
          { name: `${WRITERS} concurrent writers, one event per append`, value: many, unit: 'events/s' },
          { name: `${WRITERS} writers / 1 writer`, value: ratio, unit: '×' },
          { name: 'disk floor: bare SQLite durable commits, one row each (same run)', value: disk, unit: 'commits/s' },
          { name: `${WRITERS} writers / disk floor`, value: many / disk, unit: '×' },
          { name: `${WRITERS} writers: store process CPU per append`, value: all.storeCpuUs, unit: 'µs' },
          {
            name: `${WRITERS} writers: client process CPU per append (official client)`,
            value: all.clientCpuUs,
            unit: 'µs',
          },
          { name: `${WRITERS} writers: store process busy`, value: all.storeBusy, unit: 'of a core' },
          { name: `${WRITERS} writers: client process busy`, value: all.clientBusy, unit: 'of a core' },
          { name: '1 writer: store + client CPU per append', value: one.storeCpuUs + one.clientCpuUs, unit: 'µs' },
          { name: 'floor, a bare server that stores nothing: 1 writer', value: floorOne.perSecond, unit: 'events/s' },
          {
            name: `floor, a bare server that stores nothing: ${WRITERS} writers`,
            value: floorAll.perSecond,
            unit: 'events/s',
          },
          { name: `floor: ${WRITERS} writers: client process CPU per append`, value: floorAll.clientCpuUs, unit: 'µs' },
        ],
        verdicts: [
          { target: `${WRITERS} writers >= 4 × one writer`, met: ratio >= 4 },
          { target: `${WRITERS} writers >= 5,000 events/s`, met: many >= 5_000 },
        ],
        notes: [
          `file mode (WAL, synchronous=FULL), ${EVENT_BYTES}-byte JSON events, ${DURATION_MS / 1000} s per measurement, every writer awaits its acknowledgement before the next append`,
          `the floor is a bare grpc-js server in its own process (ServerFeatures and BatchAppend only) that answers each append as soon as it arrives, without storing or syncing anything; the same client and writers against it show what the client, gRPC and the machine allow (store / floor at ${WRITERS} writers: ${(many / floorAll.perSecond).toFixed(2)})`,
          'CPU per append is user + system time of each process over the measurement divided by the appends (store from /proc/<pid>/stat, client from process.cpuUsage); the machine has 2 cores shared by the client, the store and anything else running: 32-writer throughput cannot exceed 1 / max(store, client CPU per append) even with a core each, and while neither process is near a full core the limit is the round trip of a group (answers out, client turnaround, decode, commit, fsync)',
        ],
      };
    } finally {
      await client.dispose().catch(() => undefined);
      await store.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
