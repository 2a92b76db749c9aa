// Figures for the Merkle tree store (ADR 0022): build a 1M-leaf tree into its SQLite file (batches of
// 1,000 leaves, the projector's flush size; WAL, synchronous=NORMAL), reopen the file as after a
// restart, then time inclusion proofs, consistency proofs and roots at random sizes. Inclusion and
// consistency samples alternate so both see the same machine; every proof is checked (untimed) and a
// proof that does not verify stops the benchmark. For reference: the same build in memory (what
// `ledger verify` would do) and the cost of the leaf hash of a typical event.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventLeafHash, type LeafRecord } from '../../src/integrity/leaf.js';
import { leafHash } from '../../src/integrity/hash.js';
import { openTreeFile } from '../../src/integrity/sqlite-node-store.js';
import { memoryMerkleTree, sqliteMerkleTree, type MerkleTree } from '../../src/integrity/tree.js';
import { verifyConsistency, verifyInclusion } from '../../src/integrity/verify.js';
import type { Benchmark, BenchResult } from '../report.js';
import { percentile } from '../store/measure.js';

const BATCH = 1_000;
const SAMPLES = 5_000;
const WARMUP = 500;
const RECORDS = 100_000;

function benchLeaves(): number {
  const raw = process.env['INTEGRITY_BENCH_LEAVES'];
  const n = raw === undefined || raw === '' ? 1_000_000 : Number(raw);
  if (!Number.isInteger(n) || n < 10_000)
    throw new RangeError('INTEGRITY_BENCH_LEAVES must be a whole number >= 10000');
  return n;
}

const leafAt = (i: number): Buffer => leafHash(Buffer.from(`event ${i}`));
const randomBelow = (n: number): number => Math.floor(Math.random() * n);

/** Appends `count` leaves in batches; returns the milliseconds spent inside append alone. */
function fill(tree: MerkleTree, count: number): number {
  let spent = 0;
  for (let from = 0; from < count; from += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, count - from) }, (_, i) => leafAt(from + i));
    const t0 = performance.now();
    tree.append(batch, { commit: BigInt(from + batch.length), prepare: BigInt(from + batch.length) });
    spent += performance.now() - t0;
  }
  return spent;
}

function timed<T>(action: () => T): [T, number] {
  const t0 = performance.now();
  const result = action();
  return [result, performance.now() - t0];
}

/** Wall and CPU time (user + system of this process) of one call, in ms, and what took it off the CPU. */
function clocked<T>(action: () => T): [T, Clock] {
  const before = process.resourceUsage();
  const t0 = performance.now();
  const result = action();
  const wall = performance.now() - t0;
  const after = process.resourceUsage();
  const cpu = (after.userCPUTime + after.systemCPUTime - before.userCPUTime - before.systemCPUTime) / 1000;
  const preempted = after.involuntaryContextSwitches > before.involuntaryContextSwitches;
  const faulted = after.majorPageFault > before.majorPageFault;
  return [result, { wall, cpu, preempted, faulted }];
}

interface Clock {
  wall: number;
  cpu: number;
  /** The kernel switched the process out during the call to run something else. */
  preempted: boolean;
  /** The call waited for a page of the file from disk. */
  faulted: boolean;
}

interface Samples {
  inclusion: Clock[];
  inclusionOld: Clock[];
  consistency: Clock[];
  consistencyOld: Clock[];
  root: Clock[];
}

