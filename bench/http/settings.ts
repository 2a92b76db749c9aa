// What `npm run bench -- http` measures with: the ledger sizes (HTTP_BENCH_EVENTS) and the load, the
// same for the ledger and for every floor so their ratios compare like with like.

/** Concurrent connections of every load (the 32), and of the store floor's writers. */
export const CONNECTIONS = 32;
/** Seconds of each measured load, after WARM_UP_SECONDS of the same load that is not counted. */
export const DURATION_SECONDS = 10;
export const WARM_UP_SECONDS = 2;
/**
 * The first write load's uncounted warm-up. V8 compiles a ledger's write path over its first ~12 s of writes (its
 * compiler threads take 60-200 µs a write meanwhile, 10-40 after: ADR 0052), so a 2 s warm-up measured a server still
 * compiling. The reads' paths are compiled by the time the ledger is warmed (every issue folded).
 */
export const FIRST_WRITE_WARM_UP_SECONDS = 15;
/** A request not answered within this long counts as a timeout (GET /v1/positions at 1M takes seconds). */
export const TIMEOUT_SECONDS = 60;

const DEFAULT_EVENTS = [10_000];

/**
 * Ledger sizes to measure, in generated ledger events on top of the demo data:
 * `HTTP_BENCH_EVENTS=10000,1000000` (default 10000; 1M takes a few minutes to prepare).
 */
export function benchSizes(): number[] {
  const raw = process.env['HTTP_BENCH_EVENTS'];
  if (raw === undefined || raw.trim() === '') return DEFAULT_EVENTS;
  const sizes = raw.split(',').map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1000)) {
    throw new RangeError('HTTP_BENCH_EVENTS must be whole numbers >= 1000, separated by commas (e.g. 10000,1000000)');
  }
  return sizes;
}

export function sizeLabel(events: number): string {
  return events >= 1_000_000 ? `${events / 1_000_000}M` : `${events / 1000}k`;
}
