// The store adapter with every append measured: how long it took, by stream category and result (ok,
// conflict, error), how many events it wrote, and the conflicts on their own (a lost race between
// writers, or a stale If-Match). A decorator, so the adapter and the ledger stay as they are: whoever
// assembles the ledger passes the instrumented store to the write side (src/server.ts).
import type { LedgerStore } from '../store/adapter.js';
import { ConcurrencyError } from '../store/errors.js';
import { streamCategory, type LedgerMetrics } from './ledger-metrics.js';

export function instrumentStore(
  store: LedgerStore,
  metrics: Pick<LedgerMetrics, 'appends' | 'appendedEvents' | 'appendConflicts'>,
): LedgerStore {
  return {
    ...store,
    async append(streamName, events, options) {
      const category = streamCategory(streamName);
      const start = performance.now();
      const took = (result: 'ok' | 'conflict' | 'error'): void =>
        metrics.appends.observe({ category, result }, (performance.now() - start) / 1000);
      try {
        const outcome = await store.append(streamName, events, options);
        took('ok');
        metrics.appendedEvents.inc({ category }, events.length);
        return outcome;
      } catch (error) {
        const conflict = error instanceof ConcurrencyError;
        took(conflict ? 'conflict' : 'error');
        if (conflict) metrics.appendConflicts.inc({ category });
        throw error;
      }
    },
  };
}
