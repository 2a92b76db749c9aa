// Stream naming conventions the adapter knows about. The ledger's own streams are `<category>-<id>`;
// the read side follows only these categories on $all.

/** Categories of the ledger's audited streams (see docs/design: Streams and events). */
export const LEDGER_CATEGORIES = ['process', 'session', 'issue', 'consultation', 'position', 'ledger'] as const;

export function categoryPrefixes(categories: readonly string[]): string[] {
  return categories.map((c) => `${c}-`);
}

export function isSystemName(name: string): boolean {
  return name.startsWith('$');
}
