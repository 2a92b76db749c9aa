// As-of queries over the read index (ADR 0009): each answer folds only the envelopes of the keys it
// needs, selected for (validAt, knownAt). The fold for "everything known, valid at or after the
// key's latest valid time" is cached per key until the key receives an envelope.
import {
  agencyViews,
  alignmentRows,
  briefIssue,
  consultationKey,
  consultationRegister,
  consultationView,
  currentPosition,
  currentPositionView,
  foldAll,
  historyEntries,
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
  type PositionHistoryEntry,
  type Participation,
  type Projection,
  type SessionBrief,
} from '../../projections/index.js';
import { dateInZone } from '../../contracts/dates.js';
import type { ReadIndex } from './read-index.js';
import { Lru } from './lru.js';

export interface ReadModels {
  positions(asOf: AsOf): CurrentPositionView[];
  position(issueId: string, asOf: AsOf): CurrentPositionView | null;
  history(issueId: string, asOf: AsOf): PositionHistoryEntry[] | null;
  alignment(asOf: AsOf, filter?: { issueId?: string; agency?: string }): AlignmentRow[];
  consultations(asOf: AsOf): { consultations: ConsultationView[]; participation: Participation[] };
  consultation(id: string, asOf: AsOf): ConsultationView | null;
  brief(sessionId: string, asOf: AsOf): SessionBrief | null;
  /** Every read model at once, for replay comparison. */
  snapshotAll(asOf: AsOf): AllReadModels;
}

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

export function createReadModels(index: ReadIndex, options: ReadModelOptions = {}): ReadModels {
  const cache = new Lru<string, { version: number; state: unknown }>(options.cachedFolds ?? 50_000);
  // Shared by the projections of one key between two of its versions. With an index file it is small
  // (it would otherwise keep envelopes the index's own cache has let go): it spares the selection
  // when one answer folds the same key with several projections. In memory it costs only pointers.
  const selections = new Lru<string, { version: number; envelopes: readonly Envelope[] }>(
    options.cachedFolds === 0 ? 0 : index.persistent ? 256 : Number.POSITIVE_INFINITY,
  );

  function fold<S>(key: string, projection: Projection<S>, asOf: AsOf): S | null {
    const known = index.stateOf(key);
    if (known === null || known.version === 0) return null;
    // The query sees every envelope of the key: the cached full fold is the answer, and neither
    // needs the key's envelopes read back.
    const complete = (asOf.knownAt === null || asOf.knownAt >= known.maxRecorded) && asOf.validAt >= known.maxValid;
    const cacheKey = `${projection.name}|${key}`;
    const version = known.version;
    if (complete) {
      const hit = cache.get(cacheKey);
      if (hit !== undefined && hit.version === version) return hit.state as S;
    }
    let selected: readonly Envelope[];
    if (complete) {
      // Every projection of the key sees the same complete selection: select once per version.
      const hit = selections.get(key);
      if (hit !== undefined && hit.version === version) selected = hit.envelopes;
      else {
        selected = selectAsOf(index.envelopesOf(key), asOf);
        selections.set(key, { version, envelopes: selected });
      }
    } else selected = selectAsOf(index.envelopesOf(key), asOf);
    const state = foldAll(projection, selected).state;
    if (complete) cache.set(cacheKey, { version, state });
    return state;
  }

  const positionOf = (issueId: string, asOf: AsOf): CurrentPositionView | null => {
    const state = fold(issueKey(issueId), currentPosition, asOf);
    if (state === null || (state.issue === null && state.drafts === null)) return null;
    return currentPositionView(issueId, state);
  };

  const alignmentOf = (issueId: string, asOf: AsOf): AlignmentRow[] => {
    // Agency alignment = the views over the current position: the position half is the current
    // position's own fold (cached when the query sees the whole key), not a second fold of it.
    const key = issueKey(issueId);
    const views = fold(key, agencyViews, asOf);
    const position = fold(key, currentPosition, asOf);
    return views === null || position === null ? [] : alignmentRows(issueId, { views, position });
  };

  const consultationOf = (id: string, asOf: AsOf): ConsultationView | null => {
    const state = fold(consultationKey(id), consultationRegister, asOf);
    if (state === null || state.convened === null) return null;
    return consultationView(id, state, dateInZone(asOf.validAt));
  };

  const briefOf = (sessionId: string, asOf: AsOf): SessionBrief | null => {
    const session = fold(sessionKey(sessionId), sessionCalendar, asOf);
    if (session === null || session.scheduled === null) return null;
    const start = sessionStart(session);
    // Positions in force at the session's start, as known at R (ADR 0009).
    const at: AsOf = start !== null ? { validAt: start, knownAt: asOf.knownAt } : asOf;
    // Which issues the process has, as known at R whatever their valid time: an issue registered
    // (typed in) late still belongs in the brief if it has a position in force at the start.
    const process = fold(processKey(session.scheduled.processId), processCatalog, { validAt: END_OF_TIME, knownAt: asOf.knownAt });
    const issues = (process?.issueIds ?? []).flatMap((issueId) => {
      const position = positionOf(issueId, at);
      return position === null ? [] : [briefIssue(position, alignmentOf(issueId, at))];
    });
    return sessionBrief(sessionId, session, at.validAt, issues);
  };

  const models: ReadModels = {
    positions: (asOf) => index.idsOf('issue').flatMap((id) => {
      const p = positionOf(id, asOf);
      return p === null ? [] : [p];
    }),
    position: positionOf,
    history(issueId, asOf) {
      const state = fold(issueKey(issueId), positionHistory, asOf);
      return state === null || state.length === 0 ? null : historyEntries(state).slice();
    },
    alignment(asOf, filter = {}) {
      const ids = filter.issueId !== undefined ? [filter.issueId] : index.idsOf('issue');
      return ids.flatMap((id) => alignmentOf(id, asOf)).filter((row) => filter.agency === undefined || row.agency === filter.agency);
    },
    consultations(asOf) {
      const consultations = index.idsOf('consultation').flatMap((id) => {
        const c = consultationOf(id, asOf);
        return c === null ? [] : [c];
      });
      consultations.sort((a, b) => ((a.heldOn ?? '') < (b.heldOn ?? '') ? -1 : (a.heldOn ?? '') > (b.heldOn ?? '') ? 1 : 0));
      return { consultations, participation: participation(consultations) };
    },
    consultation: consultationOf,
    brief: briefOf,
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
