// Every projection the read models fold, registered in one place. Each is a pure fold (projection.ts)
// over the envelopes of one key of the read index (routing.ts), selected for a two-clock query
// (as-of.ts). Agency alignment is computed from two of them (agency-alignment.ts).
import { agencyViews } from './agency-alignment.js';
import { consultationRegister } from './consultation-register.js';
import { currentPosition } from './current-position.js';
import { followUps } from './follow-ups.js';
import { positionHistory } from './position-history.js';
import { processCatalog, sessionCalendar } from './session-calendar.js';
import { routingVersion, type KeyKind } from './routing.js';

export const projections = {
  currentPosition: { kind: 'issue', projection: currentPosition },
  positionHistory: { kind: 'issue', projection: positionHistory },
  agencyViews: { kind: 'issue', projection: agencyViews },
  followUps: { kind: 'issue', projection: followUps },
  consultationRegister: { kind: 'consultation', projection: consultationRegister },
  sessionCalendar: { kind: 'session', projection: sessionCalendar },
  processCatalog: { kind: 'process', projection: processCatalog },
} as const satisfies Record<string, { kind: KeyKind; projection: { name: string; version: number } }>;

/**
 * Changes whenever a projection's version or the routing does: persisted read state from another version is rebuilt.
 */
export const projectionsVersion: string = [
  `routing@${routingVersion}`,
  ...Object.values(projections).map((p) => `${p.projection.name}@${p.projection.version}`),
].join(',');

export * from './as-of.js';
export * from './envelope.js';
export * from './drafts.js';
export * from './projection.js';
export * from './routing.js';
export * from './valid-time.js';
export * from './current-position.js';
export * from './position-history.js';
export * from './agency-view.js';
export * from './agency-alignment.js';
export * from './consultation-register.js';
export * from './session-calendar.js';
export * from './session-brief.js';
export * from './follow-ups.js';
