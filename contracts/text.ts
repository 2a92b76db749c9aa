// Text as people type it: trimmed, Thai normalised to NFC; bilingual text carries Thai and English.
import { z } from 'zod';

/** A non-empty line of text, NFC-normalised and trimmed. */
export function text(max = 2000) {
  return z.string().normalize('NFC').trim().min(1).max(max);
}

export const ShortText = text(300);
export const LongText = text(8000);

/** `{ th, en }`, both required and non-empty. */
export const Bilingual = z.strictObject({ th: text(8000), en: text(8000) });
export type Bilingual = z.infer<typeof Bilingual>;

/** A slug id: lower-case letters, digits and dashes (used in stream names). */
export const Slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters, digits and single dashes').max(80);
export type Slug = z.infer<typeof Slug>;

/** A document or decision reference as written ("ที่ กต ๑๐๐๒/๔", "A/RES/79/243"). */
export const Reference = text(300);
