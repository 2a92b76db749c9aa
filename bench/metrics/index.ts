// What the observability of issue 14 §3 costs the write path (ADR 0037): write throughput over HTTP with
// the metrics (request histogram, instrumented store) and the audit-of-reads hook on, against the same
// app without them, in one run. Rounds alternate (off, on, off, on, ...) so both see the same machine;
// the figure is the ratio of the medians. The embedded store runs in its own process on files (WAL,
// fsync), as `ledger store` does; its own fsync histogram is not in either arm.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import { EventStoreDBClient } from '@eventstore/db-client';
import { pino } from 'pino';
import { createLedger } from '../../src/application/ledger.js';
import { createTokenStore } from '../../src/auth/tokens.js';
import { buildApp, type LedgerApp } from '../../src/http/app.js';
import { createLedgerMetrics } from '../../src/metrics/ledger-metrics.js';
import { instrumentStore } from '../../src/metrics/instrumented-store.js';
import { createReadAuditLog } from '../../src/read/read-audit.js';
import { createLedgerStore } from '../../src/store/adapter.js';
import type { Benchmark, BenchResult } from '../report.js';
import { median } from '../store/measure.js';
import { startStore } from '../store/process.js';

const WRITERS = 16;
const ROUND_MS = 3_000;
const ROUNDS = 5;

const config = {
  bodyLimitBytes: 1024 * 1024,
  rateLimitMax: 1_000_000,
  rateLimitWindowMs: 60_000,
  requestTimeoutMs: 30_000,
  authFailureLimitMax: 1_000_000,
  authFailureWindowMs: 60_000,
  trustProxy: false,
};
const body = () => ({
  processId: `bench-${randomUUID().slice(0, 13)}`,
  kind: 'other',
  title: { th: 'กระบวนการทดสอบ', en: 'Bench process' },
  forum: 'bench',
});

/** Writes/s of `WRITERS` concurrent clients posting new processes for ROUND_MS. */
async function round(app: LedgerApp, token: string): Promise<number> {
  let written = 0;
  let failed = 0;
  const t0 = performance.now();
  const until = t0 + ROUND_MS;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (performance.now() < until) {
        const res = await app.inject({
          method: 'POST',
          url: '/v1/processes',
          headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
          payload: body(),
        });
        if (res.statusCode === 201) written += 1;
        else failed += 1;
      }
    }),
  );
  if (failed > 0) throw new Error(`${failed} writes failed`);
  return written / ((performance.now() - t0) / 1000);
}

export const metricsOverhead: Benchmark = {
  id: 'write-overhead',
  title: 'Metrics and the audit of reads on the write path',
  async run(log): Promise<BenchResult> {
    const dir = mkdtempSync(join(tmpdir(), 'bench-metrics-'));
    const store = await startStore(dir);
    const client = EventStoreDBClient.connectionString(store.firstLine);
    const logger = pino({ level: 'silent' });
    const requestHashKey = createSecretKey(randomBytes(32));
    const tokens = createTokenStore(join(dir, 'tokens.json'));
    const { token } = await tokens.create(
      { id: 'bench-desk', agency: 'MFA', roles: ['negotiator'], clearance: 'secret' },
      'bench',
    );
    const raw = createLedgerStore(client);
    const off = await buildApp({
      ledger: createLedger({ store: raw, logger, requestHashKey }),
      tokens,
      store: raw,
      read: { store: raw },
      logger,
      config,
      metrics: null,
    });
    const metrics = createLedgerMetrics({ processMetrics: true });
    const measured = instrumentStore(raw, metrics);
    const audit = createReadAuditLog({ store: measured, logger, metrics: metrics.readAudit });
    const on = await buildApp({
      ledger: createLedger({ store: measured, logger, requestHashKey }),
      tokens,
      store: measured,
      read: { store: measured },
      logger,
      config,
      metrics,
      readAudit: { audit },
    });
    await Promise.all([off.ready(), on.ready()]);
    try {
      await round(off, token); // warm-up, both
      await round(on, token);
      const rates = { off: [] as number[], on: [] as number[] };
      for (let i = 0; i < ROUNDS; i++) {
        for (const arm of i % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
          const rate = await round(arm === 'on' ? on : off, token);
          rates[arm].push(rate);
          log(`round ${i + 1}, metrics ${arm}: ${rate.toFixed(0)} writes/s`);
        }
      }
      const [withMetrics, without] = [median(rates.on), median(rates.off)];
      const ratio = withMetrics / without;
      const scraped = await metrics.text();
      const counted = scraped
        .split('\n')
        .find((l) =>
          l.startsWith('ledger_http_request_duration_seconds_count{method="POST",route="/v1/processes",status="201"}'),
        );
      log(`with / without: ${ratio.toFixed(3)}; ${counted ?? 'no count'}`);
      return {
        id: 'write-overhead',
        title: 'Metrics and the audit of reads on the write path',
        figures: [
          {
            name: `${WRITERS} concurrent HTTP writers, without metrics: median of ${ROUNDS} rounds`,
            value: without,
            unit: 'writes/s',
          },
          {
            name: `${WRITERS} concurrent HTTP writers, with metrics: median of ${ROUNDS} rounds`,
            value: withMetrics,
            unit: 'writes/s',
          },
          { name: 'with / without', value: ratio, unit: '×' },
        ],
        verdicts: [{ target: 'write throughput with /metrics ≥ 0.95 of without (issue 14)', met: ratio >= 0.95 }],
        notes: [
          `Each write is POST /v1/processes (a new stream, an Idempotency-Key) through app.inject, ${WRITERS} writers for ${ROUND_MS / 1000} s per round, rounds alternating between the two apps over one store.`,
          '"With": the request histogram (route pattern, status), the instrumented store (append latency, events, conflicts), process metrics, and the audit-of-reads hook. "Without": buildApp with metrics: null and no audit.',
          'inject skips the network, so the hooks weigh more here than behind a socket.',
        ],
      };
    } finally {
      await on.close();
      await off.close();
      await audit.close();
      await client.dispose();
      await store.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export const metricsBenchmarks: Benchmark[] = [metricsOverhead];
