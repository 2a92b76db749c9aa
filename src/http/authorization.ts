// What an authenticated principal may write, checked before anything is read or appended. The rules live
// in the domain (src/domain/roles.ts); this turns a refusal into a 403 problem. Deciders enforce the finer
// rules again with the stream's state in hand.
import type { CommandType, LedgerCommand, Principal } from '../../contracts/index.js';
import { allowedRoles, mayIssue, speaksForAnyAgency } from '../domain/roles.js';
import { HttpProblem } from './problem.js';

export function assertMayIssue(principal: Principal, type: CommandType): void {
  if (mayIssue(principal, type)) return;
  const roles = allowedRoles[type];
  throw HttpProblem.of('role_not_allowed', {
    detail:
      roles.length === 0
        ? `No role may issue ${type}`
        : `${type} needs one of the roles ${roles.join(', ')}; this token has ${principal.roles.join(', ')}`,
  });
}

/** The agency a command speaks for, when it names one: the agency of a view, the convener of a consultation. */
function agencySpokenFor(command: LedgerCommand): string | undefined {
  if (command.type === 'RecordAgencyView') return command.agency;
  if (command.type === 'ConveneConsultation') return command.convener;
  return undefined;
}

export function assertActsForOwnAgency(principal: Principal, command: LedgerCommand): void {
  const agency = agencySpokenFor(command);
  if (agency === undefined || agency === principal.agency || speaksForAnyAgency(principal)) return;
  throw HttpProblem.of('agency_mismatch', {
    detail: `This token acts for ${principal.agency}; it cannot write as ${agency}`,
  });
}
