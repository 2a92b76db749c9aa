// Which roles may write, checked before the body is even validated. The rules live in the domain
// (src/domain/roles.ts); this turns a refusal into a 403 problem. Who may act in another agency's name is
// the domain's alone (src/domain/agency.ts, 403 `agency_mismatch` through the domain error translator).
import type { CommandType, Principal } from '../../contracts/index.js';
import { allowedRoles, mayIssue } from '../domain/roles.js';
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
