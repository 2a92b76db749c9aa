// A DATA_DIR holding a ledger of a given size, as a long-running ledger has it: the demo data (first
// start, SEED_DEMO), `events` generated position events appended through the official client to the
// ledger's own embedded store, the projector caught up and its index file written. Then the ledger
// stops; the benchmark starts it again on this directory (a restart, as after a deploy).
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { EventStoreDBClient } from '@eventstore/db-client';
import { createTokenStore } from '../../src/auth/tokens.js';
import { createLedgerStore, type LedgerStore } from '../../src/store/adapter.js';
import type { Principal } from '../../contracts/index.js';
import { PER_ISSUE, issueEvents } from '../read/ledger-events.js';
import { startLedger, waitReady } from './ledger-process.js';

export interface BenchTokens {
  /** MFA negotiator (and approver), clearance secret: reads, issues, consultations, statements. */
  desk: string;
  /** OAG agency officer: records OAG's views. */
  officer: string;
}

const principals = {
  desk: { id: 'bench-mfa-desk', agency: 'MFA', roles: ['negotiator', 'approver'], clearance: 'secret' },
  officer: { id: 'bench-oag-officer', agency: 'OAG', roles: ['agency-officer'], clearance: 'confidential' },
} satisfies Record<keyof BenchTokens, Principal>;

/** Tokens straight into DATA_DIR's token file (what `ledger token create` does). */
async function createTokens(dataDir: string): Promise<BenchTokens> {
  const store = createTokenStore(join(dataDir, 'tokens.json'));
  const desk = await store.create(principals.desk, 'bench: MFA desk');
  const officer = await store.create(principals.officer, 'bench: OAG officer');
  return { desk: desk.token, officer: officer.token };
}

/**
 * Appends `total` events (PER_ISSUE per issue, a few appends in flight) through the ledger's store
 * adapter, so each is chained into its stream's hash chain as a ledger write is (the integrity monitor
 * refuses an unchained event, and /readyz would then never say ready).
 */
async function fillLedger(store: LedgerStore, total: number, log: (m: string) => void): Promise<void> {
  const tag = randomUUID().slice(0, 8);
  const issues = Array.from({ length: Math.ceil(total / PER_ISSUE) }, (_, i) => `bench-${tag}-${i}`);
  let next = 0;
  const t0 = performance.now();
  const worker = async (): Promise<void> => {
    while (next < issues.length) {
      const issueId = issues[next];
      next += 1;
      if (issueId === undefined) return;
      const events = issueEvents(issueId).map((e) => ({ id: e.id, type: e.type, data: e.data, metadata: e.metadata }));
      await store.append(`position-${issueId}`, events, { expectedRevision: 'no_stream', chainHead: null });
      if (next % 1000 === 0) log(`  filled ${next * PER_ISSUE} events`);
    }
  };
  await Promise.all(Array.from({ length: 4 }, () => worker()));
  log(`filled ${issues.length * PER_ISSUE} ledger events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

export async function prepareDataDir(dataDir: string, events: number, log: (m: string) => void): Promise<BenchTokens> {
  const tokens = await createTokens(dataDir);
  const t0 = performance.now();
  const ledger = await startLedger(dataDir);
  const client = EventStoreDBClient.connectionString(ledger.storeUrl);
  try {
    await fillLedger(createLedgerStore(client), events, log);
    await waitReady(ledger.url, { warmed: false });
  } finally {
    await client.dispose().catch(() => undefined);
    await ledger.stop();
  }
  log(
    `prepared ${dataDir}: demo data + ${events} events, projector caught up, in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return tokens;
}
