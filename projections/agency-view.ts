// An agency view as every read model shows it (alignment, the consultation register): the
// AgencyViewRecorded data with both clocks. Its valid time is the view's in context (valid-time.ts):
// the meeting's day for a view typed in later without a time of its own.
import type { Agency } from '../contracts/principal.js';
import type { Stance } from '../contracts/enums.js';
import type { Bilingual } from '../contracts/text.js';
import type { EventData } from '../contracts/events/index.js';
import { sourceOf, type Source } from '../contracts/source.js';
import type { Envelope } from './envelope.js';

export interface AgencyViewRecord {
  readonly eventId: string;
  readonly consultationId: string;
  readonly issueId: string;
  readonly agency: Agency;
  readonly stance: Stance;
  readonly summary: Bilingual;
  readonly conditions: EventData<'AgencyViewRecorded'>['conditions'] | null;
  readonly domesticLawRefs: readonly string[];
  readonly attestation: EventData<'AgencyViewRecorded'>['attestation'];
  readonly validAt: string;
  readonly recordedAt: string;
  /** Where the view comes from (ADR 0038): an illustrative stance never reads as a recorded one. */
  readonly source: Source;
}

export function agencyViewOf(envelope: Envelope, d: EventData<'AgencyViewRecorded'>): AgencyViewRecord {
  return {
    eventId: envelope.eventId,
    consultationId: d.consultationId,
    issueId: d.issueId,
    agency: d.agency,
    stance: d.stance,
    summary: d.summary,
    conditions: d.conditions ?? null,
    domesticLawRefs: d.domesticLawRefs,
    attestation: d.attestation,
    validAt: envelope.validAt,
    recordedAt: envelope.recordedAt,
    source: sourceOf(envelope.metadata),
  };
}
