// position-<issueId>: Thailand's position on one issue, version by version: drafts, endorsements,
// withdrawals, statements delivered, and whether it made it into the final text.
import type { Authority, EventData, LedgerEvent, RecordedEvent } from '../../contracts/index.js';
import { authorityRank, dateInZone, sameJson } from '../../contracts/index.js';
import { agencyOfAuthority, assertSpeaksFor } from './agency.js';
import type { CommandContext, Decider, DomainCommandOf } from './decider.js';
import { unhandled } from './decider.js';
import { conflict, invalid, notFound } from './errors.js';
import type { StreamState } from './stream.js';
import { allEntries, commandDay, decideRetraction, evolveStream, findEntry, initialStreamState } from './stream.js';

export interface DraftedVersion {
  readonly eventId: string;
  readonly draft: EventData<'PositionDrafted'>;
  readonly endorsement?: { readonly eventId: string; readonly data: EventData<'PositionEndorsed'> };
  readonly withdrawal?: { readonly eventId: string; readonly data: EventData<'PositionWithdrawn'> };
}

export interface PositionInEffect {
  readonly versions: ReadonlyMap<number, DraftedVersion>;
  /** The version endorsed last (in record order) and not withdrawn. */
  readonly inForce?: number;
}
export type PositionState = StreamState<PositionInEffect>;

const nothingInEffect = (): PositionInEffect => ({ versions: new Map() });

function withVersion(
  inEffect: PositionInEffect,
  version: number,
  change: (v: DraftedVersion) => DraftedVersion,
): PositionInEffect {
  const current = inEffect.versions.get(version);
  return current ? { ...inEffect, versions: new Map(inEffect.versions).set(version, change(current)) } : inEffect;
}

function apply(inEffect: PositionInEffect, { event, eventId }: RecordedEvent): PositionInEffect {
  switch (event.type) {
    case 'PositionDrafted':
      return {
        ...inEffect,
        versions: new Map(inEffect.versions).set(event.data.version, { eventId, draft: event.data }),
      };
    case 'PositionEndorsed':
      return {
        ...withVersion(inEffect, event.data.version, (v) => ({ ...v, endorsement: { eventId, data: event.data } })),
        inForce: event.data.version,
      };
    case 'PositionWithdrawn': {
      const next = withVersion(inEffect, event.data.version, (v) => ({
        ...v,
        withdrawal: { eventId, data: event.data },
      }));
      if (next.inForce !== event.data.version) return next;
      const { inForce: _dropped, ...rest } = next;
      return rest;
    }
    default:
      return inEffect;
  }
}

/** Version numbers are never reused, even when a draft is retracted. */
function nextVersion(state: PositionState): number {
  return (
    allEntries(state).reduce(
      (max, e) => (e.event.type === 'PositionDrafted' ? Math.max(max, e.event.data.version) : max),
      0,
    ) + 1
  );
}

/**
 * The authority a substantive change must match: the highest authority that endorsed any version not
 * withdrawn. Once the Cabinet has endorsed a position, substantive changes go back to the Cabinet.
 */
export function standingAuthority(inEffect: PositionInEffect): Authority | undefined {
  let highest: Authority | undefined;
  for (const v of inEffect.versions.values()) {
    if (!v.endorsement || v.withdrawal) continue;
    if (highest === undefined || authorityRank(v.endorsement.data.authority) > authorityRank(highest))
      highest = v.endorsement.data.authority;
  }
  return highest;
}

