// Figure: an as-of query for one issue with 10k and with 1M events in the read index, the index the
// server runs (ADR 0010): an index file under a data dir, reopened as after a restart. Two cases at
// each size, because a query costs differently depending on whether the issue is in memory:
// - cold: the key's envelopes are read back from the file for every query (no cache at all);
// - hot: a working set of 100 issues (all of them at 10k) whose lists are in memory.
// Queries alternate axes and random dates, so the cached "as of everything" fold is rarely the answer;
// the two sizes are queried in turn so that load on the machine falls on both alike.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Benchmark, BenchResult } from '../report.js';
import { percentile } from '../store/measure.js';
import { openIndexFile } from '../../src/read/index-file.js';
import { createFileIndex } from '../../src/read/read-index.js';
import { createReadModels } from '../../src/read/read-models.js';
import { asOfFor } from '../../projections/index.js';
import { PER_ISSUE } from './ledger-events.js';
import { issueIds } from './as-of-fixture.js';

const SAMPLES = 5_000;
const WARMUP = 500;
const HOT_ISSUES = 100;

interface Latency {
  p50: number;
  p99: number;
}

interface Subject {
  query(i: number): number;
  close(): void;
}

function subject(path: string, issues: readonly string[], cachedEnvelopes: number): Subject {
  const file = openIndexFile(path, 'bench');
  const index = createFileIndex(file, { cachedEnvelopes });
  index.restore();
  const models = createReadModels(index, cachedEnvelopes === 0 ? { cachedFolds: 0 } : {});
  return {
    query(i) {
      const issueId = issues[Math.floor(Math.random() * issues.length)] ?? '';
      const instant = new Date(Date.UTC(2022, 0, 1) + Math.random() * 4 * 365 * 86_400_000).toISOString();
      const axis = i % 2 === 0 ? 'valid' : 'recorded';
      const t0 = performance.now();
      const p = models.position(issueId, asOfFor(axis, instant));
      const ms = performance.now() - t0;
      if (p === null && axis === 'valid') throw new Error(`no position for ${issueId}`);
      return ms;
    },
    close: () => file.close(),
  };
}

/** Samples the two indexes in turn, query by query, so both see the same machine (load, page cache). */
function sampleBoth(small: Subject, large: Subject): [Latency, Latency] {
  const samples: [number[], number[]] = [[], []];
  for (let i = 0; i < SAMPLES + WARMUP; i += 1) {
    const a = small.query(i);
    const b = large.query(i);
    if (i >= WARMUP) {
      samples[0].push(a);
      samples[1].push(b);
    }
  }
  const latency = (values: number[]): Latency => {
    values.sort((x, y) => x - y);
    return { p50: percentile(values, 50), p99: percentile(values, 99) };
  };
  return [latency(samples[0]), latency(samples[1])];
}

function buildInChild(path: string, total: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('build-index-file.ts', import.meta.url)), path, String(total)],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`building the index file exited with ${code}`)),
    );
  });
}

async function build(
  dir: string,
  total: number,
  log: (m: string) => void,
): Promise<{ path: string; issues: string[] }> {
  const path = join(dir, `read-models-${total}.sqlite`);
  const t0 = performance.now();
  await buildInChild(path, total);
  log(`built an index file of ${total} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { path, issues: issueIds(total) };
}

async function measure(log: (m: string) => void): Promise<{ cold: [Latency, Latency]; hot: [Latency, Latency] }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-as-of-'));
  try {
    const small = await build(dir, 10_000, log);
    const large = await build(dir, 1_000_000, log);
    const measured = (cached: number, pick: (issues: string[]) => string[]): [Latency, Latency] => {
      const a = subject(small.path, pick(small.issues), cached);
      const b = subject(large.path, pick(large.issues), cached);
      try {
        return sampleBoth(a, b);
      } finally {
        a.close();
        b.close();
      }
    };
    const cold = measured(0, (issues) => issues);
    // The hot set fits the default cache (100 issues of 100 events = 10k envelopes).
    const hot = measured(100_000, (issues) => issues.slice(0, HOT_ISSUES));
    return { cold, hot };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const asOfQuery: Benchmark = {
  id: 'as-of',
  title: 'As-of query for one issue',
  async run(log): Promise<BenchResult> {
    const m = await measure(log);
    const small = { cold: m.cold[0], hot: m.hot[0] };
    const large = { cold: m.cold[1], hot: m.hot[1] };
    for (const [name, x] of [
      ['10k', small],
      ['1M', large],
    ] as const) {
      log(
        `${name} events: cold p50 ${x.cold.p50.toFixed(3)} ms, p99 ${x.cold.p99.toFixed(3)} ms; hot p50 ${x.hot.p50.toFixed(3)} ms, p99 ${x.hot.p99.toFixed(3)} ms`,
      );
    }
    const coldRatio = large.cold.p99 / small.cold.p99;
    const hotRatio = large.hot.p99 / small.hot.p99;
    return {
      id: 'as-of',
      title: 'As-of query for one issue',
      figures: [
        { name: 'cold (read back from the index file), 10k events: p50', value: small.cold.p50, unit: 'ms' },
        { name: 'cold, 10k events: p99', value: small.cold.p99, unit: 'ms' },
        { name: 'cold, 1M events: p50', value: large.cold.p50, unit: 'ms' },
        { name: 'cold, 1M events: p99', value: large.cold.p99, unit: 'ms' },
        { name: 'cold: p99 1M / p99 10k', value: coldRatio, unit: '×' },
        { name: `hot (${HOT_ISSUES} issues in memory), 10k events: p50`, value: small.hot.p50, unit: 'ms' },
        { name: 'hot, 10k events: p99', value: small.hot.p99, unit: 'ms' },
        { name: 'hot, 1M events: p50', value: large.hot.p50, unit: 'ms' },
        { name: 'hot, 1M events: p99', value: large.hot.p99, unit: 'ms' },
        { name: 'hot: p99 1M / p99 10k', value: hotRatio, unit: '×' },
      ],
      verdicts: [
        { target: 'p99 with 1M events within 2 × p99 with 10k (cold)', met: coldRatio <= 2 },
        { target: 'p99 with 1M events within 2 × p99 with 10k (hot)', met: hotRatio <= 2 },
        { target: 'p99 with 1M events < 5 ms (cold and hot)', met: large.cold.p99 < 5 && large.hot.p99 < 5 },
      ],
      notes: [
        `${PER_ISSUE} events per issue; the index file is built, closed and reopened (as after a restart) before measuring`,
        `each sample: one issue (random; hot: random among the first ${HOT_ISSUES}), a random date 2022-2025, valid and recorded axis in turn; ${SAMPLES} samples after ${WARMUP} warm-up queries`,
        'the 10k and the 1M index are queried in turn, one query each, so both percentiles come from the same minutes of the machine',
        'cold: no list and no fold cached, every query reads the issue from the file; hot: default caches',
      ],
    };
  },
};
