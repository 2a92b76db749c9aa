// What every read answer shares: its frame (the point it answers for and how far the read side had got),
// instants and dates as the answers give them, bilingual text, classified fields (shown or redacted for
// the reader's clearance, ADR 0020), revisions and the marker of a consultation the reader may not see
// (ADR 0018). Reply schemas describe what the API sends; they are not the input contracts (no trimming,
// no limits a stored value could exceed), and they are what the routes serialize through (ADR 0033).
import { z } from 'zod';
import { Classification } from '../classification.js';

/**
 * An ISO 8601 instant with an offset: Bangkok (+07:00) in read answers, a venue's for a brief's positionsAsOf (ADR
 * 0019).
 */
export const Instant = z.iso
  .datetime({ offset: true })
  .describe('ISO 8601 instant with the offset of the zone it is read in (Bangkok, +07:00)');
/** Where an entry comes from (ADR 0038): on record, illustrative or uncertain. */
export { Source as SourceReply } from '../source.js';

/** An agency with its names, as a basis names it. */
export const NamedAgencyReply = z
  .object({ code: z.string(), th: z.string(), en: z.string() })
  .meta({ id: 'NamedAgency' });

/** A calendar day, ISO 8601. */
export const Day = z.iso.date();

/** `{ th, en }` as stored. */
export const BilingualText = z.object({ th: z.string(), en: z.string() }).meta({ id: 'BilingualText' });

/** A classified field above the reader's clearance: its level and, for a salted value, the commitment to it. */
export const RedactedField = z
  .object({
    level: Classification,
    redacted: z.literal(true),
    commitment: z
      .string()
      .optional()
      .describe('sha-256 over the salt and the value (ADR 0020); absent for values stored before salts'),
  })
  .meta({ id: 'RedactedField' });

/** A classified field as a reader gets it: `{ level, value }` when cleared for it, else redacted. */
export function classifiedReply<T extends z.ZodType>(value: T) {
  return z.union([z.object({ level: Classification, value }), RedactedField]);
}

/** Red lines, fallbacks, conditions: bilingual points behind a marking. */
export const ClassifiedPointsReply = classifiedReply(z.array(BilingualText)).meta({ id: 'ClassifiedPoints' });

/**
 * Stream name -> revision (decimal), null for a stream with no event yet: what the subject's writes take as If-Match
 * (ADR 0019).
 */
export const Revisions = z
  .record(z.string(), z.string().nullable())
  .describe(
    "Each of the subject's own streams and its revision as of the answer (null: none yet); send it, quoted, as If-Match",
  )
  .meta({ id: 'Revisions' });

/** What stands for a consultation the reader may not see (ADR 0018). */
export const WithheldConsultation = z
  .object({
    consultationId: z.string(),
    classification: Classification.describe("The consultation's marking"),
    redacted: z.literal(true),
  })
  .meta({ id: 'WithheldConsultation' });

const Axis = z
  .enum(['valid', 'recorded'])
  .describe('valid: in force on asOf; recorded: what the ledger showed at asOf');

/** The frame of every as-of read answer. */
export const readFrame = {
  asOf: Instant.describe('The instant answered for (asOf as given, or now), in Bangkok time'),
  asOfDate: Day.describe('The day of asOf in Bangkok'),
  axis: Axis,
  validAt: Instant.describe('Valid time answered for: what was in force then'),
  knownAt: Instant.nullable().describe(
    'Record time answered for: as the ledger knew it then (null: everything recorded so far)',
  ),
  position: z
    .string()
    .nullable()
    .describe('The commit position the read side had reached (null before the first event)'),
};

/** A read answer: the frame plus the route's own fields (a field of the same name replaces the frame's). */
export function readReply<S extends z.ZodRawShape>(shape: S) {
  return z.object({ ...readFrame, ...shape });
}
