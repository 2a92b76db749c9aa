// The values many envelopes repeat, shared, and the answers of pure functions the read side asks
// over and over, remembered: one object per read index (ADR 0032), so its lifetime is the read side's
// or the replay's, and a scratch replay, the CLI and the tests never share them by accident.
//
// A full replay keeps every envelope in memory: one string / one object per distinct stream name and
// actor instead of one per event leaves the garbage collector less to trace. Every table is bounded
// (cleared when full), so a long-lived process does not grow with it. Same values either way: an
// equivalence test (test/read/interning.unit.test.ts) compares envelopes parsed with and without it.
import { startOfDay } from '../../contracts/dates.js';
import type { EventMetadata } from '../../contracts/metadata.js';
import { homeKeyOf } from '../../projections/routing.js';

type Actor = EventMetadata['actor'];

export interface Interning {
  /** The same string for the same stream name. */
  streamName(name: string): string;
  /** The same object for the same principal, agency and role. */
  actor(actor: Actor): Actor;
  /** The same bigint for a small revision. */
  revision(revision: bigint): bigint;
  /** The ISO string of a store time (the events of one append share it). */
  recordedAt(date: Date): string;
  /** projections/routing.ts homeKeyOf, remembered per stream. */
  homeKeyOf(streamName: string): string | undefined;
  /** contracts/dates.ts startOfDay (an Intl formatter per call), remembered per day and zone. */
  startOfDay(day: string, zone: string): string;
}

/** How many entries each table holds before it is cleared (ADR 0032). */
export const INTERNING_LIMITS = {
  streamNames: 50_000,
  principals: 10_000,
  actorsPerPrincipal: 16,
  homeKeys: 50_000,
  days: 50_000,
} as const;

/** The revisions most events have, one bigint each (immutable: shared by every interning). */
const smallRevisions: readonly bigint[] = Array.from({ length: 4096 }, (_, i) => BigInt(i));

/** A bounded table: cleared when full. */
class Bounded<T> {
  readonly values = new Map<string, T>();
  constructor(private readonly max: number) {}
  get(key: string): T | undefined {
    return this.values.get(key);
  }
  set(key: string, value: T): T {
    if (this.values.size >= this.max) this.values.clear();
    this.values.set(key, value);
    return value;
  }
}

export function createInterning(): Interning {
  const streamNames = new Bounded<string>(INTERNING_LIMITS.streamNames);
  /** The events of one append come one after another: the last name is checked before the table. */
  let lastStreamName = '';
  /** Actors by principal (a principal acts in one or a few agency/role pairs): no key string built per event. */
  const actorsByPrincipal = new Bounded<Actor[]>(INTERNING_LIMITS.principals);
  /** The events of one append share their store time: the string of the last one is kept for the next. */
  let lastRecorded = { ms: Number.NaN, iso: '' };
  /** Every event of a stream asks its home key again. */
  const homeKeys = new Bounded<string | null>(INTERNING_LIMITS.homeKeys);
  /** Replays meet the same few thousand days over and over. */
  const days = new Bounded<string>(INTERNING_LIMITS.days);

  return {
    streamName(name) {
      if (name !== lastStreamName) lastStreamName = streamNames.get(name) ?? streamNames.set(name, name);
      return lastStreamName;
    },
    actor(actor) {
      let held = actorsByPrincipal.get(actor.principalId);
      if (held !== undefined) {
        for (const a of held) if (a.agency === actor.agency && a.role === actor.role) return a;
      } else held = actorsByPrincipal.set(actor.principalId, []);
      if (held.length < INTERNING_LIMITS.actorsPerPrincipal) held.push(actor);
      return actor;
    },
    revision: (revision) => smallRevisions[Number(revision)] ?? revision,
    recordedAt(date) {
      const ms = date.getTime();
      if (ms !== lastRecorded.ms) lastRecorded = { ms, iso: date.toISOString() };
      return lastRecorded.iso;
    },
    homeKeyOf(streamName) {
      const known = homeKeys.get(streamName);
      if (known !== undefined) return known ?? undefined;
      const home = homeKeyOf(streamName);
      homeKeys.set(streamName, home ?? null);
      return home;
    },
    startOfDay(day, zone) {
      const key = `${day}|${zone}`;
      return days.get(key) ?? days.set(key, startOfDay(day, zone));
    },
  };
}
