// Shared pieces of event schemas. Stored events are parsed strictly: what we wrote is what we read.
import { z } from 'zod';
import { Bilingual } from '../text.js';
import { classified, sealedClassified } from '../classification.js';

const Points = z.array(Bilingual).max(50);
/**
 * A list of bilingual points (red lines, fallbacks, conditions) behind a classification marking, as stored: with its
 * salt (ADR 0020).
 */
export const ClassifiedPoints = sealedClassified(Points);
export type ClassifiedPoints = z.infer<typeof ClassifiedPoints>;
/** The same as a command carries it: `{ level, value }`; the ledger adds the salt when it appends. */
export const ClassifiedPointsInput = classified(Points);

/** UUIDs are compared as text (stream names, references): always lower-case. */
export const EventId = z.uuid().toLowerCase();
export const ConsultationId = z.uuid().toLowerCase();
