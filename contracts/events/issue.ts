// issue-<issueId>: an issue under negotiation, hung off chapters and articles of the draft text.
import { z } from 'zod';
import { Bilingual, Reference, ShortText, Slug } from '../text.js';
import { IsoDate } from '../dates.js';
import { Agency } from '../principal.js';
import { DraftTextStatus, FollowUpStatus } from '../enums.js';

export const TextRefs = z.strictObject({
  chapter: ShortText.optional(), // "V"
  articles: z.array(ShortText).max(50), // ["35", "40"]
});
export type TextRefs = z.infer<typeof TextRefs>;

export const IssueRegistered = z.strictObject({
  issueId: Slug,
  processId: Slug,
  code: z
    .string()
    .regex(/^[A-Z0-9][A-Z0-9.-]*$/)
    .max(40), // "AHC-SCOPE"
  title: Bilingual,
  description: Bilingual.optional(),
  refs: TextRefs,
});

export const IssueRetitled = z.strictObject({
  issueId: Slug,
  title: Bilingual,
  reason: Bilingual.optional(),
});

export const DraftTextStatusChanged = z.strictObject({
  issueId: Slug,
  from: DraftTextStatus.optional(), // absent the first time
  status: DraftTextStatus,
  on: IsoDate,
  sessionId: Slug.optional(),
  note: Bilingual.optional(),
});

/** A group of follow-ups as their document groups them ("ก. ความมุ่งมั่นทางการเมืองและธรรมาภิบาล"). */
export const FollowUpArea = z.strictObject({
  id: Slug,
  title: Bilingual,
});

/**
 * Something to be done on an issue, tracked until done or dropped: a commitment of an outcome document
 * (the 26 of the Bangkok Joint Statement), a task a session leaves. Open when recorded.
 */
export const FollowUpRecorded = z.strictObject({
  issueId: Slug,
  followUpId: Slug,
  area: FollowUpArea.optional(),
  action: Bilingual,
  /** The Thai agency that carries it, when one is named. */
  owner: Agency.optional(),
  due: IsoDate.optional(),
  /** Where it is written ("2025 Bangkok Joint Statement, commitment 4"). */
  reference: Reference.optional(),
});

/** A follow-up moves on: in progress, done, dropped, or open again. */
export const FollowUpStatusChanged = z.strictObject({
  issueId: Slug,
  followUpId: Slug,
  from: FollowUpStatus,
  status: FollowUpStatus,
  on: IsoDate,
  note: Bilingual.optional(),
});

export const IssueClosed = z.strictObject({
  issueId: Slug,
  on: IsoDate,
  reason: Bilingual,
});
