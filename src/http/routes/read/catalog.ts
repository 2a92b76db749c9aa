// Finding things without knowing their ids (issue 11 §1): negotiation processes with their
// milestones, sessions (each with its agenda and a link to its brief), and issues filtered by what a
// negotiator asks ("where do we have open disagreements"). Each answers as of any point, like every read.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DraftTextStatus, Stance } from '../../../../contracts/enums.js';
import { Slug } from '../../../../contracts/text.js';
import {
  IssuesReply,
  ProcessReply,
  ProcessesReply,
  SessionReply,
  SessionsReply,
} from '../../../../contracts/read/index.js';
import type { ReadSide } from '../../../read/read-side.js';
import { ReadQuery, answerRead, found, readProblems } from './read-request.js';

const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export async function catalogReads(app: FastifyInstance, read: ReadSide): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/processes',
    {
      schema: {
        summary: 'Every negotiation process with its milestones, issues and sessions',
        tags: ['read'],
        querystring: ReadQuery,
        response: { 200: ProcessesReply, ...readProblems },
      },
    },
    async (request, reply) => answerRead(request, reply, read, request.query, (at, asker) => read.processes(at, asker)),
  );

  typed.get(
    '/processes/:processId',
    {
      schema: {
        summary:
          'One negotiation process: its mandate, milestones (mandate, sessions, adoption, signature, ...), issues and sessions',
        tags: ['read'],
        params: z.object({ processId: Slug }),
        querystring: ReadQuery,
        response: { 200: ProcessReply, ...readProblems },
      },
    },
    async (request, reply) => {
      const { processId } = request.params;
      return answerRead(request, reply, read, request.query, (at, asker) =>
        found(read.process(processId, at, asker), 'process', processId),
      );
    },
  );

  typed.get(
    '/sessions',
    {
      schema: {
        summary: 'Sessions by date, each with its status, agenda and brief; filter by process, upcoming or past, venue',
        tags: ['read'],
        querystring: ReadQuery.extend({
          processId: Slug.optional(),
          when: z
            .enum(['upcoming', 'past'])
            .optional()
            .describe('upcoming: not ended at asOf (in session included); past: ended'),
          venue: z.string().trim().min(1).max(100).optional().describe('Part of the city or place, e.g. "Vienna"'),
        }),
        response: { 200: SessionsReply, ...readProblems },
      },
    },
    async (request, reply) => {
      const { processId, when, venue } = request.query;
      return answerRead(request, reply, read, request.query, (at, asker) =>
        read.sessions(at, { processId, when, venue }, asker),
      );
    },
  );

  typed.get(
    '/sessions/:sessionId',
    {
      schema: {
        summary: 'One session: dates, venue, status, agenda, and where its brief is',
        tags: ['read'],
        params: z.object({ sessionId: Slug }),
        querystring: ReadQuery,
        response: { 200: SessionReply, ...readProblems },
      },
    },
    async (request, reply) => {
      const { sessionId } = request.params;
      return answerRead(request, reply, read, request.query, (at, asker) =>
        found(read.session(sessionId, at, asker), 'session', sessionId),
      );
    },
  );

  typed.get(
    '/issues',
    {
      schema: {
        summary:
          'Issues with the stance in force, pending draft and diverging agencies; filter by process, text status, stance, pending draft, divergence',
        tags: ['read'],
        querystring: ReadQuery.extend({
          processId: Slug.optional(),
          textStatus: z.union([DraftTextStatus, z.literal('none')]).optional(),
          stance: z
            .union([Stance, z.literal('none')])
            .optional()
            .describe('Stance of the version in force; none: nothing in force'),
          pendingDraft: Flag.optional().describe('true: a draft awaits endorsement'),
          diverges: Flag.optional().describe("true: some agency's latest view differs from the position in force"),
        }),
        response: { 200: IssuesReply, ...readProblems },
      },
    },
    async (request, reply) => {
      const { processId, textStatus, stance, pendingDraft, diverges } = request.query;
      const filter = {
        ...(processId === undefined ? {} : { processId }),
        ...(textStatus === undefined ? {} : { textStatus }),
        ...(stance === undefined ? {} : { stance }),
        ...(pendingDraft === undefined ? {} : { pendingDraft }),
        ...(diverges === undefined ? {} : { diverges }),
      };
      return answerRead(request, reply, read, request.query, (at, asker) => read.issues(at, filter, asker));
    },
  );
}
