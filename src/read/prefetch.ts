// Reads an async source ahead of its consumer and hands it over in batches. A read of $all is a
// gRPC stream with small buffers: while the projector folds, the client stops reading, HTTP/2 flow
// control stops the store, and the store only refills its next batch after the client has drained
// the last one, so the two take turns instead of working at the same time (figures: ADR 0032). Pulling every event off
// the stream as it
// arrives (up to `max` buffered) keeps the store sending while the consumer works; the consumer
// gets whatever has arrived as one batch and gives I/O a turn between batches.
export async function* prefetch<T>(source: AsyncIterable<T>, max = 20_000): AsyncGenerator<T[]> {
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
