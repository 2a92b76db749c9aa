// The demo data: the timeline of domain.md as an ordered list of commands (by valid time), each with
// its principal, occurredAt and idempotency key. Load it with loadSeed(demoSeed(), ledger.execute).
import { ahcSteps } from './ahc.js';
import { amccSteps, oewgSteps, scamsSteps } from './forums.js';
import type { SeedStep } from './steps.js';

export { demoPrincipals, mfaApprover, mfaDesk, officer } from './principals.js';
export { AHC, AHC_ISSUES, CONSULTATION_2021_12_28, CONSULTATION_FRAMEWORK } from './ahc.js';
export { AMCC, OEWG, SCAMS } from './forums.js';
export type { ExecuteFn, LoadReport, SeedStep } from './steps.js';
export { loadSeed, materialise } from './steps.js';

/** Every step, ordered by valid time (a stable sort: steps at the same instant keep their order). */
export function demoSeed(): SeedStep[] {
  return [...amccSteps(), ...ahcSteps(), ...oewgSteps(), ...scamsSteps()].sort(
    (a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt),
  );
}
