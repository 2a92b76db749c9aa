// Shared pieces of event schemas. Stored events are parsed strictly: what we wrote is what we read.
import { z } from 'zod';
import { Bilingual } from '../text.js';
import { classified } from '../classification.js';

/** A list of bilingual points (red lines, fallbacks, conditions) behind a classification marking. */
export const ClassifiedPoints = classified(z.array(Bilingual).max(50));
export type ClassifiedPoints = z.infer<typeof ClassifiedPoints>;

/** UUIDs are compared as text (stream names, references): always lower-case. */
export const EventId = z.uuid().toLowerCase();
export const ConsultationId = z.uuid().toLowerCase();
