// Follow-ups: what is to be done on each issue (the commitments of an outcome document, tasks a session
// leaves) and where each stands, as of any point on either clock, with its source (ADR 0038).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { FollowUpStatus } from '../../../../contracts/enums.js';
import { Slug } from '../../../../contracts/text.js';
import { FollowUpsReply } from '../../../../contracts/read/index.js';
import type { ReadSide } from '../../../read/read-side.js';
import { ReadQuery, answerRead, readProblems } from './read-request.js';

export async function followUpReads(app: FastifyInstance, read: ReadSide): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/follow-ups',
    {
      schema: {
        summary:
          'Follow-ups recorded on issues, by area, with where each stands (open, in progress, done, dropped) and whether it is overdue',
        tags: ['read'],
        querystring: ReadQuery.extend({ issueId: Slug.optional(), status: FollowUpStatus.optional() }),
        response: { 200: FollowUpsReply, ...readProblems },
      },
    },
    async (request, reply) => {
      const { issueId, status } = request.query;
      return answerRead(request, reply, read, request.query, (at, asker) =>
        read.followUps(at, { issueId, status }, asker),
      );
    },
  );
}
