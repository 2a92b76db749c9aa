// The integrity benchmarks (issue 12): the Merkle tree store.
import type { Benchmark } from '../report.js';
import { treeStore } from './tree-store.js';

export const integrityBenchmarks: Benchmark[] = [treeStore];
