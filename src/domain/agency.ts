// The one agency rule (docs/adr/0014-coordinating-agency.md). A principal speaks for their own agency.
// Principals of the coordinating agency (MFA unless configured otherwise: it convenes the interagency
// consultations and keeps their minutes) also speak for any other agency. Every decider that writes in an
// agency's name (a view, a convener, a convener's outcome or closure, a correction of those, an MFA or
// Cabinet endorsement) asks here, and a refusal always carries the one code `agency_mismatch`.
import type { Agency, Authority, Principal } from '../../contracts/index.js';
import type { CommandContext } from './decider.js';
import { forbidden } from './errors.js';

/** The coordinating agency when none is configured: MFA, as the Cabinet designated it (seed 003). */
export const DEFAULT_COORDINATING_AGENCY: Agency = 'MFA';

export const AGENCY_MISMATCH = 'agency_mismatch';

/** Does the actor speak for every agency (a principal of the coordinating agency)? */
export function speaksForEveryAgency(actor: Pick<Principal, 'agency'>, coordinatingAgency: Agency): boolean {
  return actor.agency === coordinatingAgency;
}

export function maySpeakFor(actor: Principal, agency: Agency, coordinatingAgency: Agency): boolean {
  return actor.agency === agency || speaksForEveryAgency(actor, coordinatingAgency);
}

/**
 * Throws `agency_mismatch` (forbidden) unless the command's actor may speak for `agency`. `action` says
 * what was attempted, e.g. "record a view".
 */
export function assertSpeaksFor(context: CommandContext, agency: Agency, action: string): void {
  const { actor, coordinatingAgency } = context;
  if (maySpeakFor(actor, agency, coordinatingAgency)) return;
  throw forbidden(
    AGENCY_MISMATCH,
    `you act for ${actor.agency} and cannot ${action} in the name of ${agency}: only ${coordinatingAgency}, the coordinating agency, acts for other agencies`,
    { agency, actingFor: actor.agency, coordinatingAgency },
  );
}

/**
 * The agency an endorsement speaks for through its authority: an MFA instruction speaks for MFA; a
 * Cabinet decision is recorded by the coordinating agency; an interagency one names no agency.
 */
export function agencyOfAuthority(authority: Authority, coordinatingAgency: Agency): Agency | undefined {
  switch (authority) {
    case 'mfa':
      return 'MFA';
    case 'cabinet':
      return coordinatingAgency;
    case 'interagency':
      return undefined;
  }
}
