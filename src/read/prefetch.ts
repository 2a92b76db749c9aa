// Reads an async source ahead of its consumer and hands it over in batches. A read of $all is a
// gRPC stream with small buffers: while the projector folds, the client stops reading, HTTP/2 flow
// control stops the store, and the store only refills its next batch after the client has drained
// the last one, so the two take turns instead of working at the same time (figures: ADR 0032). Pulling every event off
// the stream as it
// arrives (up to `max` buffered) keeps the store sending while the consumer works; the consumer
// gets whatever has arrived as one batch and gives I/O a turn between batches. A flowing source
// (src/store/flowing-source.ts: the adapter's readAll) is taken in flowing mode: the same batches, its items pushed
// as they arrive instead of pulled with a promise each (ADR 0067).
import { isFlowing, type FlowingSource } from '../store/flowing-source.js';

export async function* prefetch<T>(source: AsyncIterable<T>, max = 20_000): AsyncGenerator<T[]> {
  if (isFlowing(source)) {
    yield* flowing(source, max);
    return;
  }
  const iterator = source[Symbol.asyncIterator]();
  let buffer: T[] = [];
  let done = false;
  let stopped = false;
  let failed = false;
  let failure: unknown;
  const waiting: { consumer: (() => void) | null; producer: (() => void) | null } = { consumer: null, producer: null };
  const wake = (who: 'consumer' | 'producer'): void => {
    const w = waiting[who];
    waiting[who] = null;
    w?.();
  };

  const pump = async (): Promise<void> => {
    try {
      while (!stopped) {
        if (buffer.length >= max) {
          await new Promise<void>((resolve) => (waiting.producer = resolve));
          continue;
        }
        const next = await iterator.next();
        if (next.done === true) break;
        buffer.push(next.value);
        wake('consumer');
      }
    } catch (error) {
      failed = true;
      failure = error;
    } finally {
      done = true;
      wake('consumer');
    }
  };
  const pumping = pump();

  try {
    for (;;) {
      if (buffer.length === 0) {
        if (done) break;
        await new Promise<void>((resolve) => (waiting.consumer = resolve));
        continue;
      }
      const batch = buffer;
      buffer = [];
      wake('producer');
      yield batch;
      // Let socket reads (and with them the store's next events) in before the next batch.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (failed) throw failure;
  } finally {
    if (!done) {
      // The consumer stopped early: stop reading and cancel the source once its pending read settles.
      stopped = true;
      wake('producer');
      void pumping.then(() => iterator.return?.()).catch(() => undefined);
    }
  }
}

/** prefetch's batches from a flowing source: the same contract, items pushed instead of pulled. */
async function* flowing<T>(source: FlowingSource<T>, max: number): AsyncGenerator<T[]> {
  let buffer: T[] = [];
  // How the source ended (set by its callback, so held in an object the loop reads afresh).
  const state: { ended: { error?: unknown } | null } = { ended: null };
  let paused = false;
  let waiting: (() => void) | null = null;
  const wake = (): void => {
    const w = waiting;
    waiting = null;
    w?.();
  };
  const controls = source.flow(
    (value) => {
      buffer.push(value);
      if (buffer.length >= max && !paused) {
        paused = true;
        controls.pause();
      }
      wake();
    },
    (error) => {
      state.ended ??= error === undefined ? {} : { error };
      wake();
    },
  );
  try {
    for (;;) {
      if (buffer.length === 0) {
        if (state.ended !== null) break;
        await new Promise<void>((resolve) => (waiting = resolve));
        continue;
      }
      const batch = buffer;
      buffer = [];
      if (paused) {
        paused = false;
        controls.resume();
      }
      yield batch;
      // Let socket reads (and with them the store's next events) in before the next batch.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (state.ended !== null && 'error' in state.ended) throw state.ended.error;
  } finally {
    // As the pump's source is let go above: the consumer does not wait for the read's cancellation.
    controls.stop().catch(() => undefined);
  }
}