function draft(command: DomainCommandOf<'DraftPosition'>, state: PositionState): LedgerEvent[] {
  const inForce =
    state.inEffect.inForce === undefined ? undefined : state.inEffect.versions.get(state.inEffect.inForce);
  if (!command.substantive) {
    if (!inForce) throw invalid('change_is_substantive', 'with no position in force, a draft is a substantive change');
    if (inForce.draft.stance !== command.stance) {
      throw invalid(
        'change_is_substantive',
        `a change of stance (${inForce.draft.stance} -> ${command.stance}) is substantive`,
      );
    }
    if (
      !sameJson(inForce.draft.redLines.value, command.redLines.value) ||
      inForce.draft.redLines.level !== command.redLines.level
    ) {
      throw invalid('change_is_substantive', 'a change of red lines is substantive');
    }
  }
  const { type: _type, context: _context, basis, ...rest } = command;
  const data: EventData<'PositionDrafted'> = {
    ...rest,
    basis,
    version: nextVersion(state),
    ...(inForce ? { previousVersion: inForce.draft.version } : {}),
  };
  return [{ type: 'PositionDrafted', data }];
}

function existingVersion(state: PositionState, version: number): DraftedVersion {
  const v = state.inEffect.versions.get(version);
  if (!v) throw notFound('version_not_found', `no drafted version ${version} of this position`, { version });
  return v;
}

/**
 * An MFA instruction speaks for MFA and a Cabinet decision is recorded by the coordinating agency
 * (domain.md): writing, withdrawing or retracting one is acting in that agency's name (ADR 0014).
 * An interagency endorsement names no agency.
 */
function speaksWithAuthority(context: CommandContext, authority: Authority | undefined, action: string): void {
  if (authority === undefined) return;
  const agency = agencyOfAuthority(authority, context.coordinatingAgency);
  if (agency !== undefined) assertSpeaksFor(context, agency, `${action} with authority ${authority}`);
}

function endorse(command: DomainCommandOf<'EndorsePosition'>, state: PositionState): LedgerEvent[] {
  speaksWithAuthority(command.context, command.authority, 'endorse a position');
  const v = existingVersion(state, command.version);
  if (v.endorsement)
    throw conflict(
      'version_already_endorsed',
      `version ${command.version} is already endorsed (${v.endorsement.data.decisionRef})`,
    );
  if (v.withdrawal) throw conflict('version_withdrawn', `version ${command.version} was withdrawn`);
  const inForce = state.inEffect.inForce;
  if (inForce !== undefined && command.version < inForce) {
    throw conflict('version_superseded', `version ${inForce} is in force; version ${command.version} is older`, {
      inForce,
    });
  }
  if (!v.draft.substantive && v.draft.previousVersion !== inForce) {
    throw conflict(
      'base_version_changed',
      `version ${command.version} was drafted as a wording change to version ${v.draft.previousVersion ?? '-'}, which is no longer in force: redraft it`,
    );
  }
  const standing = standingAuthority(state.inEffect);
  if (standing !== undefined) {
    const needed: Authority = v.draft.substantive
      ? standing
      : authorityRank(standing) > authorityRank('mfa')
        ? 'mfa'
        : standing;
    if (authorityRank(command.authority) < authorityRank(needed)) {
      const code = needed === 'cabinet' ? 'cabinet_authority_required' : 'insufficient_authority';
      throw conflict(
        code,
        `${v.draft.substantive ? 'a substantive change' : 'a change'} to a position endorsed by ${standing} needs authority ${needed}, not ${command.authority}`,
        {
          needed,
          standing,
        },
      );
    }
  }
  const { type: _type, context: _context, effectiveFrom, ...rest } = command;
  return [{ type: 'PositionEndorsed', data: { ...rest, effectiveFrom: effectiveFrom ?? command.decidedOn } }];
}

function withdraw(command: DomainCommandOf<'WithdrawPosition'>, state: PositionState): LedgerEvent[] {
  const v = existingVersion(state, command.version);
  speaksWithAuthority(command.context, v.endorsement?.data.authority, 'withdraw a position endorsed');
  if (v.withdrawal) throw conflict('version_already_withdrawn', `version ${command.version} is already withdrawn`);
  const wasInForce = state.inEffect.inForce === command.version;
  if (v.endorsement && !wasInForce) {
    throw conflict(
      'version_not_in_force',
      `version ${command.version} is superseded by version ${state.inEffect.inForce ?? '-'}; only the version in force or a pending draft can be withdrawn`,
    );
  }
  const { type: _type, context, effectiveFrom, ...rest } = command;
  const data: EventData<'PositionWithdrawn'> = {
    ...rest,
    wasInForce,
    effectiveFrom: effectiveFrom ?? commandDay(context, (instant) => dateInZone(instant)),
  };
  return [{ type: 'PositionWithdrawn', data }];
}

