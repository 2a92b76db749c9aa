// The demo data as events, decided in memory through the domain (no store), for the tests that want
// the timeline without writing it. Event ids are deterministic (a counter rendered as a UUID).
import type { LedgerEvent, Principal } from '../../contracts/index.js';
import type { RecordedEvent } from '../../src/domain/index.js';
import { DEFAULT_COORDINATING_AGENCY, decideOn, streamOf } from '../../src/domain/index.js';
import { materialise, type SeedStep } from '../../src/seed/steps.js';

export interface DecidedStep {
  readonly key: string;
  readonly streamName: string;
  readonly eventId: string;
  readonly event: LedgerEvent;
  readonly actor: Principal;
  readonly occurredAt: string;
  readonly timeZone?: string;
}

export function counterId(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/**
 * Fold every step through the deciders, in order, the way the application would; throws the first
 * DomainError. `now` is the record time given to the deciders.
 */
export function decideSteps(steps: readonly SeedStep[], now = '2026-01-01T00:00:00.000Z'): DecidedStep[] {
  const streams = new Map<string, RecordedEvent[]>();
  const idOfKey = new Map<string, string>();
  const decided: DecidedStep[] = [];
  for (const step of steps) {
    const command = materialise(step, (key) => {
      const id = idOfKey.get(key);
      if (id === undefined) throw new RangeError(`${step.key} refers to ${key}, which has not run before it`);
      return id;
    });
    const streamName = streamOf(command);
    const history = streams.get(streamName) ?? [];
    const context = {
      actor: step.actor,
      now,
      occurredAt: step.occurredAt,
      coordinatingAgency: DEFAULT_COORDINATING_AGENCY,
    };
    const events = decideOn({ ...command, context }, history);
    const recorded = events.map((event) => ({ event, eventId: counterId(decided.length + 1) }));
    for (const r of recorded) {
      decided.push({
        key: step.key,
        streamName,
        ...r,
        actor: step.actor,
        occurredAt: step.occurredAt,
        ...(step.timeZone ? { timeZone: step.timeZone } : {}),
      });
      if (!idOfKey.has(step.key)) idOfKey.set(step.key, r.eventId);
    }
    streams.set(streamName, [...history, ...recorded]);
  }
  return decided;
}
