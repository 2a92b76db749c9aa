// What every stream kind shares: the log of entries with their ids, which entries are in effect
// (retractions take entries out; retracting a retraction puts them back: the rule the read side
// applies too, contracts/retractions.ts), and `inEffect`, what the decider knows folded from those
// entries. Also the one implementation of RetractEntry.
import type { EventData, LedgerEvent, RecordedEvent } from '../../contracts/index.js';
import { ONCE_ONLY_MILESTONES, retractedIds } from '../../contracts/index.js';
import type { CommandContext, DomainCommandOf, EventMeta } from './decider.js';
import { conflict, forbidden, invalid, notFound } from './errors.js';
import { mayIssue, producedBy } from './roles.js';

/**
 * The entries of a stream, append-only and shared between successive states so a fold costs O(n),
 * not O(n^2). A state sees only its first `length` entries; appending to a state that is not the
 * newest one copies its prefix first, so no state ever observes a change (evolve stays pure).
 */
interface Log {
  readonly entries: RecordedEvent[];
  readonly index: Map<string, number>;
}

export interface StreamState<V> {
  readonly log: Log;
  /** How many entries of the log belong to this state. */
  readonly length: number;
  /** Ids of entries out of effect (retracted, and not reinstated). */
  readonly retracted: ReadonlySet<string>;
  /** Fold of the entries in effect, retractions excluded: what the stream's decider decides on. */
  readonly inEffect: V;
}

export type ApplyEntry<V> = (inEffect: V, entry: RecordedEvent) => V;

export function initialStreamState<V>(inEffect: V): StreamState<V> {
  return { log: { entries: [], index: new Map() }, length: 0, retracted: new Set(), inEffect };
}

function appendable(state: StreamState<unknown>): Log {
  if (state.log.entries.length === state.length) return state.log;
  const entries = state.log.entries.slice(0, state.length);
  return { entries, index: new Map(entries.map((e, i) => [e.eventId, i])) };
}

/** Every entry of the stream, in order (retracted ones and retractions included). */
export function allEntries<V>(state: StreamState<V>): readonly RecordedEvent[] {
  return state.log.entries.slice(0, state.length);
}

export function evolveStream<V>(
  state: StreamState<V>,
  event: LedgerEvent,
  meta: EventMeta,
  nothingInEffect: () => V,
  apply: ApplyEntry<V>,
): StreamState<V> {
  const entry: RecordedEvent = { eventId: meta.eventId, event };
  const log = appendable(state);
  log.entries.push(entry);
  log.index.set(entry.eventId, state.length);
  const length = state.length + 1;
  if (event.type !== 'EntryRetracted') {
    return { log, length, retracted: state.retracted, inEffect: apply(state.inEffect, entry) };
  }
  const entries = log.entries.slice(0, length);
  const retracted = retractedIds(entries);
  const inEffect = entries.reduce(
    (v, e) => (!retracted.has(e.eventId) && e.event.type !== 'EntryRetracted' ? apply(v, e) : v),
    nothingInEffect(),
  );
  return { log, length, retracted, inEffect };
}

export function findEntry<V>(state: StreamState<V>, eventId: string): RecordedEvent | undefined {
  const i = state.log.index.get(eventId);
  return i !== undefined && i < state.length ? state.log.entries[i] : undefined;
}

export function isInEffect<V>(state: StreamState<V>, eventId: string): boolean {
  return findEntry(state, eventId) !== undefined && !state.retracted.has(eventId);
}

/** Entries in effect, retractions excluded, in order. */
export function entriesInEffect<V>(state: StreamState<V>): RecordedEvent[] {
  return allEntries(state).filter((e) => !state.retracted.has(e.eventId) && e.event.type !== 'EntryRetracted');
}

export interface RetractionRules<V> {
  /**
   * Throws when the command's actor may not retract that entry (beyond the role check), e.g. in another agency's name.
   */
  readonly mayRetract?: (context: CommandContext, target: RecordedEvent, state: StreamState<V>) => void;
  /** Throws when retracting the entry would leave later entries resting on nothing. */
  readonly dependents?: (target: RecordedEvent, state: StreamState<V>) => void;
}

