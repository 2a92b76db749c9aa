// The audit of classified reads (ADR 0037): every read that showed a reader content above unclassified
// leaves a record of who (principal id, agency, roles, clearance), what (the route, the subjects, each
// field shown with its level) and when, which auditors page through (GET /v1/audit/reads).
//
// - What counts as shown is read off the answer as it leaves, after redaction (`classifiedShown`): a
//   classified field still holding its value (`{ level, value }`), a consultation marked above
//   unclassified that the reader sees (its `classification`, or its marking looked up by id for what it
//   recorded: views, outcomes, basis inputs, raw events of its stream). Redacted fields and withheld
//   markers are not shown, nor is an empty field (a draft without red lines): an answer with only those
//   leaves no record.
// - Records go to the event store through the store adapter, as `ClassifiedContentShown` events in one
//   stream per Bangkok day (`read-audit-2026-12-06`): hash-chained like every stream, kept with exports and
//   backups, never deleted. Not a ledger category: the projector and the merkle log do not follow them.
// - The read never waits for a disk write: a record is queued and appended with others within
//   `flushEveryMs` (or once `batchMax` are queued). A crash loses at most that last second of records.
//   If the store stays away so long that `maxPending` records are queued, classified content is refused
//   (503) rather than shown without a record; unclassified reads go on.
import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { z } from 'zod';
import { CLASSIFICATION_LEVELS, Classification, classificationRank } from '../../contracts/classification.js';
import { Agency, Role } from '../../contracts/principal.js';
import { dateInZone } from '../../contracts/dates/zones.js';
import type { LedgerStore, NewEvent } from '../store/adapter.js';
import { APPEND_BYTES_BUDGET } from '../store/adapter.js';
import { ConcurrencyError } from '../store/errors.js';

export const READ_AUDIT_EVENT = 'ClassifiedContentShown';
/** What many reads of one answer showed, written once per day stream and named by its digest (ADR 0045). */
export const READ_AUDIT_LISTING = 'ClassifiedFieldsListed';
export const READ_AUDIT_PREFIX = 'read-audit-';

/** A field or record above unclassified that an answer showed, where in the answer, and of what subject. */
export const ShownField = z.object({
  /** JSON Pointer into the answer, e.g. `/position/inForce/redLines`. */
  path: z.string(),
  level: Classification,
  /** `issue:<id>`, `consultation:<id>`, `session:<id>` or a stream name; null when the answer names none. */
  subject: z.string().nullable(),
});
export type ShownField = z.infer<typeof ShownField>;

export const ReadAuditRecord = z.object({
  /** When the answer was sent (ISO instant). */
  readAt: z.iso.datetime({ offset: true }),
  requestId: z.string(),
  principal: z.object({ id: z.string(), agency: Agency, roles: z.array(Role), clearance: Classification }),
  method: z.string(),
  /** The route pattern, e.g. `/v1/issues/:issueId/position`. */
  route: z.string(),
  /** The URL as asked (path and query: asOf, axis...). */
  url: z.string(),
  /** The highest level shown. */
  level: Classification,
  subjects: z.array(z.string()),
  fields: z.array(ShownField),
  /** Fields shown beyond those listed (an answer listing many). */
  more: z.number().int().min(0),
});
export type ReadAuditRecord = z.infer<typeof ReadAuditRecord>;

/** What a read showed (level, subjects, fields, more), as a `ClassifiedFieldsListed` event holds it. */
const Listing = z.object({
  digest: z.string(),
  level: Classification,
  subjects: z.array(z.string()),
  fields: z.array(ShownField),
  more: z.number().int().min(0),
});
type Listing = z.infer<typeof Listing>;

/** A record as stored since ADR 0045: what it showed named by the digest of its listing, in the same day stream. */
const ListedRecord = ReadAuditRecord.omit({ subjects: true, fields: true, more: true }).extend({ shown: z.string() });

export interface ClassifiedShown {
  level: Classification;
  subjects: string[];
  fields: ShownField[];
  more: number;
}

/** Fields listed per record; the rest are counted in `more`. */
const FIELDS_LISTED = 50;

const isLevel = (value: unknown): value is Classification =>
  typeof value === 'string' && (CLASSIFICATION_LEVELS as readonly string[]).includes(value);
