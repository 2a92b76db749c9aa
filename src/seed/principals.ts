// The principals who issue the demo data. Functions, not people: no names, no contact data.
import type { Agency, Principal } from '../../contracts/index.js';

export const mfaDesk: Principal = { id: 'demo-mfa-desk', agency: 'MFA', roles: ['negotiator'], clearance: 'secret' };
export const mfaApprover: Principal = {
  id: 'demo-mfa-approver',
  agency: 'MFA',
  roles: ['approver'],
  clearance: 'secret',
};

export function officer(agency: Agency): Principal {
  return { id: `demo-${agency.toLowerCase()}-officer`, agency, roles: ['agency-officer'], clearance: 'confidential' };
}

export const demoPrincipals: readonly Principal[] = [
  mfaDesk,
  mfaApprover,
  officer('OAG'),
  officer('RTP'),
  officer('NCSA'),
];
