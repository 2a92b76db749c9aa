// Where an entry comes from (ADR 0038): every event may carry a `source` in its metadata, so that a
// stance the sources never state (an illustration in the demo, a guess) is marked as data, not as a
// suffix in its text. Absent means `record`: events written before the field, and every write that
// names none, read as recorded fact (sourceOf is the upcast).
import { z } from 'zod';
import { Bilingual, Reference } from './text.js';

/**
 * record: stated by a document of record; illustrative: beyond the sources (an example); uncertain: the sources leave
 * it open.
 */
export const SOURCE_KINDS = ['record', 'illustrative', 'uncertain'] as const;
export const SourceKind = z.enum(SOURCE_KINDS);
export type SourceKind = z.infer<typeof SourceKind>;
export const sourceKindNames: Readonly<Record<SourceKind, { th: string; en: string }>> = {
  record: { th: 'ตามเอกสาร', en: 'On record' },
  illustrative: { th: 'ตัวอย่าง', en: 'Illustrative' },
  uncertain: { th: 'ไม่แน่ชัด', en: 'Uncertain' },
};

export const Source = z
  .strictObject({
    kind: SourceKind,
    /** The document the entry rests on ("ที่ กต ๑๐๐๒/๔ ข้อ ๔.๓", "A/RES/79/243"). */
    documentRef: Reference.optional(),
    /** What is illustrative or uncertain about it, in both languages. */
    note: Bilingual.optional(),
  })
  .meta({
    id: 'Source',
    description: 'Where the entry comes from: on record (the default), illustrative (beyond the sources) or uncertain',
  });
export type Source = z.infer<typeof Source>;

/** What an entry without a source reads as. */
export const RECORDED: Source = Object.freeze({ kind: 'record' });

/** The source of an event from its metadata: absent means `record` (the upcast of events written before the field). */
export function sourceOf(metadata: { readonly source?: Source | undefined }): Source {
  return metadata.source ?? RECORDED;
}
