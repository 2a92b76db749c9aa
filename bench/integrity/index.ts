// The integrity benchmarks (issue 12): the Merkle tree store, `ledger verify`.
import type { Benchmark } from '../report.js';
import { treeStore } from './tree-store.js';
import { verifyBench } from './verify.js';

export const integrityBenchmarks: Benchmark[] = [treeStore, verifyBench];
