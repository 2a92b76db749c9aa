// consultation-<uuid>: an interagency consultation, each agency's view, the outcome, the closure.
import { z } from 'zod';
import { Bilingual, Reference, ShortText, Slug } from '../text.js';
import { IsoDate } from '../dates.js';
import { Agency } from '../principal.js';
import { Classification } from '../classification.js';
import { ConsultationOutcomeKind, MeetingFormat, Stance, Urgency, ViewAttestation } from '../enums.js';
import { ClassifiedPoints, ConsultationId, EventId } from './common.js';

export const ConsultationConvened = z.strictObject({
  consultationId: ConsultationId,
  processId: Slug.optional(),
  title: Bilingual,
  heldOn: IsoDate,
  convener: Agency,
  format: MeetingFormat,
  participants: z.array(Agency).min(1).max(30), // includes the convener
  agenda: z.array(Slug).min(1).max(100), // issue ids
  documentRef: Reference.optional(),
  urgency: Urgency,
  classification: Classification, // marking of the record as a whole
  note: Bilingual.optional(),
});

export const AgencyViewRecorded = z.strictObject({
  consultationId: ConsultationId,
  issueId: Slug,
  agency: Agency,
  stance: Stance,
  summary: Bilingual,
  conditions: ClassifiedPoints.optional(),
  domesticLawRefs: z.array(ShortText).max(30),
  attestation: ViewAttestation, // typed by the agency, or transcribed from the minutes by the convener
  supersedes: EventId.optional(), // the agency's earlier view on the same issue in this consultation
});

export const FollowUp = z.strictObject({
  id: Slug,
  action: Bilingual,
  owner: Agency,
  due: IsoDate.optional(),
});
export type FollowUp = z.infer<typeof FollowUp>;

export const ConsultationOutcomeRecorded = z.strictObject({
  consultationId: ConsultationId,
  issueId: Slug,
  outcome: ConsultationOutcomeKind,
  recommendedStance: Stance.optional(),
  summary: Bilingual,
  supporting: z.array(Agency).max(30),
  dissenting: z.array(Agency).max(30),
  followUps: z.array(FollowUp).max(50),
});

export const ConsultationClosed = z.strictObject({
  consultationId: ConsultationId,
  on: IsoDate,
  minutesRef: Reference.optional(),
  minutesDigest: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'sha-256, lower-case hex')
    .optional(),
});
