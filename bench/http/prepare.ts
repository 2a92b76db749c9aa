// A DATA_DIR holding a ledger of a given size, as a long-running ledger has it: the demo data (first
// start, SEED_DEMO), `events` generated position events appended through the official client to the
// ledger's own embedded store, the projector caught up and its index file written. Then the ledger
// stops; the benchmark starts it again on this directory (a restart, as after a deploy).
import { join } from 'node:path';
import { EventStoreDBClient } from '@eventstore/db-client';
import { createTokenStore } from '../../src/auth/tokens.js';
import type { Principal } from '../../contracts/index.js';
import { fillLedger } from '../read/ledger-events.js';
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

export async function prepareDataDir(dataDir: string, events: number, log: (m: string) => void): Promise<BenchTokens> {
  const tokens = await createTokens(dataDir);
  const t0 = performance.now();
  const ledger = await startLedger(dataDir);
  const client = EventStoreDBClient.connectionString(ledger.storeUrl);
  try {
    await fillLedger(client, events, log);
    await waitReady(ledger.url, { warmed: false });
  } finally {
    await client.dispose().catch(() => undefined);
    await ledger.stop();
  }
  log(`prepared ${dataDir}: demo data + ${events} events, projector caught up, in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return tokens;
}
