// Live updates: one EventSource on /v1/live for the whole page. The browser reconnects by itself
// (within the second the server's `retry` asks for) and resumes after the last event it got
// (Last-Event-ID); a `reset` (too far behind) tells every page to read everything again.

export interface LiveEvent {
  readonly position: { readonly commit: string; readonly prepare: string };
  readonly stream: string;
  readonly type: string;
  readonly recordedAt: string;
  readonly validAt: string;
  /** Read-index keys: issue:<id>, consultation:<id>, session:<id>, process:<id>. */
  readonly keys: readonly string[];
}

export type LiveStatus = 'connecting' | 'open' | 'closed';
export type LiveListener = (event: LiveEvent | 'reset') => void;

export interface Live {
  subscribe(listener: LiveListener): () => void;
  onStatus(listener: (status: LiveStatus) => void): () => void;
  status(): LiveStatus;
  close(): void;
}

/** Does the event touch this read-index key? A retraction may touch anything. */
export function touches(event: LiveEvent | 'reset', key: string): boolean {
  return event === 'reset' || event.type === 'EntryRetracted' || event.keys.includes(key);
}

export function touchesKind(event: LiveEvent | 'reset', kind: string): boolean {
  return event === 'reset' || event.type === 'EntryRetracted' || event.keys.some((k) => k.startsWith(`${kind}:`));
}

export function connectLive(url = '/v1/live'): Live {
  const listeners = new Set<LiveListener>();
  const statusListeners = new Set<(status: LiveStatus) => void>();
  let status: LiveStatus = 'connecting';
  const setStatus = (s: LiveStatus) => {
    if (s === status) return;
    status = s;
    for (const l of statusListeners) l(s);
  };
  const source = new EventSource(url);
  source.addEventListener('open', () => setStatus('open'));
  source.addEventListener('error', () => setStatus(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting'));
  source.addEventListener('ledger', (message) => {
    const event = JSON.parse((message as MessageEvent<string>).data) as LiveEvent;
    for (const l of listeners) l(event);
  });
  source.addEventListener('reset', () => {
    for (const l of listeners) l('reset');
  });
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    status: () => status,
    close() {
      source.close();
      setStatus('closed');
    },
  };
}
