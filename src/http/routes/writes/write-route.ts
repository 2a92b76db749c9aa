// The one write path. Every row of the table (./table.ts) becomes a POST route that goes the same way:
// the role check and the write headers (preValidation, so a caller who may not write learns nothing
// else; the headers are parsed there once and kept on the request), body and path validation (zod),
// ledger.execute (the domain checks the rest, the agency rule included), then 201 with the event ids,
// revision (ETag), commit position and, when the row names one, Location.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CommandOf, CommandType, Principal, Source } from '../../../../contracts/index.js';
import { WriteReply } from '../../../../contracts/read/write-result.js';
import { assertMayIssue } from '../../authorization.js';
import { principalOf } from '../../plugins/auth.js';
import { PROBLEM_CONTENT_TYPE, ProblemSchema } from '../../problem.js';
import { WriteHeaders, etagOf, parseWriteHeaders, writeHeadersOf } from './headers.js';
import { takeSource, withSource } from './source.js';

/** The source each request named, taken off its body before validation (./source.ts, ADR 0038). */
const sources = new WeakMap<FastifyRequest, Source>();

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
  409: problem(
    'A ledger rule forbids it, the stream changed concurrently, or the Idempotency-Key was used for another request',
  ),
  412: problem('If-Match names a revision the stream is no longer at'),
  413: problem('Body too large'),
  415: problem('The body is not application/json'),
  422: problem('The request breaks a ledger rule'),
  429: problem('Rate limited'),
  503: problem('Event store unavailable; retry after Retry-After seconds'),
};

export const NoParams = z.object({});

export interface WriteContext {
  principal: Principal;
  /** The request's Idempotency-Key. */
  key: string;
}

/** What a write route builds its command from: the validated path parameters and body. */
export interface WriteInput<P extends z.ZodObject, B extends z.ZodObject> {
  params: z.output<P>;
  body: z.output<B>;
}

type CommandBuilder<T extends CommandType, P extends z.ZodObject, B extends z.ZodObject> = (
  input: WriteInput<P, B>,
  context: WriteContext,
) => CommandOf<T>;

/** A row of the write table: one command, its route and its documentation. */
export interface WriteRowSpec<T extends CommandType, P extends z.ZodObject, B extends z.ZodObject> {
  type: T;
  /** Fastify's form (`/issues/:issueId/close`), under /v1. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  params: P;
  body: B;
  /** A body that passes validation, shown in the OpenAPI document and /docs (a test posts each one). */
  example: z.input<B>;
  /** Where the read API serves what was written; none when no read route serves it (processes, retractions). */
  location?: (command: CommandOf<T>) => string;
}

/**
 * The command is the path parameters and the body under `type`: a row needs `command` only when that is not a command
 * of its type.
 */
type CommandOption<T extends CommandType, P extends z.ZodObject, B extends z.ZodObject> = [
  { type: T } & z.output<P> & z.output<B>,
] extends [CommandOf<T>]
  ? { command?: CommandBuilder<T, P, B> }
  : { command: CommandBuilder<T, P, B> };

/** A row with its types erased, as the table holds it; `register` adds its route. */
export interface WriteRow {
  readonly type: CommandType;
  readonly path: string;
  register(app: FastifyInstance): void;
}

/** One row of the write table (the types of params, body, command and location are checked against each other here). */
export function write<T extends CommandType, P extends z.ZodObject, B extends z.ZodObject>(
  spec: WriteRowSpec<T, P, B> & CommandOption<T, P, B>,
): WriteRow {
  // Without `command`, CommandOption has checked that params and body under `type` are a CommandOf<T>.
  const build: CommandBuilder<T, P, B> =
    spec.command ?? ((input) => ({ type: spec.type, ...input.params, ...input.body }) as unknown as CommandOf<T>);
  return {
    type: spec.type,
    path: spec.path,
    register(app) {
      app.withTypeProvider<ZodTypeProvider>().post(
        spec.path,
        {
          schema: {
            summary: spec.summary,
            ...(spec.description === undefined ? {} : { description: spec.description }),
            tags: [spec.tag],
            operationId: spec.type,
            headers: WriteHeaders,
            params: spec.params,
            // `example`, not `examples`: zod drops `examples` from the input schema of anything with a transform
            // (dates).
            body: withSource(spec.body).meta({ example: spec.example }),
            response: { 201: written, ...problems },
          },
          // A callback hook: an async one costs a promise and a microtask turn a write (ADR 0066). What it throws
          // answers the request (Fastify's hook runner catches it), as a rejection did.
          preValidation: (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void => {
            assertMayIssue(principalOf(request), spec.type);
            request.writeHeaders = parseWriteHeaders(request);
            const source = takeSource(request);
            if (source !== undefined) sources.set(request, source);
            done();
          },
        },
        async (request, reply) => {
          const context = { principal: principalOf(request), key: writeHeadersOf(request).idempotencyKey };
          // Validated by the route's own params and body schemas; the type provider cannot resolve their
          // output types for a generic P and B, so they are named here.
          const input = { params: request.params as z.output<P>, body: request.body as z.output<B> };
          return execute(app, request, reply, build(input, context), spec.location);
        },
      );
    },
  };
}

/**
 * Runs the command and answers 201 with ETag (the stream's new revision) and, when given, Location. A
 * replayed request (same Idempotency-Key and body) gets the first answer again, marked
 * `Idempotent-Replayed: true`.
 */
async function execute<T extends CommandType>(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  command: CommandOf<T>,
  location: ((command: CommandOf<T>) => string) | undefined,
): Promise<WriteReply> {
  const principal = principalOf(request);
  const { idempotencyKey, expectedRevision, occurredAt } = writeHeadersOf(request);
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
