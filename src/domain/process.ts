// process-<processId>: registration and milestones of a negotiation process.
import type { EventData, LedgerEvent, Milestone, RecordedEvent } from '../../contracts/index.js';
import { ONCE_ONLY_MILESTONES } from '../../contracts/index.js';
import type { Decider, DomainCommandOf } from './decider.js';
import { unhandled } from './decider.js';
import { conflict, notFound } from './errors.js';
import type { StreamState } from './stream.js';
import { creationHasNoDependents, decideRetraction, evolveStream, initialStreamState } from './stream.js';

export interface ProcessInEffect {
  readonly registered?: EventData<'NegotiationProcessRegistered'>;
  readonly milestones: ReadonlyArray<{ eventId: string; milestone: Milestone; on: string }>;
}
export type ProcessState = StreamState<ProcessInEffect>;

const nothingInEffect = (): ProcessInEffect => ({ milestones: [] });

function apply(inEffect: ProcessInEffect, { event, eventId }: RecordedEvent): ProcessInEffect {
  switch (event.type) {
    case 'NegotiationProcessRegistered':
      return { ...inEffect, registered: event.data };
    case 'MilestoneRecorded':
      return {
        ...inEffect,
        milestones: [...inEffect.milestones, { eventId, milestone: event.data.milestone, on: event.data.on }],
      };
    default:
      return inEffect;
  }
}

function registered(state: ProcessState, processId: string): EventData<'NegotiationProcessRegistered'> {
  if (!state.inEffect.registered) throw notFound('process_not_found', `no process "${processId}"`, { processId });
  return state.inEffect.registered;
}

function registerProcess(command: DomainCommandOf<'RegisterProcess'>, state: ProcessState): LedgerEvent[] {
  if (state.inEffect.registered)
    throw conflict('process_already_registered', `process "${command.processId}" is already registered`);
  const { type: _type, context: _context, ...data } = command;
  return [{ type: 'NegotiationProcessRegistered', data }];
}

function recordMilestone(command: DomainCommandOf<'RecordMilestone'>, state: ProcessState): LedgerEvent[] {
  registered(state, command.processId);
  const seen = (m: Milestone) => state.inEffect.milestones.some((x) => x.milestone === m);
  if (ONCE_ONLY_MILESTONES.includes(command.milestone) && seen(command.milestone)) {
    throw conflict('milestone_already_recorded', `"${command.milestone}" is already recorded for this process`, {
      milestone: command.milestone,
    });
  }
  if (command.milestone === 'ratified' && !seen('signed')) {
    throw conflict(
      'milestone_out_of_order',
      'ratification needs a recorded signature first (record "acceded" for accession)',
    );
  }
  if (command.milestone === 'signed' && seen('acceded')) {
    throw conflict('milestone_out_of_order', 'the process records an accession: a signature no longer applies');
  }
  const { type: _type, context: _context, ...data } = command;
  return [{ type: 'MilestoneRecorded', data }];
}

/** The commands of a process stream. */
export type ProcessCommand = DomainCommandOf<'RegisterProcess' | 'RecordMilestone' | 'RetractEntry'>;

export const processDecider: Decider<ProcessCommand, ProcessState> = {
  initialState: () => initialStreamState(nothingInEffect()),
  evolve: (state, event, meta) => evolveStream(state, event, meta, nothingInEffect, apply),
  decide(command, state) {
    switch (command.type) {
      case 'RegisterProcess':
        return registerProcess(command, state);
      case 'RecordMilestone':
        return recordMilestone(command, state);
      case 'RetractEntry':
        return decideRetraction(command, state, { dependents: creationHasNoDependents });
      default:
        return unhandled(command);
    }
  },
};
