// The read side's metrics, read from its status at each scrape (prom-client `collect`): the projector's
// position, how far it is behind the store, whether it is caught up and connected, how often its
// subscription started over, the events it could not parse (also the `projector` source of
// `ledger_integrity_ok`), and the warm-up's progress after a restart.
import { Counter, Gauge } from 'prom-client';
import type { ReadSide } from '../read/read-side.js';
import type { LedgerMetrics } from './ledger-metrics.js';

/** How far the projector is behind the store's head, in ledger events (counted up to a limit). */
export interface EventsBehind {
  eventsBehind: number;
  eventsBehindExact: boolean;
}

export interface ReadSideMetricsOptions {
  /** Counts the ledger events the projector has not applied yet (the probe /readyz uses); none: not exported. */
  lag?: () => Promise<EventsBehind>;
}

export function observeReadSide(
  metrics: Pick<LedgerMetrics, 'registry' | 'integrity'>,
  read: Pick<ReadSide, 'status' | 'warmUp'>,
  options: ReadSideMetricsOptions = {},
): void {
  const registers = [metrics.registry];
  const status = () => read.status();
  const gauge = (name: string, help: string, value: () => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        this.set(value());
      },
    });
  gauge(
    'ledger_projector_position',
    'Commit position of the last event the projector applied (0 before the first)',
    () => Number(status().position?.commit ?? 0),
  );
  gauge('ledger_projector_events_indexed', 'Ledger events in the read index', () => status().eventsIndexed);
  gauge('ledger_projector_caught_up', '1 once the projector has read the ledger to its end after the start', () =>
    status().caughtUp ? 1 : 0,
  );
  gauge('ledger_projector_connected', '1 while the projector is subscribed to the store', () =>
    status().connected ? 1 : 0,
  );
  gauge(
    'ledger_projector_last_event_lag_seconds',
    'How long after the store recorded it the projector applied the last event',
    () => (status().lastEventLagMs ?? 0) / 1000,
  );
  gauge(
    'ledger_projector_rejected_events',
    'Events the projector could not parse and did not project',
    () => status().rejected,
  );
  metrics.integrity.watch('projector', () => status().rejected === 0);
  new Counter({
    name: 'ledger_projector_subscription_restarts_total',
    help: 'Times the projector lost its subscription to the store (an error, or the store ending it) and started over from its checkpoint',
    registers,
    collect() {
      this.reset();
      this.inc(status().restarts);
    },
  });
  const { lag } = options;
  if (lag !== undefined) {
    new Gauge({
      name: 'ledger_projector_events_behind',
      help: 'Ledger events recorded that the projector has not applied yet (counted up to 1000, as /readyz does)',
      registers,
      async collect() {
        this.set((await lag()).eventsBehind);
      },
    });
  }
  const warm = new Gauge({
    name: 'ledger_read_warmup_issues',
    help: 'The warm-up after a restart: issues folded so far (state="folded") of how many (state="total")',
    labelNames: ['state'] as const,
    registers,
    collect() {
      const w = read.warmUp();
      warm.set({ state: 'folded' }, w?.done ?? 0);
      warm.set({ state: 'total' }, w?.of ?? 0);
    },
  });
  gauge(
    'ledger_read_warmup_finished',
    '1 once the warm-up has folded every issue (0 while it runs, and without an index file)',
    () => (read.warmUp()?.finished === true ? 1 : 0),
  );
}
