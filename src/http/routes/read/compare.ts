// GET /v1/issues/{issueId}/compare?from=&to=: the position and its basis at two points, diffed
// (issue 11 §2; src/read/compare.ts).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Slug } from '../../../../contracts/text.js';
import { CompareReply } from '../../../../contracts/read/index.js';
import type { ReadSide } from '../../../read/read-side.js';
import { principalOf } from '../../plugins/auth.js';
import { MinPosition, found, pointOf, readProblems, sendRead } from './read-request.js';

const Point = z
  .string()
  .max(100)
  .describe('ISO instant, ISO date or Thai date (a date: the end of that day in Bangkok)');

export async function compareReads(app: FastifyInstance, read: ReadSide): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/issues/:issueId/compare',
    {
      schema: {
        summary:
          'The position on an issue at two points, and what differs: version in force, each field, pending draft, basis',
        tags: ['read'],
        params: z.object({ issueId: Slug }),
        querystring: z.strictObject({
          from: Point,
          to: Point.optional().describe('Default: now'),
          axis: z
            .enum(['valid', 'recorded'])
            .default('valid')
            .describe('valid: in force at each point; recorded: as the ledger showed it at each point'),
          minPosition: MinPosition.optional(),
        }),
        response: { 200: CompareReply, ...readProblems },
      },
    },
    async (request, reply) => {
      const { issueId } = request.params;
      const q = request.query;
      const from = pointOf('from', q.from);
      const at = await read.resolve({ axis: q.axis, asOf: q.to, minPosition: q.minPosition });
      return sendRead(
        request,
        reply,
        read,
        at,
        found(read.compare(issueId, from, at, principalOf(request)), 'issue', issueId),
      );
    },
  );
}
