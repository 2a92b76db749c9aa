// The classification marking of a printed document: the highest level of classified content the
// reader's copy shows. What is redacted for the reader is not in their copy and does not count.
// Pure.

const LEVELS = ['unclassified', 'confidential', 'secret', 'top-secret'];

/** The highest level of classified content the reader's copy shows (what is redacted is not in it). */
export function markingOf(value: unknown): string {
  let top = 0;
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const item of v) walk(item);
      return;
    }
    if (v === null || typeof v !== 'object') return;
    const level = (v as { level?: unknown }).level;
    const inner = (v as { value?: unknown }).value;
    if (typeof level === 'string' && 'value' in v && Object.keys(v).length === 2) {
      const shown = Array.isArray(inner) ? inner.length > 0 : inner !== null && inner !== undefined;
      if (shown) top = Math.max(top, LEVELS.indexOf(level));
    }
    for (const inner2 of Object.values(v)) walk(inner2);
  };
  walk(value);
  return LEVELS[top] ?? 'unclassified';
}
