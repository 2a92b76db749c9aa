// An event as the read side sees it: the parsed domain event plus both of its clocks.
// Record time = the store's commit position (order) and `recordedAt` (the store's `created`).
// Valid time = `validAt` (see valid-time.ts), fixed when the envelope is built.
import type { LedgerEvent } from '../contracts/events/index.js';
import { compareLogAt } from '../contracts/log-position.js';
import type { EventMetadata } from '../contracts/metadata.js';

export interface Envelope<E extends { type: string } = LedgerEvent> {
  readonly eventId: string;
  readonly streamName: string;
  readonly revision: bigint;
  /**
   * The envelope's commit position in $all: with `prepare`, its log position (contracts/log-position.ts).
   * A StoredEvent's `position` is both numbers; an envelope keeps them apart.
   */
  readonly commit: bigint;
  /** Prepare position: orders the events of one commit. */
  readonly prepare: bigint;
  /** Normalised UTC ISO instant the store recorded the event (`created`). */
  readonly recordedAt: string;
  /** Normalised UTC ISO instant the event happened or takes effect (valid-time.ts). */
  readonly validAt: string;
  readonly event: E;
  readonly metadata: EventMetadata;
}

/** Canonical fold order: valid time, then commit position. Negative when a comes first. */
export function compareCanonical(a: SortKey, b: SortKey): number {
  // validAt is always a normalised UTC ISO string (valid-time.ts), so strings compare as instants.
  if (a.validAt !== b.validAt) return a.validAt < b.validAt ? -1 : 1;
  return compareRecorded(a, b);
}

/** Record-time order: the log order (contracts' compareLog) of the envelopes' log positions. */
export function compareRecorded(
  a: Pick<Envelope, 'commit' | 'prepare'>,
  b: Pick<Envelope, 'commit' | 'prepare'>,
): number {
  return compareLogAt(a.commit, a.prepare, b.commit, b.prepare);
}

export type SortKey = Pick<Envelope, 'validAt' | 'commit' | 'prepare'>;

export function sortKeyOf(envelope: SortKey): SortKey {
  return { validAt: envelope.validAt, commit: envelope.commit, prepare: envelope.prepare };
}
