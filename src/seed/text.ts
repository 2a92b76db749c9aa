// Markers the demo data uses: what goes beyond the sources is illustrative; what is uncertain has (?).
import type { Bilingual } from '../../contracts/index.js';

/** Text stated by a source, as is. */
export const fact = (th: string, en: string): Bilingual => ({ th, en });

/** Text that goes beyond the sources: marked in both languages. */
export const illustrative = (th: string, en: string): Bilingual => ({ th: `${th} (ตัวอย่าง)`, en: `${en} (illustrative)` });

/** A fact the sources leave uncertain. */
export const uncertain = (th: string, en: string): Bilingual => ({ th: `${th} (?)`, en: `${en} (?)` });

export const NEW_YORK = 'America/New_York';
export const VIENNA = 'Europe/Vienna';
export const BANGKOK = 'Asia/Bangkok';
export const HANOI = 'Asia/Ho_Chi_Minh';
