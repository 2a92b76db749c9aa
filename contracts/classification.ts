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
 * A classified field: `{ level, value }`. Only fields wrapped this way are ever redacted; the rest of
 * an event is readable by anyone allowed to read the stream. See docs/adr/0005-event-model.md.
 */
export function classified<T extends z.ZodType>(value: T) {
  return z.strictObject({ level: Classification, value });
}

/** What a reader without clearance gets instead of the value. */
export const Redacted = z.strictObject({ level: Classification, redacted: z.literal(true) });
export type Redacted = z.infer<typeof Redacted>;

export interface Classified<T> {
  level: Classification;
  value: T;
}
