// The changes feed, search hits and the comparison of two points, as the read API answers them
// (src/read/changes.ts, search-index.ts, compare.ts).
import { z } from 'zod';
import { Classification } from '../classification.js';
import { Agency } from '../principal.js';
import { Instant, SourceReply, readReply } from './common.js';
import { CurrentPositionReply } from './positions.js';

/** The kinds of change a reader can ask for, one per event type's meaning. */
export const CHANGE_KINDS = [
  'process',
  'milestone',
  'session',
  'issue',
  'drafted',
  'endorsed',
  'withdrawn',
  'statement',
  'final-text',
  'consultation',
  'view',
  'outcome',
  'follow-up',
  'retraction',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

const FieldChangeReply = z.object({ field: z.string(), from: z.unknown(), to: z.unknown() });

export const ChangeEntryReply = z
  .object({
    eventId: z.string(),
    kind: z.enum(CHANGE_KINDS),
    type: z.string().describe('The ledger event type'),
    streamName: z.string(),
    position: z.object({ commit: z.string(), prepare: z.string() }),
    recordedAt: Instant,
    validAt: Instant.describe('When it happened or takes effect, dated in context'),
    actor: z.object({ agency: Agency, role: z.string() }),
    subject: z.object({
      processId: z.string().optional(),
      issueId: z.string().optional(),
      consultationId: z.string().optional(),
      sessionId: z.string().optional(),
    }),
    comparedWith: z.int().nullable().optional().describe('For a draft or endorsement: the version compared with'),
    changes: z.array(FieldChangeReply).optional().describe('For a draft or endorsement: each field that changed'),
    retracts: z.object({ eventId: z.string(), type: z.string().nullable() }).optional(),
    data: z.record(z.string(), z.unknown()).describe("The event's data, redacted for the reader"),
    source: SourceReply,
  })
  .meta({ id: 'ChangeEntry' });

export const ChangesReply = readReply({
  changes: z.array(ChangeEntryReply),
  next: z.string().nullable().describe('Cursor for the next page (as `after`); null at the end'),
}).meta({ id: 'ChangesReply' });

export const SearchHitReply = z
  .object({
    subject: z.object({ kind: z.string(), id: z.string() }),
    issueId: z.string().nullable(),
    eventId: z.string(),
    type: z.string(),
    field: z.string().describe('Where in the event the text is, e.g. summary, redLines[0]'),
    lang: z.enum(['th', 'en']),
    level: Classification,
    snippet: z.string().describe('The match between [ and ], with some text either side'),
    recordedAt: Instant,
    validAt: Instant,
  })
  .meta({ id: 'SearchHit' });

export const SearchReply = readReply({
  q: z.string(),
  hits: z.array(SearchHitReply),
  next: z.int().nullable().describe('Offset of the next page; null when there is none'),
}).meta({ id: 'SearchReply' });

export const CompareReply = readReply({
  issueId: z.string(),
  from: Instant,
  to: Instant,
  comparison: z.object({
    from: CurrentPositionReply.nullable(),
    to: CurrentPositionReply.nullable(),
    inForce: z.array(FieldChangeReply),
    pendingDraft: z.array(FieldChangeReply),
    basis: z.object({
      consultationsAdded: z.array(z.string()),
      consultationsDropped: z.array(z.string()),
      inputsAdded: z.array(z.string()),
      inputsDropped: z.array(z.string()),
    }),
    same: z.boolean(),
  }),
}).meta({ id: 'CompareReply' });
