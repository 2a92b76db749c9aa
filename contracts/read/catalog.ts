// Processes, sessions and the issue list as the read API answers them (src/read/read-models.ts,
// src/read/catalog.ts): what a reader starts from without knowing an id.
import { z } from 'zod';
import { Agency } from '../principal.js';
import { Authority, DraftTextStatus, MeetingFormat, Milestone, ProcessKind, SessionResult, Stance } from '../enums.js';
import { BilingualText, Day, Revisions, readReply } from './common.js';

export const MilestoneReply = z.object({
  eventId: z.string(),
  processId: z.string(),
  milestone: Milestone,
  on: Day,
  place: z.string().optional(),
  reference: z.string().optional(),
  note: BilingualText.optional(),
  uncertain: z.boolean(),
});

export const ProcessReplyView = z
  .object({
    processId: z.string(),
    kind: ProcessKind,
    title: BilingualText,
    forum: z.string(),
    mandate: z.array(z.string()),
    leadAgency: Agency,
    startedOn: Day.optional(),
    note: BilingualText.optional(),
    milestones: z.array(MilestoneReply).describe('In force at the answer, by date'),
    issueIds: z.array(z.string()),
    sessionIds: z.array(z.string()),
  })
  .meta({ id: 'Process' });

export const ProcessesReply = readReply({ processes: z.array(ProcessReplyView) }).meta({ id: 'ProcessesReply' });
export const ProcessReply = readReply({ process: ProcessReplyView }).meta({ id: 'ProcessReply' });

const sessionShape = {
  sessionId: z.string(),
  processId: z.string(),
  number: z.int().nullable(),
  title: BilingualText,
  venue: z.object({
    city: z.string(),
    country: z.string().optional(),
    place: z.string().optional(),
    timeZone: z.string(),
  }),
  from: Day,
  to: Day,
  format: MeetingFormat,
  status: z.enum(['upcoming', 'in-session', 'ended']).describe('At the valid time of the answer'),
  concluded: z.object({ on: Day, result: SessionResult }).nullable(),
  issueIds: z.array(z.string()).describe("The agenda: its process's issues"),
  brief: z.string().describe('Where its brief is read'),
};

export const SessionReplyView = z.object(sessionShape).meta({ id: 'Session' });
export const SessionsReply = readReply({ sessions: z.array(SessionReplyView) }).meta({ id: 'SessionsReply' });
export const SessionReply = readReply({ session: z.object({ ...sessionShape, revisions: Revisions }) }).meta({
  id: 'SessionReply',
});

export const IssueListItemReply = z
  .object({
    issueId: z.string(),
    processId: z.string().nullable(),
    code: z.string().nullable(),
    title: BilingualText.nullable(),
    textStatus: DraftTextStatus.nullable(),
    closedOn: Day.nullable(),
    inForce: z
      .object({ version: z.int(), stance: Stance, authority: Authority, decisionRef: z.string(), decidedOn: Day })
      .nullable(),
    pendingDraft: z.object({ version: z.int(), stance: Stance }).nullable(),
    divergingAgencies: z.array(Agency).describe('Agencies whose latest view differs from the stance in force'),
  })
  .meta({ id: 'IssueListItem' });

export const IssuesReply = readReply({ issues: z.array(IssueListItemReply) }).meta({ id: 'IssuesReply' });
