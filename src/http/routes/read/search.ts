// Search the ledger's texts in Thai and English without knowing ids (issue 11 §1): titles,
// summaries, views, outcomes, statements. Ranked, paged, and only what the reader may read
// (src/read/search-index.ts, ADR 0039).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { text } from '../../../../contracts/text.js';
import { MIN_QUERY_LENGTH } from '../../../read/search-index.js';
import { SearchReply } from '../../../../contracts/read/index.js';
import type { ReadSide } from '../../../read/read-side.js';
import { principalOf } from '../../plugins/auth.js';
import { MinPosition, readProblems, sendRead } from './read-request.js';

const Query = z.strictObject({
  q: text(200)
    .refine((q) => [...q.trim()].length >= MIN_QUERY_LENGTH, `at least ${MIN_QUERY_LENGTH} characters`)
    .describe('Words or part of a word, in Thai or English, matched anywhere in a text (e.g. เขตอำนาจ, jurisdiction)'),
  kind: z
    .enum(['issue', 'consultation', 'session', 'process'])
    .optional()
    .describe('Only texts of this kind of subject'),
  offset: z.coerce.number().int().min(0).max(10_000).default(0).describe('Paging: the `next` of the page before'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  minPosition: MinPosition.optional(),
});

export async function searchReads(app: FastifyInstance, read: ReadSide): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/search',
    {
      schema: {
        summary:
          'Search titles, summaries, views, outcomes and statements in Thai and English: ranked, paged, as the reader may read them',
        tags: ['read'],
        querystring: Query,
        response: { 200: SearchReply, ...readProblems },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const at = await read.resolve({ axis: 'valid', minPosition: q.minPosition });
      const answer = read.search(
        { q: q.q, offset: q.offset, limit: q.limit, ...(q.kind === undefined ? {} : { kind: q.kind }) },
        principalOf(request),
      );
      return sendRead(request, reply, read, at, answer);
    },
  );
}
