// The integrity benchmarks (issue 12): the Merkle tree store, and the monitor as the server runs it.
import type { Benchmark } from '../report.js';
import { treeStore } from './tree-store.js';
import { integrityMonitor } from './monitor.js';

export const integrityBenchmarks: Benchmark[] = [treeStore, integrityMonitor];
