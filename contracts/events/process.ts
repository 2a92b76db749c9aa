// process-<processId>: a negotiation process (a treaty negotiation, a working group, a partnership).
import { z } from 'zod';
import { Bilingual, Reference, ShortText, Slug } from '../text.js';
import { Agency } from '../principal.js';
import { Milestone, ProcessKind } from '../enums.js';
import { IsoDate } from '../dates.js';

export const NegotiationProcessRegistered = z.strictObject({
  processId: Slug,
  kind: ProcessKind,
  title: Bilingual,
  forum: ShortText, // "UN General Assembly - Ad Hoc Committee (AHC)"
  mandate: z.array(Reference).max(20), // resolutions that set it up: "A/RES/74/247"
  leadAgency: Agency,
  startedOn: IsoDate.optional(),
  note: Bilingual.optional(),
});

/** v1, as first written: `date` and no certainty flag. Kept only to be upcast. */
export const MilestoneRecordedV1 = z.strictObject({
  processId: Slug,
  milestone: Milestone,
  date: IsoDate,
  reference: Reference.optional(),
  note: Bilingual.optional(),
});

/** v2: `on` (the date in the venue's time zone), `place`, and `uncertain` for facts marked (?). */
export const MilestoneRecorded = z.strictObject({
  processId: Slug,
  milestone: Milestone,
  on: IsoDate,
  place: ShortText.optional(),
  reference: Reference.optional(),
  note: Bilingual.optional(),
  uncertain: z.boolean(),
});

export function upcastMilestoneRecordedV1(
  data: z.infer<typeof MilestoneRecordedV1>,
): z.input<typeof MilestoneRecorded> {
  const { date, ...rest } = data;
  return { ...rest, on: date, uncertain: false };
}
