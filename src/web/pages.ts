// The workspace's pages, by path, as the browser's router and the server both know them: the server
// answers each with the page shell (the same HTML; the bundle draws the page), anything else under
// these prefixes is a 404. No imports: the client bundle and the server share this file.
export const PAGES = {
  board: '/',
  issue: '/issues/:issueId',
  consultations: '/consultations',
  consultation: '/consultations/:consultationId',
  briefs: '/briefs',
  brief: '/briefs/:sessionId',
  audit: '/audit',
  changes: '/changes',
  search: '/search',
  signIn: '/signin',
} as const;

export type PageName = keyof typeof PAGES;

/** The page a path shows and its parameters; null for a path that is no page. */
export function matchPage(path: string): { page: PageName; params: Record<string, string> } | null {
  const parts = path.split('/').filter((p) => p !== '');
  for (const [page, pattern] of Object.entries(PAGES) as [PageName, string][]) {
    const want = pattern.split('/').filter((p) => p !== '');
    if (want.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < want.length && ok; i++) {
      const w = want[i] ?? '';
      const p = parts[i] ?? '';
      if (w.startsWith(':')) params[w.slice(1)] = decodeURIComponent(p);
      else ok = w === p;
    }
    if (ok) return { page, params };
  }
  return null;
}

/** The path of a page with its parameters filled in. */
export function pagePath(page: PageName, params: Record<string, string> = {}): string {
  return PAGES[page].replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}
