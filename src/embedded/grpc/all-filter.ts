// Which $all records a reader sees: the default exclusions of the real server plus an optional filter.
import type { StoredRecord } from '../model.js';
import type { AllFilter } from './read-request.js';

const PS_ALL_INTERNAL = /^\$persistentsubscription-\$all::.*-(checkpoint|parked)$/s;

/** `$epoch-information` and $all persistent-subscription bookkeeping never appear in $all. */
export function excludedFromAll(record: StoredRecord): boolean {
  return record.stream === '$epoch-information' || PS_ALL_INTERNAL.test(record.stream);
}

export function matchesFilter(filter: AllFilter, record: StoredRecord): boolean {
  const subject = filter.on === 'stream' ? record.stream : record.type;
  if (filter.regex !== null) return filter.regex.test(subject);
  return filter.prefixes.some((prefix) => subject.startsWith(prefix));
}
