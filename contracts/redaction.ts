// Classified fields of events, by the catalogue's paths: sealing (a salt per value, when the ledger
// appends) and redaction for readers without the clearance (ADR 0005, ADR 0020). Pure: the salts and
// the commitment function come from the caller (randomness and hashing are not the contracts' to do).
import type { Classification } from './classification.js';
import { canRead, classificationRank } from './classification.js';
import type { LedgerEvent, LedgerEventType } from './events/index.js';
import { eventCatalog, isLedgerEventType } from './events/index.js';

interface ClassifiedValue {
  level: Classification;
  value: unknown;
  salt?: unknown;
}

function isClassifiedValue(value: unknown): value is ClassifiedValue {
  return typeof value === 'object' && value !== null && 'level' in value && 'value' in value;
}

/** A copy of `node` with `fn` applied to the value at `path` (dot-separated, `[]` for arrays). */
function mapPath(node: unknown, path: readonly string[], fn: (field: unknown) => unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return fn(node);
  if (head.endsWith('[]')) {
    const key = head.slice(0, -2);
    if (typeof node !== 'object' || node === null) return node;
    const list: unknown = Reflect.get(node, key);
    if (!Array.isArray(list)) return node;
    return { ...node, [key]: list.map((item: unknown) => mapPath(item, rest, fn)) };
  }
  if (typeof node !== 'object' || node === null || !(head in node)) return node;
  return { ...node, [head]: mapPath(Reflect.get(node, head), rest, fn) };
}

/** A copy of event data with `fn` applied to each classified field the catalogue lists for its type. */
export function mapClassifiedFields(
  type: LedgerEventType | string,
  data: unknown,
  fn: (field: ClassifiedValue) => unknown,
): unknown {
  if (!isLedgerEventType(type)) return data;
  return eventCatalog[type].classifiedFields.reduce<unknown>(
    (node, path) => mapPath(node, path.split('.'), (field) => (isClassifiedValue(field) ? fn(field) : field)),
    data,
  );
}

/**
 * The event with a fresh salt on every classified value that has none: what the ledger appends
 * (ADR 0020). `salt` gives a new random salt per call.
 */
export function sealEvent<E extends LedgerEvent>(event: E, salt: () => string): E {
  const data = mapClassifiedFields(event.type, event.data, (field) =>
    field.salt === undefined ? { ...field, salt: salt() } : field,
  );
  // Only `salt` was added, at the catalogue's paths: the data keeps its type's shape.
  return { ...event, data } as E;
}

/** Computes the commitment to a salted value (src/store/commitment.ts commitmentOf). */
export type CommitmentFunction = (field: { value: unknown; salt: string }) => string;

/**
 * A copy of the event data with every classified field above `clearance` redacted: `{ level, redacted:
 * true, commitment }` (the value and its salt withheld, the commitment kept so the reader can still
 * verify the chain), or `{ level, redacted: true }` for a value written before salts.
 */
export function redactEventData(
  type: LedgerEventType | string,
  data: unknown,
  clearance: Classification,
  commitment: CommitmentFunction,
): unknown {
  return mapClassifiedFields(type, data, (field) => {
    if (canRead(clearance, field.level)) return field;
    if (typeof field.salt !== 'string') return { level: field.level, redacted: true };
    return { level: field.level, redacted: true, commitment: commitment({ value: field.value, salt: field.salt }) };
  });
}

/** The highest classification of any field in this event's data (unclassified when none). */
export function highestClassification(type: LedgerEventType, data: unknown): Classification {
  let highest: Classification = 'unclassified';
  mapClassifiedFields(type, data, (field) => {
    if (classificationRank(field.level) > classificationRank(highest)) highest = field.level;
    return field;
  });
  return highest;
}
