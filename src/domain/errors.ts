// The one error type deciders throw. `code` is stable snake_case (clients and tests match on it);
// `kind` says what went wrong without knowing HTTP: the HTTP layer maps it to a status.
export type DomainErrorKind = 'invalid' | 'forbidden' | 'not_found' | 'conflict';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly code: string;
  readonly kind: DomainErrorKind;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(kind: DomainErrorKind, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.kind = kind;
    this.code = code;
    this.details = details;
  }
}

export const invalid = (code: string, message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError('invalid', code, message, details);
export const forbidden = (code: string, message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError('forbidden', code, message, details);
export const notFound = (code: string, message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError('not_found', code, message, details);
export const conflict = (code: string, message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError('conflict', code, message, details);
