// The embedded store's own metrics: how long each fsync of the WAL takes (the one that makes a commit
// durable before any of its writers is answered: storage/group-commit.ts) and how many writes share it.
// A registry of the store's own, in whatever thread or process runs it; the ledger asks for it at each
// scrape (index.ts `metrics()`, getMetricsAsJSON through the worker's port) and merges it into /metrics.
import { Histogram, Registry } from 'prom-client';

export interface StoreMetrics {
  readonly registry: Registry;
  /** `sync` with each call timed; null stays null (a store in memory syncs nothing). */
  timed(sync: (() => Promise<void>) | null): (() => Promise<void>) | null;
  /** A committed batch of `writes` appends (one transaction, one fsync). */
  committed(writes: number): void;
}

export function createStoreMetrics(): StoreMetrics {
  const registry = new Registry();
  const fsync = new Histogram({
    name: 'ledger_store_fsync_duration_seconds',
    help: "Embedded store: how long each fsync of SQLite's WAL took (one per committed batch of appends)",
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const batch = new Histogram({
    name: 'ledger_store_commit_batch_writes',
    help: 'Embedded store: appends committed together in one transaction and one fsync (group commit)',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: [registry],
  });
  return {
    registry,
    timed(sync) {
      if (sync === null) return null;
      return async () => {
        const stop = fsync.startTimer();
        try {
          await sync();
        } finally {
          stop();
        }
      };
    },
    committed: (writes) => batch.observe(writes),
  };
}
