// The one parser of a ledger event read back from the store, for the write side (a command's stream)
// and the read side (the projector, replays) alike: the custom metadata through EventMetadata, the data
// upcast from the schema version the metadata names and validated (parseStoredEvent). Both through
// zod's compiled schemas first (ADR 0011); what they refuse is parsed again so the error is the contract's.
import { z } from 'zod';
import { ContractError, issuesText } from './errors.js';
import { parseStoredEvent, type LedgerEvent } from './events/index.js';
import { parseEventMetadata, type EventMetadata } from './metadata.js';

/** An event as the store hands it back: type, data and custom metadata, not yet parsed. */
export interface StoredParts {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

export interface ParsedStoredEvent {
  readonly event: LedgerEvent;
  readonly metadata: EventMetadata;
}

/**
 * Parses a stored ledger event. Throws ContractError: invalid_event_metadata (the message names each
 * field, prefixed `metadata: `), or parseStoredEvent's unknown_event_type, unsupported_schema_version,
 * invalid_event_data.
 */
export function parseStored(stored: StoredParts): ParsedStoredEvent {
  let metadata: EventMetadata;
  try {
    metadata = parseEventMetadata(stored.metadata);
  } catch (error) {
    if (!(error instanceof z.ZodError)) throw error;
    throw new ContractError('invalid_event_metadata', `metadata: ${issuesText(error)}`, { type: stored.type });
  }
  return { event: parseStoredEvent(stored.type, stored.data, metadata.schema), metadata };
}
