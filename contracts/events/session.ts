// session-<sessionId>: one session of a process, dated in the venue's time zone.
import { z } from 'zod';
import { Bilingual, ShortText, Slug } from '../text.js';
import { IsoDate, TimeZone } from '../dates.js';
import { MeetingFormat, SessionResult } from '../enums.js';

export const Venue = z.strictObject({
  city: ShortText, // "New York"
  country: ShortText.optional(),
  place: ShortText.optional(), // "United Nations Headquarters"
  timeZone: TimeZone, // "America/New_York"
});
export type Venue = z.infer<typeof Venue>;

export const SessionScheduled = z.strictObject({
  sessionId: Slug,
  processId: Slug,
  number: z.int().min(1).max(999).optional(), // absent for e.g. the concluding session
  title: Bilingual,
  venue: Venue,
  from: IsoDate,
  to: IsoDate,
  format: MeetingFormat,
  note: Bilingual.optional(),
});

export const SessionRescheduled = z.strictObject({
  sessionId: Slug,
  from: IsoDate,
  to: IsoDate,
  venue: Venue,
  reason: Bilingual.optional(),
});

export const SessionConcluded = z.strictObject({
  sessionId: Slug,
  on: IsoDate,
  result: SessionResult,
  summary: Bilingual.optional(),
  uncertain: z.boolean(),
});
