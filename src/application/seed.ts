// Loads the demo data (src/seed) through the ledger, as the principals the seed names, each step under
// its own Idempotency-Key: loading twice appends nothing new.
import { demoSeed, loadSeed, type LoadReport } from '../seed/demo.js';
import type { LedgerStore } from '../store/adapter.js';
import type { Ledger } from './ledger.js';

export async function seedDemo(ledger: Ledger, onStep?: (index: number, total: number) => void): Promise<LoadReport> {
  const steps = demoSeed();
  return loadSeed(steps, (command, ctx) => ledger.execute(command, ctx), onStep === undefined ? undefined : (i) => onStep(i, steps.length));
}

/** True when the store holds no event of a ledger stream yet. */
export async function holdsNoLedgerEvents(store: Pick<LedgerStore, 'readAll'>): Promise<boolean> {
  for await (const _ of store.readAll()) return false;
  return true;
}
