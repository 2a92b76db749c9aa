// The consultation register and session briefs.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ConsultationId } from '../../../../contracts/events/common.js';
import { Slug } from '../../../../contracts/text.js';
import type { ReadSide } from '../../../read/read-side.js';
import { ReadQuery, notFound, readProblems, resolveRead, sendRead } from './read-request.js';

export async function consultationReads(app: FastifyInstance, read: ReadSide): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/consultations',
    { schema: { summary: 'Consultations with date, convener, participants, agenda, outcomes, open follow-ups; participation per agency', tags: ['read'], querystring: ReadQuery, response: readProblems } },
    async (request, reply) => {
      const resolved = await resolveRead(read, request.query);
      return sendRead(request, reply, read, resolved, { ...read.models.consultations(resolved.asOf) });
    },
  );

  typed.get(
    '/consultations/:id',
    { schema: { summary: 'One consultation: views, outcomes and follow-ups', tags: ['read'], params: z.object({ id: ConsultationId }), querystring: ReadQuery, response: readProblems } },
    async (request, reply) => {
      const resolved = await resolveRead(read, request.query);
      const consultation = read.models.consultation(request.params.id, resolved.asOf);
      if (consultation === null) throw notFound('consultation', request.params.id);
      return sendRead(request, reply, read, resolved, { consultation });
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
      const resolved = await resolveRead(read, request.query);
      const brief = read.models.brief(request.params.sessionId, resolved.asOf);
      if (brief === null) throw notFound('session', request.params.sessionId);
      return sendRead(request, reply, read, resolved, { brief });
    },
  );
}
