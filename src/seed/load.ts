// Loads the demo data through the ledger, as the principals the seed names, each step under
// its own Idempotency-Key: loading twice appends nothing new, and a load that was cut off part-way
// (a first start killed while loading) is finished by loading again.
import { readClaim } from '../application/key-claims.js';
import type { Ledger } from '../application/ledger.js';
import type { LedgerStore } from '../store/adapter.js';
import { demoSeed, loadSeed, type LoadReport, type SeedStep } from './demo.js';

export async function seedDemo(ledger: Ledger, onStep?: (index: number, total: number) => void): Promise<LoadReport> {
  const steps = demoSeed();
  return loadSeed(
    steps,
    (command, ctx) => ledger.execute(command, ctx),
    onStep === undefined ? undefined : (i) => onStep(i, steps.length),
  );
}

/** True when the store holds no event of a ledger stream yet. */
export async function holdsNoLedgerEvents(store: Pick<LedgerStore, 'readAll'>): Promise<boolean> {
  for await (const _ of store.readAll()) return false;
  return true;
}

/** Whether a step was written: its key was claimed and its stream holds an event under that key. */
async function written(store: Pick<LedgerStore, 'readStream'>, step: SeedStep): Promise<boolean> {
  const claim = await readClaim(store, step.actor.id, step.key);
  if (claim === undefined) return false;
  const { events } = await store.readStream(claim.streamName);
  return events.some((e) => e.metadata['idempotencyKey'] === step.key && isActor(e.metadata['actor'], step.actor.id));
}

function isActor(actor: unknown, principalId: string): boolean {
  return typeof actor === 'object' && actor !== null && 'principalId' in actor && actor.principalId === principalId;
}

/**
 * Why a start should load the demo data: `empty` (the store holds no ledger events), `unfinished` (an
 * earlier load wrote the first step but not the last: it was cut off), or undefined (loaded already, or
 * the store holds other data, which the demo must not be mixed into). A few stream reads, whatever the
 * size of the store.
 */
export async function demoLoadNeeded(
  store: Pick<LedgerStore, 'readAll' | 'readStream'>,
): Promise<'empty' | 'unfinished' | undefined> {
  if (await holdsNoLedgerEvents(store)) return 'empty';
  const steps = demoSeed();
  const first = steps[0];
  const last = steps.at(-1);
  if (first === undefined || last === undefined) return undefined;
  if (!(await written(store, first))) return undefined;
  return (await written(store, last)) ? undefined : 'unfinished';
}
