// Text and sources of the demo data. Text is plain, whatever its standing: where an entry comes from is
// its source, in the event's metadata (ADR 0038), never a suffix in its text. An entry stated by a source
// document carries no source (it reads as `record`) or one naming the document; anything beyond the
// sources is `illustrative`; what the sources leave open is `uncertain`.
import type { Bilingual, Source } from '../../contracts/index.js';

/** Bilingual text, as is. */
export const text = (th: string, en: string): Bilingual => ({ th, en });

/** Stated by a source document. */
export const onRecord = (documentRef: string): Source => ({ kind: 'record', documentRef });

/** Beyond the sources: an example, with what is invented about it. */
export const illustrative = (th: string, en: string): Source => ({ kind: 'illustrative', note: { th, en } });

/** The sources leave it open: what is uncertain, and the document that leaves it so. */
export const uncertain = (th: string, en: string, documentRef?: string): Source => ({
  kind: 'uncertain',
  note: { th, en },
  ...(documentRef === undefined ? {} : { documentRef }),
});

export const NEW_YORK = 'America/New_York';
export const VIENNA = 'Europe/Vienna';
export const BANGKOK = 'Asia/Bangkok';
export const HANOI = 'Asia/Ho_Chi_Minh';
