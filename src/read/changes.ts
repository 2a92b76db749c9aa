// What changed: one feed across the whole ledger, in the order the ledger recorded it (issue 11 §2).
// Each entry says what kind of change it is, which subject it touches (process, issue, consultation,
// session), who made it (agency and role), when on both clocks, and for a draft or an endorsement what
// changed against the one before it (the position history's own comparison). Entries of a
// consultation the reader may not see are left out (ADR 0018); redaction for the reader's clearance
// and Bangkok instants are applied to the whole answer by the route, as for every read.
import type { Agency } from '../../contracts/principal.js';
import type { LogPosition } from '../../contracts/log-position.js';
import { sourceOf, type Source } from '../../contracts/source.js';
import {
  datedInContext,
  homeKeyOf,
  issueKey,
  type AsOf,
  type Change,
  type Envelope,
  type PositionHistoryEntry,
} from '../../projections/index.js';
import type { ReadIndex } from './read-index.js';
import type { ReadModels } from './read-models.js';
import { consultationOfStream, type Reader } from './withheld.js';
import type { ChangeKind } from '../../contracts/read/changes.js';

// The kinds live with the reply's contract (one home, ADR 0029); the route and this module take them from there.
export { CHANGE_KINDS, type ChangeKind } from '../../contracts/read/changes.js';

const KIND_OF_TYPE: Readonly<Record<string, ChangeKind>> = {
  NegotiationProcessRegistered: 'process',
  MilestoneRecorded: 'milestone',
  SessionScheduled: 'session',
  SessionRescheduled: 'session',
  SessionConcluded: 'session',
  IssueRegistered: 'issue',
  IssueRetitled: 'issue',
  DraftTextStatusChanged: 'issue',
  IssueClosed: 'issue',
  PositionDrafted: 'drafted',
  PositionEndorsed: 'endorsed',
  PositionWithdrawn: 'withdrawn',
  StatementDelivered: 'statement',
  PositionOutcomeRecorded: 'final-text',
  ConsultationConvened: 'consultation',
  ConsultationClosed: 'consultation',
  AgencyViewRecorded: 'view',
  ConsultationOutcomeRecorded: 'outcome',
  FollowUpRecorded: 'follow-up',
  FollowUpStatusChanged: 'follow-up',
  EntryRetracted: 'retraction',
};

/** A point in the log: entries strictly after it. */
export type LogCursor = LogPosition;

export interface ChangesQuery {
  /** From (inclusive), on `axis`; or a log cursor (entries after it). */
  readonly since?: { readonly instant: string } | { readonly after: LogCursor };
  /** Until (inclusive), on `axis`. */
  readonly until?: string;
  /** Which clock since/until apply to: recorded (when the ledger learnt it) or valid (when it happened). */
  readonly axis: 'recorded' | 'valid';
  readonly processId?: string;
  readonly issueId?: string;
  /** The agency that acted, or whose view it is. */
  readonly agency?: Agency;
  readonly kinds?: readonly ChangeKind[];
  /** Paging: entries after this cursor (the `next` of the page before). */
  readonly after?: LogCursor;
  readonly limit: number;
}

export interface ChangeSubject {
  readonly processId?: string;
  readonly issueId?: string;
  readonly consultationId?: string;
  readonly sessionId?: string;
}

export interface ChangeEntry {
  readonly eventId: string;
  readonly kind: ChangeKind;
  readonly type: string;
  readonly streamName: string;
  readonly position: { readonly commit: string; readonly prepare: string };
  readonly recordedAt: string;
  /** When it happened or takes effect, dated in context as every read dates it (ADR 0009). */
  readonly validAt: string;
  readonly actor: { readonly agency: string; readonly role: string };
  readonly subject: ChangeSubject;
  /** For a draft: the version it was compared with and each field that changed (from, to). */
  readonly comparedWith?: number | null;
  readonly changes?: readonly Change[];
  /** For a retraction: what it took back. */
  readonly retracts?: { readonly eventId: string; readonly type: string | null };
  readonly data: unknown;
  /** Where the entry comes from: on record, illustrative or uncertain (ADR 0038). */
  readonly source: Source;
}

