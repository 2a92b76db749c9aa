// One rate-limit budget: requests counted per key in fixed windows, in @fastify/rate-limit's own in-memory store
// (its LocalStore: a window per key from its first request, an LRU of 5000 keys), asked directly instead of through
// the plugin's `createRateLimit` limiter (ADR 0054). The limiter is async all the way (it awaits the key, wraps the
// store's callback in a promise and builds a result object) although the store answers within the call: asked
// directly, a request within its budget is counted without a promise or a turn of the microtask queue.
import { createRequire } from 'node:module';

/** What LocalStore.incr answers: requests counted in the key's window so far, ms left of it. */
export interface Counted {
  current: number;
  ttl: number;
}

/** @fastify/rate-limit's store interface (its README, "Custom store"), as LocalStore implements it. */
interface Store {
  incr(key: string, callback: (error: Error | null, counted: Counted) => void, timeWindow: number, max: number): void;
}
type LocalStoreClass = new (continueExceeding: boolean, exponentialBackoff: boolean, cache?: number) => Store;

// Not among the package's typed exports, but a file of it (the package has no `exports` map): the store the plugin
// itself uses when given no other.
const LocalStore = createRequire(import.meta.url)('@fastify/rate-limit/store/LocalStore') as LocalStoreClass;

/** Keys each budget remembers, least recently counted let go (the plugin's default `cache`). */
const KEYS = 5000;

export class RateBudget {
  readonly #store: Store = new LocalStore(false, false, KEYS);
  /** `max` as a header value, made once. */
  readonly maxText: string;

  constructor(
    readonly max: number,
    readonly windowMs: number,
  ) {
    this.maxText = String(max);
  }

  /** Counts one request against `key`: how many its window has now (over `max`: refused), and its ms left. */
  count(key: string): Counted {
    let counted: Counted | undefined;
    let failure: Error | null = null;
    this.#store.incr(
      key,
      (error, result) => {
        failure = error;
        // The store hands its own record, which it changes on the next count: copied.
        counted = { current: result.current, ttl: result.ttl };
      },
      this.windowMs,
      this.max,
    );
    if (failure !== null) throw failure;
    // LocalStore calls back within incr; a version that stopped doing so must be noticed, not counted as nothing.
    if (counted === undefined) throw new Error("@fastify/rate-limit's LocalStore no longer counts within its call");
    return counted;
  }
}
