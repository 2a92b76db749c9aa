// The answer when what a request touches failed an integrity check (ADR 0034): problem+json
// `integrity_violation`, 409, naming the stream and revision that broke and why, for reads and writes
// alike. Never data, never an opaque 500: the record itself is in question, not the server.
import { HttpProblem } from '../problem.js';

export interface BrokenEvent {
  readonly stream: string;
  readonly revision: string;
  readonly eventId: string | null;
  readonly reason: string;
}

export const INTEGRITY_TITLE = "The ledger's record of this subject failed its integrity check";

export function integrityViolation(broken: BrokenEvent, cause?: unknown): HttpProblem {
  return new HttpProblem(409, 'integrity_violation', INTEGRITY_TITLE, {
    detail: `${broken.stream}@${broken.revision}: ${broken.reason}. Auditors can examine it under /v1/audit; the ledger's operator must restore the store from a trusted copy.`,
    details: { stream: broken.stream, revision: broken.revision, eventId: broken.eventId, reason: broken.reason },
    public: true,
    ...(cause === undefined ? {} : { cause }),
  });
}
