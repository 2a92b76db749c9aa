// GET /v1/vocabulary: the names of agencies, roles, stances, authorities, classifications, text
// statuses, outcomes, milestones, follow-up and source kinds, event types ... in Thai and English, from
// contracts/vocabulary.ts, so that no client hard-codes them. It changes only with a release: ETag and
// caching follow from that.
import { ProblemSchema } from '../problem.js';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { vocabularyLists } from '../../../contracts/vocabulary.js';

const Named = z.object({ id: z.string(), th: z.string(), en: z.string(), abbrev: z.string().nullable().optional() });
const VocabularyReply = z.object({ vocabulary: z.record(z.string(), z.array(Named)) }).meta({
  id: 'Vocabulary',
  description:
    'Each kind of value (agencies, roles, stances, ...) as a list in its order, each value with its Thai and English name (agencies also their Thai abbreviation)',
});

export async function vocabularyRoutes(app: FastifyInstance): Promise<void> {
  const body = { vocabulary: vocabularyLists() };
  app.withTypeProvider<ZodTypeProvider>().get(
    '/vocabulary',
    {
      schema: {
        summary: 'The names of every agency and every value of the ledger, in Thai and English',
        tags: ['read'],
        response: {
          200: VocabularyReply,
          400: ProblemSchema.describe('A query parameter the route does not take'),
          401: ProblemSchema.describe('No or unknown bearer token'),
        },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'private, max-age=3600');
      return body;
    },
  );
}
