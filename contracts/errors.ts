// Typed errors raised by contracts (parsing dates, reading stored events). Never thrown as strings.
import type { z } from 'zod';

export type ContractErrorCode =
  | 'invalid_date'
  | 'impossible_date'
  | 'ambiguous_year'
  | 'unsupported_era'
  | 'weekday_mismatch'
  | 'date_out_of_range'
  | 'unknown_event_type'
  | 'unsupported_schema_version'
  | 'invalid_event_data'
  | 'invalid_event_metadata';

export class ContractError extends Error {
  override readonly name = 'ContractError';
  readonly code: ContractErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ContractErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

/** A zod error's issues in one line: `path: message; ...`. */
export function issuesText(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}
