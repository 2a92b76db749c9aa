// Event metadata read back from the store, checked by hand when it has the usual shape: the same
// answer as the contract (EventMetadata.parse: same fields, same order), for a fraction of zod's cost
// on the replay's hot path. Anything unusual (a time zone, an unknown field, a value of another type
// or out of range, a time not in normalised UTC form) gets null here, and the contract parses it.
import { EventMetadata } from '../../contracts/metadata.js';
import { AGENCY_CODES, ROLES } from '../../contracts/principal.js';
import { isNormalisedInstant } from '../../projections/valid-time.js';

const agencies: ReadonlySet<string> = new Set(AGENCY_CODES);
const roles: ReadonlySet<string> = new Set(ROLES);
/** The fields the quick check knows, in the contract's order. */
const KNOWN: ReadonlySet<string> = new Set(['actor', 'occurredAt', 'occurredAtDefaulted', 'correlationId', 'causationId', 'schema', 'idempotencyKey', 'requestHash', 'prev', 'hash']);

const text = (v: unknown, min: number): v is string => typeof v === 'string' && v.length >= min && v.length <= 200;

/** The parsed metadata, or null when only the contract can say. */
export function quickMetadata(input: Record<string, unknown>): EventMetadata | null {
  for (const key of Object.keys(input)) if (!KNOWN.has(key) || input[key] === undefined) return null;
  const { actor, occurredAt, occurredAtDefaulted, correlationId, causationId, schema, idempotencyKey, requestHash, prev, hash } = input;
  if (typeof actor !== 'object' || actor === null || Array.isArray(actor)) return null;
  const a = actor as Record<string, unknown>;
  const actorKeys = Object.keys(a);
  if (actorKeys.length !== 3 || !('principalId' in a) || !('agency' in a) || !('role' in a)) return null;
  const { principalId, agency, role } = a;
  if (!text(principalId, 1) || typeof agency !== 'string' || !agencies.has(agency) || typeof role !== 'string' || !roles.has(role)) return null;
  if (typeof occurredAt !== 'string' || !isNormalisedInstant(occurredAt)) return null;
  if (occurredAtDefaulted !== undefined && typeof occurredAtDefaulted !== 'boolean') return null;
  if (!text(correlationId, 1) || !text(causationId, 1)) return null;
  if (typeof schema !== 'number' || !Number.isSafeInteger(schema) || schema < 1) return null;
  if (idempotencyKey !== undefined && !text(idempotencyKey, 1)) return null;
  if (requestHash !== undefined && !text(requestHash, 0)) return null;
  if (prev !== undefined && prev !== null && !text(prev, 0)) return null;
  if (hash !== undefined && !text(hash, 0)) return null;
  const out: Record<string, unknown> = { actor: { principalId, agency, role }, occurredAt };
  if (occurredAtDefaulted !== undefined) out['occurredAtDefaulted'] = occurredAtDefaulted;
  out['correlationId'] = correlationId;
  out['causationId'] = causationId;
  out['schema'] = schema;
  if (idempotencyKey !== undefined) out['idempotencyKey'] = idempotencyKey;
  if (requestHash !== undefined) out['requestHash'] = requestHash;
  if (prev !== undefined) out['prev'] = prev;
  if (hash !== undefined) out['hash'] = hash;
  return out as EventMetadata;
}

/** EventMetadata.parse, through the quick check when it can answer. */
export function parseMetadata(input: Record<string, unknown>): EventMetadata {
  return quickMetadata(input) ?? EventMetadata.parse(input);
}
