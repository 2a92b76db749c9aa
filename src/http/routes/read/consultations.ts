// The consultation register and session briefs. A consultation or session answered carries
// `revisions` (its stream's, what its writes take as If-Match, ADR 0019); a consultation the reader
// may not see is a marker (ADR 0018) without them.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ConsultationId } from '../../../../contracts/events/common.js';
import { Slug } from '../../../../contracts/text.js';
import type { ReadSide } from '../../../read/read-side.js';
import { ReadQuery, answerRead, found, readProblems } from './read-request.js';

export async function consultationReads(app: FastifyInstance, read: ReadSide): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/consultations',
    { schema: { summary: 'Consultations with date, convener, participants, agenda, outcomes, open follow-ups; participation per agency', tags: ['read'], querystring: ReadQuery, response: readProblems } },
    async (request, reply) =>
      answerRead(request, reply, read, request.query, (at, asker) => read.consultations(at, asker)),
  );

  typed.get(
    '/consultations/:id',
    { schema: { summary: 'One consultation: views, outcomes and follow-ups', tags: ['read'], params: z.object({ id: ConsultationId }), querystring: ReadQuery, response: readProblems } },
    async (request, reply) => {
      const { id } = request.params;
      return answerRead(request, reply, read, request.query, (at, asker) => found(read.consultation(id, at, asker), 'consultation', id));
    },
  );

  typed.get(
    '/sessions/:sessionId/brief',
    {
      schema: {
        summary: "Session brief: each issue's position in force at the session's start, disagreements, allies; red lines and fallbacks for cleared readers",
        tags: ['read'],
        params: z.object({ sessionId: Slug }),
        querystring: ReadQuery,
        response: readProblems,
      },
    },
    async (request, reply) => {
      const { sessionId } = request.params;
      return answerRead(request, reply, read, request.query, (at, asker) => found(read.brief(sessionId, at, asker), 'session', sessionId));
    },
  );
}
