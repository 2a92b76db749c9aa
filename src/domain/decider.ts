// The decider shape (style.md 1): decide(command, state) -> events | DomainError; evolve(state, event,
// meta) -> state; initialState(). No I/O, no clock, no random ids: they come in with the command.
// Each stream kind's decider takes only its own commands (emmett's businessLogic.ts): its `decide` is
// an exhaustive switch, so a command of another stream does not compile (index.ts routes each command
// to its stream's decider).
import type { Agency, CommandOf, CommandType, LedgerEvent, Principal, RecordedEvent } from '../../contracts/index.js';

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

/** A parsed command of one of these types, plus its context. */
export type DomainCommandOf<T extends CommandType> = CommandOf<T> & { readonly context: CommandContext };
/** Any parsed command plus its context. */
export type DomainCommand = DomainCommandOf<CommandType>;

/** What evolve learns about an event besides its data: its id (events refer to each other by id). */
export interface EventMeta {
  readonly eventId: string;
}

/** An event as read back from a stream, ready to fold (contracts' RecordedEvent). */
export type { RecordedEvent };

/** The decider of one stream kind: its own commands C, its state S. */
export interface Decider<C, S> {
  initialState(): S;
  evolve(state: S, event: LedgerEvent, meta: EventMeta): S;
  decide(command: C, state: S): LedgerEvent[];
}

/** Fold a stream's history into state. */
export function fold<S>(
  decider: Pick<Decider<never, S>, 'initialState' | 'evolve'>,
  history: Iterable<RecordedEvent>,
): S {
  let state = decider.initialState();
  for (const { event, eventId } of history) state = decider.evolve(state, event, { eventId });
  return state;
}

/**
 * The default branch of a decider's exhaustive switch: a compile error when a command of the stream
 * has no case, a TypeError should a caller get past the types at run time.
 */
export function unhandled(command: never): never {
  throw new TypeError(`${String(Reflect.get(Object(command), 'type'))} is not a command of this stream`);
}
