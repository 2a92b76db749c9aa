// Event data read back from the store, parsed on the replay's hot path by the contract's own schemas
// compiled ahead of time (z.compile: zod generates a flat validator per schema, with the same results
// and the same issues as the interpreted parse, several times faster; zod falls back to the
// interpreter for anything its compiler cannot model). Same validation, same output (fields, key
// order, text NFC-normalised and trimmed) as parseStoredEvent, which still answers whenever the
// compiled parse refuses (so the error is the contract's) and for older schema versions (upcasting).
// test/read/quick-event.unit.test.ts holds it to parseStoredEvent on generated inputs, valid and not.
import { z } from 'zod';
import { eventCatalog, isLedgerEventType, parseStoredEvent, type LedgerEvent, type LedgerEventType } from '../../contracts/events/index.js';

const compiled = new Map<LedgerEventType, z.ZodType>();

function compiledSchema(type: LedgerEventType): z.ZodType {
  let schema = compiled.get(type);
  if (schema === undefined) {
    schema = z.compile(eventCatalog[type].schema);
    compiled.set(type, schema);
  }
  return schema;
}

/** The parsed event, or null when only the contract can say (an error, an older version, another type). */
export function quickEvent(type: string, data: unknown, schemaVersion: number): LedgerEvent | null {
  if (!isLedgerEventType(type) || schemaVersion !== eventCatalog[type].version) return null;
  const parsed = compiledSchema(type).safeParse(data);
  return parsed.success ? ({ type, data: parsed.data } as LedgerEvent) : null;
}

/** parseStoredEvent, through the compiled schema when it can answer. */
export function parseEvent(type: string, data: unknown, schemaVersion: number): LedgerEvent {
  return quickEvent(type, data, schemaVersion) ?? parseStoredEvent(type, data, schemaVersion);
}
