// Turns anything thrown while serving a request into the problem it answers with. The one place where
// errors of the domain, the store and Fastify itself meet HTTP statuses (style.md 7).
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { HttpProblem, httpProblems, type ValidationIssue } from '../problem.js';

interface ErrorLike {
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
  validation?: unknown;
  validationContext?: unknown;
}

function isObject(value: unknown): value is ErrorLike {
  return typeof value === 'object' && value !== null;
}

function validationIssues(error: ErrorLike): ValidationIssue[] {
  const where = typeof error.validationContext === 'string' ? error.validationContext : 'body';
  if (hasZodFastifySchemaValidationErrors(error)) {
    return error.validation.map((v) => ({
      in: where,
      pointer: v.instancePath === '/' ? '' : v.instancePath,
      message: v.message ?? 'invalid value',
      code: v.keyword,
    }));
  }
  if (!Array.isArray(error.validation)) return [];
  return error.validation.filter(isObject).map((v) => {
    const record: Record<string, unknown> = { ...v };
    return {
      in: where,
      pointer: typeof record['instancePath'] === 'string' ? record['instancePath'] : '',
      message: typeof record['message'] === 'string' ? record['message'] : 'invalid value',
      code: typeof record['keyword'] === 'string' ? record['keyword'] : 'invalid',
    };
  });
}

function summarise(issues: ValidationIssue[]): string {
  const shown = issues
    .slice(0, 3)
    .map((i) => `${i.in}${i.pointer}: ${i.message}`)
    .join('; ');
  return issues.length > 3 ? `${shown}; and ${issues.length - 3} more` : shown;
}

/** Fastify's own errors whose meaning the API names with its own codes. */
const fastifyCodes: Record<string, keyof typeof httpProblems> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_request',
  FST_ERR_BAD_URL: 'invalid_request',
  FST_ERR_NOT_FOUND: 'route_not_found',
};

/** What the client should do, for Fastify's errors that carry no message meant for clients. */
const fastifyDetails: Partial<Record<keyof typeof httpProblems, string>> = {
  unsupported_media_type: 'Send the body as JSON with Content-Type: application/json',
  payload_too_large: 'The body is larger than this server accepts (BODY_LIMIT_BYTES)',
};

const genericByStatus: Record<number, keyof typeof httpProblems> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'rate_limited',
};

/**
 * Translators for errors of other layers (domain, store), tried in order before the generic rules.
 * Each returns the problem for an error it recognises, or undefined.
 */
export type ErrorTranslator = (error: unknown) => HttpProblem | undefined;

export function toProblem(error: unknown, translators: readonly ErrorTranslator[] = []): HttpProblem {
  if (error instanceof HttpProblem) return error;
  for (const translate of translators) {
    const problem = translate(error);
    if (problem !== undefined) return problem;
  }
  if (!isObject(error)) return HttpProblem.of('internal_error', { cause: error });

  if (Array.isArray(error.validation)) {
    const issues = validationIssues(error);
    return HttpProblem.of('invalid_request', { detail: summarise(issues), errors: issues, cause: error });
  }
  if (typeof error.code === 'string') {
    const known = fastifyCodes[error.code];
    if (known !== undefined) {
      const detail = fastifyDetails[known];
      return HttpProblem.of(known, detail === undefined ? { cause: error } : { detail, cause: error });
    }
  }
  // Other 4xx raised by Fastify or its plugins carry messages written for clients.
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = genericByStatus[status] ?? 'invalid_request';
    const detail = typeof error.message === 'string' && error.message !== '' ? error.message : undefined;
    const { title } = httpProblems[code];
    return new HttpProblem(status, code, title, detail === undefined ? { cause: error } : { detail, cause: error });
  }
  return HttpProblem.of('internal_error', { cause: error });
}
