// Any stream: a correction. It points at what it corrects; nothing is ever rewritten or deleted.
import { z } from 'zod';
import { Bilingual } from '../text.js';
import { EventId } from './common.js';

export const EntryRetracted = z.strictObject({
  targetEventId: EventId,
  targetType: z.string().min(1).max(100),
  reason: Bilingual,
  /** Set when the target is itself a retraction: the entry it retracted is in effect again. */
  reinstates: EventId.optional(),
});
