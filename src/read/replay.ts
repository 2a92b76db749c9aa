// Full replay into a scratch index: every ledger event of $all from position 0 (up to a limit),
// through the same routing and projections as the live side. Used by POST /v1/audit/replay, the
// `ledger replay` command and the benchmark.
import type { LedgerStore } from '../store/adapter.js';
import { classificationRank, type Classification } from '../../contracts/classification.js';
import type { LogPosition } from '../../contracts/log-position.js';
import type { AsOf } from '../../projections/as-of.js';
import type { KeyKind } from '../../projections/routing.js';
import { createMemoryIndex, type ReadIndex } from './read-index.js';
import { createReadModels, type ReadModels } from './read-models.js';
import { prefetch } from './prefetch.js';
import { toEnvelope } from './to-envelope.js';
import { readerOf, type Reader } from './withheld.js';
import { CHECKPOINT_STREAM } from '../integrity/checkpoint-stream.js';

export interface ReplayResult {
  index: ReadIndex;
  events: number;
  rejected: number;
}

export interface ReplayOptions {
  /** Replay into this (empty) index, e.g. one kept in a scratch file; default a new in-memory index. */
  index?: ReadIndex;
  /** With an index kept in a file: flush it after this many events (default 10,000), so memory stays bounded. */
  flushEvery?: number;
  /** Stop after this commit position (inclusive). */
  upTo?: bigint;
  /** Stop at events recorded after this instant (ISO). */
  recordedUpTo?: string;
  onProgress?: (events: number) => void;
  /**
   * Give other work (a server's requests) a turn after working this long (ms), flushing what the
   * slice added first when the index is kept in a file. Default: none, as fast as it goes (the
   * `ledger replay` command, the benchmark's full replay).
   */
  sliceMs?: number;
}

/** How many events are replayed between two looks at the clock. */
const CLOCK_EVERY = 64;

export async function replayAll(
  store: Pick<LedgerStore, 'readAll'>,
  options: ReplayOptions = {},
): Promise<ReplayResult> {
  const index = options.index ?? createMemoryIndex();
  const flushEvery = options.flushEvery ?? 10_000;
  let events = 0;
  let rejected = 0;
  let unflushed = 0;
  let last: LogPosition | null = null;
  const flush = (): void => {
    if (last !== null && index.persistent) index.flush(last);
    unflushed = 0;
  };
  const sliceMs = options.sliceMs;
  let sliceEnds = sliceMs === undefined ? Number.POSITIVE_INFINITY : performance.now() + sliceMs;
  read: for await (const batch of prefetch(store.readAll({ from: 'start' }))) {
    for (const stored of batch) {
      if (sliceMs !== undefined && events % CLOCK_EVERY === 0 && performance.now() >= sliceEnds) {
        // A flush of a slice's worth of envelopes is short; one of flushEvery at once is not.
        if (unflushed > 0) flush();
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliceEnds = performance.now() + sliceMs;
      }
      if (options.upTo !== undefined && stored.position.commit > options.upTo) break read;
      // The Merkle log's checkpoints are about the ledger, not in it (ADR 0034): not read models' input.
      if (stored.streamName === CHECKPOINT_STREAM) continue;
      const parsed = toEnvelope(stored, index.interning);
      if (!parsed.ok) {
        rejected += 1;
        continue;
      }
      if (options.recordedUpTo !== undefined && parsed.envelope.recordedAt > options.recordedUpTo) break read;
      index.add(parsed.envelope);
      last = stored.position;
      events += 1;
      unflushed += 1;
      if (unflushed >= flushEvery) flush();
      if (options.onProgress !== undefined && events % 1000 === 0) options.onProgress(events);
    }
  }
  flush();
  options.onProgress?.(events);
  return { index, events, rejected };
}

export interface Difference {
  readonly path: string;
  readonly live: unknown;
  readonly rebuilt: unknown;
}

/** Structural differences between two JSON-like values (at most `limit`). */
export function differences(live: unknown, rebuilt: unknown, limit = 50, path = ''): Difference[] {
  const out: Difference[] = [];
  const walk = (a: unknown, b: unknown, at: string): void => {
    if (out.length >= limit) return;
    if (Object.is(a, b)) return;
    if (
      typeof a !== 'object' ||
      typeof b !== 'object' ||
      a === null ||
      b === null ||
      Array.isArray(a) !== Array.isArray(b)
    ) {
      out.push({ path: at || '/', live: a, rebuilt: b });
      return;
    }
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) walk(Reflect.get(a, key), Reflect.get(b, key), `${at}/${key}`);
  };
  walk(live, rebuilt, path);
  return out;
}

/**
 * The index as it was at a commit position: each key's envelopes at or before it. The live index
 * keeps receiving events while a replay up to that position runs; comparing the rebuilt copy with
 * this view, not with the index itself, keeps those later events out of the differences. (Keys first
 * seen after the position fold to nothing, as on the rebuilt side, which has never seen them.)
 */
export function indexAtPosition(index: ReadIndex, upTo: bigint): ReadIndex {
  return {
    ...index,
    envelopesOf: (key) => index.envelopesOf(key).filter((e) => e.commit <= upTo),
  };
}

