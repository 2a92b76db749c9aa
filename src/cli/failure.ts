// The one line the `ledger` command prints for an error it can name. A command the ledger refuses (a
// DomainError: a rule of the domain, the agency rule's `agency_mismatch` among them) is named by its
// code, the same code the HTTP API answers with (problem+json `code`), then what it means.
import { DomainError } from '../domain/errors.js';
import { EmbeddedStoreStartError } from '../embedded/index.js';

/** `ledger: ...` for an error the ledger names (a code), or undefined for anything else (a bug: print it whole). */
export function failureLine(err: unknown): string | undefined {
  if (err instanceof DomainError) return `ledger: ${err.code}: ${err.message}`;
  const coded =
    err instanceof Error && (err instanceof EmbeddedStoreStartError || ('code' in err && typeof err.code === 'string'));
  return coded ? `ledger: ${err.message}` : undefined;
}
