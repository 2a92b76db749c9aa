// As-of queries over the read index (ADR 0009): each answer folds only the envelopes of the keys it
// needs, selected for (validAt, knownAt). Folds knowing everything are cached per key until the key
// receives an envelope, a few valid-time intervals each (see `fold`). Every answer is for a reader
// (withheld.ts, ADR 0018): what the reader may not see of a classified consultation is left out.
import {
  agencyViews,
  alignmentRows,
  briefIssue,
  briefRecord,
  consultationKey,
  consultationRegister,
  consultationView,
  currentPosition,
  currentPositionView,
  foldAll,
  followUpViews,
  followUps,
  historyEntries,
  inputOf,
  issueKey,
  participation,
  positionHistory,
  processCatalog,
  processKey,
  selectAsOf,
  sessionBrief,
  sessionCalendar,
  sessionKey,
  sessionStart,
  type AlignmentRow,
  type AsOf,
  type ConsultationView,
  type CurrentPositionView,
  type Envelope,
  type FollowUpView,
  type PositionHistoryEntry,
  type Participation,
  type Projection,
  type SessionBrief,
  type ProcessCatalogState,
  type SessionStatus,
  sessionStatus,
  sessionStatusUntil,
  overdueFrom,
} from '../../projections/index.js';
import type { EventData } from '../../contracts/events/index.js';
import { dateInZone, startOfDay } from '../../contracts/dates.js';
import { classificationRank, type Classification } from '../../contracts/classification.js';
import type { ReadIndex } from './read-index.js';
import { Lru } from './lru.js';
import { noteUntil, type AnswerUntil } from './answer-until.js';
import {
  EVERY_READER,
  historyFor,
  positionFor,
  registerFor,
  withheldConsultation,
  type Reader,
  type WithheldConsultation,
} from './withheld.js';

export interface ReadModels {
  positions(asOf: AsOf, reader?: Reader): CurrentPositionView[];
  position(issueId: string, asOf: AsOf, reader?: Reader): CurrentPositionView | null;
  history(issueId: string, asOf: AsOf, reader?: Reader): PositionHistoryEntry[] | null;
  alignment(asOf: AsOf, filter?: { issueId?: string; agency?: string }, reader?: Reader): AlignmentRow[];
  consultations(asOf: AsOf, reader?: Reader): { consultations: ConsultationView[]; participation: Participation[] };
  /**
   * A consultation the reader may not see is its marker, whatever the point asked for. `until`: notes the first day a
   * follow-up of it turns overdue after the one asked about (answer-until.ts).
   */
  consultation(
    id: string,
    asOf: AsOf,
    reader?: Reader,
    until?: AnswerUntil,
  ): ConsultationView | WithheldConsultation | null;
  /** `until`: notes the first instant after the one asked about at which the session's status changes. */
  brief(sessionId: string, asOf: AsOf, reader?: Reader, until?: AnswerUntil): SessionBrief | null;
  /**
   * Follow-ups recorded on issues (one issue's with `issueId`), where they stand as of the point asked. None is
   * classified.
   */
  followUps(asOf: AsOf, filter?: { issueId?: string }): FollowUpView[];
  /**
   * The marking of a consultation as a whole: the highest on its ConsultationConvened, retracted or not (unclassified
   * when none).
   */
  consultationLevel(id: string): Classification;
  /**
   * The revision of each of a subject's own streams as known at the query's knownAt (null: none yet): what its writes
   * take as If-Match.
   */
  revisions(subject: RevisionSubject, asOf: AsOf): Revisions;
  /** Every read model at once, for replay comparison. */
  snapshotAll(asOf: AsOf): AllReadModels;
  /** Negotiation processes with their milestones, issues and sessions (in first-registered order). */
  processes(asOf: AsOf): ProcessView[];
  process(processId: string, asOf: AsOf): ProcessView | null;
  /** Sessions by their first day. */
  sessions(asOf: AsOf): SessionView[];
  session(sessionId: string, asOf: AsOf): SessionView | null;
}

