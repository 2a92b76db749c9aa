// The consultation register and session briefs as the read API answers them (projections/
// consultation-register.ts, session-brief.ts, after the reader's redaction and withholding).
import { z } from 'zod';
import { Agency } from '../principal.js';
import { Classification } from '../classification.js';
import { ConsultationOutcomeKind, MeetingFormat, Stance, Urgency } from '../enums.js';
import { AgencyViewReply, CurrentPositionReply } from './positions.js';
import { BilingualText, Day, Instant, Revisions, WithheldConsultation, readReply } from './common.js';
import { SourceReply } from './common.js';

export const FollowUpReply = z.object({ id: z.string(), action: BilingualText, owner: Agency, due: Day.optional() });

export const ConsultationOutcomeReply = z
  .object({
    eventId: z.string(),
    issueId: z.string(),
    outcome: ConsultationOutcomeKind,
    recommendedStance: Stance.nullable(),
    summary: BilingualText,
    supporting: z.array(Agency),
    dissenting: z.array(Agency),
    followUps: z.array(FollowUpReply),
    source: SourceReply,
  })
  .meta({ id: 'ConsultationOutcome' });

export const ConsultationReplyView = z
  .object({
    consultationId: z.string(),
    status: z
      .enum(['upcoming', 'held', 'closed'])
      .describe(
        'upcoming: its meeting day has not begun as of the answer; held: it has; closed: its closure is recorded',
      ),
    title: BilingualText.nullable(),
    heldOn: Day.nullable(),
    convener: Agency.nullable(),
    format: MeetingFormat.nullable(),
    participants: z.array(Agency),
    agenda: z.array(z.string()),
    documentRef: z.string().nullable(),
    urgency: Urgency.nullable(),
    classification: Classification.nullable(),
    views: z.array(AgencyViewReply),
    outcomes: z.array(ConsultationOutcomeReply),
    openFollowUps: z.array(
      FollowUpReply.extend({ issueId: z.string(), overdue: z.boolean().describe('Due before the day of the answer') }),
    ),
    closed: z
      .object({
        consultationId: z.string(),
        on: Day,
        minutesRef: z.string().optional(),
        minutesDigest: z.string().optional(),
      })
      .nullable(),
    source: SourceReply.nullable(),
    revisions: Revisions,
  })
  .meta({ id: 'Consultation' });

export const ParticipationReply = z
  .object({ agency: Agency, consultations: z.int(), convened: z.int(), viewsRecorded: z.int() })
  .meta({ id: 'Participation' });

/** GET /v1/consultations: only the consultations the reader may see, and participation counted over them. */
export const ConsultationsReply = readReply({
  consultations: z.array(ConsultationReplyView),
  participation: z.array(ParticipationReply),
}).meta({
  id: 'ConsultationsReply',
});

/** GET /v1/consultations/{id}: the consultation, or its marker for a reader below its marking. */
export const ConsultationReply = readReply({
  consultation: z.union([ConsultationReplyView, WithheldConsultation]),
}).meta({ id: 'ConsultationReply' });

export const DisagreementReply = z.object({
  agency: Agency,
  stance: Stance,
  summary: BilingualText,
  consultationId: z.string(),
  viewedAt: Instant.describe('When the agency took that view (its meeting)'),
  source: SourceReply,
  against: z.enum(['in-force', 'pending-draft']),
});

export const EarlierStatementReply = z.object({
  eventId: z.string(),
  sessionId: z.string(),
  deliveredOn: Day,
  version: z.int().nullable(),
  summary: BilingualText,
});

export const BriefFollowUpReply = FollowUpReply.extend({
  owner: Agency.nullable(),
  consultationId: z.string().nullable().describe('The consultation that agreed it; null for one recorded on the issue'),
  status: z.enum(['open', 'in-progress']),
  overdue: z.boolean().describe('Due before the session opens'),
});

export const BriefIssueReply = z
  .object({
    issueId: z.string(),
    position: CurrentPositionReply,
    textAdopted: z.boolean().describe('The draft text of the issue is already adopted'),
    allies: z.array(z.string()),
    disagreements: z.array(DisagreementReply),
    earlierStatements: z
      .array(EarlierStatementReply)
      .describe("Thailand's statements on the issue at earlier sessions"),
    followUps: z.array(BriefFollowUpReply).describe('Follow-ups the consultations agreed on the issue'),
    revisions: Revisions,
  })
  .meta({ id: 'BriefIssue' });

export const SessionBriefReply = z
  .object({
    sessionId: z.string(),
    status: z.enum(['upcoming', 'in-session', 'ended']).describe('As of the valid time of the answer'),
    processId: z.string().nullable(),
    number: z.int().nullable(),
    title: BilingualText.nullable(),
    venue: z
      .object({ city: z.string(), country: z.string().optional(), place: z.string().optional(), timeZone: z.string() })
      .nullable(),
    from: Day.nullable(),
    to: Day.nullable(),
    positionsAsOf: Instant.nullable().describe(
      "The instant the positions are taken at: the session's opening, in the venue's time",
    ),
    issues: z.array(BriefIssueReply),
    revisions: Revisions,
  })
  .meta({ id: 'SessionBrief' });

/** GET /v1/sessions/{sessionId}/brief */
export const BriefReply = readReply({ brief: SessionBriefReply }).meta({ id: 'BriefReply' });
