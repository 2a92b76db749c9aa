// prefetch takes a flowing source (src/store/flowing-source.ts, ADR 0067) in flowing mode: whatever the items, the
// buffer's size, when the source pushes them, whether it fails and when the consumer stops, the consumer gets the same
// items in the same order as it does pulling them from the source's async iterator, the same error after them, never
// more than `max` waiting in a batch, and the source is stopped exactly when the consumer leaves before its end.
import t from 'tap';
import fc from 'fast-check';
import type { FlowControls, FlowingSource } from '../../src/store/flowing-source.js';
import { prefetch } from '../../src/read/prefetch.js';

class Failed extends Error {}

/** Items pushed in bursts (a turn of the event loop between them), held while paused, a failure after them if told. */
function source(
  items: readonly number[],
  bursts: readonly number[],
  fails: boolean,
): { source: FlowingSource<number>; stops: () => number; pushedWhilePaused: () => number } {
  let stops = 0;
  let pushedWhilePaused = 0;
  const flowing: FlowingSource<number> = {
    async *[Symbol.asyncIterator]() {
      yield* items;
      if (fails) throw new Failed('the read failed');
    },
    flow(item, end): FlowControls {
      let paused = false;
      let stopped = false;
      let at = 0;
      let burst = 0;
      const step = (): void => {
        if (stopped || paused) return;
        const n = Math.max(1, bursts[burst++ % bursts.length] ?? 1);
        for (let i = 0; i < n && at < items.length && !paused; i += 1) item(items[at++] as number);
        if (at < items.length) setImmediate(step);
        else if (!stopped) {
          stopped = true;
          end(fails ? new Failed('the read failed') : undefined);
        }
      };
      setImmediate(step);
      return {
        pause: () => {
          paused = true;
        },
        resume: () => {
          if (!paused) pushedWhilePaused += 1;
          paused = false;
          setImmediate(step);
        },
        stop: async () => {
          if (!stopped) stops += 1;
          stopped = true;
        },
      };
    },
  };
  return { source: flowing, stops: () => stops, pushedWhilePaused: () => pushedWhilePaused };
}

async function consume(from: AsyncIterable<number>, max: number, stopAfter: number | null) {
  const seen: number[] = [];
  let largest = 0;
  let failure: unknown = null;
  try {
    for await (const batch of prefetch(from, max)) {
      largest = Math.max(largest, batch.length);
      seen.push(...batch);
      if (stopAfter !== null && seen.length >= stopAfter) break;
    }
  } catch (error) {
    failure = error;
  }
  return { seen, largest, failure };
}

t.test(
  'a flowing source gives what its iterator gives, in batches of at most max, stopped only when left',
  async (t) => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer(), { maxLength: 300 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        fc.option(fc.integer({ min: 1, max: 300 }), { nil: null }),
        async (items, bursts, max, fails, stopAfter) => {
          const flowing = source(items, bursts, fails);
          const pulled = await consume(
            { [Symbol.asyncIterator]: flowing.source[Symbol.asyncIterator] },
            max,
            stopAfter,
          );
          const pushed = await consume(flowing.source, max, stopAfter);
          for (const read of [pulled, pushed]) t.same(read.seen, items.slice(0, read.seen.length), 'items in order');
          if (stopAfter === null) {
            t.same(pushed.seen, pulled.seen, 'every item, as the iterator gives them');
            t.equal(pushed.failure instanceof Failed, fails, 'the failure after them');
            t.equal(pulled.failure instanceof Failed, fails);
          } else t.ok(pushed.seen.length >= Math.min(stopAfter, items.length), 'up to where the consumer stopped');
          t.ok(pushed.largest <= max, 'a batch holds at most max items: the source is paused there');
          const leftEarly = pushed.seen.length < items.length && pushed.failure === null;
          t.equal(flowing.stops(), leftEarly ? 1 : 0, 'stopped once when left before the end, else not');
          t.equal(flowing.pushedWhilePaused(), 0, 'resumed only after a pause');
        },
      ),
      { numRuns: 150 },
    );
    t.end();
  },
);
