// How long an answer about "now" stays the answer, as far as its own data says (ADR 0074). An answer that compares
// the instant asked about with dates inside the data (a session's start and end: its status; a follow-up's due date:
// overdue or not) is the same answer for a later instant only until the first such date still to come. The read side
// notes each of them here as it makes the answer, from the same folds the answer is made of; a cache of answers
// (src/http/routes/read/answer-cache.ts) keeps an answer about "now" no longer than the earliest. The events' own
// clocks are not noted here: the index keeps those (ReadIndex.clockAfter, ADR 0045).

/** Filled in while an answer is made: the first instant after the one asked about at which it may differ. */
export interface AnswerUntil {
  /** null: no date in the answer's data is still to come. */
  until: string | null;
}

export function answerUntil(): AnswerUntil {
  return { until: null };
}

/** Notes `instant` (null: none) as a point the answer being made may differ from. */
export function noteUntil(bound: AnswerUntil | undefined, instant: string | null): void {
  if (bound !== undefined && instant !== null && (bound.until === null || instant < bound.until)) bound.until = instant;
}

/** The earlier of two bounds (null: none). */
export function earliest(a: string | null, b: string | null): string | null {
  return a === null ? b : b === null || a <= b ? a : b;
}
