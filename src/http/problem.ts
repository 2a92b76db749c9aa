// RFC 9457 problem details: the one shape every error answer of the API takes, and the catalogue of the
// stable codes the HTTP layer itself produces (domain rule codes come from DomainError.code).
import { z } from 'zod';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The `type` URI of a problem code. Not meant to be dereferenced (RFC 9457 section 3.1.1). */
export function problemType(code: string): string {
  return `urn:position-ledger:problem:${code}`;
}

export const ValidationIssueSchema = z
  .object({
    /** Where the bad value is: `body`, `params`, `querystring` or `headers`. */
    in: z.string(),
    /** JSON Pointer into that part of the request, e.g. `/views/0/agency`. */
    pointer: z.string(),
    message: z.string(),
    code: z.string(),
  })
  .meta({ id: 'ValidationIssue' });

export const ProblemSchema = z
  .object({
    type: z.string().describe('URI naming the kind of problem'),
    title: z.string().describe('Short, human-readable summary of the kind of problem'),
    status: z.number().int().describe('HTTP status code'),
    detail: z.string().optional().describe('What went wrong with this request'),
    instance: z.string().optional().describe('Path of the request that failed'),
    code: z.string().describe('Stable, snake_case code to switch on'),
    requestId: z.string().describe('Echoes the x-request-id header; quote it when reporting a problem'),
    errors: z
      .array(ValidationIssueSchema)
      .optional()
      .describe('Each invalid value (400 invalid_request, invalid_text, forbidden_json_key, invalid_source)'),
    details: z.record(z.string(), z.unknown()).optional().describe('Facts about a broken ledger rule (ids involved)'),
  })
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof ProblemSchema>;
export type ValidationIssue = z.infer<typeof ValidationIssueSchema>;

/** Codes produced by the HTTP layer, with their status and title. */
export const httpProblems = {
  invalid_request: { status: 400, title: 'The request is invalid' },
  malformed_json: { status: 400, title: 'The request body is not valid JSON' },
  invalid_utf8: { status: 400, title: 'The request body is not valid UTF-8' },
  forbidden_json_key: {
    status: 400,
    title: 'The request body holds a key that is never accepted (__proto__, constructor)',
  },
  invalid_text: { status: 400, title: 'A text holds characters that are not accepted' },
  idempotency_key_required: { status: 400, title: 'An Idempotency-Key header is required' },
  invalid_idempotency_key: { status: 400, title: 'The Idempotency-Key header is invalid' },
  invalid_if_match: { status: 400, title: 'The If-Match header is invalid' },
  invalid_occurred_at: { status: 400, title: 'The Occurred-At header is invalid' },
  invalid_source: { status: 400, title: 'The source of the entry is invalid' },
  date_out_of_range: { status: 400, title: 'A date is further ahead than the ledger takes' },
  unauthorized: { status: 401, title: 'Authentication is required' },
  forbidden: { status: 403, title: 'Not allowed' },
  role_not_allowed: { status: 403, title: 'Your role may not do this' },
  route_not_found: { status: 404, title: 'No such resource' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  not_acceptable: { status: 406, title: 'Not acceptable' },
  stream_conflict: { status: 409, title: 'The stream changed concurrently; reload and retry' },
  idempotency_key_reused: {
    status: 409,
    title: 'This Idempotency-Key was already used for a different request',
  },
  conflict: { status: 409, title: 'The request conflicts with the ledger' },
  replay_in_progress: { status: 409, title: 'An audit replay is already running' },
  precondition_failed: { status: 412, title: 'The stream is not at the revision named by If-Match' },
  payload_too_large: { status: 413, title: 'The request is too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  unsupported_charset: { status: 415, title: 'The request body must be UTF-8' },
  unprocessable: { status: 422, title: 'The request breaks a ledger rule' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal_error: { status: 500, title: 'Internal server error' },
  store_unavailable: { status: 503, title: 'The event store is unavailable' },
  not_ready: { status: 503, title: 'The service is not ready' },
} as const satisfies Record<string, { status: number; title: string }>;

export type HttpProblemCode = keyof typeof httpProblems;

export interface HttpProblemOptions {
  detail?: string;
  errors?: ValidationIssue[];
  details?: Readonly<Record<string, unknown>>;
  headers?: Record<string, string>;
  cause?: unknown;
  /** detail and details are written for callers even on a 5xx (e.g. how far the read side has got). */
  public?: boolean;
}

/**
 * An error that already knows its problem answer. Routes and hooks throw it; the error handler sends it.
 * Use `HttpProblem.of(code)` for the catalogued codes, the constructor for codes that come from elsewhere.
 */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  readonly detail: string | undefined;
  readonly errors: ValidationIssue[] | undefined;
  readonly details: Readonly<Record<string, unknown>> | undefined;
  readonly headers: Record<string, string>;
  /** Show detail and details to the caller even on a 5xx (they name no internals). */
  readonly public: boolean;

  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    options: HttpProblemOptions = {},
  ) {
    super(options.detail ?? title, options.cause === undefined ? undefined : { cause: options.cause });
    this.detail = options.detail;
    this.errors = options.errors;
    this.details = options.details;
    this.headers = options.headers ?? {};
    this.public = options.public ?? false;
  }

  static of(code: HttpProblemCode, options: HttpProblemOptions = {}): HttpProblem {
    const { status, title } = httpProblems[code];
    return new HttpProblem(status, code, title, options);
  }
}
