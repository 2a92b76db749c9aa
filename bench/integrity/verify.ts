// Figures for `ledger verify` (issue 12 §5, ADR 0035): a store in its own process filled with chained
// ledger events (100 per position stream, the read benchmarks' PositionDrafted/PositionEndorsed with
// classified fields), checkpoints signed every 1,000 leaves in the ledger-checkpoints stream; then, in
// turns, the raw client read of $all (what the client alone costs) and the whole verification through
// the store adapter (chains, leaves, tree, checkpoints), as `ledger verify` runs it. Target: verify at
// >= 0.5 x the raw read. Memory: the heap after a collection, before and after a verification.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDBClient, FORWARDS, START, jsonEvent } from '@eventstore/db-client';
import type { Benchmark, BenchResult } from '../report.js';
import { median, timed } from '../store/measure.js';
import { startStore } from '../store/process.js';
import { issueEvents, PER_ISSUE } from '../read/ledger-events.js';
import { createLedgerStore } from '../../src/store/adapter.js';
import { chainMetadata } from '../../src/store/chain.js';
import {
  CHECKPOINT_STREAM,
  checkpointEvent,
  isLeafEvent,
  leafRecordOf,
} from '../../src/integrity/checkpoint-stream.js';
import { signCheckpoint } from '../../src/integrity/checkpoint.js';
import { eventLeafHash } from '../../src/integrity/leaf.js';
import { generateSigningKey, type SigningKey } from '../../src/integrity/signing-key.js';
import { edgeOnlyMerkleTree } from '../../src/integrity/edge-node-store.js';
import { verifyLedger } from '../../src/cli/verify/run.js';
import { isVerified } from '../../src/cli/verify/report.js';

const RUNS = 3;
const CHECKPOINT_EVERY = 1_000;
const ORIGIN = 'bench.ledger.example/verify';
const MiB = 2 ** 20;

function benchEvents(): number {
  const raw = process.env['VERIFY_BENCH_EVENTS'];
  const n = raw === undefined || raw === '' ? 1_000_000 : Number(raw);
  if (!Number.isInteger(n) || n < 1000) throw new RangeError('VERIFY_BENCH_EVENTS must be a whole number >= 1000');
  return n;
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** One position stream's events with their chain links, as the adapter would have written them. */
function chainedIssueEvents(issueId: string) {
  let prev: string | null = null;
  return issueEvents(issueId).map((e) => {
    const data = e.data as Record<string, unknown>;
    const metadata = chainMetadata(prev, e.type, data, e.metadata as Record<string, unknown>);
    prev = String(metadata['hash']);
    return jsonEvent({ id: e.id, type: e.type, data, metadata });
  });
}

/** Appends `total` chained events (4 appends in flight). */
async function fill(client: EventStoreDBClient, total: number, log: (m: string) => void): Promise<void> {
  const tag = Math.random().toString(36).slice(2, 8);
  const issues = Array.from({ length: Math.ceil(total / PER_ISSUE) }, (_, i) => `verify-${tag}-${i}`);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < issues.length; i = next++) {
      await client.appendToStream(`position-${issues[i] ?? ''}`, chainedIssueEvents(issues[i] ?? ''), {
        deadline: 120_000,
      });
      if ((i + 1) % 1000 === 0) log(`  filled ${(i + 1) * PER_ISSUE} events`);
    }
  };
  await Promise.all(Array.from({ length: 4 }, () => worker()));
}

/** Reads $all once, builds the tree and appends a signed checkpoint every CHECKPOINT_EVERY leaves (and one of all). */
async function seal(client: EventStoreDBClient, key: SigningKey): Promise<number> {
  const store = createLedgerStore(client);
  const tree = edgeOnlyMerkleTree();
  const notes: Array<{ size: number; note: string }> = [];
  const sign = (position: { commit: bigint; prepare: bigint }): void => {
    const note = signCheckpoint(
      {
        origin: ORIGIN,
        treeSize: tree.size(),
        rootHash: tree.root(),
        lastPosition: position,
        time: new Date().toISOString(),
      },
      key,
    );
    notes.push({ size: tree.size(), note });
  };
  let last: { commit: bigint; prepare: bigint } | null = null;
  for await (const event of store.readAll()) {
    if (!isLeafEvent(event)) continue;
    tree.append([eventLeafHash(leafRecordOf(event))]);
    last = event.position;
    if (tree.size() % CHECKPOINT_EVERY === 0) sign(last);
  }
  if (last !== null && tree.size() % CHECKPOINT_EVERY !== 0) sign(last);
  let head: string | null = null;
  for (let i = 0; i < notes.length; i += 200) {
    const batch = notes.slice(i, i + 200).map(({ size, note }) => {
      const e = checkpointEvent(ORIGIN, size, note);
      const metadata = chainMetadata(head, e.type, e.data, { ...e.metadata });
      head = String(metadata['hash']);
      return jsonEvent({ id: e.id, type: e.type, data: e.data, metadata });
    });
    await client.appendToStream(CHECKPOINT_STREAM, batch);
  }
  return notes.length;
}

