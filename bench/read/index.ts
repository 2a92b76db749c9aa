// The read side's benchmarks (issue 4), in the order they run.
import type { Benchmark } from '../report.js';
import { asOfQuery } from './as-of.js';
import { futureDated } from './future-dated.js';
import { replayRestart } from './replay-restart.js';

export const readBenchmarks: Benchmark[] = [asOfQuery, futureDated, replayRestart];