export interface ChangesPage {
  readonly changes: ChangeEntry[];
  /** Cursor for the next page (pass as `after`), null at the end of what the read side holds. */
  readonly next: string | null;
}

export interface ChangesSource {
  readonly index: Pick<ReadIndex, 'after' | 'envelopesOf'>;
  readonly models: Pick<ReadModels, 'history'>;
}

/** Envelopes are read from the index in pages of this many. */
const SCAN_PAGE = 1000;
/**
 * A page stops after scanning this many envelopes, with a cursor to go on: a narrow filter never holds a request for
 * the whole log.
 */
const SCAN_BUDGET = 50_000;
/** "Knowing everything": a draft's comparison as the history gives it now. */
const EVERYTHING: AsOf = { validAt: '9999-12-31T23:59:59.999Z', knownAt: null };

export function cursorText(cursor: LogCursor): string {
  return `${cursor.commit}/${cursor.prepare}`;
}

export function parseCursor(text: string): LogCursor {
  const [commit, prepare] = text.split('/');
  return { commit: BigInt(commit ?? '0'), prepare: BigInt(prepare ?? commit ?? '0') };
}

function laterCursor(a: LogCursor | undefined, b: LogCursor | undefined): LogCursor | null {
  if (a === undefined) return b ?? null;
  if (b === undefined) return a;
  if (a.commit !== b.commit) return a.commit > b.commit ? a : b;
  return a.prepare >= b.prepare ? a : b;
}

/** The subject ids an event names (its own stream's, and the issue a view or outcome is on). */
function subjectOf(e: Envelope): ChangeSubject {
  const data = e.event.data as Record<string, unknown>;
  const pick = (name: string): string | undefined =>
    typeof data[name] === 'string' ? (data[name] as string) : undefined;
  const subject: Record<string, string> = {};
  for (const name of ['processId', 'issueId', 'consultationId', 'sessionId'] as const) {
    const id = pick(name);
    if (id !== undefined) subject[name] = id;
  }
  const home = homeKeyOf(e.streamName);
  if (home !== undefined) {
    const [kind, id] = [home.slice(0, home.indexOf(':')), home.slice(home.indexOf(':') + 1)];
    const name = `${kind}Id`;
    if (subject[name] === undefined) subject[name] = id;
  }
  return subject;
}

/**
 * One page of the feed, in record order. Reading stops at `limit` entries or after SCAN_BUDGET
 * envelopes, whichever comes first; `next` then says where to go on.
 */