async function rawRead(client: EventStoreDBClient): Promise<number> {
  let n = 0;
  for await (const e of client.readAll({
    direction: FORWARDS,
    fromPosition: START,
    maxCount: Number.MAX_SAFE_INTEGER,
  })) {
    if (e.event !== undefined && isLeafEvent({ streamName: e.event.streamId, type: e.event.type })) n += 1;
  }
  return n;
}

export const verifyBench: Benchmark = {
  id: 'verify',
  title: '`ledger verify` over the whole ledger',
  async run(log): Promise<BenchResult> {
    const total = benchEvents();
    const label = total.toLocaleString('en-US');
    const dir = mkdtempSync(join(tmpdir(), 'bench-verify-'));
    const server = await startStore(join(dir, 'store'));
    const client = EventStoreDBClient.connectionString(server.firstLine);
    try {
      const fillMs = await timed(() => fill(client, total, log));
      log(`filled ${label} chained events in ${(fillMs / 1000).toFixed(1)} s`);
      const { key } = generateSigningKey(ORIGIN);
      let checkpoints = 0;
      const sealMs = await timed(async () => {
        checkpoints = await seal(client, key);
      });
      log(`signed ${checkpoints} checkpoints in ${(sealMs / 1000).toFixed(1)} s`);
      const store = createLedgerStore(client);
      const raw: number[] = [];
      const verified: number[] = [];
      const heapGrowth: number[] = [];
      for (let run = 0; run < RUNS; run += 1) {
        collectGarbage();
        let count = 0;
        const rawMs = await timed(async () => {
          count = await rawRead(client);
        });
        raw.push(count / (rawMs / 1000));
        collectGarbage();
        const heapBefore = process.memoryUsage().heapUsed;
        let peakHeap = heapBefore;
        let leaves = 0;
        let ok = false;
        const verifyMs = await timed(async () => {
          const result = await verifyLedger({
            store,
            keys: [{ verifier: key.verifier(), verifierKey: key.verifierKey, from: 'bench' }],
            trusted: [],
            ownKey: async () => null,
            onProgress: () => {
              peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
            },
          });
          leaves = result.summary.leaves;
          ok = isVerified(result);
        });
        if (!ok || leaves !== count)
          throw new Error(`verification found a break, or ${leaves} leaves for ${count} events`);
        verified.push(leaves / (verifyMs / 1000));
        heapGrowth.push(peakHeap - heapBefore);
        log(
          `run ${run + 1}: raw read ${raw.at(-1)?.toFixed(0)} events/s, verify ${verified.at(-1)?.toFixed(0)} events/s, heap growth during verify ≤ ${((peakHeap - heapBefore) / MiB).toFixed(0)} MiB`,
        );
      }
      const rawRate = median(raw);
      const verifyRate = median(verified);
      const ratio = median(verified.map((v, i) => v / (raw[i] ?? Number.NaN)));
      return {
        id: 'verify',
        title: `\`ledger verify\` over the whole ledger; ${label} events`,
        figures: [
          { name: `raw read of $all through the client (${label} ledger events)`, value: rawRate, unit: 'events/s' },
          {
            name: 'ledger verify: chains, leaves, tree and checkpoints (median of runs)',
            value: verifyRate,
            unit: 'events/s',
          },
          { name: 'verify / raw read (median of the per-run ratios)', value: ratio, unit: '×' },
          {
            name: `checkpoints checked per run (one per ${CHECKPOINT_EVERY.toLocaleString('en-US')} events)`,
            value: checkpoints,
            unit: '',
          },
          {
            name: 'largest heap growth seen during a verification (sampled every 2,000 events)',
            value: Math.max(...heapGrowth) / MiB,
            unit: 'MiB',
          },
        ],
        verdicts: [{ target: 'ledger verify >= 0.5 × the raw client read', met: ratio >= 0.5 }],
        notes: [
          `${RUNS} runs, each the raw read then the verification back to back, each after a full garbage collection; the store runs in its own process (bench/store/process.ts)`,
          'the verification is what `ledger verify --key <the bench key>` runs (src/cli/verify/run.ts: every signature, every chain link, every leaf, every checkpoint root), without the process start and the printing',
          `filling took ${(fillMs / 1000).toFixed(0)} s and sealing ${(sealMs / 1000).toFixed(0)} s (not part of the figures)`,
        ],
      };
    } finally {
      await client.dispose();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
