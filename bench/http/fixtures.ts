// What the write loads write to, created through the API first (as an officer's desk would): issues
// to record statements on, and consultations with OAG as participant and a demo issue on the agenda
// to record views in. Plus the API calls every other file of the benchmark makes.
import { randomUUID } from 'node:crypto';
import type { BenchTokens } from './prepare.js';
import { CONNECTIONS } from './settings.js';

/** Demo subjects (src/seed): a negotiation, one of its issues, and a concluded session of it. */
export const DEMO = { processId: 'ahc', issueId: 'ahc-scope', sessionId: 'ahc-concluding' } as const;

/** The loads on distinct subjects give each connection its own stream. */
const POOL = CONNECTIONS;

export interface WriteFixtures {
  /** Issues registered for the statement load, one per connection. */
  issues: string[];
  /** Consultations for the views load on distinct consultations, one per connection. */
  consultations: string[];
  /** The one consultation every request of the contention load writes to. */
  contended: string;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: Buffer;
}

export async function call(
  url: string,
  path: string,
  token: string,
  init: { method?: 'GET' | 'POST'; body?: unknown; key?: string | null } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.method === 'POST' && init.key !== null) headers['idempotency-key'] = init.key ?? randomUUID();
  const response = await fetch(`${url}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

async function created(url: string, path: string, token: string, body: unknown): Promise<ApiAnswer> {
  const answer = await call(url, path, token, { method: 'POST', body });
  if (answer.status !== 201)
    throw new Error(`POST ${path} answered ${answer.status}: ${answer.body.toString('utf8').slice(0, 500)}`);
  return answer;
}

export const viewBody = {
  issueId: DEMO.issueId,
  agency: 'OAG',
  stance: 'support-with-amendments',
  summary: { th: 'สนับสนุนโดยมีข้อแก้ไข', en: 'Supports with amendments' },
};

export const statementBody = {
  sessionId: DEMO.sessionId,
  deliveredOn: '2024-02-01',
  summary: { th: 'ไทยสนับสนุน', en: 'Thailand supports' },
  deliveredBy: 'Thai delegation',
};

async function convene(url: string, tokens: BenchTokens, n: number): Promise<string> {
  const answer = await created(url, '/v1/consultations', tokens.desk, {
    title: { th: `ประชุมหารือทดสอบ ${n}`, en: `Bench consultation ${n}` },
    heldOn: '2026-11-25',
    convener: 'MFA',
    participants: ['MFA', 'OAG', 'RTP', 'NCSA'],
    agenda: [DEMO.issueId],
  });
  const location = answer.headers.get('location');
  const id = location?.split('/').at(-1);
  if (id === undefined) throw new Error('POST /v1/consultations answered without a Location');
  return id;
}

export async function createWriteFixtures(url: string, tokens: BenchTokens): Promise<WriteFixtures> {
  const tag = randomUUID().slice(0, 8);
  const issues = Array.from({ length: POOL }, (_, i) => `bench-http-${tag}-${i}`);
  for (const [i, issueId] of issues.entries()) {
    await created(url, '/v1/issues', tokens.desk, {
      issueId,
      processId: DEMO.processId,
      code: `BENCH-${i}`,
      title: { th: `ประเด็นทดสอบ ${i}`, en: `Bench issue ${i}` },
    });
  }
  const consultations: string[] = [];
  for (let i = 0; i < POOL; i += 1) consultations.push(await convene(url, tokens, i));
  const contended = await convene(url, tokens, POOL);
  return { issues, consultations, contended };
}
