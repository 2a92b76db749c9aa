// Every benchmark group `npm run bench` knows. A group owns one section of BENCHMARKS.md.
// Add a group here (e.g. the read side's) and `npm run bench -- <group>` runs it alone.
import type { BenchGroup } from './report.js';
import { storeBenchmarks } from './store/index.js';
import { readBenchmarks } from './read/index.js';
import { writeBenchmarks } from './write/index.js';
import { integrityBenchmarks } from './integrity/index.js';
import { webBenchmarks } from './web/index.js';
import { httpBenchmarks } from './http/index.js';
import { metricsBenchmarks } from './metrics/index.js';
import { opsBenchmarks } from './ops/index.js';

export const groups: BenchGroup[] = [
  { group: 'store', title: 'Embedded store (issue 2)', benchmarks: storeBenchmarks },
  { group: 'read', title: 'Read side (issue 4)', benchmarks: readBenchmarks },
  { group: 'write', title: 'Write side (issue 3)', benchmarks: writeBenchmarks },
  { group: 'integrity', title: 'Integrity (issue 12)', benchmarks: integrityBenchmarks },
  { group: 'web', title: 'Workspace (issue 13)', benchmarks: webBenchmarks },
  { group: 'http', title: 'HTTP API (issue 15)', benchmarks: httpBenchmarks },
  { group: 'metrics', title: 'Observability (issue 14)', benchmarks: metricsBenchmarks },
  { group: 'ops', title: 'Export and import (issue 14)', benchmarks: opsBenchmarks },
];
