// What every read route shares: asOf / axis / minPosition in (no other query parameter: an unknown
// one is 400 unknown_query_parameter), the reader (what of classified consultations it may see, ADR
// 0018), redaction for the reader's clearance, instants in Bangkok time, an ETag over the answer
// (If-None-Match -> 304) out. A read with minPosition waits briefly for the projector to reach it
// (read-your-writes), then answers 503 with Retry-After, saying how far the read side has got.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { z } from 'zod';
import { ContractError } from '../../../../contracts/errors.js';
import { asOfFor, type AsOf, type Axis } from '../../../../projections/as-of.js';
import { dateInZone } from '../../../../contracts/dates.js';
import { parseAsOf } from '../../../read/as-of-input.js';
import { localInstants } from '../../../read/instants.js';
import { redact } from '../../../read/redact.js';
import type { ReadSide } from '../../../read/read-side.js';
import { readerOf, type Reader } from '../../../read/withheld.js';
import { principalOf } from '../../plugins/auth.js';
import { HttpProblem, ProblemSchema } from '../../problem.js';

export const MinPosition = z
  .string()
  .regex(/^\d{1,20}$/, 'a commit position, as answered by a write')
  .describe('Wait until the read side has reached this commit position (read-your-writes)');

export const ReadQuery = z.strictObject({
  asOf: z
    .string()
    .max(100)
    .optional()
    .describe('ISO instant, ISO date or Thai date ("๒๘ ธันวาคม ๒๕๖๔"); a date means the end of that day in Bangkok. Default: now'),
  axis: z
    .enum(['valid', 'recorded'])
    .default('valid')
    .describe('valid: in force on asOf, knowing everything recorded since; recorded: what the ledger showed at asOf'),
  validAt: z
    .string()
    .max(100)
    .optional()
    .describe('Both clocks at once (instead of asOf): what was in force at this point (instant or date, as asOf). Default: now'),
  knownAt: z
    .string()
    .max(100)
    .optional()
    .describe('Both clocks at once (instead of asOf): as the ledger knew it at this point. Default: everything recorded so far'),
  minPosition: MinPosition.optional(),
});
export type ReadQuery = z.output<typeof ReadQuery>;

/** The error replies of every read route; each route declares its own 200 (contracts/read/). */
export const readProblems = {
  400: ProblemSchema.describe('Bad asOf, axis or minPosition (invalid_request), or a query parameter the route does not take (unknown_query_parameter)'),
  401: ProblemSchema.describe('No or unknown bearer token'),
  404: ProblemSchema.describe('Nothing of that id on the ledger as of that point (issue_not_found, consultation_not_found, session_not_found, process_not_found)'),
  503: ProblemSchema.describe('The read side has not reached minPosition yet (or is still catching up); retry after Retry-After seconds'),
};

export interface ResolvedRead {
  readonly asOf: AsOf;
  readonly instant: string;
  readonly axis: Axis;
}

/** How long a read with minPosition waits for the projector. */
export const MIN_POSITION_WAIT_MS = 2000;

/** A point a reader typed (asOf, validAt, knownAt, a comparison's from, a feed's until), or 400 invalid_request naming the parameter. */
export function pointOf(name: string, input: string): string {
  try {
    return parseAsOf(input);
  } catch (error) {
    if (error instanceof ContractError) {
      throw HttpProblem.of('invalid_request', { detail: `${name}: ${error.message}`, errors: [{ in: 'querystring', pointer: `/${name}`, message: error.message, code: error.code }] });
    }
    throw error;
  }
}

/**
 * The point a read is for: `asOf` on one `axis` (the shorthand), or `validAt` and `knownAt` together
 * ("in force on D, as the ledger knew it at R", ADR 0009); mixing the two forms is refused.
 */
export async function resolveRead(read: ReadSide, query: Partial<Pick<ReadQuery, 'asOf' | 'validAt' | 'knownAt' | 'minPosition'>> & Pick<ReadQuery, 'axis'>, now: () => Date = () => new Date()): Promise<ResolvedRead> {
  let resolved: ResolvedRead;
  if (query.validAt !== undefined || query.knownAt !== undefined) {
    if (query.asOf !== undefined) {
      throw HttpProblem.of('invalid_request', {
        detail: 'Give asOf (with axis), or validAt and knownAt, not both',
        errors: [{ in: 'querystring', pointer: '/asOf', message: 'not with validAt or knownAt', code: 'conflicting_parameters' }],
      });
    }
    const validAt = query.validAt === undefined ? now().toISOString() : pointOf('validAt', query.validAt);
    const knownAt = query.knownAt === undefined ? null : pointOf('knownAt', query.knownAt);
    resolved = { asOf: { validAt, knownAt }, instant: validAt, axis: knownAt === null ? 'valid' : 'recorded' };
  } else {
    const instant = query.asOf === undefined ? now().toISOString() : pointOf('asOf', query.asOf);
    resolved = { asOf: asOfFor(query.axis, instant), instant, axis: query.axis };
  }
  await readable(read, query.minPosition);
  return resolved;
}

/**
 * Resolves once the read side can answer: past minPosition when given (waiting up to
 * MIN_POSITION_WAIT_MS), else done with its first catch-up. Otherwise 503 not_ready with
 * Retry-After, saying which position was asked for and how far the read side has got.
 */
