// The integrity benchmarks' ledger: the read benchmarks' position events (bench/read/ledger-events.ts), each
// classified value with its salt, appended through the adapter so that every event carries its chain links; and the
// integrity monitor the benchmarks check them with.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { SigningKey } from '../../src/integrity/signing-key.js';
import { createIntegrityMonitor, type IntegrityMonitor } from '../../src/read/integrity.js';
import type { LedgerStore, NewEvent } from '../../src/store/adapter.js';
import { PER_ISSUE, issueEvents } from '../read/ledger-events.js';

const salt = (): string => randomUUID().replaceAll('-', '');

/** One issue's events, each classified value with a salt of its own. */
export function chainedEvents(issueId: string): NewEvent[] {
  return issueEvents(issueId).map((e) => {
    const data = { ...(e.data as Record<string, unknown>) };
    for (const field of ['redLines', 'fallbacks']) {
      const v = data[field] as { level: string; value: unknown } | undefined;
      if (v !== undefined) data[field] = { ...v, salt: salt() };
    }
    return { id: e.id, type: e.type, data, metadata: e.metadata as Record<string, unknown> };
  });
}

/**
 * Appends at least `total` chained events (whole issues of PER_ISSUE events, streams `position-<prefix>-<n>`) from
 * 4 writers; resolves with the number of events appended.
 */
export async function fillChained(store: LedgerStore, total: number, prefix: string): Promise<number> {
  const issues = Array.from({ length: Math.ceil(total / PER_ISSUE) }, (_, i) => `${prefix}-${i}`);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < issues.length) {
      const issueId = issues[next++];
      if (issueId === undefined) return;
      await store.append(`position-${issueId}`, chainedEvents(issueId), { expectedRevision: 'no_stream' });
    }
  };
  await Promise.all(Array.from({ length: 4 }, () => worker()));
  return issues.length * PER_ISSUE;
}

/**
 * The integrity monitor as the benchmark's catch-up runs it (monitor.ts, and catch-up-cpu.ts, which must measure the
 * same thing): its own Merkle log file in `dir`, a checkpoint every 1,000 leaves, no start-up sweep.
 */
export function benchMonitor(store: LedgerStore, dir: string, key: SigningKey, logger: Logger): IntegrityMonitor {
  return createIntegrityMonitor({
    logFile: join(dir, `merkle-${randomUUID()}.sqlite`),
    store,
    key,
    origin: 'bench',
    policy: { everyLeaves: 1000, everyMs: 60_000 },
    logger,
    sweepOnStart: false,
  });
}
