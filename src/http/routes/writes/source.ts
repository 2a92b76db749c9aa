// The `source` of a write (ADR 0038): an optional top-level member of every write body, `{ kind:
// "record" | "illustrative" | "uncertain", documentRef?, note? }`. It says where the entry comes from,
// not what the command is, so it is taken off the body before the body is validated as the command's
// (preValidation, with its own code: 400 invalid_source naming each bad value) and goes to the ledger
// beside the command, which writes it into every event's metadata and its request hash.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Source } from '../../../../contracts/index.js';
import { HttpProblem, type ValidationIssue } from '../../problem.js';

export const SourceMember = Source.optional().describe(
  'Where the entry comes from: `record` (stated by a document of record; the default when absent), `illustrative` (beyond the sources) or `uncertain` (the sources leave it open), with the document it rests on and a note. Part of the request: a retry must send the same source.',
);

/**
 * The body schema of a write route with `source` beside the command's members, for the OpenAPI document.
 * Typed as the command's body alone: that is what handlers get, since preValidation takes `source` off
 * the body before it is validated (takeSource).
 */
export function withSource<B extends z.ZodObject>(body: B): B {
  return body.extend({ source: SourceMember }) as unknown as B;
}

/**
 * Takes `source` off the parsed JSON body, validated: undefined when the body names none. Throws
 * 400 invalid_source. The body left behind is the command's alone.
 */
export function takeSource(request: FastifyRequest): Source | undefined {
  const body: unknown = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !Object.hasOwn(body, 'source'))
    return undefined;
  const raw: unknown = Reflect.get(body, 'source');
  Reflect.deleteProperty(body, 'source');
  const parsed = Source.safeParse(raw);
  if (parsed.success) return parsed.data;
  const errors: ValidationIssue[] = parsed.error.issues.map((issue) => ({
    in: 'body',
    pointer: ['', 'source', ...issue.path.map(String)].join('/'),
    message: issue.message,
    code: issue.code,
  }));
  throw HttpProblem.of('invalid_source', {
    detail: 'source must be { kind: "record" | "illustrative" | "uncertain", documentRef?, note?: { th, en } }',
    errors,
  });
}
