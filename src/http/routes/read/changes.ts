// What changed since a date or a log position, across every issue (issue 11 §2): the feed behind
// "what happened since I last looked" and the workspace's changes page. The feed itself is the read
// side's (src/read/changes.ts); this route parses the query and answers as every read does.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InstantInput } from '../../../../contracts/dates.js';
import { ContractError } from '../../../../contracts/errors.js';
import { Agency } from '../../../../contracts/principal.js';
import { Slug } from '../../../../contracts/text.js';
import { CHANGE_KINDS, parseCursor, type ChangeKind, type ChangesQuery } from '../../../read/changes.js';
import { ChangesReply } from '../../../../contracts/read/index.js';
import type { ReadSide } from '../../../read/read-side.js';
import { HttpProblem } from '../../problem.js';
import { principalOf } from '../../plugins/auth.js';
import { MinPosition, pointOf, readProblems, sendRead } from './read-request.js';

const CURSOR = /^\d{1,20}(\/\d{1,20})?$/;

const Kinds = z
  .string()
  .max(300)
  .transform((value, ctx) => {
    const kinds = value
      .split(',')
      .map((k) => k.trim())
      .filter((k) => k !== '');
    for (const k of kinds) {
      if (!(CHANGE_KINDS as readonly string[]).includes(k))
        ctx.addIssue({ code: 'custom', message: `"${k}" is not a kind of change (${CHANGE_KINDS.join(', ')})` });
    }
    return kinds as ChangeKind[];
  });

const Query = z.strictObject({
  since: z
    .string()
    .max(100)
    .optional()
    .describe(
      'From: an ISO instant, or a date (ISO or Thai) meaning the start of that day in Bangkok, on `axis`; or a log position (`commit` or `commit/prepare`, as a write answers) meaning after it',
    ),
  until: z
    .string()
    .max(100)
    .optional()
    .describe('Until: an ISO instant, or a date meaning the end of that day in Bangkok, on `axis`'),
  axis: z
    .enum(['recorded', 'valid'])
    .default('recorded')
    .describe('recorded: when the ledger learnt of it (default); valid: when it happened'),
  processId: Slug.optional().describe('Only changes in this negotiation process'),
  issueId: Slug.optional().describe('Only changes on this issue'),
  agency: Agency.optional().describe('Only changes made by this agency, or views of it'),
  kind: Kinds.optional().describe(`Only these kinds, comma-separated: ${CHANGE_KINDS.join(', ')}`),
  after: z
    .string()
    .regex(CURSOR, 'a cursor, as given in `next`')
    .optional()
    .describe('Cursor: the `next` of the page before'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  minPosition: MinPosition.optional(),
});

function badParameter(name: string, error: unknown): never {
  const message = error instanceof ContractError ? error.message : String(error);
  throw HttpProblem.of('invalid_request', {
    detail: `${name}: ${message}`,
    errors: [
      {
        in: 'querystring',
        pointer: `/${name}`,
        message,
        code: error instanceof ContractError ? error.code : 'invalid',
      },
    ],
  });
}

function sinceOf(text: string): NonNullable<ChangesQuery['since']> {
  const trimmed = text.trim();
  if (CURSOR.test(trimmed)) return { after: parseCursor(trimmed) };
  const parsed = InstantInput.safeParse(trimmed);
  if (!parsed.success)
    badParameter('since', parsed.error.issues[0]?.message ?? 'not an instant, a date or a log position');
  return { instant: parsed.data };
}

export async function changesReads(app: FastifyInstance, read: ReadSide): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/changes',
    {
      schema: {
        summary:
          'What changed since a date or a log position: positions drafted, endorsed, withdrawn, views, outcomes, statements, retractions, in record order, paged',
        tags: ['read'],
        querystring: Query,
        response: { 200: ChangesReply, ...readProblems },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const query: ChangesQuery = {
        ...(q.since === undefined ? {} : { since: sinceOf(q.since) }),
        ...(q.until === undefined ? {} : { until: pointOf('until', q.until) }),
        axis: q.axis,
        ...(q.processId === undefined ? {} : { processId: q.processId }),
        ...(q.issueId === undefined ? {} : { issueId: q.issueId }),
        ...(q.agency === undefined ? {} : { agency: q.agency }),
        ...(q.kind === undefined ? {} : { kinds: q.kind }),
        ...(q.after === undefined ? {} : { after: parseCursor(q.after) }),
        limit: q.limit,
      };
      const at = await read.resolve({ axis: 'valid', minPosition: q.minPosition });
      return sendRead(request, reply, read, { ...at, axis: q.axis }, read.changes(query, principalOf(request)));
    },
  );
}
