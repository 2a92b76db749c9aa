// The headers of a write: Idempotency-Key (required on every POST) and If-Match (the ETag of the stream
// the caller last saw, i.e. its quoted revision). ETags are strong: `"7"` means stream revision 7.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { InstantInput } from '../../../../contracts/index.js';
import { HttpProblem } from '../../problem.js';

export const IdempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9._:~+/=-]{1,200}$/, 'letters, digits and . _ : ~ + / = -, at most 200')
  .describe(
    'A key unique to this intended write (a UUID is best). A retry with the same key, body and Occurred-At appends nothing and answers as the first time; the same key with another body or Occurred-At, or on another route, answers 409 idempotency_key_reused.',
  );

const IfMatch = z
  .string()
  // /docs renders this as Markdown: an example in backticks, never a <placeholder> (it would vanish as a tag).
  .describe(
    'ETag of the stream as last read or written: its revision in double quotes, e.g. `"3"`; the write fails with 412 if the stream has moved on.',
  );

const OccurredAt = z
  .string()
  .describe(
    'When the fact happened, if not now (a consultation logged weeks later): an ISO instant with offset, or a date (ISO, or a Thai date percent-encoded) meaning the start of that day in Bangkok. It is the valid time of events that carry no date of their own (views, outcomes, drafts, registrations).',
  );

/** For the OpenAPI document; the values are checked by `writeHeadersOf` with their own problem codes. */
export const WriteHeaders = z.looseObject({
  'idempotency-key': IdempotencyKey,
  'if-match': IfMatch.optional(),
  'occurred-at': OccurredAt.optional(),
});

export interface WriteHeaderValues {
  idempotencyKey: string;
  /** The stream revision named by If-Match; undefined when the caller did not send one. */
  expectedRevision: bigint | undefined;
  /** From Occurred-At, as a UTC ISO instant; undefined when the caller did not send one. */
  occurredAt: string | undefined;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

const strongEtag = /^"(0|[1-9][0-9]{0,18})"$/;

export function etagOf(revision: bigint | string): string {
  return `"${revision.toString()}"`;
}

export function parseIfMatch(value: string): bigint {
  const match = strongEtag.exec(value.trim());
  const digits = match?.[1];
  if (digits === undefined) {
    throw HttpProblem.of('invalid_if_match', {
      detail: 'If-Match must be one strong ETag as returned by a write, e.g. "3"',
    });
  }
  return BigInt(digits);
}

/** Occurred-At -> UTC ISO instant. Header values are ASCII, so a Thai date arrives percent-encoded. */
export function parseOccurredAt(value: string): string {
  let text = value.trim();
  if (text.includes('%')) {
    try {
      text = decodeURIComponent(text);
    } catch {
      throw HttpProblem.of('invalid_occurred_at', { detail: `Occurred-At is not valid percent-encoding: ${value}` });
    }
  }
  const parsed = InstantInput.safeParse(text);
  if (!parsed.success) {
    const reason = parsed.error.issues[0]?.message ?? 'not a date';
    throw HttpProblem.of('invalid_occurred_at', {
      detail: `Occurred-At must be an ISO instant with offset or a date (ISO, or Thai percent-encoded): ${reason}`,
    });
  }
  return parsed.data;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The write headers, parsed once by the write route's preValidation (null on other routes). */
    writeHeaders: WriteHeaderValues | null;
  }
}

/** The write headers the route's preValidation parsed (write-route.ts). */
export function writeHeadersOf(request: FastifyRequest): WriteHeaderValues {
  if (request.writeHeaders === null)
    throw new Error('the write headers are parsed in preValidation, before the handler');
  return request.writeHeaders;
}

/**
 * Parses the headers of a write: Idempotency-Key (required), If-Match, Occurred-At; a bad one is a 400 problem naming
 * it.
 */
export function parseWriteHeaders(request: Pick<FastifyRequest, 'headers'>): WriteHeaderValues {
  const key = single(request.headers['idempotency-key']);
  if (key === undefined || key.trim() === '') {
    throw HttpProblem.of('idempotency_key_required', {
      detail: 'Send an Idempotency-Key header (a fresh UUID per intended write) so a retry cannot write twice',
    });
  }
  const parsedKey = IdempotencyKey.safeParse(key);
  if (!parsedKey.success) {
    throw HttpProblem.of('invalid_idempotency_key', { detail: parsedKey.error.issues[0]?.message ?? 'invalid key' });
  }
  const ifMatch = single(request.headers['if-match']);
  const occurredAt = single(request.headers['occurred-at']);
  return {
    idempotencyKey: parsedKey.data,
    expectedRevision: ifMatch === undefined ? undefined : parseIfMatch(ifMatch),
    occurredAt: occurredAt === undefined ? undefined : parseOccurredAt(occurredAt),
  };
}
