// The auditors' reads: raw events in commit order (GET /v1/audit/events) and the scratch replay
// compared with the live read models (POST /v1/audit/replay).
import { z } from 'zod';
import { Classification } from '../classification.js';
import { LogPositionJson } from '../log-position.js';
import { Instant, readReply, SourceReply } from './common.js';

/**
 * An event of a consultation the auditor may not see: where it is in the log and the consultation's marking (ADR 0018).
 */
export const WithheldAuditEvent = z
  .object({
    eventId: z.string(),
    streamName: z.string(),
    revision: z.string(),
    position: LogPositionJson,
    recordedAt: Instant,
    classification: Classification,
    redacted: z.literal(true),
  })
  .meta({ id: 'WithheldAuditEvent' });

export const RawAuditEvent = z
  .object({
    eventId: z.string(),
    streamName: z.string(),
    revision: z.string(),
    position: LogPositionJson,
    type: z.string().describe('The event type (contracts/events)'),
    recordedAt: Instant,
    validAt: Instant.describe('As every read dates it (ADR 0009); metadata.occurredAt keeps what the writer sent'),
    data: z
      .unknown()
      .describe(
        "An object: the event's data as stored (contracts/events); classified fields above the clearance are { level, redacted, commitment }, the others keep value and salt",
      ),
    metadata: z
      .looseObject({
        actor: z.looseObject({ principalId: z.string(), agency: z.string(), role: z.string() }),
        occurredAt: z.string(),
      })
      .describe('The event metadata as stored (contracts/metadata.ts), every field of it'),
    source: SourceReply.describe('Where the entry comes from (metadata.source; absent there means record)'),
    leaf: z
      .object({ index: z.int().nullable(), matchesLog: z.boolean() })
      .optional()
      .describe(
        'Its leaf in the Merkle log, recomputed from what this answer shows (ADR 0034): false = this copy is not what the log holds',
      ),
  })
  .meta({ id: 'RawAuditEvent' });

/** GET /v1/audit/events */
export const AuditEventsReply = z
  .object({
    events: z.array(z.union([RawAuditEvent, WithheldAuditEvent])),
    next: z
      .string()
      .nullable()
      .describe('Cursor (commit/prepare) to pass as `after` for the next page; null on the last'),
    source: z
      .object({ events: z.string(), checkedAgainst: z.string() })
      .optional()
      .describe('Where the events come from and what they were checked against'),
  })
  .meta({ id: 'AuditEventsReply' });

export const ReplayReportReply = z
  .object({
    equal: z.boolean().describe('The rebuilt read models equal the live ones'),
    eventsReplayed: z.int(),
    eventsLive: z.int(),
    rejected: z.int(),
    ms: z.number(),
    rebuildMs: z.number(),
    compareMs: z.number(),
    differences: z.array(z.object({ path: z.string(), live: z.unknown(), rebuilt: z.unknown() })),
    integrity: z
      .object({
        ok: z.boolean(),
        breaks: z.array(
          z.object({ stream: z.string(), revision: z.string(), eventId: z.string().nullable(), reason: z.string() }),
        ),
        events: z.int(),
        leaves: z.int(),
        logSize: z.int(),
        root: z.string(),
        rootMatches: z.boolean(),
        checkpoint: z.object({ treeSize: z.int(), matches: z.boolean() }).nullable(),
      })
      .optional()
      .describe('The store checked against its chains and the Merkle log (ADR 0034); equal is false when it is not ok'),
  })
  .meta({ id: 'ReplayReport' });

/** POST /v1/audit/replay */
export const AuditReplayReply = readReply({ replay: ReplayReportReply }).meta({ id: 'AuditReplayReply' });

/** The `details` of 409 replay_in_progress: how far the running replay has got. */
export const ReplayProgressReply = z
  .object({
    startedAt: z.string(),
    phase: z.enum(['rebuilding', 'comparing']),
    eventsReplayed: z.int(),
    eventsToReplay: z.int(),
    subjectsCompared: z.int(),
    subjectsToCompare: z.int().nullable(),
  })
  .meta({ id: 'ReplayProgress' });