function statement(command: DomainCommandOf<'RecordStatement'>, state: PositionState): LedgerEvent[] {
  const version = command.version ?? state.inEffect.inForce;
  if (command.version !== undefined) {
    const v = existingVersion(state, command.version);
    if (!v.endorsement)
      throw conflict(
        'statement_version_not_endorsed',
        `version ${command.version} is not endorsed: a delegation speaks to an endorsed position`,
      );
  }
  const { type: _type, context: _context, version: _version, ...rest } = command;
  return [{ type: 'StatementDelivered', data: { ...rest, ...(version !== undefined ? { version } : {}) } }];
}

function outcome(command: DomainCommandOf<'RecordPositionOutcome'>, state: PositionState): LedgerEvent[] {
  if (state.inEffect.versions.size === 0)
    throw conflict('no_position', 'record a position before recording how the final text reflects it');
  const { type: _type, context: _context, ...data } = command;
  return [{ type: 'PositionOutcomeRecorded', data }];
}

/**
 * The authority an entry carries: an endorsement its own, a withdrawal that of the version it withdrew,
 * a retraction that of the entry it retracted.
 */
function authorityOf(target: RecordedEvent, state: PositionState): Authority | undefined {
  let entry: RecordedEvent | undefined = target;
  while (entry?.event.type === 'EntryRetracted') entry = findEntry(state, entry.event.data.targetEventId);
  if (entry?.event.type === 'PositionEndorsed') return entry.event.data.authority;
  if (entry?.event.type === 'PositionWithdrawn')
    return state.inEffect.versions.get(entry.event.data.version)?.endorsement?.data.authority;
  return undefined;
}

function mayRetract(context: CommandContext, target: RecordedEvent, state: PositionState): void {
  speaksWithAuthority(context, authorityOf(target, state), 'correct an entry');
}

/** A draft cannot be retracted while its endorsement or withdrawal is in effect. */
function dependents(target: RecordedEvent, state: PositionState): void {
  if (target.event.type !== 'PositionDrafted') return;
  const v = state.inEffect.versions.get(target.event.data.version);
  const later = [v?.endorsement?.eventId, v?.withdrawal?.eventId].filter((id): id is string => id !== undefined);
  if (later.length > 0) {
    throw conflict(
      'retraction_has_dependents',
      `version ${target.event.data.version} has an endorsement or withdrawal in effect: retract that first`,
      { dependents: later },
    );
  }
}

/** The commands of a position stream. */
export type PositionCommand = DomainCommandOf<
  | 'DraftPosition'
  | 'EndorsePosition'
  | 'WithdrawPosition'
  | 'RecordStatement'
  | 'RecordPositionOutcome'
  | 'RetractEntry'
>;

export const positionDecider: Decider<PositionCommand, PositionState> = {
  initialState: () => initialStreamState(nothingInEffect()),
  evolve: (state, event, meta) => evolveStream(state, event, meta, nothingInEffect, apply),
  decide(command, state) {
    switch (command.type) {
      case 'DraftPosition':
        return draft(command, state);
      case 'EndorsePosition':
        return endorse(command, state);
      case 'WithdrawPosition':
        return withdraw(command, state);
      case 'RecordStatement':
        return statement(command, state);
      case 'RecordPositionOutcome':
        return outcome(command, state);
      case 'RetractEntry':
        return decideRetraction(command, state, { mayRetract, dependents });
      default:
        return unhandled(command);
    }
  },
};