/** The first entry of a stream (its registration) can be retracted only once nothing else is in effect. */
export function creationHasNoDependents<V>(target: RecordedEvent, state: StreamState<V>): void {
  const first = state.log.entries[0];
  if (first === undefined || first.eventId !== target.eventId) return;
  const others = entriesInEffect(state).filter((e) => e.eventId !== target.eventId);
  if (others.length > 0) {
    throw conflict(
      'retraction_has_dependents',
      `retract the ${others.length} later entries of this stream before its ${target.event.type}`,
      {
        dependents: others.map((e) => e.eventId),
      },
    );
  }
}

/**
 * Entries that must be unique among those in effect (a registration, a once-only milestone, an outcome
 * per issue, an endorsement per version, ...) share a slot. Reinstating an entry whose slot has since
 * been filled again would leave two in effect, so it is refused.
 */
function slotOf(event: LedgerEvent): string | undefined {
  switch (event.type) {
    case 'NegotiationProcessRegistered':
    case 'SessionScheduled':
    case 'IssueRegistered':
    case 'ConsultationConvened':
      return 'registration';
    case 'MilestoneRecorded':
      return ONCE_ONLY_MILESTONES.includes(event.data.milestone) ? `milestone:${event.data.milestone}` : undefined;
    case 'SessionConcluded':
    case 'IssueClosed':
    case 'ConsultationClosed':
      return 'closed';
    case 'ConsultationOutcomeRecorded':
      return `outcome:${event.data.issueId}`;
    case 'PositionEndorsed':
      return `endorsed:${event.data.version}`;
    case 'PositionWithdrawn':
      return `withdrawn:${event.data.version}`;
    default:
      return undefined;
  }
}

function reinstatable<V>(retraction: RecordedEvent, state: StreamState<V>): void {
  if (retraction.event.type !== 'EntryRetracted') return;
  const original = findEntry(state, retraction.event.data.targetEventId);
  const slot = original ? slotOf(original.event) : undefined;
  if (original === undefined || slot === undefined) return;
  const taken = entriesInEffect(state).find((e) => slotOf(e.event) === slot);
  if (taken) {
    throw conflict(
      'reinstatement_conflicts',
      `reinstating ${original.event.type} ${original.eventId} would leave it beside ${taken.eventId}, recorded since: retract that first`,
      {
        conflictsWith: taken.eventId,
      },
    );
  }
}

export function decideRetraction<V>(
  command: DomainCommandOf<'RetractEntry'>,
  state: StreamState<V>,
  rules: RetractionRules<V> = {},
): LedgerEvent[] {
  const target = findEntry(state, command.targetEventId);
  if (target === undefined) {
    throw notFound('retraction_target_not_found', `no event ${command.targetEventId} in this stream`, {
      targetEventId: command.targetEventId,
    });
  }
  if (!isInEffect(state, target.eventId)) {
    throw conflict('already_retracted', `event ${target.eventId} (${target.event.type}) is already retracted`, {
      targetEventId: target.eventId,
    });
  }
  const isRetraction = target.event.type === 'EntryRetracted';
  if (isRetraction && !command.reinstate) {
    throw invalid(
      'retraction_of_retraction_needs_reinstate',
      'the target is itself a retraction: set reinstate to put the original entry back in effect',
      {
        targetEventId: target.eventId,
      },
    );
  }
  if (!isRetraction && command.reinstate) {
    throw invalid('reinstate_needs_a_retraction', 'reinstate applies only when the target is a retraction', {
      targetEventId: target.eventId,
    });
  }
  if (!mayIssue(command.context.actor, producedBy[target.event.type])) {
    throw forbidden(
      'not_allowed_to_retract',
      `your roles may not write ${target.event.type}, so they may not retract it`,
      { targetType: target.event.type },
    );
  }
  rules.mayRetract?.(command.context, target, state);
  rules.dependents?.(target, state);
  reinstatable(target, state);
  const data: EventData<'EntryRetracted'> = {
    targetEventId: target.eventId,
    targetType: target.event.type,
    reason: command.reason,
    ...(target.event.type === 'EntryRetracted' ? { reinstates: target.event.data.targetEventId } : {}),
  };
  return [{ type: 'EntryRetracted', data }];
}

/** The command's calendar day (valid time) in Bangkok, for defaults such as effectiveFrom. */
export function commandDay(context: { now: string; occurredAt?: string }, toDate: (instant: string) => string): string {
  return toDate(context.occurredAt ?? context.now);
}
