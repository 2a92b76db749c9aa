// Figures for the integrity monitor as the server runs it (ADR 0034):
// - the projector's catch-up from position 0 into an in-memory index, with and without the monitor
//   (chain check + leaf + Merkle log file per event), against the raw client read of the same events;
// - inclusion proofs by event id and consistency proofs from the log file at 1M leaves (its leaf map
//   and tree filled with synthetic leaves, as a catch-up of 1M events would leave them);
// - appends through the adapter while the projector follows, with the monitor sealing checkpoints
//   every CHECKPOINT_EVERY_EVENTS (1000, the default) vs never.
// The store runs in its own process; the events are chained through the adapter, with salted values.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDBClient, FORWARDS, START } from '@eventstore/db-client';
import { pino } from 'pino';
import { generateSigningKey, leafHash, verifyConsistency, verifyInclusion } from '../../src/integrity/index.js';
import { createIntegrityMonitor, type IntegrityMonitor } from '../../src/read/integrity.js';
import { followLedgerLog, openLedgerLog, type LedgerLog } from '../../src/read/integrity-log.js';
import { createReadSide } from '../../src/read/read-side.js';
import { createLedgerStore, type LedgerStore } from '../../src/store/adapter.js';
import type { Benchmark, BenchResult } from '../report.js';
import { median, percentile, timed } from '../store/measure.js';
import { startStore } from '../store/process.js';
import { PER_ISSUE } from '../read/ledger-events.js';
import { benchMonitor, chainedEvents, fillChained } from './chained-events.js';

const RUNS = 3;
const PROOF_SAMPLES = 3_000;
const APPENDS = 3_000;
/** Appends per stream before a writer moves on to a new one: a consultation's life, not an ever-growing stream. */
const STREAM_LENGTH = 50;
/** off/on pairs of the append measurement. */
const APPEND_PAIRS = 3;
const logger = pino({ level: 'warn' });
/** One key for every monitor of the run: each reads the checkpoints the ones before signed. */
const key = generateSigningKey('bench').key;

function sized(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 1000) throw new RangeError(`${name} must be a whole number >= 1000`);
  return n;
}

async function fill(store: LedgerStore, total: number, log: (m: string) => void): Promise<void> {
  let events = 0;
  const ms = await timed(async () => {
    events = await fillChained(store, total, `bench-${randomUUID().slice(0, 8)}`);
  });
  log(`filled ${events} chained events in ${(ms / 1000).toFixed(1)} s`);
}

async function rawRead(client: EventStoreDBClient): Promise<number> {
  let n = 0;
  for await (const e of client.readAll({
    direction: FORWARDS,
    fromPosition: START,
    maxCount: Number.MAX_SAFE_INTEGER,
  })) {
    if (e.event !== undefined && e.event.streamId.startsWith('position-')) n += 1;
  }
  return n;
}

/**
 * Projector catch-up from 0 into a memory index; with a monitor when `dir` is given. Events per second,
 * timed until the projector has caught up, which with the monitor is when its checks have looked at
 * every event too: the projector indexes a batch only then (ADR 0044). The monitor is started first
 * and its worker thread's start (loading its modules, opening the log file) is measured apart: once
 * per process, at boot, not per event.
 */
async function catchUp(
  store: LedgerStore,
  dir: string | null,
): Promise<{ rate: number; leaves: number; startMs: number | null }> {
  let startMs: number | null = null;
  let monitor: IntegrityMonitor | null = null;
  if (dir !== null) {
    const created = benchMonitor(store, dir, key, logger);
    startMs = await timed(() => created.checksStarted());
    monitor = created;
  }
  const side = createReadSide({ store, logger, ...(monitor === null ? {} : { integrity: monitor }) });
  const ms = await timed(async () => {
    await side.start();
    await side.projector.ready();
  });
  const events = side.index.size;
  const leaves = monitor?.log.tree.size() ?? 0;
  await side.stop();
  if (monitor !== null && !monitor.status().ok)
    throw new Error(`the monitor found a break: ${JSON.stringify(monitor.status())}`);
  await monitor?.stop();
  return { rate: events / (ms / 1000), leaves, startMs };
}

