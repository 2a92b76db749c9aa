// What every read route shares: asOf / axis / minPosition in (no other query parameter: an unknown
// one is 400 unknown_query_parameter), the reader (what of classified consultations it may see, ADR
// 0018), redaction for the reader's clearance, instants in Bangkok time, an ETag over the answer
// (If-None-Match -> 304) out. A read with minPosition waits briefly for the projector to reach it
// (read-your-writes), then answers 503 with Retry-After, saying how far the read side has got. The
// read side (src/read/questions.ts) resolves the time and answers redacted; this file is the HTTP.
import type { FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { z } from 'zod';
import { asOfInstant, dateInZone } from '../../../../contracts/dates.js';
import { ContractError } from '../../../../contracts/errors.js';
import type { Principal } from '../../../../contracts/principal.js';
import { localInstant, localInstants } from '../../../read/instants.js';
import type { ReadAt } from '../../../read/questions.js';
import type { ReadSide } from '../../../read/read-side.js';
import { answerUntil, earliest, type AnswerUntil } from '../../../read/answer-until.js';
import { InvalidAsOf } from '../../../read/errors.js';
import { principalOf } from '../../plugins/auth.js';
import { HttpProblem, ProblemSchema } from '../../problem.js';
import { etagOf, frameOf, matches, restAfterFrame, sendKept, type AnswerCache } from './answer-cache.js';

export const MinPosition = z
  .string()
  .regex(/^\d{1,20}$/, 'a commit position, as answered by a write')
  .describe('Wait until the read side has reached this commit position (read-your-writes)');

export const ReadQuery = z.strictObject({
  asOf: z
    .string()
    .max(100)
    .optional()
    .describe(
      'ISO instant, ISO date or Thai date ("๒๘ ธันวาคม ๒๕๖๔"); a date means the end of that day in Bangkok. Default: now',
    ),
  axis: z
    .enum(['valid', 'recorded'])
    .default('valid')
    .describe('valid: in force on asOf, knowing everything recorded since; recorded: what the ledger showed at asOf'),
  validAt: z
    .string()
    .max(100)
    .optional()
    .describe(
      'Both clocks at once (instead of asOf): what was in force at this point (instant or date, as asOf). Default: now',
    ),
  knownAt: z
    .string()
    .max(100)
    .optional()
    .describe(
      'Both clocks at once (instead of asOf): as the ledger knew it at this point. Default: everything recorded so far',
    ),
  minPosition: MinPosition.optional(),
});
export type ReadQuery = z.output<typeof ReadQuery>;

/** The error replies of every read route; each route declares its own 200 (contracts/read/). */
export const readProblems = {
  400: ProblemSchema.describe(
    'Bad asOf, axis or minPosition (invalid_request), or a query parameter the route does not take (unknown_query_parameter)',
  ),
  401: ProblemSchema.describe('No or unknown bearer token'),
  404: ProblemSchema.describe(
    'Nothing of that id on the ledger as of that point (issue_not_found, consultation_not_found, session_not_found, process_not_found)',
  ),
  503: ProblemSchema.describe(
    'The read side has not reached minPosition yet (or is still catching up); retry after Retry-After seconds',
  ),
};

/**
 * A point a reader typed beside the read's own (a comparison's from, a feed's until), or 400 invalid_request naming the
 * parameter.
 */
export function pointOf(name: string, input: string): string {
  try {
    return asOfInstant(input);
  } catch (error) {
    if (error instanceof ContractError) throw new InvalidAsOf(error, name);
    throw error;
  }
}

/**
 * The body of every read route: resolve asOf/axis/minPosition, ask the read side for that point and
 * this principal, send its (redacted) answer with an ETag. `ask` throws notFound (see `found`) for an
 * id not on the ledger. With `kept`, the answer is kept serialized and sent again while it is still the
 * answer (answer-cache.ts). Resolved at once when the read side need not be waited for (no minPosition, its first
 * catch-up done), with resolve's promise otherwise. Returns the reply: a thenable that settles once the answer is sent
 * (its serialization hooks may be asynchronous), which the route's handler returns.
 */
export function answerRead(
  request: FastifyRequest,
  reply: FastifyReply,
  read: ReadSide,
  query: ReadQuery,
  ask: (at: ReadAt, asker: Principal, until: AnswerUntil) => Record<string, unknown>,
  kept?: AnswerCache,
): FastifyReply | Promise<FastifyReply> {
  const now = read.resolveNow(query);
  if (now === undefined) return read.resolve(query).then((at) => answerAt(request, reply, read, query, ask, kept, at));
  return answerAt(request, reply, read, query, ask, kept, now);
}

/**
 * What a handler that is not async returns for `answerRead`'s result: nothing when the answer was handed to reply.send
 * within the call (Fastify then leaves the reply alone, however long its serialization hooks take), the promise
 * otherwise. An async handler would wrap the reply in a promise, and Fastify wait a few turns of the microtask queue
 * to learn that it was sent (ADR 0054).
 */
export function handled(result: FastifyReply | Promise<FastifyReply>): Promise<void> | undefined {
  // A promise resolved with the reply takes on the reply's own settling (a thenable's), which gives no value.
  return result instanceof Promise ? (result as Promise<unknown> as Promise<void>) : undefined;
}

function answerAt(
  request: FastifyRequest,
  reply: FastifyReply,
  read: ReadSide,
  query: ReadQuery,
  ask: (at: ReadAt, asker: Principal, until: AnswerUntil) => Record<string, unknown>,
  kept: AnswerCache | undefined,
  at: ReadAt,
): FastifyReply {
  const asker = principalOf(request);
  if (kept === undefined) return sendRead(request, reply, read, at, ask(at, asker, answerUntil()));
  const { size, until } = read.answerSpan(at.instant);
  const key = keptKey(request, asker);
  const hit = kept.get(key, size, at.instant);
  if (hit !== undefined) return sendKept(request, reply, hit, frameValues(read, at));
  // A miss takes the path every read takes (the reply schema and the audit in their hooks), and keeps the answer.
  // About "now", it holds until the next event's clock (the index's) or the next date of its own data the answer
  // compares "now" with (the read side notes it while answering: a session's start or end, a due date; ADR 0074).
  const dates = answerUntil();
  const payload = ask(at, asker, dates);
  const body = bodyOf(read, at, payload);
  const etag = etagOf(body, payload);
  const span = keepSpan(query, at, until, dates);
  if (span !== null) {
    const frame = frameOf(payload);
    const rest = restAfterFrame(reply.serialize(body) as string, frame, body);
    const shown = request.server.readAudit?.shownIn(request, body) ?? null;
    if (rest !== null) kept.set(key, { indexSize: size, ...span, frame, rest, etag, shown });
  }
  return sendBody(request, reply, body, etag);
}

/** The key of a kept answer: the reader's clearance (all an answer depends on of the reader) and the URL. */
export function keptKey(request: FastifyRequest, asker: Principal): string {
  return `${asker.clearance} ${request.url}`;
}

/**
 * For how long an answer made for `at` may be kept (ADR 0045, 0074), or null when it may not: an answer about "now"
 * holds until the index's next event clock (`until`; none known: not kept) or the first date of its own data it
 * compares "now" with (`dates`), whichever comes first; an answer for a fixed point holds until an event is filed.
 */
export function keepSpan(
  query: ReadQuery,
  at: ReadAt,
  until: string | null | undefined,
  dates: AnswerUntil,
): { aboutNow: boolean; from: string; until: string | null } | null {
  const aboutNow = query.asOf === undefined && query.validAt === undefined;
  if (aboutNow && until === undefined) return null;
  return { aboutNow, from: at.instant, until: earliest(until ?? null, dates.until) };
}

/** The thing read by id, or 404 <subject>_not_found when it is not on the ledger as of that point. */
export function found<T>(value: T | null, subject: ReadSubject, id: string): T {
  if (value === null) throw notFound(subject, id);
  return value;
}

/** The answer's frame (the point answered for, where the read side is) and `payload`, instants in Bangkok time. */
function bodyOf(read: ReadSide, at: ReadAt, payload: Record<string, unknown>): Record<string, unknown> {
  return localInstants({
    asOf: at.instant,
    asOfDate: dateInZone(at.instant),
    axis: at.axis,
    // Both clocks of the answer: in force at validAt, as known at knownAt (null: everything recorded).
    validAt: at.asOf.validAt,
    knownAt: at.asOf.knownAt,
    position: read.status().position?.commit ?? null,
    ...payload,
  });
}

/**
 * The frame's fields of `bodyOf(read, at, {})` without walking an answer for its instants: a kept answer's request has
 * only these to work out (answer-cache.ts). Consecutive requests mostly ask about the same millisecond, whose Bangkok
 * forms are worked out once.
 */
function frameValues(read: ReadSide, at: ReadAt): Record<string, unknown> {
  const position = read.status().position?.commit ?? null;
  // The same point (the read side hands one per millisecond for "now") at the same position: the same frame.
  if (lastFrame?.at === at && lastFrame.position === position) return lastFrame.values;
  const values = {
    asOf: inBangkok(at.instant),
    asOfDate: dateOf(at.instant),
    axis: at.axis,
    validAt: inBangkok(at.asOf.validAt),
    knownAt: at.asOf.knownAt === null ? null : inBangkok(at.asOf.knownAt),
    position,
  };
  lastFrame = { at, position, values };
  return values;
}

let lastFrame:
  { readonly at: ReadAt; readonly position: string | null; readonly values: Record<string, unknown> } | undefined;

/** An instant as localInstants gives it (only a normalised UTC instant is converted), the last one remembered. */
const inBangkok = lastOne(localInstant);
const dateOf = lastOne((instant: string) => dateInZone(instant));

function lastOne(convert: (text: string) => string): (text: string) => string {
  let from: string | undefined;
  let to = '';
  return (text) => {
    if (text !== from) {
      to = convert(text);
      from = text;
    }
    return to;
  };
}

/**
 * Gives instants in Bangkok time, sets ETag, answers 304 when If-None-Match matches. `payload` is redacted for the
 * reader already.
 */
export function sendRead(
  request: FastifyRequest,
  reply: FastifyReply,
  read: ReadSide,
  at: ReadAt,
  payload: Record<string, unknown>,
) {
  const body = bodyOf(read, at, payload);
  // The ETag covers what this reader sees (so it differs by clearance and by what classified
  // consultations it may see), not the position reached nor the instant (and day) "now" resolved
  // to: an unchanged answer keeps its ETag. Only those header fields are left out: a field of the
  // answer with the same name (the `position` of GET /v1/issues/{id}/position) is covered.
  return sendBody(request, reply, body, etagOf(body, payload));
}

function sendBody(request: FastifyRequest, reply: FastifyReply, body: Record<string, unknown>, etag: string) {
  reply.header('etag', etag).header('cache-control', 'private, no-cache').header('vary', 'authorization');
  if (matches(request.headers['if-none-match'], etag)) return reply.code(304).send();
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
  const unknown =
    dataVar === 'querystring' ? errors.flatMap((e) => (e.keyword === 'unrecognized_keys' ? keysOf(e.params) : [])) : [];
  if (unknown.length === 0)
    return new Error(errors.map((e) => `${dataVar}${e.instancePath} ${e.message ?? 'is invalid'}`).join('; '));
  const names = unknown.map((k) => `"${k}"`).join(', ');
  return new HttpProblem(400, 'unknown_query_parameter', 'Unknown query parameter', {
    detail: `This route takes no query parameter ${names}; see /docs for the ones it takes`,
    errors: unknown.map((k) => ({
      in: 'querystring',
      pointer: `/${k}`,
      message: 'not a parameter of this route',
      code: 'unrecognized_keys',
    })),
    details: { parameters: unknown },
  });
}

function keysOf(params: unknown): string[] {
  const keys: unknown = typeof params === 'object' && params !== null ? Reflect.get(params, 'keys') : undefined;
  return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : [];
}