export interface ComparedSide {
  readonly index: Pick<ReadIndex, 'idsOf'>;
  readonly models: ReadModels;
}

export interface CompareOptions {
  /** Stop after this many differences (default 50). */
  limit?: number;
  /** Give other work a turn after comparing for this long (default 10 ms). */
  sliceMs?: number;
  /** Called after each subject with how many are compared, of how many. */
  onProgress?: (compared: number, of: number) => void;
  /**
   * Whom the differences are shown to (ADR 0018): a subject that differs is compared again as this
   * reader sees it on either side, and only those differences are shown; when none of them is
   * visible to the reader, one difference names the subject with both values withheld. Default:
   * a reader who sees everything.
   */
  reader?: (levelOf: (consultationId: string) => Classification) => Reader;
}

/** What a difference the reader may not see shows instead of each value. */
export const WITHHELD = { redacted: true } as const;

/** Ids of one kind in either index: the live one's order, then any only the other has. */
function unionIds(a: ComparedSide, b: ComparedSide, kind: KeyKind): string[] {
  const ids = [...a.index.idsOf(kind)];
  const known = new Set(ids);
  for (const id of b.index.idsOf(kind)) if (!known.has(id)) ids.push(id);
  return ids;
}

/**
 * Every read model of two read sides compared as of one point, subject by subject: each issue's
 * position, history, alignment rows and follow-ups, each consultation, each session's brief. Paths name the
 * subject (`/positions/<issueId>/...`). Unlike comparing two snapshotAll() results it holds one
 * subject's models at a time, and it yields to the event loop between slices, so a server comparing
 * a large ledger keeps answering meanwhile.
 */
export async function compareReadModels(
  live: ComparedSide,
  rebuilt: ComparedSide,
  asOf: AsOf,
  options: CompareOptions = {},
): Promise<Difference[]> {
  const limit = options.limit ?? 50;
  const sliceMs = options.sliceMs ?? 10;
  const out: Difference[] = [];
  // A consultation's marking on either side: the higher one (a rebuild may differ in the marking too).
  const levelOf = (id: string): Classification => {
    const a = live.models.consultationLevel(id);
    const b = rebuilt.models.consultationLevel(id);
    return classificationRank(a) >= classificationRank(b) ? a : b;
  };
  const reader = options.reader?.(levelOf);
  const issues = unionIds(live, rebuilt, 'issue');
  const consultations = unionIds(live, rebuilt, 'consultation');
  const sessions = unionIds(live, rebuilt, 'session');
  const subjects = issues.length + consultations.length + sessions.length;
  let compared = 0;
  let sliceEnds = performance.now() + sliceMs;
  const compare = async (path: string, model: (side: ComparedSide, reader?: Reader) => unknown): Promise<void> => {
    if (out.length >= limit) return;
    const found = differences(model(live), model(rebuilt), limit - out.length, path);
    if (found.length > 0 && reader !== undefined) {
      const shown = differences(model(live, reader), model(rebuilt, reader), limit - out.length, path);
      out.push(...(shown.length > 0 ? shown : [{ path, live: WITHHELD, rebuilt: WITHHELD }]));
    } else out.push(...found);
    if (performance.now() >= sliceEnds) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceEnds = performance.now() + sliceMs;
    }
  };
  const done = (): void => {
    compared += 1;
    options.onProgress?.(compared, subjects);
  };
  for (const id of issues) {
    await compare(`/positions/${id}`, (side, r) => side.models.position(id, asOf, r));
    await compare(`/histories/${id}`, (side, r) => side.models.history(id, asOf, r));
    await compare(`/alignment/${id}`, (side, r) => side.models.alignment(asOf, { issueId: id }, r));
    await compare(`/follow-ups/${id}`, (side) => side.models.followUps(asOf, { issueId: id }));
    done();
  }
  for (const id of consultations) {
    await compare(`/consultations/${id}`, (side, r) => side.models.consultation(id, asOf, r));
    done();
  }
  for (const id of sessions) {
    await compare(`/briefs/${id}`, (side, r) => side.models.brief(id, asOf, r));
    done();
  }
  return out;
}

/** Compares as a reader of this clearance would be shown it (CompareOptions.reader). */
export function shownTo(clearance: Classification): NonNullable<CompareOptions['reader']> {
  return (levelOf) => readerOf(clearance, levelOf);
}

/**
 * What POST /v1/audit/replay compares: the rebuilt index with the live one as of the position the
 * rebuild reached. Each side keeps only a few folds, so one subject's projections share their folds
 * (its alignment reuses its position) while the comparison of a large ledger holds one subject at a
 * time, and the live read models' own cache is left as it was.
 */
export function compareWithLive(
  liveIndex: ReadIndex,
  rebuiltIndex: ReadIndex,
  upTo: bigint,
  asOf: AsOf,
  options: CompareOptions = {},
): Promise<Difference[]> {
  const few = { cachedFolds: 16 };
  const live = indexAtPosition(liveIndex, upTo);
  return compareReadModels(
    { index: live, models: createReadModels(live, few) },
    { index: rebuiltIndex, models: createReadModels(rebuiltIndex, few) },
    asOf,
    options,
  );
}
