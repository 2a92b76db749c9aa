// Page navigation with the History API: links change the URL without a reload, Back and Forward
// work, and every page is also a URL the server answers with the shell (../pages.ts).
import { useEffect, useState } from 'preact/hooks';

const CHANGE = 'ledger:navigate';

export interface Location {
  readonly path: string;
  readonly query: URLSearchParams;
}

function current(): Location {
  return { path: window.location.pathname, query: new URLSearchParams(window.location.search) };
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace === true) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(CHANGE));
}

export function useLocation(): Location {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const update = () => setLocation(current());
    window.addEventListener('popstate', update);
    window.addEventListener(CHANGE, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(CHANGE, update);
    };
  }, []);
  return location;
}

/** Sets (or, with undefined, removes) query parameters of the current page without a new history entry. */
export function setQuery(changes: Record<string, string | undefined>): void {
  const params = new URLSearchParams(window.location.search);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === '') params.delete(k);
    else params.set(k, v);
  }
  const s = params.toString();
  navigate(`${window.location.pathname}${s === '' ? '' : `?${s}`}`, { replace: true });
}

/** A click on a same-origin link moves without reloading (a modified click opens a tab as usual). */
export function followLink(event: MouseEvent, href: string): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    return;
  event.preventDefault();
  navigate(href);
  window.scrollTo(0, 0);
}
