// session-<sessionId>: a session of a process, its (re)scheduling and conclusion.
import type { EventData, LedgerEvent, RecordedEvent } from '../../contracts/index.js';
import { sameJson } from '../../contracts/index.js';
import type { Decider, DomainCommandOf } from './decider.js';
import { unhandled } from './decider.js';
import { conflict, invalid, notFound } from './errors.js';
import type { StreamState } from './stream.js';
import { creationHasNoDependents, decideRetraction, evolveStream, initialStreamState } from './stream.js';

export interface SessionInEffect {
  readonly scheduled?: EventData<'SessionScheduled'>;
  readonly concluded?: EventData<'SessionConcluded'>;
}
export type SessionState = StreamState<SessionInEffect>;

const nothingInEffect = (): SessionInEffect => ({});

function apply(inEffect: SessionInEffect, { event }: RecordedEvent): SessionInEffect {
  switch (event.type) {
    case 'SessionScheduled':
      return { ...inEffect, scheduled: event.data };
    case 'SessionRescheduled':
      return inEffect.scheduled
        ? {
            ...inEffect,
            scheduled: { ...inEffect.scheduled, from: event.data.from, to: event.data.to, venue: event.data.venue },
          }
        : inEffect;
    case 'SessionConcluded':
      return { ...inEffect, concluded: event.data };
    default:
      return inEffect;
  }
}

function checkDates(from: string, to: string): void {
  if (from > to)
    throw invalid('session_ends_before_it_starts', `a session cannot end (${to}) before it starts (${from})`, {
      from,
      to,
    });
}

function scheduled(state: SessionState, sessionId: string): EventData<'SessionScheduled'> {
  if (!state.inEffect.scheduled) throw notFound('session_not_found', `no session "${sessionId}"`, { sessionId });
  return state.inEffect.scheduled;
}

function scheduleSession(command: DomainCommandOf<'ScheduleSession'>, state: SessionState): LedgerEvent[] {
  if (state.inEffect.scheduled)
    throw conflict('session_already_scheduled', `session "${command.sessionId}" is already scheduled`);
  checkDates(command.from, command.to);
  const { type: _type, context: _context, ...data } = command;
  return [{ type: 'SessionScheduled', data }];
}

function rescheduleSession(command: DomainCommandOf<'RescheduleSession'>, state: SessionState): LedgerEvent[] {
  const session = scheduled(state, command.sessionId);
  if (state.inEffect.concluded) throw conflict('session_concluded', 'a concluded session cannot be rescheduled');
  checkDates(command.from, command.to);
  const venue = command.venue ?? session.venue;
  if (command.from === session.from && command.to === session.to && sameJson(venue, session.venue)) {
    throw invalid('reschedule_changes_nothing', 'the session already has these dates and this venue');
  }
  return [
    {
      type: 'SessionRescheduled',
      data: {
        sessionId: command.sessionId,
        from: command.from,
        to: command.to,
        venue,
        ...(command.reason ? { reason: command.reason } : {}),
      },
    },
  ];
}

function concludeSession(command: DomainCommandOf<'ConcludeSession'>, state: SessionState): LedgerEvent[] {
  const session = scheduled(state, command.sessionId);
  if (state.inEffect.concluded)
    throw conflict('session_already_concluded', `session "${command.sessionId}" is already concluded`);
  if (command.on < session.from) {
    throw invalid(
      'concluded_before_start',
      `the session starts on ${session.from}; it cannot conclude on ${command.on}`,
      { from: session.from, on: command.on },
    );
  }
  const { type: _type, context: _context, ...data } = command;
  return [{ type: 'SessionConcluded', data }];
}

/** The commands of a session stream. */
export type SessionCommand = DomainCommandOf<
  'ScheduleSession' | 'RescheduleSession' | 'ConcludeSession' | 'RetractEntry'
>;

export const sessionDecider: Decider<SessionCommand, SessionState> = {
  initialState: () => initialStreamState(nothingInEffect()),
  evolve: (state, event, meta) => evolveStream(state, event, meta, nothingInEffect, apply),
  decide(command, state) {
    switch (command.type) {
      case 'ScheduleSession':
        return scheduleSession(command, state);
      case 'RescheduleSession':
        return rescheduleSession(command, state);
      case 'ConcludeSession':
        return concludeSession(command, state);
      case 'RetractEntry':
        return decideRetraction(command, state, { dependents: creationHasNoDependents });
      default:
        return unhandled(command);
    }
  },
};
