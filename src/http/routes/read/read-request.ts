// What every read route shares: asOf / axis / minPosition in, redaction for the reader's clearance,
// an ETag over the answer (If-None-Match -> 304) out. A read with minPosition waits briefly for the
// projector to reach it (read-your-writes), then answers 503 with Retry-After.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ContractError } from '../../../../contracts/errors.js';
import { asOfFor, type AsOf, type Axis } from '../../../../projections/as-of.js';
import { parseAsOf } from '../../../read/as-of-input.js';
import { redact } from '../../../read/redact.js';
import type { ReadSide } from '../../../read/read-side.js';
import { principalOf } from '../../plugins/auth.js';
import { HttpProblem, ProblemSchema } from '../../problem.js';

export const ReadQuery = z.object({
  asOf: z
    .string()
    .max(100)
    .optional()
    .describe('ISO instant, ISO date or Thai date ("๒๘ ธันวาคม ๒๕๖๔"); a date means the end of that day in Bangkok. Default: now'),
  axis: z
    .enum(['valid', 'recorded'])
    .default('valid')
    .describe('valid: in force on asOf, knowing everything recorded since; recorded: what the ledger showed at asOf'),
  minPosition: z
    .string()
    .regex(/^\d{1,20}$/, 'a commit position, as answered by a write')
    .optional()
    .describe('Wait until the read side has reached this commit position (read-your-writes)'),
});
export type ReadQuery = z.output<typeof ReadQuery>;

/** Every read answers an object; the shapes are the projections' view types (projections/). */
export const ReadAnswer = z.record(z.string(), z.unknown());

export const readProblems = {
  200: ReadAnswer,
  400: ProblemSchema.describe('Bad asOf, axis or minPosition'),
  401: ProblemSchema.describe('No or unknown bearer token'),
  404: ProblemSchema.describe('Nothing of that id on the ledger as of that point'),
  503: ProblemSchema.describe('The read side has not reached minPosition yet (or is still catching up); retry after Retry-After seconds'),
};

export interface ResolvedRead {
  readonly asOf: AsOf;
  readonly instant: string;
  readonly axis: Axis;
}

/** How long a read with minPosition waits for the projector. */
export const MIN_POSITION_WAIT_MS = 2000;

export async function resolveRead(read: ReadSide, query: ReadQuery, now: () => Date = () => new Date()): Promise<ResolvedRead> {
  let instant: string;
  try {
    instant = query.asOf === undefined ? now().toISOString() : parseAsOf(query.asOf);
  } catch (error) {
    if (error instanceof ContractError) {
      throw HttpProblem.of('invalid_request', { detail: `asOf: ${error.message}`, errors: [{ in: 'querystring', pointer: '/asOf', message: error.message, code: error.code }] });
    }
    throw error;
  }
  const status = read.projector.status();
  if (query.minPosition !== undefined) {
    const reached = await read.projector.waitFor(BigInt(query.minPosition), MIN_POSITION_WAIT_MS);
    if (!reached) {
      throw HttpProblem.of('not_ready', {
        detail: `The read side has not reached position ${query.minPosition} yet (at ${status.position?.commit ?? 'none'})`,
        headers: { 'retry-after': '1' },
      });
    }
  } else if (!status.caughtUp) {
    throw HttpProblem.of('not_ready', { detail: 'The read side is still catching up with the ledger', headers: { 'retry-after': '2' } });
  }
  return { asOf: asOfFor(query.axis, instant), instant, axis: query.axis };
}

/** Redacts for the reader, sets ETag, answers 304 when If-None-Match matches. */
export function sendRead(request: FastifyRequest, reply: FastifyReply, read: ReadSide, resolved: ResolvedRead, payload: Record<string, unknown>) {
  const principal = principalOf(request);
  const body = redact(
    { asOf: resolved.instant, axis: resolved.axis, position: read.projector.status().position?.commit ?? null, ...payload },
    principal.clearance,
  );
  // The ETag covers what this reader sees (so it differs by clearance), not the position reached
  // nor the instant "now" resolved to: an unchanged answer keeps its ETag.
  const { position: _position, asOf: _asOf, ...stable } = body;
  const etag = `W/"${createHash('sha256').update(JSON.stringify(stable)).digest('base64url').slice(0, 27)}"`;
  reply.header('etag', etag).header('cache-control', 'private, no-cache').header('vary', 'authorization');
  const inm = request.headers['if-none-match'];
  if (inm !== undefined && inm.split(',').map((s) => s.trim()).includes(etag)) return reply.code(304).send();
  return reply.send(body);
}

export function notFound(what: string): HttpProblem {
  return HttpProblem.of('not_found', { detail: `${what} is not on the ledger as of that point` });
}