/** Proof latencies from a log file of `size` synthetic leaves. */
function proofs(
  dir: string,
  size: number,
  log: (m: string) => void,
): { inclusionP50: number; inclusionP99: number; consistencyP50: number; consistencyP99: number } {
  const file = join(dir, 'proofs.sqlite');
  let built: LedgerLog = openLedgerLog(file);
  const ids: string[] = [];
  const t0 = performance.now();
  for (let from = 0; from < size; from += 1000) {
    const leaves = Array.from({ length: Math.min(1000, size - from) }, (_, i) => {
      const eventId = randomUUID();
      if ((from + i) % 97 === 0) ids.push(eventId);
      return {
        hash: leafHash(Buffer.from(eventId)),
        eventId,
        stream: `position-bench-${Math.floor((from + i) / PER_ISSUE)}`,
        revision: BigInt((from + i) % PER_ISSUE),
      };
    });
    const position = BigInt(from + leaves.length);
    built.commit({
      leaves,
      lastLeafPosition: { commit: position, prepare: position },
      heads: new Map(),
      checkpoints: [],
      observed: { commit: position, prepare: position },
    });
  }
  built.close();
  log(`log file of ${size} leaves built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  // As after a restart, and read as the server's thread reads it while the checks' worker writes it.
  const follower = followLedgerLog(file);
  built = follower;
  const inclusion: number[] = [];
  const consistency: number[] = [];
  const root = built.tree.root();
  for (let i = 0; i < PROOF_SAMPLES; i += 1) {
    const eventId = ids[Math.floor(Math.random() * ids.length)] ?? '';
    let s = performance.now();
    const index = built.leafOf(eventId);
    if (index === undefined) throw new Error('a leaf is missing');
    const path = built.tree.inclusionProof(index, size);
    const leaf = built.tree.leafHash(index);
    inclusion.push(performance.now() - s);
    if (!verifyInclusion(leaf, index, size, path, root).ok) throw new Error('an inclusion proof does not verify');
    const from = 1 + Math.floor(Math.random() * (size - 1));
    s = performance.now();
    const proof = built.tree.consistencyProof(from, size);
    const fromRoot = built.tree.root(from);
    consistency.push(performance.now() - s);
    if (!verifyConsistency(from, size, proof, fromRoot, root).ok)
      throw new Error('a consistency proof does not verify');
  }
  built.close();
  inclusion.sort((a, b) => a - b);
  consistency.sort((a, b) => a - b);
  return {
    inclusionP50: percentile(inclusion, 50),
    inclusionP99: percentile(inclusion, 99),
    consistencyP50: percentile(consistency, 50),
    consistencyP99: percentile(consistency, 99),
  };
}

/** Appends per second (8 writers, one event each) while a read side follows, with the monitor sealing or not. */
async function appendRate(
  store: LedgerStore,
  dir: string,
  sealing: boolean,
): Promise<{ rate: number; checkpoints: number }> {
  const monitor = createIntegrityMonitor({
    logFile: join(dir, `append-${randomUUID()}.sqlite`),
    store,
    key,
    origin: 'bench',
    policy: sealing
      ? { everyLeaves: 1000, everyMs: 60_000 }
      : { everyLeaves: Number.MAX_SAFE_INTEGER, everyMs: Number.MAX_SAFE_INTEGER },
    logger,
    sweepOnStart: false,
  });
  const side = createReadSide({ store, logger, integrity: monitor });
  await side.start();
  await side.projector.ready();
  monitor.caughtUp();
  const before = monitor.log.latestCheckpoint()?.treeSize ?? 0;
  let sent = 0;
  const ms = await timed(() =>
    Promise.all(
      Array.from({ length: 8 }, async () => {
        let stream = `position-append-${randomUUID()}`;
        let revision: bigint | 'no_stream' = 'no_stream';
        let head: string | null = null;
        while (sent < APPENDS) {
          sent += 1;
          const [event] = chainedEvents(stream.slice('position-'.length)).slice(0, 1);
          if (event === undefined) return;
          const out = await store.append(stream, [{ ...event, id: randomUUID() }], {
            expectedRevision: revision,
            chainHead: head,
          });
          revision = out.revision;
          head = (await store.readStream(stream)).head;
          if (revision + 1n >= BigInt(STREAM_LENGTH)) {
            stream = `position-append-${randomUUID()}`;
            revision = 'no_stream';
            head = null;
          }
        }
      }),
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  const after = monitor.log.latestCheckpoint()?.treeSize ?? 0;
  await side.stop();
  await monitor.stop();
  return { rate: APPENDS / (ms / 1000), checkpoints: after > before ? 1 : 0 };
}

export const integrityMonitor: Benchmark = {
  id: 'monitor',
  title: 'Integrity monitor: catch-up with chain checks, proofs by event id, appends with checkpoints',
  async run(log): Promise<BenchResult> {
    const total = sized('INTEGRITY_CATCHUP_EVENTS', 200_000);
    const leaves = sized('INTEGRITY_BENCH_LEAVES', 1_000_000);
    const dir = mkdtempSync(join(tmpdir(), 'bench-integrity-'));
    const child = await startStore(join(dir, 'store'));
    const client = EventStoreDBClient.connectionString(child.firstLine);
    try {
      const store = createLedgerStore(client);
      await fill(store, total, log);
      const raw: number[] = [];
      const plain: number[] = [];
      const checked: number[] = [];
      const starts: number[] = [];
      for (let run = 0; run < RUNS; run += 1) {
        let n = 0;
        const rawMs = await timed(async () => {
          n = await rawRead(client);
        });
        raw.push(n / (rawMs / 1000));
        plain.push((await catchUp(store, null)).rate);
        const withMonitor = await catchUp(store, dir);
        if (withMonitor.leaves !== n)
          throw new Error(`the log holds ${withMonitor.leaves} leaves, the store ${n} events`);
        checked.push(withMonitor.rate);
        if (withMonitor.startMs !== null) starts.push(withMonitor.startMs);
        log(
          `run ${run + 1}: raw ${raw.at(-1)?.toFixed(0)}/s, projector ${plain.at(-1)?.toFixed(0)}/s, projector + integrity ${checked.at(-1)?.toFixed(0)}/s`,
        );
      }
      const ratios = checked.map((c, i) => c / (raw[i] ?? 1));
      const p = proofs(dir, leaves, log);
      log(`proofs: inclusion p99 ${p.inclusionP99.toFixed(2)} ms, consistency p99 ${p.consistencyP99.toFixed(2)} ms`);
      // Appends on a store of their own: a read side over the filled one would first catch up on it.
      const appendChild = await startStore(join(dir, 'append-store'));
      const appendClient = EventStoreDBClient.connectionString(appendChild.firstLine);
      const appendStore = createLedgerStore(appendClient);
      const off: number[] = [];
      const on: number[] = [];
      try {
        for (let pair = 0; pair < APPEND_PAIRS; pair += 1) {
          off.push((await appendRate(appendStore, dir, false)).rate);
          on.push((await appendRate(appendStore, dir, true)).rate);
        }
      } finally {
        await appendClient.dispose();
        await appendChild.stop();
      }
      const appendRatio = median(on.map((rate, i) => rate / (off[i] ?? 1)));
      log(
        `appends: sealing ${on.map((r) => r.toFixed(0)).join('/')} per s, not sealing ${off.map((r) => r.toFixed(0)).join('/')} per s`,
      );
      const catchUpRatio = median(ratios);
      return {
        id: 'monitor',
        title: 'Integrity monitor: catch-up with chain checks, proofs by event id, appends with checkpoints',
        figures: [
          {
            name: `raw client read (${total.toLocaleString('en-US')} chained ledger events)`,
            value: median(raw),
            unit: 'events/s',
          },
          {
            name: 'projector catch-up into a memory index, no integrity monitor',
            value: median(plain),
            unit: 'events/s',
          },
          {
            name: 'projector catch-up with the monitor (chain check, leaf, Merkle log file; in its worker)',
            value: median(checked),
            unit: 'events/s',
          },
          { name: 'with the monitor / raw (median of the per-run ratios)', value: catchUpRatio, unit: '×' },
          {
            name: "the monitor's checks thread starting (once per process, median)",
            value: median(starts),
            unit: 'ms',
          },
          {
            name: 'with the monitor / without (median)',
            value: median(checked.map((c, i) => c / (plain[i] ?? 1))),
            unit: '×',
          },
          {
            name: `inclusion proof by event id, log file of ${leaves.toLocaleString('en-US')} leaves: p50`,
            value: p.inclusionP50,
            unit: 'ms',
          },
          { name: 'inclusion proof by event id: p99', value: p.inclusionP99, unit: 'ms' },
          {
            name: `consistency proof, random size to ${leaves.toLocaleString('en-US')} (with the old root): p50`,
            value: p.consistencyP50,
            unit: 'ms',
          },
          { name: 'consistency proof: p99', value: p.consistencyP99, unit: 'ms' },
          {
            name: 'appends while the projector follows, checkpoint every 1000 events',
            value: median(on),
            unit: 'appends/s',
          },
          { name: 'appends while the projector follows, no checkpoints', value: median(off), unit: 'appends/s' },
          { name: `with checkpoints / without (median of ${APPEND_PAIRS} pairs)`, value: appendRatio, unit: '×' },
        ],
        verdicts: [
          { target: 'projector catch-up with chain checks >= 0.7 × raw read', met: catchUpRatio >= 0.7 },
          { target: 'inclusion proof p99 < 5 ms at 1M leaves', met: p.inclusionP99 < 5 },
          { target: 'consistency proof p99 < 5 ms at 1M leaves', met: p.consistencyP99 < 5 },
          { target: 'appends with checkpointing >= 0.9 × without', met: appendRatio >= 0.9 },
        ],
        notes: [
          `${total.toLocaleString('en-US')} events (INTEGRITY_CATCHUP_EVENTS), ${PER_ISSUE} per position stream, appended through the adapter (chained, salted classified values); the store in its own process; ${RUNS} runs, each: raw read, catch-up without, catch-up with the monitor`,
          'the catch-up is the projector of a read side without an index file (memory index), as the replay benchmark of the read side measures its full replay; with the monitor, its checks run in a worker thread (ADR 0044) that writes the log file (WAL, synchronous=NORMAL) once for the batches that reach it together, and the projector indexes a batch once they have looked at it: timed until the projector has caught up, which is when both have; the start of the worker (once per process, while the server boots) is its own figure',
          `proofs: ${PROOF_SAMPLES} samples each, read as the server's thread reads them (followLedgerLog), from a log file reopened after it was filled with ${leaves.toLocaleString('en-US')} synthetic leaves (INTEGRITY_BENCH_LEAVES); an inclusion proof looks the event id up in the leaf map, then reads the path; every proof is verified, untimed`,
          `appends: ${APPENDS} single-event appends by 8 writers through the adapter (each reads its stream back, as a write does; a new stream after ${STREAM_LENGTH} events), while a read side with the monitor follows; ${APPEND_PAIRS} pairs, off then on`,
        ],
      };
    } finally {
      await client.dispose();
      await child.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
