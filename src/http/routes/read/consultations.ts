// The consultation register and session briefs. A consultation or session answered carries
// `revisions` (its stream's, what its writes take as If-Match, ADR 0019); a consultation the reader
// may not see is a marker (ADR 0018) without them.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ConsultationId } from '../../../../contracts/events/common.js';
import { Slug } from '../../../../contracts/text.js';
import { principalOf } from '../../plugins/auth.js';
import type { ReadSide } from '../../../read/read-side.js';
import { BriefReply, ConsultationReply, ConsultationsReply } from '../../../../contracts/read/index.js';
import { ReadQuery, answerRead, found, readProblems } from './read-request.js';

export async function consultationReads(app: FastifyInstance, read: ReadSide): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/consultations',
    {
      schema: {
        summary:
          'Consultations with date, convener, participants, agenda, outcomes, open follow-ups; participation per agency',
        tags: ['read'],
        querystring: ReadQuery,
        response: { 200: ConsultationsReply, ...readProblems },
      },
    },
    async (request, reply) =>
      answerRead(request, reply, read, request.query, (at, asker) => read.consultations(at, asker)),
  );

  typed.get(
    '/consultations/:id',
    {
      schema: {
        summary: 'One consultation: views, outcomes and follow-ups',
        tags: ['read'],
        params: z.object({ id: ConsultationId }),
        querystring: ReadQuery,
        response: { 200: ConsultationReply, ...readProblems },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      return answerRead(request, reply, read, request.query, (at, asker) =>
        found(read.consultation(id, at, asker), 'consultation', id),
      );
    },
  );

  typed.get(
    '/sessions/:sessionId/brief',
    {
      schema: {
        summary:
          "Session brief: each issue's position in force at the session's start, disagreements, allies; red lines and fallbacks for cleared readers",
        tags: ['read'],
        params: z.object({ sessionId: Slug }),
        querystring: ReadQuery.extend({
          format: z
            .enum(['json', 'text'])
            .default('json')
            .describe('text: a plain Thai/English brief with its classification marking at top and bottom'),
        }),
        response: { 200: BriefReply, ...readProblems },
      },
    },
    async (request, reply) => {
      const { sessionId } = request.params;
      if (request.query.format === 'text') {
        const at = await read.resolve(request.query);
        const asker = principalOf(request);
        const text = found(read.briefText(sessionId, at, asker), 'session', sessionId);
        // A string sent skips the audit's preSerialization hook: the text shows what the JSON brief shows, so that is
        // what its record names (ADR 0037).
        const audit = request.server.readAudit;
        if (audit !== undefined) audit.record(request, audit.shownIn(request, read.brief(sessionId, at, asker)));
        // Plain text is sent as it is (no JSON reply schema applies to it).
        const raw: FastifyReply = reply;
        return raw.type('text/plain; charset=utf-8').header('cache-control', 'private, no-cache').send(text);
      }
      return answerRead(request, reply, read, request.query, (at, asker) =>
        found(read.brief(sessionId, at, asker), 'session', sessionId),
      );
    },
  );
}