export function changesPage(source: ChangesSource, query: ChangesQuery, reader: Reader): ChangesPage {
  const since = query.since;
  let cursor = laterCursor(query.after, since !== undefined && 'after' in since ? since.after : undefined);
  const from = since !== undefined && 'instant' in since ? since.instant : undefined;
  const kinds = query.kinds === undefined || query.kinds.length === 0 ? null : new Set<string>(query.kinds);

  // Per request: valid times in context per key, each issue's process, each issue's history.
  // Dated among every entry of its key, retracted ones included: a retracted view still happened at
  // its meeting (valid-time.ts, datedInContext).
  const dated = new Map<string, Map<string, string>>();
  const validAtOf = (e: Envelope): string => {
    const key = homeKeyOf(e.streamName);
    if (key === undefined) return e.validAt;
    let m = dated.get(key);
    if (m === undefined) {
      m = new Map(datedInContext(source.index.envelopesOf(key)).map((d) => [d.eventId, d.validAt]));
      dated.set(key, m);
    }
    return m.get(e.eventId) ?? e.validAt;
  };
  const processOfIssue = new Map<string, string | null>();
  const processOf = (issueId: string): string | null => {
    let p = processOfIssue.get(issueId);
    if (p === undefined) {
      const registered = source.index.envelopesOf(issueKey(issueId)).find((e) => e.event.type === 'IssueRegistered');
      p = registered?.event.type === 'IssueRegistered' ? registered.event.data.processId : null;
      processOfIssue.set(issueId, p);
    }
    return p;
  };
  const histories = new Map<string, Map<string, PositionHistoryEntry>>();
  const historyEntry = (issueId: string, eventId: string): PositionHistoryEntry | undefined => {
    let h = histories.get(issueId);
    if (h === undefined) {
      h = new Map((source.models.history(issueId, EVERYTHING, reader) ?? []).map((entry) => [entry.eventId, entry]));
      histories.set(issueId, h);
    }
    return h.get(eventId);
  };
  // A retraction names its target by id: the target is in the same stream.
  const targetOf = (e: Envelope, targetId: string): Envelope | undefined => {
    const key = homeKeyOf(e.streamName);
    return key === undefined
      ? undefined
      : source.index.envelopesOf(key).find((t) => t.streamName === e.streamName && t.eventId === targetId);
  };

  /** Its own process, its issue's, or (a consultation convened with no process) one of its agenda issues'. */
  const inProcess = (e: Envelope, subject: ChangeSubject, processId: string): boolean => {
    if (subject.processId !== undefined) return subject.processId === processId;
    if (subject.issueId !== undefined) return processOf(subject.issueId) === processId;
    if (e.event.type === 'ConsultationConvened')
      return e.event.data.agenda.some((issueId) => processOf(issueId) === processId);
    return false;
  };

  const changes: ChangeEntry[] = [];
  let scanned = 0;
  let more = false;
  scan: for (;;) {
    const page = source.index.after(
      cursor === null ? null : { commit: cursor.commit, prepare: cursor.prepare },
      SCAN_PAGE,
    );
    if (page.length === 0) break;
    for (const e of page) {
      if (changes.length >= query.limit || scanned >= SCAN_BUDGET) {
        more = true;
        break scan;
      }
      scanned += 1;
      cursor = { commit: e.commit, prepare: e.prepare };
      const entry = entryFor(e);
      if (entry !== null) changes.push(entry);
    }
  }
  return { changes, next: more && cursor !== null ? cursorText(cursor) : null };

  function entryFor(e: Envelope): ChangeEntry | null {
    const kind = KIND_OF_TYPE[e.event.type];
    if (kind === undefined) return null;
    if (kinds !== null && !kinds.has(kind)) return null;
    const consultationId = consultationOfStream(e.streamName);
    if (consultationId !== undefined && !reader.sees(consultationId)) return null;
    const validAt = validAtOf(e);
    const at = query.axis === 'valid' ? validAt : e.recordedAt;
    if (from !== undefined && at < from) return null;
    if (query.until !== undefined && at > query.until) return null;
    // A retraction is about what it takes back (a view's issue, say) as well as its own stream.
    const target = e.event.type === 'EntryRetracted' ? targetOf(e, e.event.data.targetEventId) : undefined;
    const subject = target === undefined ? subjectOf(e) : { ...subjectOf(target), ...subjectOf(e) };
    if (query.issueId !== undefined && subject.issueId !== query.issueId) return null;
    if (query.processId !== undefined && !inProcess(e, subject, query.processId)) return null;
    if (query.agency !== undefined) {
      const about = ((target ?? e).event.data as { agency?: unknown }).agency;
      if (e.metadata.actor.agency !== query.agency && about !== query.agency) return null;
    }
    let extra: Pick<ChangeEntry, 'comparedWith' | 'changes' | 'retracts'> = {};
    if ((kind === 'drafted' || kind === 'endorsed') && subject.issueId !== undefined) {
      const h = historyEntry(subject.issueId, e.eventId);
      if (h !== undefined) extra = { comparedWith: h.comparedWith, changes: h.changes };
    }
    if (e.event.type === 'EntryRetracted')
      extra = { retracts: { eventId: e.event.data.targetEventId, type: target?.event.type ?? null } };
    return {
      eventId: e.eventId,
      kind,
      type: e.event.type,
      streamName: e.streamName,
      position: { commit: e.commit.toString(), prepare: e.prepare.toString() },
      recordedAt: e.recordedAt,
      validAt,
      actor: { agency: e.metadata.actor.agency, role: e.metadata.actor.role },
      subject,
      ...extra,
      data: e.event.data,
      source: sourceOf(e.metadata),
    };
  }
}
