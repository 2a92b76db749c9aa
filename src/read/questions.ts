// The questions the read side answers (ADR 0032): each takes the resolved time (`asOf` + axis) and
// the principal asking, and returns the answer redacted for that principal: consultations it may
// not see withheld (withheld.ts, ADR 0018), classified fields above its clearance redacted
// (redact.ts). What a route adds is HTTP: instants in Bangkok time, the ETag, 304.
import { ContractError } from '../../contracts/errors.js';
import { asOfInstant } from '../../contracts/dates.js';
import type { LogPosition } from '../../contracts/log-position.js';
import type { Classification } from '../../contracts/classification.js';
import type { FollowUpStatus } from '../../contracts/enums.js';
import type { Principal } from '../../contracts/principal.js';
import { asOfFor, type AsOf, type Axis } from '../../projections/as-of.js';
import { keysOf } from '../../projections/routing.js';
import type { Envelope } from '../../projections/envelope.js';
import type { LedgerStore } from '../store/adapter.js';
import type { AnswerUntil } from './answer-until.js';
import { auditEvents, type AuditFilter, type AuditPage } from './audit-log.js';
import type { AuditReplays, ReplayReport } from './audit-replay.js';
import { briefText as renderBrief } from './brief-text.js';
import { issueList, type IssueFilter } from './catalog.js';
import { changesPage, type ChangesQuery } from './changes.js';
import { comparePosition } from './compare.js';
import { ConflictingReadTime, InvalidAsOf, ReadNotReady } from './errors.js';
import type { Checkpoint } from './index-file.js';
import { localInstants, withOffset } from './instants.js';
import { projectorLag, readiness, type HeadPosition, type Readiness, type ReadinessLag } from './lag.js';
import type { Projector, ProjectorStatus } from './projector.js';
import type { ReadIndex } from './read-index.js';
import type { ReadModels, RevisionSubject } from './read-models.js';
import { redact } from './redact.js';
import type { SearchPage, SearchQuery } from './search-index.js';
import { readerOf, type Reader } from './withheld.js';

/** The time a question is asked for: `asOf` and `axis` resolved (ADR 0009). */
export interface ReadAt {
  readonly asOf: AsOf;
  /** The UTC ISO instant asOf resolved to ("now" when none was given). */
  readonly instant: string;
  readonly axis: Axis;
}

/**
 * What a reader sends: asOf as typed (ISO instant, ISO date, Thai date) on one axis, or validAt and
 * knownAt together (both clocks, ADR 0009), and a commit position to wait for.
 */
export interface ReadRequest {
  readonly asOf?: string | undefined;
  readonly axis?: Axis | undefined;
  readonly validAt?: string | undefined;
  readonly knownAt?: string | undefined;
  readonly minPosition?: string | undefined;
}

/** Which sessions a reader lists (GET /v1/sessions). */
export interface SessionFilter {
  readonly processId?: string | undefined;
  /** upcoming: not ended at asOf (in session included); past: ended. */
  readonly when?: 'upcoming' | 'past' | undefined;
  /** Part of the city, place or country, any case. */
  readonly venue?: string | undefined;
}

/** Who asks: what of classified consultations and fields it may see. */
export type Asker = Pick<Principal, 'clearance'>;

/** An event of the live feed (GET /v1/live): where it is, its stream, type, clocks and keys; never its data. */
export interface LiveEvent {
  readonly position: { readonly commit: string; readonly prepare: string };
  readonly stream: string;
  readonly type: string;
  readonly recordedAt: string;
  readonly validAt: string;
  readonly keys: readonly string[];
}

