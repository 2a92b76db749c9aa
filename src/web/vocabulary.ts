// The words of the ledger the workspace shows: every enum's values, with their Thai and English
// names from contracts/ (contracts/vocabulary.ts, also served at GET /v1/vocabulary). Built here
// from contracts/ and handed to the browser bundle as the module `ledger:vocabulary` (bundle.ts), so the page never
// carries a second copy of an enum nor the zod it is written in.
import { CLASSIFICATION_LEVELS, classificationNames } from '../../contracts/classification.js';
import {
  AUTHORITIES,
  CONSULTATION_OUTCOMES,
  DRAFT_TEXT_STATUSES,
  FLEXIBILITIES,
  MEETING_FORMATS,
  STANCES,
  URGENCIES,
  VIEW_ATTESTATIONS,
  authorityNames,
  stanceNames,
  urgencyNames,
} from '../../contracts/enums.js';
import { LEDGER_EVENT_TYPES } from '../../contracts/events/index.js';
import { AGENCY_CODES, ROLES, agencyNames } from '../../contracts/principal.js';
import { STREAM_KINDS } from '../../contracts/streams.js';
import { labels } from '../../contracts/vocabulary.js';
import type { Named, Vocabulary } from './vocabulary-shape.js';

export type { Named, Vocabulary } from './vocabulary-shape.js';

const named = <K extends string>(ids: readonly K[], names: Readonly<Record<K, { th: string; en: string }>>): Named[] =>
  ids.map((id) => ({ id, th: names[id].th, en: names[id].en }));

export function vocabulary(): Vocabulary {
  return {
    stances: named(STANCES, stanceNames),
    authorities: named(AUTHORITIES, authorityNames),
    classifications: named(CLASSIFICATION_LEVELS, classificationNames),
    urgencies: named(URGENCIES, urgencyNames),
    agencies: AGENCY_CODES.map((id) => ({
      id,
      th: agencyNames[id].th,
      en: agencyNames[id].en,
      abbrev: agencyNames[id].thAbbrev ?? null,
    })),
    roles: ROLES,
    flexibilities: FLEXIBILITIES,
    textStatuses: DRAFT_TEXT_STATUSES,
    outcomes: CONSULTATION_OUTCOMES,
    formats: MEETING_FORMATS,
    attestations: VIEW_ATTESTATIONS,
    eventTypes: LEDGER_EVENT_TYPES,
    streamKinds: STREAM_KINDS,
    labels,
  };
}
