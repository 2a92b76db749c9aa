// One write route = one command. Every write goes the same way: role check and headers
// (preValidation, so a caller who may not write learns nothing else), body and path validation (zod),
// ledger.execute (the domain checks the rest, the agency rule included), then 201 with the event ids,
// revision (ETag) and commit position.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CommandOf, CommandType, Principal, Source } from '../../../../contracts/index.js';
import { assertMayIssue } from '../../authorization.js';
import { principalOf } from '../../plugins/auth.js';
import { LogPositionJson } from '../../../../contracts/log-position.js';
import { PROBLEM_CONTENT_TYPE, ProblemSchema } from '../../problem.js';
import { WriteHeaders, etagOf, writeHeadersOf } from './headers.js';
import { takeSource, withSource } from './source.js';

export const WriteReply = z
  .object({
    eventIds: z.array(z.string()).describe('Ids of the events appended, in order'),
    streamName: z.string(),
    revision: z.string().describe('Revision of the stream after the write (also the ETag)'),
    position: LogPositionJson.describe('Commit position in $all; reads accept it as minPosition to see this write'),
  })
  .meta({ id: 'WriteResult' });

const problem = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
});

const header = (description: string) => ({ type: 'string', description });

/**
 * The 201 answer: its body, and (as `headers` metadata, which @fastify/swagger turns into the
 * response's headers) the headers a client acts on.
 */
const written = WriteReply.meta({
  description: 'Written (or, with Idempotent-Replayed, the first answer to this Idempotency-Key again)',
  headers: {
    ETag: header('The stream revision after the write, quoted: send it as If-Match on the next write to this stream'),
    Location: header('Where the read API serves what was written (not for processes and retractions)'),
    'Idempotent-Replayed': header('"true" when this answers a repeated Idempotency-Key and nothing was appended'),
  },
});

const problems = {
  400: problem('Invalid body, path, Idempotency-Key or If-Match'),
  401: problem('No or unknown bearer token'),
  403: problem('Your role or agency may not do this'),
  404: problem('What the command refers to does not exist'),
  409: problem('A ledger rule forbids it, the stream changed concurrently, or the Idempotency-Key was used for another request'),
  412: problem('If-Match names a revision the stream is no longer at'),
  413: problem('Body too large'),
  415: problem('The body is not application/json'),
  422: problem('The request breaks a ledger rule'),
  429: problem('Rate limited'),
  503: problem('Event store unavailable; retry after Retry-After seconds'),
};

export interface WriteRouteDoc<P extends z.ZodObject, B extends z.ZodObject> {
  summary: string;
  description?: string;
  tag: string;
  params: P;
  body: B;
  /** A body that passes validation, shown in the OpenAPI document and /docs (a test posts each one). */
  example: z.input<B>;
}

export const NoParams = z.object({});

export interface WriteContext {
  principal: Principal;
  /** The request's Idempotency-Key. */
  key: string;
}

export type WriteReplyBody = z.output<typeof WriteReply>;

/**
 * The write of command `type`: `options` are its route options (schemas for validation, types and the
 * OpenAPI document; the guard that runs before validation: role, then Idempotency-Key and If-Match);
 * `execute` runs the command built from the validated request and answers 201 with ETag (the stream's
 * new revision) and, when given, Location. A replayed request (same Idempotency-Key and body) gets the
 * first answer again, marked `Idempotent-Replayed: true`.
 */
export function writeRoute<T extends CommandType, P extends z.ZodObject, B extends z.ZodObject>(
  app: FastifyInstance,
  type: T,
  doc: WriteRouteDoc<P, B>,
) {
  // The source each request named, taken off its body before validation (./source.ts).
  const sources = new WeakMap<FastifyRequest, Source>();
  const options = {
    schema: {
      summary: doc.summary,
      ...(doc.description === undefined ? {} : { description: doc.description }),
      tags: [doc.tag],
      operationId: type,
      headers: WriteHeaders,
      params: doc.params,
      // `example`, not `examples`: zod drops `examples` from the input schema of anything with a transform (dates).
      body: withSource(doc.body).meta({ example: doc.example }),
      response: { 201: written, ...problems },
    },
    preValidation: async (request: FastifyRequest): Promise<void> => {
      assertMayIssue(principalOf(request), type);
      writeHeadersOf(request);
      const source = takeSource(request);
      if (source !== undefined) sources.set(request, source);
    },
  };

  async function execute(
    request: FastifyRequest,
    reply: FastifyReply,
    build: (context: WriteContext) => CommandOf<T>,
    location?: (command: CommandOf<T>) => string,
  ): Promise<WriteReplyBody> {
    const principal = principalOf(request);
    const { idempotencyKey, expectedRevision, occurredAt } = writeHeadersOf(request);
    const command = build({ principal, key: idempotencyKey });
    const source = sources.get(request);
    const result = await app.ledger.execute(command, {
      principal,
      idempotencyKey,
      correlationId: request.id,
      ...(expectedRevision === undefined ? {} : { expectedRevision }),
      ...(occurredAt === undefined ? {} : { occurredAt }),
      ...(source === undefined ? {} : { source }),
    });
    reply.code(201).header('etag', etagOf(result.revision));
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    if (location !== undefined) reply.header('location', location(command));
    return {
      eventIds: result.eventIds,
      streamName: result.streamName,
      revision: result.revision,
      position: result.position,
    };
  }

  return { options, execute };
}
