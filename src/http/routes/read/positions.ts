// Positions, their history and agency alignment, answered as of any point on either clock. Each
// issue answered carries `revisions`: its issue and position streams' revisions, what its writes take
// as If-Match (ADR 0019). Their answers depend on the point asked only through the events' own clocks, so
// they are kept serialized while the index is unchanged (answer-cache.ts, ADR 0045).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Slug } from '../../../../contracts/text.js';
import { Agency } from '../../../../contracts/principal.js';
import type { ReadSide } from '../../../read/read-side.js';
import { AlignmentReply, HistoryReply, PositionReply, PositionsReply } from '../../../../contracts/read/index.js';
import { ReadQuery, answerRead, found, handled, readProblems } from './read-request.js';
import { AnswerCache } from './answer-cache.js';

const IssueParams = z.object({ issueId: Slug });

export async function positionReads(app: FastifyInstance, read: ReadSide): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const kept = new AnswerCache();

  typed.get(
    '/positions',
    {
      schema: {
        summary: "Thailand's position on every issue: the version in force and any pending draft",
        tags: ['read'],
        querystring: ReadQuery,
        response: { 200: PositionsReply, ...readProblems },
      },
    },
    (request, reply) =>
      handled(answerRead(request, reply, read, request.query, (at, asker) => read.positions(at, asker), kept)),
  );

  typed.get(
    '/issues/:issueId/position',
    {
      schema: {
        summary: 'The position on one issue: version in force (with authority, decision, basis) and pending draft',
        tags: ['read'],
        params: IssueParams,
        querystring: ReadQuery,
        response: { 200: PositionReply, ...readProblems },
      },
    },
    (request, reply) => {
      const { issueId } = request.params;
      return handled(
        answerRead(
          request,
          reply,
          read,
          request.query,
          (at, asker) => found(read.position(issueId, at, asker), 'issue', issueId),
          kept,
        ),
      );
    },
  );

  typed.get(
    '/issues/:issueId/history',
    {
      schema: {
        summary: 'Every draft, endorsement, withdrawal, statement and retraction on an issue, with what changed',
        tags: ['read'],
        params: IssueParams,
        querystring: ReadQuery,
        response: { 200: HistoryReply, ...readProblems },
      },
    },
    (request, reply) => {
      const { issueId } = request.params;
      return handled(
        answerRead(
          request,
          reply,
          read,
          request.query,
          (at, asker) => found(read.history(issueId, at, asker), 'issue', issueId),
          kept,
        ),
      );
    },
  );

  typed.get(
    '/alignment',
    {
      schema: {
        summary: "Each agency's latest view per issue and whether it diverges from the position in force",
        tags: ['read'],
        querystring: ReadQuery.extend({ issueId: Slug.optional(), agency: Agency.optional() }),
        response: { 200: AlignmentReply, ...readProblems },
      },
    },
    (request, reply) => {
      const { issueId, agency } = request.query;
      const filter = { ...(issueId === undefined ? {} : { issueId }), ...(agency === undefined ? {} : { agency }) };
      return handled(
        answerRead(request, reply, read, request.query, (at, asker) => read.alignment(at, filter, asker), kept),
      );
    },
  );
}
