// Texts in both languages as the forms hold them (two strings) and as the API takes them. Pure.

export interface Pair {
  th: string;
  en: string;
}

/** Lines of both languages paired by position; a line missing on one side is sent empty (the API names it). */
export function pairLines(value: Pair): { th: string; en: string }[] {
  const th = value.th.split('\n').map((s) => s.trim());
  const en = value.en.split('\n').map((s) => s.trim());
  const n = Math.max(th.length, en.length);
  return Array.from({ length: n }, (_, i) => ({ th: th[i] ?? '', en: en[i] ?? '' })).filter(
    (p) => p.th !== '' || p.en !== '',
  );
}

/** A bilingual text for the body: omitted when both sides are empty (optional fields). */
export function optionalPair(value: Pair): Pair | undefined {
  return value.th.trim() === '' && value.en.trim() === '' ? undefined : value;
}
