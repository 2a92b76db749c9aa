// The integrity benchmarks (issue 12): the Merkle tree store, the monitor as the server runs it, and `ledger verify`.
import type { Benchmark } from '../report.js';
import { treeStore } from './tree-store.js';
import { integrityMonitor } from './monitor.js';
import { verifyBench } from './verify.js';

export const integrityBenchmarks: Benchmark[] = [treeStore, integrityMonitor, verifyBench];