export async function readable(read: ReadSide, minPosition: string | undefined): Promise<void> {
  if (minPosition !== undefined ? await read.projector.waitFor(BigInt(minPosition), MIN_POSITION_WAIT_MS) : read.projector.status().caughtUp) return;
  const { position, eventsIndexed } = read.projector.status();
  const at = position?.commit ?? null;
  const where = `it is at ${at ?? 'no event yet'} (${eventsIndexed} events read)`;
  throw HttpProblem.of('not_ready', {
    detail: minPosition !== undefined ? `The read side has not reached position ${minPosition} yet: ${where}` : `The read side is still catching up with the ledger: ${where}`,
    details: { ...(minPosition === undefined ? {} : { minPosition }), position: at, eventsIndexed },
    headers: { 'retry-after': minPosition !== undefined ? '1' : '2' },
    public: true,
  });
}

/** The principal of the request as a reader of classified consultations (ADR 0018). */
export function readerFor(request: FastifyRequest, read: ReadSide): Reader {
  return readerOf(principalOf(request).clearance, read.models.consultationLevel);
}

/**
 * The body of every read route: resolve asOf/axis/minPosition, compute the answer for that point and
 * this reader, send it redacted with its ETag. `compute` throws notFound (see `found`) for an id not
 * on the ledger.
 */
export async function answerRead(
  request: FastifyRequest,
  reply: FastifyReply,
  read: ReadSide,
  query: ReadQuery,
  compute: (asOf: AsOf, reader: Reader) => Record<string, unknown>,
) {
  const resolved = await resolveRead(read, query);
  return sendRead(request, reply, read, resolved, compute(resolved.asOf, readerFor(request, read)));
}

/** The thing read by id, or 404 <subject>_not_found when it is not on the ledger as of that point. */
export function found<T>(value: T | null, subject: ReadSubject, id: string): T {
  if (value === null) throw notFound(subject, id);
  return value;
}

/** Redacts for the reader, gives instants in Bangkok time, sets ETag, answers 304 when If-None-Match matches. */
export function sendRead(request: FastifyRequest, reply: FastifyReply, read: ReadSide, resolved: ResolvedRead, payload: Record<string, unknown>) {
  const principal = principalOf(request);
  const body = localInstants(
    redact(
      {
        asOf: resolved.instant,
        asOfDate: dateInZone(resolved.instant),
        axis: resolved.axis,
        // Both clocks of the answer: in force at validAt, as known at knownAt (null: everything recorded).
        validAt: resolved.asOf.validAt,
        knownAt: resolved.asOf.knownAt,
        position: read.projector.status().position?.commit ?? null,
        ...payload,
      },
      principal.clearance,
    ),
  );
  // The ETag covers what this reader sees (so it differs by clearance and by what classified
  // consultations it may see), not the position reached nor the instant (and day) "now" resolved
  // to: an unchanged answer keeps its ETag.
  const { position: _position, asOf: _asOf, asOfDate: _asOfDate, validAt: _validAt, knownAt: _knownAt, ...stable } = body;
  const etag = `W/"${createHash('sha256').update(JSON.stringify(stable)).digest('base64url').slice(0, 27)}"`;
  reply.header('etag', etag).header('cache-control', 'private, no-cache').header('vary', 'authorization');
  const inm = request.headers['if-none-match'];
  if (inm !== undefined && inm.split(',').map((s) => s.trim()).includes(etag)) return reply.code(304).send();
  return reply.send(body);
}

/** What a read route names by id; its 404 code matches the write side's (src/domain): issue_not_found, ... */
export type ReadSubject = 'issue' | 'consultation' | 'session' | 'process';

export function notFound(subject: ReadSubject, id: string): HttpProblem {
  const name = subject.charAt(0).toUpperCase() + subject.slice(1);
  return new HttpProblem(404, `${subject}_not_found`, 'Not found', {
    detail: `${name} ${id} is not on the ledger as of that point`,
    details: { [`${subject}Id`]: id },
  });
}

/**
 * Validation errors of the read routes: a query parameter the route does not take (the query
 * schemas are strict) is 400 unknown_query_parameter naming it; anything else is left to the
 * error handler (400 invalid_request with each issue).
 */
export function readSchemaErrors(errors: FastifySchemaValidationError[], dataVar: string): Error {
  const unknown = dataVar === 'querystring' ? errors.flatMap((e) => (e.keyword === 'unrecognized_keys' ? keysOf(e.params) : [])) : [];
  if (unknown.length === 0) return new Error(errors.map((e) => `${dataVar}${e.instancePath} ${e.message ?? 'is invalid'}`).join('; '));
  const names = unknown.map((k) => `"${k}"`).join(', ');
  return new HttpProblem(400, 'unknown_query_parameter', 'Unknown query parameter', {
    detail: `This route takes no query parameter ${names}; see /docs for the ones it takes`,
    errors: unknown.map((k) => ({ in: 'querystring', pointer: `/${k}`, message: 'not a parameter of this route', code: 'unrecognized_keys' })),
    details: { parameters: unknown },
  });
}

function keysOf(params: unknown): string[] {
  const keys: unknown = typeof params === 'object' && params !== null ? Reflect.get(params, 'keys') : undefined;
  return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : [];
}