export interface ProcessView extends EventData<'NegotiationProcessRegistered'> {
  /** Milestones in force at the query, by date. */
  readonly milestones: ProcessCatalogState['milestones'];
  readonly issueIds: readonly string[];
  readonly sessionIds: readonly string[];
}

export interface SessionView {
  readonly sessionId: string;
  readonly processId: string;
  readonly number: number | null;
  readonly title: EventData<'SessionScheduled'>['title'];
  readonly venue: EventData<'SessionScheduled'>['venue'];
  readonly from: string;
  readonly to: string;
  readonly format: EventData<'SessionScheduled'>['format'];
  /** upcoming, in-session or ended, at the query's valid time. */
  readonly status: SessionStatus;
  readonly concluded: { readonly on: string; readonly result: EventData<'SessionConcluded'>['result'] } | null;
  /** The agenda: the issues of its process (as known at the query, whatever their valid time). */
  readonly issueIds: readonly string[];
}

/** A subject whose writes take If-Match: an issue (its issue and position streams), a consultation, a session. */
export interface RevisionSubject {
  readonly kind: 'issue' | 'consultation' | 'session';
  readonly id: string;
}

/** Stream name -> revision (decimal), null for a stream with no event yet. */
export type Revisions = Record<string, string | null>;

export interface AllReadModels {
  positions: CurrentPositionView[];
  histories: Record<string, PositionHistoryEntry[]>;
  alignment: AlignmentRow[];
  consultations: ConsultationView[];
  briefs: Record<string, SessionBrief>;
}

export interface ReadModelOptions {
  /** Folds "as of everything known" kept per (projection, key), least recently used forgotten first. */
  cachedFolds?: number;
}

/** A valid time after every other: "whatever its valid time". */
const END_OF_TIME = '9999-12-31T23:59:59.999Z';

/**
 * Valid-time intervals whose fold a (projection, key) keeps: "now" and a few dates asked before (a brief's session
 * start).
 */
const INTERVALS_PER_KEY = 4;

/**
 * A fold knowing everything, valid anywhere in [from, until): the key's standing entries, dated in
 * context and in canonical order, are a list sorted by valid time, and the selection for any valid
 * time is a prefix of it, the same prefix throughout the interval between two entries' valid times.
 */
interface Interval {
  readonly from: string;
  /** null: after the last entry. */
  readonly until: string | null;
  readonly state: unknown;
}

