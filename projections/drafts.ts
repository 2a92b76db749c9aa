// Every draft of a position so far, as the read models that need them keep them (the current position,
// the position history): a list shared between successive fold states, latest first, so a new draft
// costs one link and copies none of the drafts before it. A later draft of a version hides an
// earlier draft of that version.

export interface DraftsSoFar<D extends { readonly version: number }> {
  readonly draft: D;
  readonly earlier: DraftsSoFar<D> | null;
}

/** The drafts so far with one more, the latest. */
export function withDraft<D extends { readonly version: number }>(
  drafts: DraftsSoFar<D> | null,
  draft: D,
): DraftsSoFar<D> {
  return { draft, earlier: drafts };
}

/** The latest draft of that version, or undefined. */
export function latestDraftOf<D extends { readonly version: number }>(
  drafts: DraftsSoFar<D> | null,
  version: number,
): D | undefined {
  for (let link = drafts; link !== null; link = link.earlier) if (link.draft.version === version) return link.draft;
  return undefined;
}

/** The latest draft of each version, in version order. */
export function latestDrafts<D extends { readonly version: number }>(drafts: DraftsSoFar<D> | null): D[] {
  const seen = new Set<number>();
  const out: D[] = [];
  for (let link = drafts; link !== null; link = link.earlier) {
    if (seen.has(link.draft.version)) continue;
    seen.add(link.draft.version);
    out.push(link.draft);
  }
  return out.sort((a, b) => a.version - b.version);
}
