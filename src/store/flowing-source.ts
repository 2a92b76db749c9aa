// A source of events that can push them as they arrive (a performance trick, ADR 0067): the adapter's readAll is an
// async iterable, and also a stream in flowing mode that prefetch (src/read/prefetch.ts) takes without the promise an
// async iterator answers for each event. A catch-up and a replay read every event of $all; through the adapter's
// generator and prefetch's pump that was about 2.5-3 µs an event on the projector's thread, the raw client read's own
// cost aside.

export interface FlowControls {
  pause(): void;
  resume(): void;
  /** Ends the flow early (a read that had not ended is cancelled); nothing once it has ended on its own. */
  stop(): Promise<void>;
}

/**
 * An async iterable that can also flow: `flow` starts it, `item` is called for each item in order, then `end` once,
 * with the error if it failed (after every item before the failure).
 */
export interface FlowingSource<T> extends AsyncIterable<T> {
  flow(item: (value: T) => void, end: (error?: unknown) => void): FlowControls;
}

export function isFlowing<T>(source: AsyncIterable<T>): source is FlowingSource<T> {
  return typeof (source as Partial<FlowingSource<T>>).flow === 'function';
}
