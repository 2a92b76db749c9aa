// The consultation register and session briefs. A consultation or session answered carries
// `revisions` (its stream's, what its writes take as If-Match, ADR 0019); a consultation the reader
// may not see is a marker (ADR 0018) without them.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ConsultationId } from '../../../../contracts/events/common.js';
import { Slug } from '../../../../contracts/text.js';
import { principalOf } from '../../plugins/auth.js';
import type { ReadSide } from '../../../read/read-side.js';
import { BriefReply, ConsultationReply, ConsultationsReply } from '../../../../contracts/read/index.js';
import { answerUntil } from '../../../read/answer-until.js';
import { ReadQuery, answerRead, found, handled, keepSpan, keptKey, readProblems } from './read-request.js';
import { AnswerCache } from './answer-cache.js';

export async function consultationReads(app: FastifyInstance, read: ReadSide): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  // A consultation and a brief are kept serialized while they are still the answer (ADR 0045, 0074).
  const kept = new AnswerCache();
  // The text briefs apart: their kept bytes are a whole reply, not a JSON answer after its frame.
  const keptText = new AnswerCache();

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
    (request, reply) => {
      const { id } = request.params;
      return handled(
        answerRead(
          request,
          reply,
          read,
          request.query,
          (at, asker, until) => found(read.consultation(id, at, asker, until), 'consultation', id),
          kept,
        ),
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
    (request, reply) => {
      const { sessionId } = request.params;
      if (request.query.format === 'text')
        return handled(briefAsText(request, reply, read, request.query, sessionId, keptText));
      return handled(
        answerRead(
          request,
          reply,
          read,
          request.query,
          (at, asker, until) => found(read.brief(sessionId, at, asker, until), 'session', sessionId),
          kept,
        ),
      );
    },
  );
}

/**
 * GET /v1/sessions/{id}/brief?format=text: the brief as plain text, kept as its bytes while it is still the answer
 * (the JSON brief's rule, ADR 0074: the text has no frame of its own to write per request, no ETag).
 */
async function briefAsText(
  request: FastifyRequest,
  reply: FastifyReply,
  read: ReadSide,
  query: ReadQuery,
  sessionId: string,
  kept: AnswerCache,
): Promise<FastifyReply> {
  const at = await read.resolve(query);
  const asker = principalOf(request);
  const audit = request.server.readAudit;
  const { size, until } = read.answerSpan(at.instant);
  const key = keptKey(request, asker);
  let answer = kept.get(key, size, at.instant);
  if (answer === undefined) {
    const dates = answerUntil();
    const text = found(read.briefText(sessionId, at, asker, dates), 'session', sessionId);
    // A string sent skips the audit's preSerialization hook: the text shows what the JSON brief shows, so that is
    // what its record names (ADR 0037).
    const shown = audit?.shownIn(request, read.brief(sessionId, at, asker)) ?? null;
    const span = keepSpan(query, at, until, dates);
    // Not to be kept (span null), only its bytes and what it shows are used.
    answer = {
      indexSize: size,
      aboutNow: true,
      from: at.instant,
      until: null,
      ...span,
      frame: [],
      rest: Buffer.from(text),
      etag: '',
      shown,
    };
    if (span !== null) kept.set(key, answer);
  }
  audit?.record(request, answer.shown);
  // Plain text is sent as it is (no JSON reply schema applies to it).
  return reply.type('text/plain; charset=utf-8').header('cache-control', 'private, no-cache').send(answer.rest);
}
