// The embedded store's benchmarks (issue 2), in the order they run.
import type { Benchmark } from '../report.js';
import { replay } from './replay.js';
import { appends } from './appends.js';
import { million } from './million.js';

export const storeBenchmarks: Benchmark[] = [replay, appends, million];