export function createReadModels(index: ReadIndex, options: ReadModelOptions = {}): ReadModels {
  const cache = new Lru<string, { version: number; intervals: Interval[] }>(options.cachedFolds ?? 50_000);
  // Every projection of a key sees the same entries: the standing ones in canonical order, selected
  // once per version of the key. With an index file the cache is small (it would otherwise keep
  // envelopes the index's own cache has let go): it spares the selection when one answer folds the
  // same key with several projections. In memory it costs only pointers.
  const selections = new Lru<string, { version: number; envelopes: readonly Envelope[] }>(
    options.cachedFolds === 0 ? 0 : index.persistent ? 256 : Number.POSITIVE_INFINITY,
  );
  const levels = new Lru<string, { version: number; level: Classification }>(options.cachedFolds ?? 50_000);
  const revisionCache = new Lru<string, { version: number; revisions: Revisions }>(options.cachedFolds ?? 50_000);

  const standing = (key: string, version: number): readonly Envelope[] => {
    const hit = selections.get(key);
    if (hit !== undefined && hit.version === version) return hit.envelopes;
    const envelopes = selectAsOf(index.envelopesOf(key), { validAt: END_OF_TIME, knownAt: null });
    selections.set(key, { version, envelopes });
    return envelopes;
  };

  function fold<S>(key: string, projection: Projection<S>, asOf: AsOf): S | null {
    const known = index.stateOf(key);
    if (known === null || known.version === 0) return null;
    // Knowing less than everything (the recorded axis in the past): folded for the question alone.
    if (asOf.knownAt !== null && asOf.knownAt < known.maxRecorded)
      return foldAll(projection, selectAsOf(index.envelopesOf(key), asOf)).state;
    const at = asOf.validAt;
    const cacheKey = `${projection.name}|${key}`;
    const version = known.version;
    let cached = cache.get(cacheKey);
    if (cached !== undefined && cached.version === version) {
      const hit = cached.intervals.find((i) => at >= i.from && (i.until === null || at < i.until));
      if (hit !== undefined) return hit.state as S;
    } else cached = undefined;
    const all = standing(key, version);
    const n = endOfValid(all, at);
    const state = foldAll(projection, n === all.length ? all : all.slice(0, n)).state;
    const interval: Interval = { from: all[n - 1]?.validAt ?? '', until: all[n]?.validAt ?? null, state };
    cache.set(cacheKey, {
      version,
      intervals: [interval, ...(cached?.intervals ?? []).slice(0, INTERVALS_PER_KEY - 1)],
    });
    return state;
  }

  const consultationLevel = (id: string): Classification => {
    const key = consultationKey(id);
    const version = index.versionOf(key);
    const hit = levels.get(key);
    if (hit !== undefined && hit.version === version) return hit.level;
    let level: Classification = 'unclassified';
    for (const e of index.envelopesOf(key)) {
      if (
        e.event.type === 'ConsultationConvened' &&
        classificationRank(e.event.data.classification) > classificationRank(level)
      )
        level = e.event.data.classification;
    }
    levels.set(key, { version, level });
    return level;
  };

  const positionOf = (issueId: string, asOf: AsOf, reader: Reader = EVERY_READER): CurrentPositionView | null => {
    const state = fold(issueKey(issueId), currentPosition, asOf);
    if (state === null || (state.issue === null && state.drafts === null)) return null;
    const view = currentPositionView(issueId, state);
    if (reader === EVERY_READER) return view;
    // A basis event the point asked for does not resolve: its consultation, as far as the ledger knows at R.
    const consultationOfInput = (eventId: string): string | undefined => {
      const everything = fold(issueKey(issueId), currentPosition, { validAt: END_OF_TIME, knownAt: asOf.knownAt });
      return everything === null ? undefined : inputOf(everything, eventId)?.consultationId;
    };
    return positionFor(reader, view, consultationOfInput);
  };

  const alignmentOf = (issueId: string, asOf: AsOf, reader: Reader = EVERY_READER): AlignmentRow[] => {
    // Agency alignment = the views over the current position: the position half is the current
    // position's own fold (cached when the query sees the whole key), not a second fold of it.
    const key = issueKey(issueId);
    const views = fold(key, agencyViews, asOf);
    const position = fold(key, currentPosition, asOf);
    return views === null || position === null ? [] : alignmentRows(issueId, { views, position }, reader.sees);
  };

  const consultationOf = (id: string, asOf: AsOf, until?: AnswerUntil): ConsultationView | null => {
    const key = consultationKey(id);
    const state = fold(key, consultationRegister, asOf);
    if (state === null) return null;
    const date = dateInZone(asOf.validAt);
    // Its follow-ups are overdue by the date asked about (in Bangkok): the answer holds until the next turns overdue.
    // Everything else of it is selected by the events' clocks (upcoming until the ConsultationConvened's valid time).
    if (until !== undefined) {
      const day = overdueFrom(state, date);
      noteUntil(until, day === null ? null : startOfDay(day));
    }
    if (state.convened !== null) return consultationView(id, state, date);
    // Convened (as known at R) for a day after the one asked about, and on the ledger by then: upcoming.
    const convened = fold(key, consultationRegister, { validAt: END_OF_TIME, knownAt: asOf.knownAt })?.convened ?? null;
    if (convened === null || convened.recordedAt > asOf.validAt) return null;
    return consultationView(id, { ...state, convened }, date, true);
  };

  const briefOf = (
    sessionId: string,
    asOf: AsOf,
    reader: Reader = EVERY_READER,
    until?: AnswerUntil,
  ): SessionBrief | null => {
    const session = fold(sessionKey(sessionId), sessionCalendar, asOf);
    if (session === null || session.scheduled === null) return null;
    // The one thing of a brief that compares the point asked with its dates: the session's status (sessionBrief).
    // Its positions, follow-ups and statements are taken at the session's start, a date of its own.
    noteUntil(until, sessionStatusUntil(session, asOf.validAt));
    const start = sessionStart(session);
    // Positions in force at the session's start, as known at R (ADR 0009).
    const at: AsOf = start !== null ? { validAt: start, knownAt: asOf.knownAt } : asOf;
    // Which issues the process has, as known at R whatever their valid time: an issue registered
    // (typed in) late still belongs in the brief if it has a position in force at the start.
    const process = fold(processKey(session.scheduled.processId), processCatalog, {
      validAt: END_OF_TIME,
      knownAt: asOf.knownAt,
    });
    const startDate = start === null ? null : dateInZone(start, session.venue?.timeZone);
    const issues = (process?.issueIds ?? []).flatMap((issueId) => {
      const position = positionOf(issueId, at, reader);
      if (position === null) return [];
      const record = briefRecord(
        selectAsOf(index.envelopesOf(issueKey(issueId)), at),
        sessionId,
        startDate,
        reader.sees,
      );
      return [briefIssue(position, alignmentOf(issueId, at, reader), record)];
    });
    return sessionBrief(sessionId, session, asOf.validAt, at.validAt, issues);
  };

  const revisionsOf = (subject: RevisionSubject, asOf: AsOf): Revisions => {
    const key =
      subject.kind === 'issue'
        ? issueKey(subject.id)
        : subject.kind === 'consultation'
          ? consultationKey(subject.id)
          : sessionKey(subject.id);
    const streams =
      subject.kind === 'issue' ? [`issue-${subject.id}`, `position-${subject.id}`] : [`${subject.kind}-${subject.id}`];
    const known = index.stateOf(key);
    const everything = known === null || asOf.knownAt === null || asOf.knownAt >= known.maxRecorded;
    const version = known?.version ?? 0;
    if (everything) {
      const hit = revisionCache.get(key);
      if (hit !== undefined && hit.version === version) return hit.revisions;
    }
    // A key also holds other streams' events (a view on the issue is its consultation's); each own stream's latest
    // revision known at R.
    const latest = new Map<string, bigint>();
    for (const e of known === null ? [] : index.envelopesOf(key)) {
      if (!streams.includes(e.streamName) || (!everything && asOf.knownAt !== null && e.recordedAt > asOf.knownAt))
        continue;
      const before = latest.get(e.streamName);
      if (before === undefined || e.revision > before) latest.set(e.streamName, e.revision);
    }
    const revisions: Revisions = {};
    for (const stream of streams) revisions[stream] = latest.get(stream)?.toString() ?? null;
    if (everything) revisionCache.set(key, { version, revisions });
    return revisions;
  };

  const processOf = (processId: string, asOf: AsOf): ProcessView | null => {
    const state = fold(processKey(processId), processCatalog, asOf);
    if (state === null || state.registered === null) return null;
    const milestones = [...state.milestones].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
    return { ...state.registered, milestones, issueIds: state.issueIds, sessionIds: state.sessionIds };
  };

  const sessionOf = (sessionId: string, asOf: AsOf): SessionView | null => {
    const state = fold(sessionKey(sessionId), sessionCalendar, asOf);
    const s = state?.scheduled ?? null;
    if (state === null || s === null) return null;
    // The agenda is its process's issues as known at R, as the brief takes them.
    const process = fold(processKey(s.processId), processCatalog, { validAt: END_OF_TIME, knownAt: asOf.knownAt });
    return {
      sessionId,
      processId: s.processId,
      number: s.number ?? null,
      title: s.title,
      venue: state.venue ?? s.venue,
      from: state.from ?? s.from,
      to: state.to ?? s.to,
      format: s.format,
      status: sessionStatus(state, asOf.validAt),
      concluded: state.concluded === null ? null : { on: state.concluded.on, result: state.concluded.result },
      issueIds: process?.issueIds ?? [],
    };
  };

  const models: ReadModels = {
    processes: (asOf) =>
      index.idsOf('process').flatMap((id) => {
        const p = processOf(id, asOf);
        return p === null ? [] : [p];
      }),
    process: processOf,
    sessions(asOf) {
      const sessions = index.idsOf('session').flatMap((id) => {
        const s = sessionOf(id, asOf);
        return s === null ? [] : [s];
      });
      return sessions.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.sessionId < b.sessionId ? -1 : 1));
    },
    session: sessionOf,
    positions: (asOf, reader) =>
      index.idsOf('issue').flatMap((id) => {
        const p = positionOf(id, asOf, reader);
        return p === null ? [] : [p];
      }),
    position: positionOf,
    history(issueId, asOf, reader = EVERY_READER) {
      const state = fold(issueKey(issueId), positionHistory, asOf);
      if (state === null || state.length === 0) return null;
      const entries = historyEntries(state);
      return reader === EVERY_READER ? entries.slice() : historyFor(reader, entries);
    },
    alignment(asOf, filter = {}, reader = EVERY_READER) {
      const ids = filter.issueId !== undefined ? [filter.issueId] : index.idsOf('issue');
      return ids
        .flatMap((id) => alignmentOf(id, asOf, reader))
        .filter((row) => filter.agency === undefined || row.agency === filter.agency);
    },
    consultations(asOf, reader = EVERY_READER) {
      const consultations = index.idsOf('consultation').flatMap((id) => {
        const c = consultationOf(id, asOf);
        return c === null ? [] : [c];
      });
      consultations.sort((a, b) =>
        (a.heldOn ?? '') < (b.heldOn ?? '') ? -1 : (a.heldOn ?? '') > (b.heldOn ?? '') ? 1 : 0,
      );
      return reader === EVERY_READER
        ? { consultations, participation: participation(consultations) }
        : registerFor(reader, consultations);
    },
    consultation(id, asOf, reader = EVERY_READER, until) {
      if (!reader.sees(id))
        return index.stateOf(consultationKey(id)) === null ? null : withheldConsultation(reader, id);
      return consultationOf(id, asOf, until);
    },
    brief: briefOf,
    followUps(asOf, filter = {}) {
      const ids = filter.issueId !== undefined ? [filter.issueId] : index.idsOf('issue');
      const date = dateInZone(asOf.validAt);
      return ids.flatMap((id) => {
        const state = fold(issueKey(id), followUps, asOf);
        return state === null ? [] : followUpViews(state, date);
      });
    },
    consultationLevel,
    revisions: revisionsOf,
    snapshotAll(asOf) {
      const histories: Record<string, PositionHistoryEntry[]> = {};
      for (const id of index.idsOf('issue')) {
        const h = models.history(id, asOf);
        if (h !== null) histories[id] = h;
      }
      const briefs: Record<string, SessionBrief> = {};
      for (const id of index.idsOf('session')) {
        const b = briefOf(id, asOf);
        if (b !== null) briefs[id] = b;
      }
      return {
        positions: models.positions(asOf),
        histories,
        alignment: models.alignment(asOf),
        consultations: models.consultations(asOf).consultations,
        briefs,
      };
    },
  };
  return models;
}

/**
 * How many of these envelopes (in canonical order, so by valid time) are valid at `at`: the first index valid after it.
 */
function endOfValid(envelopes: readonly Envelope[], at: string): number {
  let lo = 0;
  let hi = envelopes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((envelopes[mid]?.validAt ?? '') <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
