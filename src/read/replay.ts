// Full replay into a scratch index: every ledger event of $all from position 0 (up to a limit),
// through the same routing and projections as the live side. Used by POST /v1/audit/replay, the
// `ledger replay` command and the benchmark.
import type { LedgerStore } from '../store/adapter.js';
import { createReadIndex, type ReadIndex } from './read-index.js';
import { prefetch } from './prefetch.js';
import { toEnvelope } from './to-envelope.js';

export interface ReplayResult {
  index: ReadIndex;
  events: number;
  rejected: number;
}

export interface ReplayOptions {
  /** Stop after this commit position (inclusive). */
  upTo?: bigint;
  /** Stop at events recorded after this instant (ISO). */
  recordedUpTo?: string;
  onProgress?: (events: number) => void;
}

export async function replayAll(store: Pick<LedgerStore, 'readAll'>, options: ReplayOptions = {}): Promise<ReplayResult> {
  const index = createReadIndex();
  let events = 0;
  let rejected = 0;
  read: for await (const batch of prefetch(store.readAll({ from: 'start' }))) {
    for (const stored of batch) {
      if (options.upTo !== undefined && stored.position.commit > options.upTo) break read;
      const parsed = toEnvelope(stored);
      if (!parsed.ok) {
        rejected += 1;
        continue;
      }
      if (options.recordedUpTo !== undefined && parsed.envelope.recordedAt > options.recordedUpTo) break read;
      index.add(parsed.envelope);
      events += 1;
      if (options.onProgress !== undefined && events % 1000 === 0) options.onProgress(events);
    }
  }
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
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
      out.push({ path: at || '/', live: a, rebuilt: b });
      return;
    }
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) walk(Reflect.get(a, key), Reflect.get(b, key), `${at}/${key}`);
  };
  walk(live, rebuilt, path);
  return out;
}
