// Auditors' reads: raw events with metadata and both clocks, paged in commit order, and a full
// replay into a scratch copy compared with the live read models. Classified fields are redacted
// for the auditor's clearance here too, and the events of a consultation marked above it are
// markers holding only their place in the log (ADR 0018).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Agency } from '../../../../contracts/principal.js';
import type { Classification } from '../../../../contracts/classification.js';
import { sourceOf } from '../../../../contracts/source.js';
import type { LogPosition } from '../../../../contracts/log-position.js';
import type { Envelope } from '../../../../projections/envelope.js';
import { validTimesInContext } from '../../../../projections/as-of.js';
import { homeKeyOf } from '../../../../projections/routing.js';
import { ReplayInProgress, type ReplayReport } from '../../../read/audit-replay.js';
import { localInstants } from '../../../read/instants.js';
import { redact, redactRawEventData } from '../../../read/redact.js';
import type { ReadSide } from '../../../read/read-side.js';
import { principalOf } from '../../plugins/auth.js';
import { HttpProblem, ProblemSchema } from '../../problem.js';
import { consultationOfStream, type Reader } from '../../../read/withheld.js';
import { AuditEventsReply, AuditReplayReply, ReplayProgressReply } from '../../../../contracts/read/index.js';
import { MinPosition, ReadQuery, readProblems, readable, readerFor, resolveRead, sendRead } from './read-request.js';
import { assertAuditor } from '../../authorization.js';


const Instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString());

