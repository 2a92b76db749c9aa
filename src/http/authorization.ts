// Which roles may write, checked before the body is even validated. The rules live in the domain
// (src/domain/roles.ts); this turns a refusal into a 403 problem. Who may act in another agency's name is
// the domain's alone (src/domain/agency.ts, 403 `agency_mismatch` through the domain error translator).
import type { FastifyRequest } from 'fastify';
import type { CommandType, Principal } from '../../contracts/index.js';
import { allowedRoles, mayIssue } from '../domain/roles.js';
import { principalOf } from './plugins/auth.js';
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

/** The roles that read the audit trail: raw events, replays, the Merkle log, the audit of reads, metrics. */
export const AUDIT_ROLES: readonly string[] = ['auditor', 'admin'];

/** A 403 role_not_allowed unless the request's principal is an auditor or an admin. */
export function assertAuditor(request: FastifyRequest): void {
  const principal = principalOf(request);
  if (principal.roles.some((r) => AUDIT_ROLES.includes(r))) return;
  throw HttpProblem.of('role_not_allowed', {
    detail: `Audit reads need one of the roles ${AUDIT_ROLES.join(', ')}; this token has ${principal.roles.join(', ')}`,
  });
}
