// Figure: an as-of query for one issue with 10k and with 1M events in the read index. The index is
// built in memory from synthetic envelopes (what the projector would hold); queries alternate axes
// and dates, so the per-key "complete" cache is not what is measured.
import { randomUUID } from 'node:crypto';
import type { Benchmark, BenchResult } from '../report.js';
import { percentile } from '../store/measure.js';
import { createReadIndex, type ReadIndex } from '../../src/read/read-index.js';
import { createReadModels } from '../../src/read/read-models.js';
import { toEnvelope } from '../../src/read/to-envelope.js';
import { asOfFor } from '../../projections/index.js';
import { PER_ISSUE, issueEvents } from './ledger-events.js';

const SAMPLES = 5_000;

function buildIndex(total: number): { index: ReadIndex; issues: string[] } {
  const index = createReadIndex();
  const issues: string[] = [];
  let position = 0n;
  const recordedBase = Date.UTC(2024, 0, 1);
  for (let i = 0; i < total / PER_ISSUE; i += 1) {
    const issueId = `bench-${i}`;
    issues.push(issueId);
    for (const e of issueEvents(issueId)) {
      position += 1n;
      const parsed = toEnvelope({
        id: randomUUID(),
        type: e.type,
        streamName: `position-${issueId}`,
        revision: 0n,
        position: { commit: position, prepare: position },
        recordedAt: new Date(recordedBase + Number(position) * 1000),
        data: e.data,
        metadata: e.metadata as Record<string, unknown>,
      });
      if (!parsed.ok) throw parsed.error;
      index.add(parsed.envelope);
    }
  }
  return { index, issues };
}

function measure(total: number): { p50: number; p99: number } {
  const { index, issues } = buildIndex(total);
  const models = createReadModels(index);
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES + 500; i += 1) {
    const issueId = issues[Math.floor(Math.random() * issues.length)] ?? '';
    const instant = new Date(Date.UTC(2022, 0, 1) + Math.random() * 4 * 365 * 86_400_000).toISOString();
    const axis = i % 2 === 0 ? 'valid' : 'recorded';
    const t0 = performance.now();
    const p = models.position(issueId, asOfFor(axis, instant));
    const ms = performance.now() - t0;
    if (p === null && axis === 'valid') throw new Error(`no position for ${issueId}`);
    if (i >= 500) samples.push(ms);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

export const asOfQuery: Benchmark = {
  id: 'as-of',
  title: 'As-of query for one issue',
  async run(log): Promise<BenchResult> {
    const small = measure(10_000);
    log(`10k events: p50 ${small.p50.toFixed(3)} ms, p99 ${small.p99.toFixed(3)} ms`);
    const large = measure(1_000_000);
    log(`1M events: p50 ${large.p50.toFixed(3)} ms, p99 ${large.p99.toFixed(3)} ms`);
    const ratio = large.p99 / small.p99;
    return {
      id: 'as-of',
      title: 'As-of query for one issue',
      figures: [
        { name: 'p50, 10k events in the index', value: small.p50, unit: 'ms' },
        { name: 'p99, 10k events in the index', value: small.p99, unit: 'ms' },
        { name: 'p50, 1M events in the index', value: large.p50, unit: 'ms' },
        { name: 'p99, 1M events in the index', value: large.p99, unit: 'ms' },
        { name: 'p99 1M / p99 10k', value: ratio, unit: '×' },
      ],
      verdicts: [
        { target: 'p99 with 1M events within 2 × p99 with 10k', met: ratio <= 2 },
        { target: 'p99 with 1M events < 5 ms', met: large.p99 < 5 },
      ],
      notes: [`${PER_ISSUE} events per issue, random issue, random date 2022-2025, alternating valid/recorded axis, ${SAMPLES} samples after 500 warm-up queries`],
    };
  },
};
