// Positions, their history and agency alignment, answered as of any point on either clock.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Slug } from '../../../../contracts/text.js';
import { Agency } from '../../../../contracts/principal.js';
import type { ReadSide } from '../../../read/read-side.js';
import { ReadQuery, notFound, readProblems, resolveRead, sendRead } from './read-request.js';

const IssueParams = z.object({ issueId: Slug });

export async function positionReads(app: FastifyInstance, read: ReadSide): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/positions',
    { schema: { summary: "Thailand's position on every issue: the version in force and any pending draft", tags: ['read'], querystring: ReadQuery, response: readProblems } },
    async (request, reply) => {
      const resolved = await resolveRead(read, request.query);
      return sendRead(request, reply, read, resolved, { positions: read.models.positions(resolved.asOf) });
    },
  );

  typed.get(
    '/issues/:issueId/position',
    { schema: { summary: 'The position on one issue: version in force (with authority, decision, basis) and pending draft', tags: ['read'], params: IssueParams, querystring: ReadQuery, response: readProblems } },
    async (request, reply) => {
      const resolved = await resolveRead(read, request.query);
      const position = read.models.position(request.params.issueId, resolved.asOf);
      if (position === null) throw notFound('issue', request.params.issueId);
      return sendRead(request, reply, read, resolved, { position });
    },
  );

  typed.get(
    '/issues/:issueId/history',
    { schema: { summary: 'Every draft, endorsement, withdrawal, statement and retraction on an issue, with what changed', tags: ['read'], params: IssueParams, querystring: ReadQuery, response: readProblems } },
    async (request, reply) => {
      const resolved = await resolveRead(read, request.query);
      const history = read.models.history(request.params.issueId, resolved.asOf);
      if (history === null) throw notFound('issue', request.params.issueId);
      return sendRead(request, reply, read, resolved, { issueId: request.params.issueId, history });
    },
  );

  typed.get(
    '/alignment',
    {
      schema: {
        summary: "Each agency's latest view per issue and whether it diverges from the position in force",
        tags: ['read'],
        querystring: ReadQuery.extend({ issueId: Slug.optional(), agency: Agency.optional() }),
        response: readProblems,
      },
    },
    async (request, reply) => {
      const resolved = await resolveRead(read, request.query);
      const filter = {
        ...(request.query.issueId === undefined ? {} : { issueId: request.query.issueId }),
        ...(request.query.agency === undefined ? {} : { agency: request.query.agency }),
      };
      return sendRead(request, reply, read, resolved, { alignment: read.models.alignment(resolved.asOf, filter) });
    },
  );
}
