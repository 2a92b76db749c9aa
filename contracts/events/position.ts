// position-<issueId>: Thailand's position on one issue, version by version.
import { z } from 'zod';
import { Bilingual, Reference, ShortText, Slug } from '../text.js';
import { IsoDate } from '../dates.js';
import { Authority, FinalTextResult, Flexibility, Stance } from '../enums.js';
import { ClassifiedPoints, ConsultationId, EventId } from './common.js';

export const PositionBasis = z.strictObject({
  consultationIds: z.array(ConsultationId).max(50),
  eventIds: z.array(EventId).max(200), // agency views, outcomes, earlier versions it rests on
  note: Bilingual.optional(),
});
export type PositionBasis = z.infer<typeof PositionBasis>;

export const PositionDrafted = z.strictObject({
  issueId: Slug,
  version: z.int().min(1),
  stance: Stance,
  summary: Bilingual,
  rationale: Bilingual.optional(),
  flexibility: Flexibility,
  redLines: ClassifiedPoints,
  fallbacks: ClassifiedPoints,
  allies: z.array(ShortText).max(100), // states and groups ("ASEAN", "G77")
  basis: PositionBasis,
  substantive: z.boolean(),
  previousVersion: z.int().min(1).optional(), // the version in force when drafted
});

export const PositionEndorsed = z.strictObject({
  issueId: Slug,
  version: z.int().min(1),
  authority: Authority,
  decisionRef: Reference, // never empty: no endorsement without a recorded decision
  decidedOn: IsoDate,
  effectiveFrom: IsoDate,
});

export const PositionWithdrawn = z.strictObject({
  issueId: Slug,
  version: z.int().min(1),
  wasInForce: z.boolean(), // false: a pending draft was dropped
  reason: Bilingual,
  decisionRef: Reference.optional(),
  effectiveFrom: IsoDate,
});

export const StatementDelivered = z.strictObject({
  issueId: Slug,
  sessionId: Slug,
  deliveredOn: IsoDate,
  version: z.int().min(1).optional(), // the position version the statement carried
  summary: Bilingual,
  deliveredBy: ShortText.optional(), // a function, never a person's contact data
});

export const PositionOutcomeRecorded = z.strictObject({
  issueId: Slug,
  result: FinalTextResult,
  article: ShortText.optional(),
  textRef: Reference.optional(), // "A/RES/79/243, annex"
  note: Bilingual.optional(),
});
