// Positions, their history and agency alignment as the read API answers them (projections/
// current-position.ts, position-history.ts, agency-alignment.ts, after the reader's redaction).
import { z } from 'zod';
import { Agency, Role } from '../principal.js';
import { Classification } from '../classification.js';
import { Authority, DraftTextStatus, Flexibility, Stance, ViewAttestation } from '../enums.js';
import { BilingualText, ClassifiedPointsReply, Day, Instant, Revisions, readFrame, readReply } from './common.js';
import { NamedAgencyReply, SourceReply } from './common.js';

export const IssueInfoReply = z
  .object({
    issueId: z.string(),
    processId: z.string(),
    code: z.string(),
    title: BilingualText,
    refs: z.object({ chapter: z.string().optional(), articles: z.array(z.string()) }),
    textStatus: DraftTextStatus.nullable(),
    closedOn: Day.nullable(),
  })
  .meta({ id: 'IssueInfo' });

/** An agency view or consultation outcome a draft rests on. */
export const BasisInputReply = z.object({
  eventId: z.string(),
  consultationId: z.string(),
  kind: z.enum(['view', 'outcome']),
  agency: Agency.nullable(),
  stance: Stance.nullable(),
  summary: BilingualText,
  validAt: Instant,
  source: SourceReply,
  agencyName: NamedAgencyReply.nullable(),
});

/** A consultation a basis names, with its title, day, convener and participants (ADR 0038). */
export const BasisConsultationReply = z.object({
  consultationId: z.string(),
  title: BilingualText.nullable(),
  heldOn: Day.nullable(),
  convener: NamedAgencyReply.nullable(),
  participants: z.array(NamedAgencyReply),
  source: SourceReply.nullable(),
});

/** A basis input from a consultation the reader may not see (ADR 0018). */
export const WithheldBasisInput = z.object({
  eventId: z.string(),
  consultationId: z.string(),
  classification: Classification,
  redacted: z.literal(true),
});

export const ResolvedBasisReply = z.object({
  consultationIds: z.array(z.string()),
  consultations: z.array(
    z.union([
      BasisConsultationReply,
      z.object({ consultationId: z.string(), classification: Classification, redacted: z.literal(true) }),
    ]),
  ),
  inputs: z.array(z.union([BasisInputReply, WithheldBasisInput])),
  missing: z
    .array(z.string())
    .describe('Basis event ids not (or no longer) on the ledger as of the answer: retracted or unknown'),
  note: BilingualText.nullable(),
});

const positionVersionShape = {
  version: z.int(),
  stance: Stance,
  summary: BilingualText,
  rationale: BilingualText.nullable(),
  flexibility: Flexibility,
  redLines: ClassifiedPointsReply,
  fallbacks: ClassifiedPointsReply,
  allies: z.array(z.string()),
  substantive: z.boolean(),
  draftedAt: Instant,
  basis: ResolvedBasisReply,
  draftEventId: z.string(),
  source: SourceReply,
};

export const PositionVersionReply = z.object(positionVersionShape).meta({ id: 'PositionVersion' });

export const PositionInForceReply = z
  .object({
    ...positionVersionShape,
    authority: Authority,
    decisionRef: z.string(),
    decidedOn: Day,
    effectiveFrom: Day,
    endorsementEventId: z.string(),
    endorsementSource: SourceReply.describe('Where the endorsement comes from'),
  })
  .meta({ id: 'PositionInForce' });

const currentPositionShape = {
  issueId: z.string(),
  issue: IssueInfoReply.nullable(),
  inForce: PositionInForceReply.nullable(),
  pendingDraft: PositionVersionReply.nullable(),
};

/** The position on an issue as a session brief shows it (without revisions: the brief's issue carries them). */
export const CurrentPositionReply = z.object(currentPositionShape).meta({ id: 'CurrentPosition' });

/** The position on an issue with its streams' revisions. */
export const PositionWithRevisions = z
  .object({ ...currentPositionShape, revisions: Revisions })
  .meta({ id: 'PositionWithRevisions' });

/** GET /v1/positions */
export const PositionsReply = readReply({ positions: z.array(PositionWithRevisions) }).meta({ id: 'PositionsReply' });

/** GET /v1/issues/{issueId}/position: its `position` is the issue's (it takes the frame's place). */
export const PositionReply = readReply({ position: PositionWithRevisions }).meta({ id: 'PositionReply' });

export const CHANGED_FIELDS = [
  'stance',
  'summary',
  'rationale',
  'flexibility',
  'redLines',
  'fallbacks',
  'allies',
  'authority',
] as const;

export const HistoryEntryReply = z
  .object({
    eventId: z.string(),
    streamName: z
      .string()
      .describe(
        "The stream it was appended to: the issue's or position's own, or a consultation's (a retraction of a view on the issue)",
      ),
    type: z.string().describe('The event type (contracts/events)'),
    validAt: Instant,
    recordedAt: Instant,
    position: z.string().describe('Commit position'),
    actor: z.object({ principalId: z.string(), agency: Agency, role: Role }),
    version: z.int().nullable(),
    changes: z.array(
      z.object({
        field: z.enum(CHANGED_FIELDS),
        from: z.unknown().describe('The value before (a classified field as the reader may see it)'),
        to: z.unknown().describe('The value after'),
      }),
    ),
    comparedWith: z
      .int()
      .nullable()
      .describe('The version the changes are against: the previous draft, or the previous endorsement'),
    data: z
      .record(z.string(), z.unknown())
      .describe("The event's data (contracts/events), classified fields redacted for the reader"),
    source: SourceReply,
  })
  .meta({ id: 'HistoryEntry' });

/** GET /v1/issues/{issueId}/history */
export const HistoryReply = readReply({
  issueId: z.string(),
  history: z.array(HistoryEntryReply),
  revisions: Revisions,
}).meta({ id: 'HistoryReply' });

/** An agency's view as alignment and the consultation register show it. */
export const AgencyViewReply = z
  .object({
    eventId: z.string(),
    consultationId: z.string(),
    issueId: z.string(),
    agency: Agency,
    stance: Stance,
    summary: BilingualText,
    conditions: ClassifiedPointsReply.nullable(),
    domesticLawRefs: z.array(z.string()),
    attestation: ViewAttestation,
    validAt: Instant,
    recordedAt: Instant,
    source: SourceReply,
  })
  .meta({ id: 'AgencyView' });

export const AlignmentRowReply = z
  .object({
    issueId: z.string(),
    agency: Agency,
    view: AgencyViewReply,
    positionVersion: z.int().nullable(),
    positionStance: Stance.nullable(),
    diverges: z.boolean().nullable().describe('null when no position is in force to diverge from'),
  })
  .meta({ id: 'AlignmentRow' });

/** GET /v1/alignment */
export const AlignmentReply = readReply({ alignment: z.array(AlignmentRowReply) }).meta({ id: 'AlignmentReply' });

/** The frame alone (for tests and clients that read only it). */
export const ReadFrame = z.object(readFrame);
