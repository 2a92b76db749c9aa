// What every page shares: who is signed in and what they may do (the domain's own role table,
// src/domain/roles.ts, so a control shows only for a write the API would take), and the live
// stream of ledger events. useRead reads an API answer and reads it again when a live event
// touches it.
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { CommandType } from '../../../contracts/commands.js';
import type { Principal as LedgerPrincipal } from '../../../contracts/principal.js';
import { speaksForEveryAgency } from '../../domain/agency.js';
import { mayIssue } from '../../domain/roles.js';
import { apiGet, type Principal, type Session } from './api.js';
import type { Live, LiveEvent } from './live.js';

export interface Me {
  readonly principal: Principal;
  may(command: CommandType): boolean;
  /** May write for any agency (MFA desk), not only their own. */
  readonly forAnyAgency: boolean;
  readonly auditor: boolean;
}

export function meOf({ principal, coordinatingAgency }: Session): Me {
  // The server parsed this principal and agency with the contract's schemas before answering them.
  const p = principal as LedgerPrincipal;
  return {
    principal,
    may: (command) => mayIssue(p, command),
    // The domain's one agency rule (src/domain/agency.ts): may this principal speak for another agency?
    forAnyAgency: speaksForEveryAgency(p, coordinatingAgency as LedgerPrincipal['agency']),
    auditor: principal.roles.includes('auditor') || principal.roles.includes('admin'),
  };
}

const MeContext = createContext<Me | null>(null);
const LiveContext = createContext<Live | null>(null);

export function SessionProvider({ me, live, children }: { me: Me; live: Live; children: ComponentChildren }) {
  return (
    <MeContext.Provider value={me}>
      <LiveContext.Provider value={live}>{children}</LiveContext.Provider>
    </MeContext.Provider>
  );
}

export function useMe(): Me {
  const me = useContext(MeContext);
  if (me === null) throw new Error('useMe outside SessionProvider');
  return me;
}

export function useLive(): Live {
  const live = useContext(LiveContext);
  if (live === null) throw new Error('useLive outside SessionProvider');
  return live;
}

export interface Read<T> {
  readonly data: T | null;
  readonly error: unknown;
  readonly loading: boolean;
  /** Reads again; after a write, pass its commit position to see it (minPosition). */
  reload(minPosition?: string): void;
}

/** Live events are gathered this long before one read again: a burst of writes costs one read. */
const SETTLE_MS = 200;

export function useRead<T>(
  path: string | null,
  query: Record<string, string | undefined>,
  affects: (event: LiveEvent | 'reset') => boolean,
): Read<T> {
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({
    data: null,
    error: null,
    loading: path !== null,
  });
  const live = useLive();
  const key = `${path ?? ''}?${JSON.stringify(query)}`;
  const seq = useRef(0);
  const affectsRef = useRef(affects);
  affectsRef.current = affects;

  const load = (minPosition?: string) => {
    if (path === null) return;
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    apiGet<T>(path, minPosition === undefined ? query : { ...query, minPosition }).then(
      (data) => {
        if (mine === seq.current) setState({ data, error: null, loading: false });
      },
      (error: unknown) => {
        if (mine === seq.current) setState((s) => ({ data: s.data, error, loading: false }));
      },
    );
  };
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    setState({ data: null, error: null, loading: path !== null });
    load();
  }, [key]);

  useEffect(() => {
    let timer: number | undefined;
    const stop = live.subscribe((event) => {
      if (!affectsRef.current(event)) return;
      if (timer !== undefined) return;
      timer = window.setTimeout(() => {
        timer = undefined;
        loadRef.current();
      }, SETTLE_MS);
    });
    return () => {
      stop();
      if (timer !== undefined) window.clearTimeout(timer);
    };
  }, [live]);

  return { ...state, reload: (minPosition?: string) => loadRef.current(minPosition) };
}
