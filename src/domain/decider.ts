// The decider shape (style.md 1): decide(command, state) -> events | DomainError; evolve(state, event,
// meta) -> state; initialState(). No I/O, no clock, no random ids: they come in with the command.
import type { Agency, LedgerCommand, LedgerEvent, Principal, RecordedEvent } from '../../contracts/index.js';

/** What the application knows when it hands a command to the domain. */
export interface CommandContext {
  /** The principal issuing the command (already authenticated, role already checked). */
  readonly actor: Principal;
  /** Record time: the application's clock, ISO instant. */
  readonly now: string;
  /** Valid time: when the fact happened, ISO instant (defaults to `now`). */
  readonly occurredAt?: string;
  /** The agency whose principals may also act for other agencies (src/domain/agency.ts), from configuration. */
  readonly coordinatingAgency: Agency;
}

/** A parsed command plus its context. */
export type DomainCommand = LedgerCommand & { readonly context: CommandContext };
export type DomainCommandOf<T extends LedgerCommand['type']> = Extract<LedgerCommand, { type: T }> & { readonly context: CommandContext };

/** What evolve learns about an event besides its data: its id (events refer to each other by id). */
export interface EventMeta {
  readonly eventId: string;
}

/** An event as read back from a stream, ready to fold (contracts' RecordedEvent). */
export type { RecordedEvent };

export interface Decider<C, E, S> {
  initialState(): S;
  evolve(state: S, event: E, meta: EventMeta): S;
  decide(command: C, state: S): E[];
}

/** Fold a stream's history into state. */
export function fold<C, S>(decider: Decider<C, LedgerEvent, S>, history: Iterable<RecordedEvent>): S {
  let state = decider.initialState();
  for (const { event, eventId } of history) state = decider.evolve(state, event, { eventId });
  return state;
}
