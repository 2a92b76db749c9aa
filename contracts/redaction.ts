// Redaction of classified fields for readers without the clearance. Only `{ level, value }` fields
// listed in the event catalogue are ever redacted; they become `{ level, redacted: true }`.
import type { Classification } from './classification.js';
import { canRead, classificationRank } from './classification.js';
import type { LedgerEventType } from './events/index.js';
import { eventCatalog, isLedgerEventType } from './events/index.js';

function isClassifiedValue(value: unknown): value is { level: Classification; value: unknown } {
  return typeof value === 'object' && value !== null && 'level' in value && 'value' in value;
}

function redactPath(node: unknown, path: readonly string[], clearance: Classification): unknown {
  if (path.length === 0) {
    if (isClassifiedValue(node) && !canRead(clearance, node.level)) return { level: node.level, redacted: true };
    return node;
  }
  const [head, ...rest] = path;
  if (head === undefined) return node;
  if (head.endsWith('[]')) {
    const key = head.slice(0, -2);
    if (typeof node !== 'object' || node === null) return node;
    const list: unknown = Reflect.get(node, key);
    if (!Array.isArray(list)) return node;
    return { ...node, [key]: list.map((item: unknown) => redactPath(item, rest, clearance)) };
  }
  if (typeof node !== 'object' || node === null || !(head in node)) return node;
  return { ...node, [head]: redactPath(Reflect.get(node, head), rest, clearance) };
}

/** A copy of the event data with every classified field above `clearance` redacted. */
export function redactEventData(type: LedgerEventType | string, data: unknown, clearance: Classification): unknown {
  if (!isLedgerEventType(type)) return data;
  return eventCatalog[type].classifiedFields.reduce<unknown>(
    (node, path) => redactPath(node, path.split('.'), clearance),
    data,
  );
}

/** The highest classification of any field in this event's data (unclassified when none). */
export function highestClassification(type: LedgerEventType, data: unknown): Classification {
  let highest: Classification = 'unclassified';
  for (const path of eventCatalog[type].classifiedFields) {
    let node: unknown = data;
    for (const key of path.split('.')) node = typeof node === 'object' && node !== null ? Reflect.get(node, key) : undefined;
    if (isClassifiedValue(node) && classificationRank(node.level) > classificationRank(highest)) highest = node.level;
  }
  return highest;
}