export interface ReadQuestions {
  /**
   * asOf/axis resolved, once the read side can answer: past minPosition when given (waiting up to
   * MIN_POSITION_WAIT_MS), else done with its first catch-up. Throws InvalidAsOf, ReadNotReady.
   */
  resolve(request: ReadRequest, now?: () => Date): Promise<ReadAt>;
  /**
   * What `resolve` resolves to, at once, when it would not wait (no minPosition, the first catch-up done); undefined
   * otherwise (then `resolve`). For a hot read, without a promise.
   */
  resolveNow(request: ReadRequest, now?: () => Date): ReadAt | undefined;
  positions(at: ReadAt, asker: Asker): Record<string, unknown>;
  /** null: the issue is not on the ledger as of that point. */
  position(issueId: string, at: ReadAt, asker: Asker): Record<string, unknown> | null;
  history(issueId: string, at: ReadAt, asker: Asker): Record<string, unknown> | null;
  alignment(at: ReadAt, filter: { issueId?: string; agency?: string }, asker: Asker): Record<string, unknown>;
  consultations(at: ReadAt, asker: Asker): Record<string, unknown>;
  /**
   * `until`, when given, notes the first instant after `at` at which a date in the answer's data makes it differ
   * (answer-until.ts, ADR 0074): for a consultation, a follow-up turning overdue; for a brief, its session's status.
   */
  consultation(id: string, at: ReadAt, asker: Asker, until?: AnswerUntil): Record<string, unknown> | null;
  brief(sessionId: string, at: ReadAt, asker: Asker, until?: AnswerUntil): Record<string, unknown> | null;
  /** The brief as plain text, Thai with English beneath (brief-text.ts), as the asker may read it. */
  briefText(sessionId: string, at: ReadAt, asker: Asker, until?: AnswerUntil): string | null;
  processes(at: ReadAt, asker: Asker): Record<string, unknown>;
  process(processId: string, at: ReadAt, asker: Asker): Record<string, unknown> | null;
  sessions(at: ReadAt, filter: SessionFilter, asker: Asker): Record<string, unknown>;
  session(sessionId: string, at: ReadAt, asker: Asker): Record<string, unknown> | null;
  /** Issues with the stance in force, pending draft and diverging agencies, filtered (catalog.ts). */
  issues(at: ReadAt, filter: IssueFilter, asker: Asker): Record<string, unknown>;
  followUps(
    at: ReadAt,
    filter: { readonly issueId?: string | undefined; readonly status?: FollowUpStatus | undefined },
    asker: Asker,
  ): Record<string, unknown>;
  /**
   * The position on an issue at `from` (an instant, on the axis of `at`) and at `at`, diffed (compare.ts); null: not on
   * the ledger.
   */
  compare(issueId: string, from: string, at: ReadAt, asker: Asker): Record<string, unknown> | null;
  /** A page of what changed (changes.ts); the query carries its own since/until and axis. */
  changes(query: ChangesQuery, asker: Asker): Record<string, unknown>;
  /** Texts matching `query.q`, ranked and paged, as the asker may read them (search-index.ts). */
  search(query: SearchQuery, asker: Asker): Record<string, unknown>;
  /** A consultation's marking (ADR 0018): what it recorded counts at that level. */
  consultationLevel(consultationId: string): Classification;
  /** A page of the raw log (audit-log.ts); `after` is a cursor from a page's `next`. */
  auditEvents(filter: AuditFilter, after: LogPosition | null, limit: number, asker: Asker): AuditPage;
  /**
   * A full replay compared with the live read models (audit-replay.ts); rejects with ReplayInProgress while one runs.
   */
  auditReplay(at: ReadAt, asker: Asker): Promise<Record<string, unknown>>;
  /** How far the projector is behind `head` (the store's last position). */
  lag(head: HeadPosition | null): Promise<ReadinessLag>;
  /** Whether the read side can serve (/readyz), with its lag. */
  readiness(head: HeadPosition | null): Promise<Readiness>;
  /** The projector's state (where it is, caught up, connected). */
  status(): ProjectorStatus;
  /**
   * For caches of answers (ADR 0045): the index's size, which changes with every event it files, and up to when an
   * answer about `instant` stays the same while it does not (read-index.ts clockAfter).
   */
  answerSpan(instant: string): AnswerSpan;
  /**
   * The ledger events after `after` (null: from the start) in commit order, at most `limit`, as the live feed shows
   * them.
   */
  liveEvents(after: Checkpoint | null, limit: number): Array<{ readonly at: Checkpoint; readonly event: LiveEvent }>;
  /** How many events the read side holds after `after` (null: all of them). */
  countAfter(after: Checkpoint | null): number;
  /** Calls `listener` whenever the read side has reached a new position; returns the function that stops it. */
  onProgress(listener: (position: Checkpoint) => void): () => void;
}