const above = (level: Classification): boolean => classificationRank(level) > 0;
const isEmpty = (value: unknown): boolean =>
  value === null || value === '' || (Array.isArray(value) && value.length === 0);
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The subject an object of an answer is about, if it names one. */
function subjectOf(node: Record<string, unknown>): string | null {
  const { streamName, consultationId, issueId, sessionId } = node;
  if (typeof streamName === 'string') return streamName;
  if (typeof consultationId === 'string') return `consultation:${consultationId}`;
  if (typeof issueId === 'string') return `issue:${issueId}`;
  if (typeof sessionId === 'string') return `session:${sessionId}`;
  return null;
}

/**
 * What of `answer` (a read's body, after redaction) is above unclassified; null when nothing is.
 * `consultationLevel` gives a consultation's marking (read-models' consultationLevel), so what a
 * classified consultation recorded counts wherever it appears.
 */
export function classifiedShown(
  answer: unknown,
  consultationLevel?: (consultationId: string) => Classification,
): ClassifiedShown | null {
  const fields: ShownField[] = [];
  let more = 0;
  let highest: Classification = 'unclassified';
  const subjects = new Set<string>();
  const found = (path: string, level: Classification, subject: string | null): void => {
    if (classificationRank(level) > classificationRank(highest)) highest = level;
    if (subject !== null) subjects.add(subject);
    if (fields.length < FIELDS_LISTED) fields.push({ path, level, subject });
    else more += 1;
  };
  const markingOf = (node: Record<string, unknown>): Classification | null => {
    if (consultationLevel === undefined) return null;
    const { consultationId, streamName } = node;
    const id =
      typeof consultationId === 'string'
        ? consultationId
        : typeof streamName === 'string' && streamName.startsWith('consultation-')
          ? streamName.slice('consultation-'.length)
          : null;
    return id === null ? null : consultationLevel(id);
  };

  const walk = (node: unknown, path: string, subject: string | null): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${path}/${i}`, subject));
      return;
    }
    if (!isRecord(node)) return;
    const record = node;
    // A marker or redacted field: what it stands for was not shown.
    if (record['redacted'] === true) return;
    const here = subjectOf(record) ?? subject;
    const { level, classification } = record;
    if (isLevel(level) && 'value' in record) {
      // An empty list of red lines (what a draft without any holds) shows nothing.
      if (above(level) && !isEmpty(record['value'])) found(path, level, here);
      return;
    }
    const marked = isLevel(classification) ? classification : markingOf(record);
    if (marked !== null && above(marked)) found(path === '' ? '/' : path, marked, here);
    for (const [key, value] of Object.entries(record)) {
      if (value !== null && typeof value === 'object')
        walk(value, `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`, here);
    }
  };
  walk(answer, '', null);
  if (!above(highest)) return null;
  return { level: highest, subjects: [...subjects], fields, more };
}

// ---- the log ----------------------------------------------------------------------------------------

export interface ReadAuditQuery {
  /** ISO instants bounding readAt (inclusive). */
  from: string;
  to: string;
  principal?: string;
  /** `issue:<id>`, `consultation:<id>`, a stream name, or a bare id (matches any subject with that id). */
  subject?: string;
  /** Cursor from a previous page's `next`: `<day>/<revision>`. */
  after?: string;
  limit: number;
}

export interface ReadAuditEntry extends ReadAuditRecord {
  eventId: string;
  /** When the store recorded the entry (ISO instant). */
  recordedAt: string;
}

export interface ReadAuditPage {
  reads: ReadAuditEntry[];
  /** Pass as `after` for the next page; null when the range is done. */
  next: string | null;
}

export interface ReadAuditLog {
  /** Queues a record; false when too many are queued already (the store away): do not show the content. */
  record(record: ReadAuditRecord): boolean;
  /** Appends what is queued (records queued meanwhile wait for the next flush). */
  flush(): Promise<void>;
  page(query: ReadAuditQuery): Promise<ReadAuditPage>;
  /** Records queued, not yet appended. */
  pending(): number;
  /** Stops the timer and appends what is queued. */
  close(): Promise<void>;
}

export interface ReadAuditMetrics {
  records: { inc(): void };
  pending: { set(value: number): void };
  flushFailures: { inc(): void };
}

export interface ReadAuditOptions {
  store: Pick<LedgerStore, 'append' | 'readStream'>;
  logger: Logger;
  metrics?: ReadAuditMetrics;
  flushEveryMs?: number;
  batchMax?: number;
  maxPending?: number;
}

/** Days scanned per page at most: a page over a long quiet range ends early with a `next`. */
const DAYS_PER_PAGE = 92;

export const readAuditStream = (day: string): string => `${READ_AUDIT_PREFIX}${day}`;

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

function matchesSubject(subjects: readonly string[], wanted: string): boolean {
  return subjects.some((s) => s === wanted || s.endsWith(`:${wanted}`) || s.endsWith(`-${wanted}`));
}

/** Consecutive parts of `events`, each at most `limit` bytes of JSON (one event alone may exceed it). */
function byBytes<E extends { data: object; metadata: object }>(events: readonly E[], limit: number): E[][] {
  const parts: E[][] = [];
  let part: E[] = [];
  let bytes = 0;
  for (const event of events) {
    const size = Buffer.byteLength(JSON.stringify(event.data)) + Buffer.byteLength(JSON.stringify(event.metadata));
    if (part.length > 0 && bytes + size > limit) {
      parts.push(part);
      part = [];
      bytes = 0;
    }
    part.push(event);
    bytes += size;
  }
  if (part.length > 0) parts.push(part);
  return parts;
}

/** The digests of listings worked out, by the `fields` array a kept answer's records share. */
const digests = new WeakMap<readonly ShownField[], Listing>();

/** What a record showed, with its digest (sha-256 of its JSON): worked out once for the records of a kept answer. */
function listingOf(r: ReadAuditRecord): Listing {
  const memo = digests.get(r.fields);
  if (memo !== undefined && memo.subjects === r.subjects && memo.level === r.level && memo.more === r.more) return memo;
  const shown = { level: r.level, subjects: r.subjects, fields: r.fields, more: r.more };
  const digest = createHash('sha256').update(JSON.stringify(shown)).digest('base64url');
  const listing = { digest, ...shown };
  digests.set(r.fields, listing);
  return listing;
}

/** A stored record as auditors read it: one written before ADR 0045 holds its listing, a later one names it. */
function recordOf(data: unknown, listings: ReadonlyMap<string, Listing>): ReadAuditRecord | null {
  const whole = ReadAuditRecord.safeParse(data);
  if (whole.success) return whole.data;
  const listed = ListedRecord.safeParse(data);
  if (!listed.success) return null;
  const { shown, ...who } = listed.data;
  const listing = listings.get(shown);
  if (listing === undefined) return null;
  return { ...who, subjects: listing.subjects, fields: listing.fields, more: listing.more };
}

export function createReadAuditLog(options: ReadAuditOptions): ReadAuditLog {
  const { store, logger, metrics } = options;
  const flushEveryMs = options.flushEveryMs ?? 1000;
  const batchMax = options.batchMax ?? 500;
  const maxPending = options.maxPending ?? 10_000;
  let queue: ReadAuditRecord[] = [];
  /** Each day stream's revision as this process last appended or read it. */
  const revisions = new Map<string, bigint | 'no_stream'>();
  let flushing: Promise<void> = Promise.resolve();
  let failing = false;
  let soon: NodeJS.Immediate | null = null;
  const timer = setInterval(() => void flush(), flushEveryMs).unref();

  const gauge = (): void => metrics?.pending.set(queue.length);

  async function revisionOf(stream: string): Promise<bigint | 'no_stream'> {
    const known = revisions.get(stream);
    if (known !== undefined) return known;
    const read = await store.readStream(stream);
    revisions.set(stream, read.revision);
    return read.revision;
  }

  /**
   * The digests of the listings this process has appended to each day stream. A kept answer
   * (routes/read/answer-cache.ts) is read again and again: its records share one listing (its 50 fields and every
   * subject: kilobytes for a list) instead of each carrying a copy through the store's hash chain.
   */
  const listed = new Map<string, Set<string>>();
  const LISTINGS_REMEMBERED = 10_000;

  async function appendAll(batch: readonly ReadAuditRecord[]): Promise<number> {
    const byStream = new Map<string, ReadAuditRecord[]>();
    for (const r of batch) {
      const stream = readAuditStream(dateInZone(r.readAt));
      const records = byStream.get(stream);
      if (records === undefined) byStream.set(stream, [r]);
      else records.push(r);
    }
    for (const day of listed.keys()) if (!byStream.has(day)) listed.delete(day);
    let written = 0;
    for (const [stream, records] of byStream) {
      let known = listed.get(stream);
      if (known === undefined || known.size > LISTINGS_REMEMBERED) {
        known = new Set();
        listed.set(stream, known);
      }
      const events: Array<NewEvent & { listing?: string }> = [];
      const listing = new Set<string>();
      for (const r of records) {
        const shown = listingOf(r);
        if (!known.has(shown.digest) && !listing.has(shown.digest)) {
          listing.add(shown.digest);
          events.push({
            id: randomUUID(),
            type: READ_AUDIT_LISTING,
            data: shown,
            metadata: { occurredAt: r.readAt, correlationId: r.requestId },
            listing: shown.digest,
          });
        }
        const { readAt, requestId, principal, method, route, url, level } = r;
        events.push({
          id: randomUUID(),
          type: READ_AUDIT_EVENT,
          data: { readAt, requestId, principal, method, route, url, level, shown: shown.digest },
          metadata: { occurredAt: r.readAt, correlationId: r.requestId },
        });
      }
      // The store takes at most 1 MiB per append: many records (and listings of up to 50 fields) are appended in
      // parts, a listing before the records that name it.
      for (const part of byBytes(events, APPEND_BYTES_BUDGET)) {
        const expectedRevision = await revisionOf(stream);
        try {
          const outcome = await store.append(
            stream,
            part.map(({ listing: _, ...event }) => event),
            { expectedRevision },
          );
          revisions.set(stream, outcome.revision);
          for (const event of part) if (event.listing !== undefined) known.add(event.listing);
        } catch (error) {
          // Another ledger process appended to the day's stream: read its revision again next time.
          if (error instanceof ConcurrencyError) revisions.delete(stream);
          throw error;
        }
      }
      written += records.length;
    }
    return written;
  }

  function flush(): Promise<void> {
    flushing = flushing.then(async () => {
      if (queue.length === 0) return;
      const batch = queue.slice(0, batchMax);
      try {
        await appendAll(batch);
        queue = queue.slice(batch.length);
        if (failing) logger.info('audit records of classified reads are written again');
        failing = false;
      } catch (error) {
        // Kept (a stream appended to before the failure may see some of them twice: each is its own event,
        // with its request id, so an auditor can tell a repeat apart).
        metrics?.flushFailures.inc();
        if (!failing)
          logger.error(
            { err: error, pending: queue.length },
            'audit records of classified reads cannot be written; keeping them and trying again',
          );
        failing = true;
      } finally {
        gauge();
      }
      if (queue.length >= batchMax && !failing) void flush();
    });
    return flushing;
  }

  return {
    record(record) {
      if (queue.length >= maxPending) return false;
      queue.push(record);
      metrics?.records.inc();
      gauge();
      if (queue.length >= batchMax && soon === null) {
        soon = setImmediate(() => {
          soon = null;
          void flush();
        });
      }
      return true;
    },
    flush,
    pending: () => queue.length,
    async page(query) {
      await flush();
      const reads: ReadAuditEntry[] = [];
      const lastDay = dateInZone(query.to);
      const [cursorDay, cursorRevision] = query.after === undefined ? [undefined, undefined] : query.after.split('/');
      let day = dateInZone(query.from);
      let skip = 0n;
      if (cursorDay !== undefined && cursorDay > day) day = cursorDay;
      if (cursorDay !== undefined && cursorDay === day) skip = BigInt(cursorRevision ?? '0');
      const fromMs = Date.parse(query.from);
      const toMs = Date.parse(query.to);
      for (let scanned = 0; day <= lastDay; scanned += 1, day = nextDay(day), skip = 0n) {
        if (scanned === DAYS_PER_PAGE) return { reads, next: `${day}/0` };
        const { events } = await store.readStream(readAuditStream(day));
        const listings = new Map<string, Listing>();
        for (const event of events) {
          if (event.type === READ_AUDIT_LISTING) {
            const listing = Listing.safeParse(event.data);
            if (listing.success) listings.set(listing.data.digest, listing.data);
          }
          if (event.revision < skip || event.type !== READ_AUDIT_EVENT) continue;
          const r = recordOf(event.data, listings);
          if (r === null) {
            logger.warn(
              { eventId: event.id, stream: event.streamName },
              'an audit record of a read could not be parsed',
            );
            continue;
          }
          const at = Date.parse(r.readAt);
          if (at < fromMs || at > toMs) continue;
          if (query.principal !== undefined && r.principal.id !== query.principal) continue;
          if (query.subject !== undefined && !matchesSubject(r.subjects, query.subject)) continue;
          if (reads.length === query.limit) return { reads, next: `${day}/${event.revision}` };
          reads.push({ ...r, eventId: event.id, recordedAt: event.recordedAt.toISOString() });
        }
      }
      return { reads, next: null };
    },
    async close() {
      clearInterval(timer);
      if (soon !== null) clearImmediate(soon);
      await flush();
    },
  };
}