const EventsQuery = z.strictObject({
  stream: z.string().min(1).max(200).optional().describe('Only this stream (e.g. position-ahc-scope)'),
  type: z.string().min(1).max(100).optional().describe('Only events of this type'),
  agency: Agency.optional().describe("Only events whose actor acted for this agency"),
  from: Instant.optional().describe('Time range start (inclusive), on the axis below'),
  to: Instant.optional().describe('Time range end (inclusive)'),
  axis: z.enum(['valid', 'recorded']).default('recorded').describe('Which clock from/to apply to'),
  after: z.string().regex(/^\d{1,20}\/\d{1,20}$/, 'commit/prepare, as given in `next`').optional().describe('Cursor: events after this position'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  minPosition: MinPosition.optional(),
});

/** An event of a consultation the auditor may not see: where it is in the log and the consultation's marking. */
function withheldEvent(e: Envelope, reader: Reader, consultationId: string) {
  return {
    eventId: e.eventId,
    streamName: e.streamName,
    revision: e.revision.toString(),
    position: { commit: e.position.toString(), prepare: e.prepare.toString() },
    recordedAt: e.recordedAt,
    classification: reader.levelOf(consultationId),
    redacted: true as const,
  };
}

function rawEvent(e: Envelope, validAt: string, clearance: Classification) {
  return {
    eventId: e.eventId,
    streamName: e.streamName,
    revision: e.revision.toString(),
    position: { commit: e.position.toString(), prepare: e.prepare.toString() },
    type: e.event.type,
    recordedAt: e.recordedAt,
    // As every read dates it (ADR 0009: a late view at its meeting, an endorsed draft no later than
    // its endorsement); metadata.occurredAt keeps what the writer sent.
    validAt,
    // Classified values above the clearance keep their commitment: the chain still verifies (ADR 0020).
    data: redactRawEventData(e.event.type, e.event.data, clearance),
    metadata: e.metadata,
    // Where the entry comes from, absent in the metadata meaning record (ADR 0038).
    source: sourceOf(e.metadata),
  };
}

/** Envelopes are read from the index in pages of this many (it may page them from its file). */
const SCAN_PAGE = 1000;

export async function auditReads(app: FastifyInstance, read: ReadSide): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/audit/events',
    {
      schema: {
        summary: 'Raw ledger events in commit order with metadata and both clocks (auditors)',
        tags: ['audit'],
        querystring: EventsQuery,
        response: { 200: AuditEventsReply, ...readProblems, 403: ProblemSchema.describe('Not an auditor') },
      },
      preValidation: async (request) => assertAuditor(request),
    },
    async (request, reply) => {
      const q = request.query;
      await readable(read, q.minPosition);
      const clearance = principalOf(request).clearance;
      const reader = readerFor(request, read);
      let cursor: LogPosition | null = null;
      if (q.after !== undefined) {
        const [commit, prepare] = q.after.split('/');
        cursor = { commit: BigInt(commit ?? '0'), prepare: BigInt(prepare ?? '0') };
      }
      // Valid times in context, one key at a time as the page needs them.
      const movedIn = new Map<string, Map<string, string>>();
      const validAtOf = (e: Envelope): string => {
        const key = homeKeyOf(e.streamName);
        if (key === undefined) return e.validAt;
        let moved = movedIn.get(key);
        if (moved === undefined) {
          moved = validTimesInContext(read.index.envelopesOf(key));
          movedIn.set(key, moved);
        }
        return moved.get(e.eventId) ?? e.validAt;
      };
      const events: Array<ReturnType<typeof rawEvent> | ReturnType<typeof withheldEvent>> = [];
      let last: Envelope | undefined;
      let more = false;
      scan: for (;;) {
        const page = read.index.after(cursor, SCAN_PAGE);
        if (page.length === 0) break;
        for (const e of page) {
          if (events.length >= q.limit) {
            more = true;
            break scan;
          }
          last = e;
          cursor = { commit: e.position, prepare: e.prepare };
          if (q.stream !== undefined && e.streamName !== q.stream) continue;
          const consultationId = consultationOfStream(e.streamName);
          if (consultationId !== undefined && !reader.sees(consultationId)) {
            // Only what the marker shows can select it: its stream and its record time.
            if (q.type !== undefined || q.agency !== undefined || (q.axis === 'valid' && (q.from !== undefined || q.to !== undefined))) continue;
            if ((q.from !== undefined && e.recordedAt < q.from) || (q.to !== undefined && e.recordedAt > q.to)) continue;
            events.push(withheldEvent(e, reader, consultationId));
            continue;
          }
          if (q.type !== undefined && e.event.type !== q.type) continue;
          if (q.agency !== undefined && e.metadata.actor.agency !== q.agency) continue;
          const validAt = validAtOf(e);
          const t = q.axis === 'valid' ? validAt : e.recordedAt;
          if (q.from !== undefined && t < q.from) continue;
          if (q.to !== undefined && t > q.to) continue;
          events.push(rawEvent(e, validAt, clearance));
        }
      }
      return reply.header('cache-control', 'private, no-cache').send(localInstants({ events, next: more && last !== undefined ? `${last.position}/${last.prepare}` : null }));
    },
  );

  typed.post(
    '/audit/replay',
    {
      schema: {
        summary: 'Rebuild every read model from position 0 in a scratch copy and compare it with the live one (auditors)',
        tags: ['audit'],
        body: ReadQuery.pick({ asOf: true, axis: true }).strict().nullish().describe('Optional: asOf and axis of the comparison (default: now, valid axis); a POST without a body is fine'),
        response: {
          200: AuditReplayReply,
          ...readProblems,
          403: ProblemSchema.describe('Not an auditor'),
          409: ProblemSchema.extend({ details: ReplayProgressReply }).describe('Another audit replay is running (replay_in_progress), with how far it has got in details; retry after Retry-After seconds'),
        },
      },
      preValidation: async (request) => assertAuditor(request),
    },
    async (request, reply) => {
      const resolved = await resolveRead(read, { axis: request.body?.axis ?? 'valid', ...(request.body?.asOf === undefined ? {} : { asOf: request.body.asOf }) });
      const clearance = principalOf(request).clearance;
      let report: ReplayReport;
      try {
        report = await read.replays.run(resolved.asOf, clearance);
      } catch (error) {
        if (error instanceof ReplayInProgress) {
          throw HttpProblem.of('replay_in_progress', {
            detail: `An audit replay is already running (${error.progress.phase}: ${error.progress.eventsReplayed} of ${error.progress.eventsToReplay} events replayed, ${error.progress.subjectsCompared} subjects compared), since ${error.progress.startedAt}; ask again when it is done`,
            details: { ...error.progress },
            headers: { 'retry-after': '5' },
          });
        }
        throw error;
      }
      return sendRead(request, reply, read, resolved, { replay: redact(report, clearance) });
    },
  );
}
