// issue-<issueId>: an issue under negotiation, hung off chapters and articles of the draft text.
import { z } from 'zod';
import { Bilingual, ShortText, Slug } from '../text.js';
import { IsoDate } from '../dates.js';
import { DraftTextStatus } from '../enums.js';

export const TextRefs = z.strictObject({
  chapter: ShortText.optional(), // "V"
  articles: z.array(ShortText).max(50), // ["35", "40"]
});
export type TextRefs = z.infer<typeof TextRefs>;

export const IssueRegistered = z.strictObject({
  issueId: Slug,
  processId: Slug,
  code: z.string().regex(/^[A-Z0-9][A-Z0-9.-]*$/).max(40), // "AHC-SCOPE"
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

export const IssueClosed = z.strictObject({
  issueId: Slug,
  on: IsoDate,
  reason: Bilingual,
});
