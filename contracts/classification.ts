// Thai official secrecy levels and the wrapper that marks a field as classified.
import { z } from 'zod';

export const CLASSIFICATION_LEVELS = ['unclassified', 'confidential', 'secret', 'top-secret'] as const;
export const Classification = z.enum(CLASSIFICATION_LEVELS);
export type Classification = z.infer<typeof Classification>;

/** Thai markings: ลับ, ลับมาก, ลับที่สุด (unclassified carries no marking). */
export const classificationNames: Readonly<Record<Classification, { th: string; en: string }>> = {
  unclassified: { th: 'ไม่มีชั้นความลับ', en: 'Unclassified' },
  confidential: { th: 'ลับ', en: 'Confidential' },
  secret: { th: 'ลับมาก', en: 'Secret' },
  'top-secret': { th: 'ลับที่สุด', en: 'Top secret' },
};

export function classificationRank(level: Classification): number {
  return CLASSIFICATION_LEVELS.indexOf(level);
}

/** May a reader with `clearance` see a field marked `level`? */
export function canRead(clearance: Classification, level: Classification): boolean {
  return classificationRank(clearance) >= classificationRank(level);
}

/**
 * The random salt of a classified value (ADR 0020): 32 random bytes, base64url. It enters the hashed
 * content with the value (as a commitment) and is redacted with it, so no hash confirms a guess.
 */
export const Salt = z.string().regex(/^[A-Za-z0-9_-]{22,86}$/, 'base64url, 16 to 64 bytes');
/** A commitment to a classified value: sha-256 (hex) over its salt and its canonical JSON. */
export const Commitment = z.string().regex(/^[0-9a-f]{64}$/, 'sha-256, lower-case hex');

/**
 * A classified field as a command carries it: `{ level, value }`. Only fields wrapped this way are
 * ever redacted; the rest of an event is readable by anyone allowed to read the stream. See
 * docs/adr/0005-event-model.md.
 */
export function classified<T extends z.ZodType>(value: T) {
  return z.strictObject({ level: Classification, value });
}

/**
 * A classified field as an event stores it: `{ level, value, salt }`, the salt added by the ledger when
 * it appends (ADR 0020). Events written before salts have none (the legacy form, hashed in the clear).
 */
export function sealedClassified<T extends z.ZodType>(value: T) {
  return z.strictObject({ level: Classification, value, salt: Salt.optional() });
}

/**
 * What a reader without clearance gets instead of the value: the level and, for a value with a salt,
 * its commitment (which lets the reader verify the chain without learning the value).
 */
export const Redacted = z.strictObject({
  level: Classification,
  redacted: z.literal(true),
  commitment: Commitment.optional(),
});
export type Redacted = z.infer<typeof Redacted>;

export interface Classified<T> {
  level: Classification;
  value: T;
  /** Set on stored events (ADR 0020); absent on commands and on events written before salts. */
  salt?: string;
}

/**
 * A classified field without its salt (`{ level, value }`): what the field means. Two drafts with the
 * same red lines carry different salts; compare them through this. Anything else is returned as it is.
 */
export function withoutSalt(field: unknown): unknown {
  if (typeof field !== 'object' || field === null || Array.isArray(field)) return field;
  if (!('salt' in field) || !('level' in field) || !('value' in field) || Object.keys(field).length !== 3) return field;
  return { level: field.level, value: field.value };
}
