// The one way the page talks to the server: the /v1 API (and /web/session), same origin, with the
// session cookie. Every write carries the session's CSRF token and a fresh Idempotency-Key; a
// problem+json answer becomes an ApiProblem the forms show on their fields.

export interface ValidationIssue {
  readonly in: string;
  readonly pointer: string;
  readonly message: string;
  readonly code: string;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string | undefined,
    readonly errors: readonly ValidationIssue[],
    readonly details: Readonly<Record<string, unknown>>,
  ) {
    super(detail ?? code);
  }
}

/** What every write answers (201). */
export interface WriteResult {
  readonly eventIds: readonly string[];
  readonly streamName: string;
  readonly revision: string;
  readonly position: { readonly commit: string; readonly prepare: string };
}

let csrfToken: string | null = null;
const signedOutListeners = new Set<() => void>();

export function setCsrf(token: string | null): void {
  csrfToken = token;
}

/** Called when the server no longer knows the session (401): the page shows the sign-in form. */
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function problemOf(response: Response): Promise<ApiProblem> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const b = isRecord(body) ? body : {};
  const errors = Array.isArray(b['errors']) ? (b['errors'] as ValidationIssue[]) : [];
  return new ApiProblem(
    response.status,
    typeof b['code'] === 'string' ? b['code'] : `http_${response.status}`,
    typeof b['detail'] === 'string' ? b['detail'] : undefined,
    errors,
    isRecord(b['details']) ? b['details'] : {},
  );
}

async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  // No HTTP cache: a page reads again exactly when the live stream says something changed, and the
  // answer must be the API's answer now (not a copy revalidated by an ETag).
  const init: RequestInit = {
    method,
    credentials: 'same-origin',
    cache: 'no-store',
    headers: { accept: 'application/json', ...headers },
  };
  if (method !== 'GET') {
    if (csrfToken !== null) (init.headers as Record<string, string>)['x-csrf-token'] = csrfToken;
    if (body !== undefined) {
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
  }
  const response = await fetch(path, init);
  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401 && !path.startsWith('/web/session')) for (const l of signedOutListeners) l();
    throw problem;
  }
  if (response.status === 204) return null as T;
  return (await response.json()) as T;
}

export function queryString(query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, v);
  const s = params.toString();
  return s === '' ? '' : `?${s}`;
}

export function apiGet<T>(path: string, query: Record<string, string | undefined> = {}): Promise<T> {
  return request<T>('GET', `${path}${queryString(query)}`);
}

/** A write to the ledger: POST with a new Idempotency-Key (and the CSRF token). */
export function apiWrite(path: string, body: unknown): Promise<WriteResult> {
  return request<WriteResult>('POST', path, body, { 'idempotency-key': crypto.randomUUID() });
}

/** A POST that is not a ledger write (the audit replay). */
export function apiPost<T>(path: string, body?: unknown): Promise<T> {
  return request<T>('POST', path, body);
}

export interface Principal {
  readonly id: string;
  readonly agency: string;
  readonly roles: readonly string[];
  readonly clearance: string;
}

export interface Session {
  readonly principal: Principal;
  readonly csrf: string;
  /** Principals of this agency act for any agency (COORDINATING_AGENCY). */
  readonly coordinatingAgency: string;
}

export const sessionApi = {
  current: () => request<Session>('GET', '/web/session'),
  signIn: (token: string) => request<Session>('POST', '/web/session', { token }),
  signOut: () => request<null>('DELETE', '/web/session'),
};
