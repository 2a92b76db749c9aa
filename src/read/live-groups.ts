// Live events handed on in groups (ADR 0063): the projector's live loop hands each event it receives to the integrity
// checks and then to the index, and much of what that costs is per hand-over, not per event: a message to the checks'
// worker and its answer, a commit of the Merkle log file, a promise chain, the index's progress listeners. The rule is
// Nagle's, with a floor: an event that arrives while nothing is being handed on, and no group went in the last
// `gapMs`, goes at once, alone; others wait and go together, as one group, once the group before them is done and
// `gapMs` have passed since it went. A quiet ledger therefore adds no wait; a busy one adds at most `gapMs` to the
// wait for the group ahead (groups are indexed in order, so an event waited for that one anyway).

export interface LiveGroups<T> {
  /**
   * Takes the next item. Resolves at once, unless `max` items are waiting: then once the group before them is done
   * (the caller reads no further meanwhile). Rejects once a group has failed: nothing after it is handed on.
   */
  add(item: T): Promise<void>;
  /** Resolves once everything added has been handed on and done; rejects if a group failed. */
  drained(): Promise<void>;
}

export interface LiveGroupsOptions {
  /** Items waiting at which add() waits for the group ahead. */
  readonly max: number;
  /** Least time between the starts of two hand-overs, ms (0: each as soon as the one before is done). */
  readonly gapMs: number;
  /** A hand-over failed (told once, at once). */
  readonly failed?: (error: unknown) => void;
}

/**
 * Hands items to `handOn` in groups, one group at a time, in the order they were added. `handOn` resolves when its
 * group is done; if it rejects, the items waiting are dropped, `failed` is called and add()/drained() reject.
 */
export function liveGroups<T>(handOn: (group: T[]) => Promise<void>, options: LiveGroupsOptions): LiveGroups<T> {
  let waiting: T[] = [];
  /** The hand-over going on, or about to (its gap not yet over): settles once it is done, never rejects. */
  let current: Promise<void> | null = null;
  let failure: { error: unknown } | null = null;
  let lastWent = -Infinity;

  const go = (): Promise<void> => {
    const group = waiting;
    waiting = [];
    lastWent = performance.now();
    return handOn(group);
  };

  const next = (): void => {
    if (current !== null || waiting.length === 0 || failure !== null) return;
    const gap = lastWent + options.gapMs - performance.now();
    const going = gap > 0 ? new Promise<void>((resolve) => setTimeout(resolve, gap)).then(go) : go();
    current = going.then(
      () => {
        current = null;
        next();
      },
      (error: unknown) => {
        current = null;
        waiting = [];
        if (failure !== null) return;
        failure = { error };
        options.failed?.(error);
      },
    );
  };

  const throwIfFailed = (): void => {
    if (failure !== null) throw failure.error;
  };

  return {
    async add(item) {
      throwIfFailed();
      waiting.push(item);
      next();
      while (waiting.length >= options.max && current !== null) await current;
      throwIfFailed();
    },
    async drained() {
      while (current !== null) await current;
      throwIfFailed();
    },
  };
}