/** One sample of each kind per round; `record` is false during warm-up. */
function sample(tree: MerkleTree, n: number, into: Samples, record: boolean): void {
  const leaf = randomBelow(n);
  const [proof, inclusion] = clocked(() => tree.inclusionProof(leaf, n));
  const oldSize = 1 + randomBelow(n);
  const oldLeaf = randomBelow(oldSize);
  const [oldProof, inclusionOld] = clocked(() => tree.inclusionProof(oldLeaf, oldSize));
  const from = 1 + randomBelow(n - 1);
  const [consistent, consistency] = clocked(() => tree.consistencyProof(from, n));
  const to = from + 1 + randomBelow(n - from);
  const [consistentOld, consistencyOld] = clocked(() => tree.consistencyProof(from, to));
  const [oldRoot, root] = clocked(() => tree.root(oldSize));
  const rootN = tree.root();
  const checks = [
    verifyInclusion(leafAt(leaf), leaf, n, proof, rootN),
    verifyInclusion(leafAt(oldLeaf), oldLeaf, oldSize, oldProof, oldRoot),
    verifyConsistency(from, n, consistent, tree.root(from), rootN),
    verifyConsistency(from, to, consistentOld, tree.root(from), tree.root(to)),
  ];
  const bad = checks.find((c) => !c.ok);
  if (bad && !bad.ok) throw new Error(`a proof from the tree store does not verify: ${bad.reason}`);
  if (!record) return;
  into.inclusion.push(inclusion);
  into.inclusionOld.push(inclusionOld);
  into.consistency.push(consistency);
  into.consistencyOld.push(consistencyOld);
  into.root.push(root);
}

function leafRecordRate(): number {
  const record = (i: number): LeafRecord => ({
    stream: `consultation-6b0d3c1e-0000-4000-8000-${String(i % 1000).padStart(12, '0')}`,
    revision: i % 50,
    eventId: `0f8c5f2e-3d7a-4c51-9a3e-${String(i).padStart(12, '0')}`,
    type: 'AgencyViewRecorded',
    data: {
      issueId: 'ahc-scope',
      agency: 'OAG',
      stance: 'support',
      summary: { th: 'สนับสนุนข้อบทนี้โดยมีเงื่อนไข', en: 'Supports the article with conditions' },
      conditions: [{ level: 'secret', commitment: 'a'.repeat(64) }],
    },
    metadata: {
      actor: { id: 'oag-desk', agency: 'OAG', role: 'agency-officer' },
      occurredAt: '2026-11-25T03:00:00.000Z',
      correlationId: 'c',
      causationId: 'c',
      schema: 1,
      prev: 'b'.repeat(64),
      hash: 'c'.repeat(64),
    },
  });
  const records = Array.from({ length: RECORDS }, (_, i) => record(i));
  const t0 = performance.now();
  for (const r of records) eventLeafHash(r);
  return RECORDS / ((performance.now() - t0) / 1000);
}

