// The ledger's Prometheus metrics (prom-client), one registry per instance: whoever assembles a ledger
// (src/server.ts, a test, a benchmark) creates one and hands it to the parts that report into it, so many
// apps in one process never share or collide in prom-client's global default registry. What is measured
// where: HTTP requests by route pattern and status (src/http/plugins/metrics.ts), appends, their latency
// and conflicts (./instrumented-store.ts), the projector and the warm-up (./read-side.ts), the embedded
// store's fsyncs (its worker's own registry, merged in at scrape time: `addSource`), the audit of
// classified reads (src/read/read-audit.ts) and the integrity status (`integrity.set`). ADR 0037.
import { AggregatorRegistry, Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { SeriesHistogram } from './series-histogram.js';

/**
 * What another registry (the embedded store's, in its worker thread) exports: its getMetricsAsJSON(),
 * passed to prom-client's AggregatorRegistry.aggregate as it is.
 */
export type MetricsJson = readonly object[];

/** The store categories a stream may have in a label (anything else is `other`: label values stay few). */
const STREAM_CATEGORIES = new Set(['process', 'session', 'issue', 'consultation', 'position', 'ledger', 'read-audit']);

export function streamCategory(streamName: string): string {
  if (streamName.startsWith('read-audit-')) return 'read-audit';
  const dash = streamName.indexOf('-');
  const category = dash < 0 ? streamName : streamName.slice(0, dash);
  return STREAM_CATEGORIES.has(category) ? category : 'other';
}

/** Latency buckets (seconds) of requests and appends: 1 ms to 10 s. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface LedgerMetricsOptions {
  /** Also Node's process metrics (CPU, memory, event-loop delay, GC): for a serving process, not for tests. */
  processMetrics?: boolean;
}

export interface LedgerMetrics {
  readonly registry: Registry;
  /** Observed on every request and append: histograms whose series are kept (./series-histogram.ts, ADR 0066). */
  readonly http: SeriesHistogram<'method' | 'route' | 'status'>;
  readonly appends: SeriesHistogram<'category' | 'result'>;
  readonly appendedEvents: Counter<'category'>;
  readonly appendConflicts: Counter<'category'>;
  readonly readAudit: {
    readonly records: Counter;
    readonly pending: Gauge;
    readonly flushFailures: Counter;
  };
  /**
   * The integrity status per source of checks (`projector`: events it could not parse; the chain checks
   * of src/integrity set their own): 1 = nothing wrong found, 0 = a violation. `ledger_integrity_ok`.
   */
  readonly integrity: {
    set(source: string, ok: boolean): void;
    /** Asks `ok` at each scrape instead. */
    watch(source: string, ok: () => boolean): void;
  };
  /**
   * Adds metrics kept elsewhere (another thread's registry) to every scrape; `read` answers its
   * registry's getMetricsAsJSON(), or null when it has nothing to say now.
   */
  addSource(read: () => Promise<MetricsJson | null>): void;
  /** The Prometheus text exposition of everything. */
  text(): Promise<string>;
  readonly contentType: string;
}

export function createLedgerMetrics(options: LedgerMetricsOptions = {}): LedgerMetrics {
  const registry = new Registry();
  if (options.processMetrics === true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const sources: Array<() => Promise<MetricsJson | null>> = [];

  const http = new SeriesHistogram({
    name: 'ledger_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status code, and how long they took (its _count is the request rate)',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const appends = new SeriesHistogram({
    name: 'ledger_store_append_duration_seconds',
    help: 'Appends to the event store by stream category and result (ok, conflict, error), and how long each took',
    labelNames: ['category', 'result'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const appendedEvents = new Counter({
    name: 'ledger_store_appended_events_total',
    help: 'Events appended to the event store, by stream category',
    labelNames: ['category'] as const,
    registers,
  });
  const appendConflicts = new Counter({
    name: 'ledger_store_append_conflicts_total',
    help: 'Appends the store refused because the stream was not at the expected revision (a lost race or a stale If-Match)',
    labelNames: ['category'] as const,
    registers,
  });
  const readAudit = {
    records: new Counter({
      name: 'ledger_read_audit_records_total',
      help: 'Reads that showed content above unclassified, recorded for auditors',
      registers,
    }),
    pending: new Gauge({
      name: 'ledger_read_audit_pending',
      help: 'Audit records of classified reads not yet appended to the store',
      registers,
    }),
    flushFailures: new Counter({
      name: 'ledger_read_audit_flush_failures_total',
      help: 'Appends of audit records that failed (they are kept and tried again)',
      registers,
    }),
  };
  const watched = new Map<string, () => boolean>();
  const integrityOk = new Gauge({
    name: 'ledger_integrity_ok',
    help: 'Integrity status by source of checks: 1 = nothing wrong found, 0 = a violation found',
    labelNames: ['source'] as const,
    registers,
    collect() {
      for (const [source, ok] of watched) this.set({ source }, ok() ? 1 : 0);
    },
  });

  return {
    registry,
    http,
    appends,
    appendedEvents,
    appendConflicts,
    readAudit,
    integrity: {
      set: (source, ok) => integrityOk.set({ source }, ok ? 1 : 0),
      watch: (source, ok) => void watched.set(source, ok),
    },
    addSource: (read) => void sources.push(read),
    contentType: registry.contentType,
    async text() {
      const own = await registry.metrics();
      const others = await Promise.all(sources.map((read) => read().catch(() => null)));
      const found = others.filter((json): json is MetricsJson => json !== null && json.length > 0);
      if (found.length === 0) return own;
      return own + (await AggregatorRegistry.aggregate(found.map((json) => [...json])).metrics());
    },
  };
}
