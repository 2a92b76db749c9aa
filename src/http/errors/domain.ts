// Problems for the domain's rule violations (src/domain/errors.ts): the domain names the kind and a stable
// code; the HTTP status follows from the kind alone.
import { DomainError } from '../../domain/errors.js';
import { HttpProblem } from '../problem.js';

const byKind = {
  invalid: { status: 422, title: 'The request breaks a ledger rule' },
  forbidden: { status: 403, title: 'Not allowed' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'The request conflicts with the ledger' },
} as const;

export function translateDomainError(error: unknown): HttpProblem | undefined {
  if (!(error instanceof DomainError)) return undefined;
  const { status, title } = byKind[error.kind];
  return new HttpProblem(status, error.code, title, { detail: error.message, details: error.details, cause: error });
}