export const treeStore: Benchmark = {
  id: 'tree',
  title: 'Merkle tree store; 1M leaves',
  async run(log): Promise<BenchResult> {
    const n = benchLeaves();
    const dir = mkdtempSync(join(tmpdir(), 'bench-merkle-'));
    try {
      const file = join(dir, 'tree.sqlite');
      const building = openTreeFile(file);
      const appendMs = fill(sqliteMerkleTree(building), n);
      building.close();
      const bytes = statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0);
      log(`built ${n} leaves into the file in ${(appendMs / 1000).toFixed(1)} s of append`);

      const db = openTreeFile(file);
      const [tree, reopenMs] = timed(() => sqliteMerkleTree(db));
      const samples: Samples = { inclusion: [], inclusionOld: [], consistency: [], consistencyOld: [], root: [] };
      for (let i = 0; i < WARMUP + SAMPLES; i += 1) sample(tree, n, samples, i >= WARMUP);
      db.close();
      const wall = (list: Clock[]): number[] => list.map((c) => c.wall).sort((a, b) => a - b);
      const cpu = (list: Clock[]): number[] => list.map((c) => c.cpu).sort((a, b) => a - b);
      const p99 = (list: Clock[]): number => percentile(wall(list), 99);
      /** Of the samples at or above the wall p99: how many were switched out, how many waited for the disk. */
      const tail = (list: Clock[]): string => {
        const slow = list.filter((c) => c.wall >= p99(list));
        return `${slow.filter((c) => c.preempted).length} of ${slow.length} preempted, ${slow.filter((c) => c.faulted).length} with a major page fault`;
      };
      log(
        `inclusion p99 ${p99(samples.inclusion).toFixed(3)} ms (${tail(samples.inclusion)}), consistency p99 ${p99(samples.consistency).toFixed(3)} ms (${tail(samples.consistency)})`,
      );

      const memoryMs = fill(memoryMerkleTree(), n);
      const recordsPerSecond = leafRecordRate();
      const label = n === 1_000_000 ? '1M' : n.toLocaleString('en-US');
      return {
        id: 'tree',
        title: `Merkle tree store; ${label} leaves`,
        figures: [
          {
            name: `append into the SQLite file, batches of ${BATCH} (time inside append)`,
            value: n / (appendMs / 1000),
            unit: 'leaves/s',
          },
          { name: 'file size per leaf (nodes, B-tree and WAL)', value: bytes / n, unit: 'bytes' },
          { name: 'reopen the file (read the right edge)', value: reopenMs, unit: 'ms' },
          {
            name: `inclusion proof, random leaf, tree of ${label}: p50`,
            value: percentile(wall(samples.inclusion), 50),
            unit: 'ms',
          },
          { name: `inclusion proof, random leaf, tree of ${label}: p99`, value: p99(samples.inclusion), unit: 'ms' },
          {
            name: `inclusion proof, random leaf, tree of ${label}: p99 of CPU time`,
            value: percentile(cpu(samples.inclusion), 99),
            unit: 'ms',
          },
          { name: 'inclusion proof at a random older size: p99', value: p99(samples.inclusionOld), unit: 'ms' },
          {
            name: `consistency proof, random size to ${label}: p50`,
            value: percentile(wall(samples.consistency), 50),
            unit: 'ms',
          },
          { name: `consistency proof, random size to ${label}: p99`, value: p99(samples.consistency), unit: 'ms' },
          {
            name: `consistency proof, random size to ${label}: p99 of CPU time`,
            value: percentile(cpu(samples.consistency), 99),
            unit: 'ms',
          },
          { name: 'consistency proof between two random sizes: p99', value: p99(samples.consistencyOld), unit: 'ms' },
          { name: 'root at a random older size: p99', value: p99(samples.root), unit: 'ms' },
          {
            name: `append into the memory tree (ledger verify), batches of ${BATCH}`,
            value: n / (memoryMs / 1000),
            unit: 'leaves/s',
          },
          {
            name: 'leaf hash of a typical event record (canonical JSON + SHA-256)',
            value: recordsPerSecond,
            unit: 'records/s',
          },
        ],
        verdicts: [
          {
            target: `inclusion proof p99 < 5 ms at ${label} leaves`,
            met: p99(samples.inclusion) < 5 && p99(samples.inclusionOld) < 5,
          },
          {
            target: `consistency proof p99 < 5 ms at ${label} leaves`,
            met: p99(samples.consistency) < 5 && p99(samples.consistencyOld) < 5,
          },
        ],
        notes: [
          `${label} leaves (INTEGRITY_BENCH_LEAVES), leaf hashes of synthetic entries made outside the timed append; the file is closed after the build and reopened for the proofs, as after a restart`,
          `${SAMPLES} samples of each kind after ${WARMUP} warm-up rounds, kinds alternating; every proof is verified (untimed) against the tree's roots`,
          `CPU time is this process's user + system time around each call (process.resourceUsage); of the samples at or above the wall-clock p99, those the kernel switched out for other work (involuntary context switches) or that waited for the disk (major page faults): inclusion ${tail(samples.inclusion)}; consistency ${tail(samples.consistency)}`,
          `the typical event record is an AgencyViewRecorded with actor, chain links and one committed classified value, ${RECORDS.toLocaleString('en-US')} records`,
        ],
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
