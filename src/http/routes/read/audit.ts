// Auditors' reads: raw events with metadata and both clocks, paged in commit order (src/read/audit-log.ts),
// and a full replay into a scratch copy compared with the live read models (src/read/audit-replay.ts).
// Classified fields are redacted for the auditor's clearance here too, and the events of a
// consultation marked above it are markers holding only their place in the log (ADR 0018).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Agency } from '../../../../contracts/principal.js';
import { auditCursor } from '../../../read/audit-log.js';
import { localInstants } from '../../../read/instants.js';
import type { ReadSide } from '../../../read/read-side.js';
import { principalOf } from '../../plugins/auth.js';
import { ProblemSchema } from '../../problem.js';
import { AuditEventsReply, AuditReplayReply, ReplayProgressReply } from '../../../../contracts/read/index.js';
import { MinPosition, ReadQuery, readProblems, sendRead } from './read-request.js';
import { assertAuditor } from '../../authorization.js';

const Instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString());

const EventsQuery = z.strictObject({
  stream: z.string().min(1).max(200).optional().describe('Only this stream (e.g. position-ahc-scope)'),
  type: z.string().min(1).max(100).optional().describe('Only events of this type'),
  agency: Agency.optional().describe('Only events whose actor acted for this agency'),
  from: Instant.optional().describe('Time range start (inclusive), on the axis below'),
  to: Instant.optional().describe('Time range end (inclusive)'),
  axis: z.enum(['valid', 'recorded']).default('recorded').describe('Which clock from/to apply to'),
  after: z
    .string()
    .regex(/^\d{1,20}\/\d{1,20}$/, 'commit/prepare, as given in `next`')
    .optional()
    .describe('Cursor: events after this position'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  minPosition: MinPosition.optional(),
});

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
      const { stream, type, agency, from, to, axis, after, limit, minPosition } = request.query;
      await read.resolve({ minPosition });
      const page = read.auditEvents(
        { stream, type, agency, from, to, axis },
        after === undefined ? null : auditCursor(after),
        limit,
        principalOf(request),
      );
      return reply.header('cache-control', 'private, no-cache').send(localInstants(page));
    },
  );

  typed.post(
    '/audit/replay',
    {
      schema: {
        summary:
          'Rebuild every read model from position 0 in a scratch copy and compare it with the live one (auditors)',
        tags: ['audit'],
        body: ReadQuery.pick({ asOf: true, axis: true })
          .strict()
          .nullish()
          .describe(
            'Optional: asOf and axis of the comparison (default: now, valid axis); a POST without a body is fine',
          ),
        response: {
          200: AuditReplayReply,
          ...readProblems,
          403: ProblemSchema.describe('Not an auditor'),
          409: ProblemSchema.extend({ details: ReplayProgressReply }).describe(
            'Another audit replay is running (replay_in_progress), with how far it has got in details; retry after Retry-After seconds',
          ),
        },
      },
      preValidation: async (request) => assertAuditor(request),
    },
    async (request, reply) => {
      const at = await read.resolve({
        axis: request.body?.axis ?? 'valid',
        ...(request.body?.asOf === undefined ? {} : { asOf: request.body.asOf }),
      });
      return sendRead(request, reply, read, at, await read.auditReplay(at, principalOf(request)));
    },
  );
}
