// The audit of classified reads at the HTTP edge (ADR 0037, src/read/read-audit.ts): every answer a
// principal gets to a GET (200) is looked at as it is serialized, after redaction; one that shows content
// above unclassified is recorded (queued: the answer does not wait for the store). Auditors and admins
// page through the records with GET /v1/audit/reads. A reader cleared for nothing above unclassified is
// never looked at: nothing above it can reach them.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Classification } from '../../../contracts/classification.js';
import { THAI_TIME_ZONE } from '../../../contracts/dates/zones.js';
import { ReadAuditRecord, classifiedShown, type ClassifiedShown, type ReadAuditLog } from '../../read/read-audit.js';
import { loggableUrl } from '../logger.js';
import { HttpProblem, ProblemSchema } from '../problem.js';
import { readSchemaErrors } from '../routes/read/read-request.js';
import { requireBearer } from './auth.js';
import { assertAuditor } from '../authorization.js';

/**
 * The audit as routes that serialize their own answers use it (a string sent skips preSerialization): what an answer
 * shows the principal above unclassified, worked out once for an answer kept (routes/read/answer-cache.ts), then
 * recorded for each request that is sent it.
 */
export interface ReadAuditGate {
  /** What of `answer` (after redaction) is above unclassified; null: nothing, or a principal never audited. */
  shownIn(request: FastifyRequest, answer: unknown): ClassifiedShown | null;
  /** Records that the request's 200 answer showed `shown` (null: nothing); 503 store_unavailable when it cannot. */
  record(request: FastifyRequest, shown: ClassifiedShown | null): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Present when the audit of classified reads is on (plugins/read-audit.ts). */
    readAudit?: ReadAuditGate;
  }
}

export interface ReadAuditPluginOptions {
  audit: ReadAuditLog;
  /** A consultation's marking (the read side's consultationLevel): what it recorded counts at that level. */
  consultationLevel?: (consultationId: string) => Classification;
  clock?: () => Date;
}

const DateOrInstant = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

const ReadsQuery = z.strictObject({
  from: DateOrInstant.optional().describe(
    'Reads at or after this instant, or from the start of this day (Bangkok); default: 30 days before `to`',
  ),
  to: DateOrInstant.optional().describe(
    'Reads at or before this instant, or until the end of this day (Bangkok); default: now',
  ),
  principal: z.string().min(1).max(200).optional().describe("Only this principal's reads (its id)"),
  subject: z
    .string()
    .min(1)
    .max(300)
    .optional()
    .describe('Only reads that showed this subject: issue:<id>, consultation:<id>, session:<id>, or a bare id'),
  after: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}\/\d{1,20}$/, 'a cursor as given in `next`')
    .optional()
    .describe('Cursor: continue after the previous page'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const ReadsAnswer = z.object({
  reads: z.array(ReadAuditRecord.extend({ eventId: z.string(), recordedAt: z.string() })),
  next: z
    .string()
    .nullable()
    .describe('Pass as `after` for the next page (a page may be short); null when the range is done'),
});

/** Offset of Bangkok (no daylight saving time): a date bound is that day in Bangkok. */
const BANGKOK_OFFSET = '+07:00';

function bound(value: string, end: boolean): string {
  if (value.includes('T')) return new Date(value).toISOString();
  return new Date(`${value}T${end ? '23:59:59.999' : '00:00:00.000'}${BANGKOK_OFFSET}`).toISOString();
}

async function readAuditPlugin(app: FastifyInstance, options: ReadAuditPluginOptions): Promise<void> {
  const { audit, consultationLevel } = options;
  const clock = options.clock ?? (() => new Date());

  const audited = (request: FastifyRequest): boolean => {
    const principal = request.principal;
    return principal !== null && principal !== undefined && principal.clearance !== 'unclassified';
  };
  const gate: ReadAuditGate = {
    shownIn: (request, answer) => (audited(request) ? classifiedShown(answer, consultationLevel) : null),
    record(request, shown) {
      const principal = request.principal;
      if (shown === null || principal === null || principal === undefined) return;
      const recorded = audit.record({
        readAt: clock().toISOString(),
        requestId: request.id,
        principal: {
          id: principal.id,
          agency: principal.agency,
          roles: [...principal.roles],
          clearance: principal.clearance,
        },
        method: request.method,
        route: request.routeOptions.url ?? request.url,
        url: loggableUrl(request.url),
        ...shown,
      });
      if (!recorded) {
        throw HttpProblem.of('store_unavailable', {
          detail:
            'Reads of classified content cannot be recorded for auditors now (the event store is away): it is not shown until they can',
          headers: { 'retry-after': '5' },
        });
      }
    },
  };
  app.decorate('readAudit', gate);

  // A callback hook: an async one costs every answer, writes too, a promise and a microtask turn (ADR 0066). What
  // `record` throws answers the request, as a rejection did.
  app.addHook(
    'preSerialization',
    (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void) => {
      if (audited(request) && request.method === 'GET' && reply.statusCode === 200)
        gate.record(request, gate.shownIn(request, payload));
      done(null, payload);
    },
  );

  await app.register(
    async (v1) => {
      requireBearer(v1);
      v1.setSchemaErrorFormatter(readSchemaErrors);
      v1.withTypeProvider<ZodTypeProvider>().get(
        '/audit/reads',
        {
          schema: {
            summary:
              'Who was shown content above unclassified: principal, subjects, fields and levels, when (auditors)',
            tags: ['audit'],
            querystring: ReadsQuery,
            response: {
              200: ReadsAnswer,
              400: ProblemSchema.describe('A bad date, cursor or limit, or a query parameter the route does not take'),
              401: ProblemSchema,
              403: ProblemSchema.describe('Not an auditor or an admin (role_not_allowed)'),
            },
          },
        },
        async (request) => {
          assertAuditor(request);
          const q = request.query;
          const to = q.to === undefined ? clock().toISOString() : bound(q.to, true);
          const from =
            q.from === undefined ? new Date(Date.parse(to) - 30 * 86_400_000).toISOString() : bound(q.from, false);
          if (from > to)
            throw HttpProblem.of('invalid_request', {
              detail: `from (${from}) is after to (${to}); days are taken in ${THAI_TIME_ZONE}`,
            });
          return audit.page({
            from,
            to,
            limit: q.limit,
            ...(q.principal === undefined ? {} : { principal: q.principal }),
            ...(q.subject === undefined ? {} : { subject: q.subject }),
            ...(q.after === undefined ? {} : { after: q.after }),
          });
        },
      );
    },
    { prefix: '/v1' },
  );
}

export default fp(readAuditPlugin, { name: 'ledger-read-audit', fastify: '5.x', dependencies: ['ledger-auth'] });
