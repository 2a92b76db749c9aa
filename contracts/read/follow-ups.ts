// Follow-ups recorded on issues as the read API answers them (projections/follow-ups.ts, ADR 0038).
import { z } from 'zod';
import { Agency } from '../principal.js';
import { FollowUpStatus } from '../enums.js';
import { BilingualText, Day, Instant, SourceReply, readReply } from './common.js';

export const FollowUpEntryReply = z
  .object({
    eventId: z.string(),
    issueId: z.string(),
    followUpId: z.string(),
    area: z.object({ id: z.string(), title: BilingualText }).nullable(),
    action: BilingualText,
    owner: Agency.nullable(),
    due: Day.nullable(),
    reference: z.string().nullable(),
    recordedAt: Instant,
    status: FollowUpStatus,
    statusOn: Day.nullable(),
    statusNote: BilingualText.nullable(),
    source: SourceReply,
    overdue: z.boolean().describe('Still open or in progress after its due date'),
  })
  .meta({ id: 'FollowUpEntry' });

/** GET /v1/follow-ups */
export const FollowUpsReply = readReply({ followUps: z.array(FollowUpEntryReply) }).meta({ id: 'FollowUpsReply' });