/** See ReadQuestions.answerSpan. */
export interface AnswerSpan {
  readonly size: number;
  /** The first instant after `instant` the answer may differ at (null: none); undefined: the index cannot tell. */
  readonly until: string | null | undefined;
}

/** How long a read with minPosition waits for the projector. */
export const MIN_POSITION_WAIT_MS = 2000;

export interface QuestionParts {
  readonly store: Pick<LedgerStore, 'readAll'>;
  readonly index: ReadIndex;
  readonly models: ReadModels;
  readonly projector: Projector;
  readonly replays: AuditReplays;
  /** What "now" is for a question that names no point (default: the wall clock); tests move it. */
  readonly clock?: (() => Date) | undefined;
  /** Full-text search over the read index, up to date with it (read-side.ts). */
  search(query: SearchQuery, reader: Reader, clearance: Classification): SearchPage;
  /** Appended to the readiness detail while the read side warms its caches after a restart. */
  warming(): string;
}

export function liveEvent(e: Envelope): LiveEvent {
  return {
    position: { commit: e.commit.toString(), prepare: e.prepare.toString() },
    stream: e.streamName,
    type: e.event.type,
    recordedAt: e.recordedAt,
    validAt: e.validAt,
    // A retraction is also filed under its target's keys, which only the index knows: readers treat
    // an EntryRetracted as touching anything.
    keys: keysOf(e, () => []),
  };
}

/** A point in time a reader typed, as a UTC instant; InvalidAsOf naming the parameter it came in. */
function pointIn(parameter: string, input: string): string {
  try {
    return asOfInstant(input);
  } catch (error) {
    if (error instanceof ContractError) throw new InvalidAsOf(error, parameter);
    throw error;
  }
}

const instantNow = (now: (() => Date) | undefined): string => (now === undefined ? isoNow() : now().toISOString());

/** The time a request asks about (not yet whether the read side can answer for it). */
function pointOf(request: ReadRequest, now: (() => Date) | undefined): ReadAt {
  if (request.validAt !== undefined || request.knownAt !== undefined) {
    // "In force on D, as the ledger knew it at R" (ADR 0009); mixing the two forms is refused.
    if (request.asOf !== undefined) throw new ConflictingReadTime();
    const validAt = request.validAt === undefined ? instantNow(now) : pointIn('validAt', request.validAt);
    const knownAt = request.knownAt === undefined ? null : pointIn('knownAt', request.knownAt);
    return { asOf: { validAt, knownAt }, instant: validAt, axis: knownAt === null ? 'valid' : 'recorded' };
  }
  const instant = request.asOf === undefined ? instantNow(now) : pointIn('asOf', request.asOf);
  const axis = request.axis ?? 'valid';
  if (request.asOf === undefined && now === undefined) return nowOn(axis, instant);
  return { asOf: asOfFor(axis, instant), instant, axis };
}

/** The last point "now" on each axis: the requests of one millisecond share one (frozen: every reader gets it). */
const lastNow: Partial<Record<Axis, ReadAt>> = {};

function nowOn(axis: Axis, instant: string): ReadAt {
  const last = lastNow[axis];
  if (last?.instant === instant) return last;
  const at: ReadAt = Object.freeze({ asOf: Object.freeze(asOfFor(axis, instant)), instant, axis });
  lastNow[axis] = at;
  return at;
}

let nowMs = Number.NaN;
let nowText = '';

