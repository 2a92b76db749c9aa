// Event metadata read back from the store, parsed on the replay's hot path by the contract's schema
// compiled ahead of time (z.compile: the same results and issues as EventMetadata.parse, over ten
// times faster). When the compiled parse refuses, EventMetadata.parse answers, so the error is the
// contract's. test/read/quick-metadata.unit.test.ts holds it to EventMetadata.parse on generated
// inputs, valid and not.
import { z } from 'zod';
import { EventMetadata } from '../../contracts/metadata.js';

const compiled = z.compile(EventMetadata);

/** The parsed metadata, or null when only the contract can say (it is not valid). */
export function quickMetadata(input: Record<string, unknown>): EventMetadata | null {
  const parsed = compiled.safeParse(input);
  return parsed.success ? parsed.data : null;
}

/** EventMetadata.parse, through the compiled schema when it can answer. */
export function parseMetadata(input: Record<string, unknown>): EventMetadata {
  return quickMetadata(input) ?? EventMetadata.parse(input);
}
