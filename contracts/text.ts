// Text as people type it: trimmed, Thai normalised to NFC; bilingual text carries Thai and English.
// What text may not contain (docs/adr/0017-text-hygiene.md) is named once here: the HTTP edge refuses
// it in request bodies (`unsafeCharacterIn`), and the CLI escapes it in whatever it prints, including
// events stored before the rule (their schemas below stay as they were, so old events stay readable).
import { z } from 'zod';

/** Why a character is refused in text sent to the ledger. */
export type UnsafeCharacterCode = 'control_character' | 'bidi_control' | 'lone_surrogate' | 'line_break';

// C0 controls but TAB and LF, DEL and the C1 controls (U+0080-U+009F, where CSI U+009B starts an escape
// sequence in many terminals); bidi embeddings, overrides and isolates; a surrogate not in a pair (the
// `u` flag matches pairs as one code point, so only lone halves match).
// eslint-disable-next-line no-control-regex
const UNSAFE = /([\u0000-\u0008\u000B-\u001F\u007F-\u009F])|([\u202A-\u202E\u2066-\u2069])|([\uD800-\uDFFF])/u;
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_A_LINE = /([\u0000-\u001F\u007F-\u009F])|([\u202A-\u202E\u2066-\u2069])|([\uD800-\uDFFF])/u;

/** Every character a terminal or a bidi-aware display could act on, for escaping (global, Unicode). */
// eslint-disable-next-line no-control-regex
export const DISPLAY_UNSAFE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029\uD800-\uDFFF]/gu;

export interface UnsafeCharacter {
  code: UnsafeCharacterCode;
  /** Index (UTF-16) of the first such character. */
  index: number;
  /** U+XXXX of it. */
  codePoint: string;
}

/**
 * The first character text sent to the ledger may not hold, or undefined. `line` texts (titles) also
 * refuse TAB and LF; other texts keep them (paragraphs of a summary).
 */
export function unsafeCharacterIn(text: string, line: boolean): UnsafeCharacter | undefined {
  const match = (line ? UNSAFE_IN_A_LINE : UNSAFE).exec(text);
  if (match === null) return undefined;
  const char = match[0];
  const codePoint = `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  let code: UnsafeCharacterCode =
    match[1] !== undefined ? 'control_character' : match[2] !== undefined ? 'bidi_control' : 'lone_surrogate';
  if (char === '\n' || char === '\t') code = 'line_break';
  return { code, index: match.index, codePoint };
}

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
export const Slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters, digits and single dashes')
  .max(80);
export type Slug = z.infer<typeof Slug>;

/** A document or decision reference as written ("ที่ กต ๑๐๐๒/๔", "A/RES/79/243"). */
export const Reference = text(300);