/** Now as an ISO instant: the requests of one millisecond share one string (a hot read asks for it every time). */
function isoNow(): string {
  const ms = Date.now();
  if (ms !== nowMs) {
    nowText = new Date(ms).toISOString();
    nowMs = ms;
  }
  return nowText;
}

export function createQuestions(parts: QuestionParts): ReadQuestions {
  const { index, models, projector } = parts;
  const readerFor = (asker: Asker): Reader => readerOf(asker.clearance, models.consultationLevel);
  const revisions = (subject: RevisionSubject, at: ReadAt) => models.revisions(subject, at.asOf);
  const answer = <T>(value: T, asker: Asker): T => redact(value, asker.clearance);
  // One count at a time: probes (/readyz, a metrics scrape) that come while one runs share its answer, so probes
  // faster than a count (a projector far behind the store) do not stack reads of the store (ADR 0078).
  let lagUnderWay: Promise<ReadinessLag> | null = null;
  const sharedLag = (head: HeadPosition | null): Promise<ReadinessLag> =>
    (lagUnderWay ??= projectorLag(parts.store, projector.status(), head).finally(() => {
      lagUnderWay = null;
    }));

  const readable = async (minPosition: string | undefined): Promise<void> => {
    if (
      minPosition !== undefined
        ? await projector.waitFor(BigInt(minPosition), MIN_POSITION_WAIT_MS)
        : projector.status().caughtUp
    )
      return;
    const { position, eventsIndexed } = projector.status();
    throw new ReadNotReady(minPosition, position?.commit ?? null, eventsIndexed);
  };

  return {
    async resolve(request, now = parts.clock) {
      const at = pointOf(request, now);
      await readable(request.minPosition);
      return at;
    },
    resolveNow(request, now = parts.clock) {
      if (request.minPosition !== undefined || !projector.status().caughtUp) return undefined;
      return pointOf(request, now);
    },
    positions(at, asker) {
      return answer(
        {
          positions: models
            .positions(at.asOf, readerFor(asker))
            .map((p) => ({ ...p, revisions: revisions({ kind: 'issue', id: p.issueId }, at) })),
        },
        asker,
      );
    },
    position(issueId, at, asker) {
      const position = models.position(issueId, at.asOf, readerFor(asker));
      return position === null
        ? null
        : answer({ position: { ...position, revisions: revisions({ kind: 'issue', id: issueId }, at) } }, asker);
    },
    history(issueId, at, asker) {
      const history = models.history(issueId, at.asOf, readerFor(asker));
      return history === null
        ? null
        : answer({ issueId, history, revisions: revisions({ kind: 'issue', id: issueId }, at) }, asker);
    },
    alignment(at, filter, asker) {
      return answer({ alignment: models.alignment(at.asOf, filter, readerFor(asker)) }, asker);
    },
    consultations(at, asker) {
      const { consultations, participation } = models.consultations(at.asOf, readerFor(asker));
      return answer(
        {
          consultations: consultations.map((c) => ({
            ...c,
            revisions: revisions({ kind: 'consultation', id: c.consultationId }, at),
          })),
          participation,
        },
        asker,
      );
    },
    consultation(id, at, asker, until) {
      const consultation = models.consultation(id, at.asOf, readerFor(asker), until);
      if (consultation === null) return null;
      // A consultation the reader may not see is a marker (ADR 0018) without revisions.
      return answer(
        {
          consultation:
            'redacted' in consultation
              ? consultation
              : { ...consultation, revisions: revisions({ kind: 'consultation', id }, at) },
        },
        asker,
      );
    },
    brief(sessionId, at, asker, until) {
      const brief = models.brief(sessionId, at.asOf, readerFor(asker), until);
      if (brief === null) return null;
      // The instant positions are taken at is the session's opening at its venue: in the venue's time.
      const positionsAsOf =
        brief.positionsAsOf === null || brief.venue === null
          ? brief.positionsAsOf
          : withOffset(brief.positionsAsOf, brief.venue.timeZone);
      const issues = brief.issues.map((i) => ({ ...i, revisions: revisions({ kind: 'issue', id: i.issueId }, at) }));
      return answer(
        { brief: { ...brief, positionsAsOf, issues, revisions: revisions({ kind: 'session', id: sessionId }, at) } },
        asker,
      );
    },
    briefText(sessionId, at, asker, until) {
      const brief = models.brief(sessionId, at.asOf, readerFor(asker), until);
      if (brief === null) return null;
      const positionsAsOf =
        brief.positionsAsOf === null || brief.venue === null
          ? brief.positionsAsOf
          : withOffset(brief.positionsAsOf, brief.venue.timeZone);
      return renderBrief(localInstants(answer({ ...brief, positionsAsOf }, asker)));
    },
    processes(at, asker) {
      return answer({ processes: models.processes(at.asOf) }, asker);
    },
    process(processId, at, asker) {
      const process = models.process(processId, at.asOf);
      return process === null ? null : answer({ process }, asker);
    },
    sessions(at, filter, asker) {
      const { processId, when } = filter;
      const place = filter.venue?.toLowerCase();
      const sessions = models
        .sessions(at.asOf)
        .filter((s) => processId === undefined || s.processId === processId)
        .filter((s) => when === undefined || (when === 'past') === (s.status === 'ended'))
        .filter(
          (s) =>
            place === undefined ||
            `${s.venue.city} ${s.venue.place ?? ''} ${s.venue.country ?? ''}`.toLowerCase().includes(place),
        )
        .map((s) => ({ ...s, brief: `/v1/sessions/${s.sessionId}/brief` }));
      return answer({ sessions }, asker);
    },
    session(sessionId, at, asker) {
      const session = models.session(sessionId, at.asOf);
      if (session === null) return null;
      return answer(
        {
          session: {
            ...session,
            brief: `/v1/sessions/${sessionId}/brief`,
            revisions: revisions({ kind: 'session', id: sessionId }, at),
          },
        },
        asker,
      );
    },
    issues(at, filter, asker) {
      return answer({ issues: issueList(models, at.asOf, readerFor(asker), filter) }, asker);
    },
    followUps(at, filter, asker) {
      const { issueId, status } = filter;
      const followUps = models
        .followUps(at.asOf, issueId === undefined ? {} : { issueId })
        .filter((f) => status === undefined || f.status === status);
      return answer({ followUps }, asker);
    },
    compare(issueId, from, at, asker) {
      const comparison = comparePosition(models, issueId, asOfFor(at.axis, from), at.asOf, readerFor(asker));
      return comparison === null
        ? null
        : answer({ issueId, from: withOffset(from), to: withOffset(at.instant), comparison }, asker);
    },
    changes(query, asker) {
      return answer({ ...changesPage({ index, models }, query, readerFor(asker)) }, asker);
    },
    search(query, asker) {
      const page = parts.search(query, readerFor(asker), asker.clearance);
      return answer({ q: query.q, hits: page.hits, next: page.next }, asker);
    },
    consultationLevel: (consultationId) => models.consultationLevel(consultationId),
    auditEvents: (filter, after, limit, asker) =>
      auditEvents(index, filter, after, limit, readerFor(asker), asker.clearance),
    async auditReplay(at, asker) {
      const report: ReplayReport = await parts.replays.run(at.asOf, asker.clearance);
      return { replay: answer(report, asker) };
    },
    lag: (head) => sharedLag(head),
    async readiness(head) {
      const s = projector.status();
      return readiness(s, await sharedLag(head), parts.warming());
    },
    status: () => projector.status(),
    answerSpan: (instant) => ({ size: index.size, until: index.clockAfter(instant) }),
    liveEvents: (after, limit) =>
      index.after(after, limit).map((e) => ({ at: { commit: e.commit, prepare: e.prepare }, event: liveEvent(e) })),
    countAfter: (after) => index.size - (after === null ? 0 : index.countThrough(after)),
    onProgress: (listener) => projector.onProgress(listener),
  };
}
