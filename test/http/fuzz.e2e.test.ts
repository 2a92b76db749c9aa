// Fuzzing every write route (docs/adr/0028-fuzzing-the-write-routes.md), against the API as production
// builds it over a real store: fast-check generates requests from each route's documented example body
// (the OpenAPI document, generated from contracts/commands.ts) and mutates them (wrong types, huge and
// odd strings: lone surrogates, bidi controls, NUL, Thai digits; deep nesting; keys removed, added,
// duplicated, `__proto__`; truncated or non-UTF-8 bytes), with generated headers (Idempotency-Key,
// If-Match, Occurred-At, Content-Type and its charset, Authorization) and query strings, on paths
// naming existing or made-up ids. For every request:
// - never a 5xx: the answer is 201, or a 4xx problem+json with a stable `code`;
// - never an append on a refused request: the store's $all head is where it was;
// - never a crash: the process stays up and still writes afterwards.
// FUZZ_RUNS sets the number of requests (default 600; `npm run fuzz` runs 20,000), FUZZ_SEED replays a run.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import t from 'tap';
import type { LightMyRequestResponse } from 'fastify';
import { openApi, type Api } from './helpers/api.js';
import { bodies, writeCases } from './helpers/writes.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 600);
const SEED = process.env['FUZZ_SEED'] === undefined ? undefined : Number(process.env['FUZZ_SEED']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A stable problem code: lower snake case. */
const CODE = /^[a-z][a-z0-9_]*$/;

// ---- values ----

const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 80,
});
const oddText = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202Eevil\u202C',
  '\u2066isolate\u2069',
  '\uD800',
  'x\uDFFFy',
  '\r\n',
  '\t',
  '\u001B[2J',
  '๒๘ ธันวาคม ๒๕๖๔',
  '๓๑ กุมภาพันธ์ ๒๕๖๔',
  '2021-02-30',
  '9999-12-31',
  '0000-01-01',
  '1944-12-31',
  '2100-01-01',
  '2026-13-01T25:61:61Z',
  '-1',
  'NaN',
  'Infinity',
  '__proto__',
  'constructor',
  'toString',
  '../../etc/passwd',
  '$all',
  '$$metadata',
  'idempotency-x',
  '🇹🇭👍🏽',
  'e\u0301',
  'ก'.repeat(5000),
  'x'.repeat(70_000),
);
const scalar: fc.Arbitrary<Json> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  oddText,
  fc.integer(),
  fc.double({ noDefaultInfinity: true, noNaN: true }),
  fc.constantFrom(0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, 0.5),
  fc.boolean(),
  fc.constant(null),
);
const value: fc.Arbitrary<Json> = fc.oneof(
  { weight: 5, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.oneof(printable, oddText), scalar, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> },
);

/** Where in a JSON value something can be changed: the path of every object and array in it. */
function containers(v: Json, at: Array<string | number> = []): Array<Array<string | number>> {
  if (v === null || typeof v !== 'object') return [];
  const inner = Array.isArray(v)
    ? v.flatMap((x, i) => containers(x, [...at, i]))
    : Object.entries(v).flatMap(([k, x]) => containers(x, [...at, k]));
  return [at, ...inner];
}

function at(v: Json, path: ReadonlyArray<string | number>): Json {
  let cur: Json = v;
  for (const p of path) cur = (cur as Record<string | number, Json>)[p] ?? null;
  return cur;
}

type Mutation =
  | { kind: 'keep' }
  | { kind: 'set' | 'delete' | 'add'; where: number; pick: number; key: string; value: Json }
  | { kind: 'replace'; value: Json };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: 'keep' as const }) },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constantFrom('set' as const, 'delete' as const, 'add' as const),
      where: fc.nat(),
      pick: fc.nat(),
      key: fc.oneof(printable, oddText),
      value,
    }),
  },
  { weight: 1, arbitrary: value.map((v) => ({ kind: 'replace' as const, value: v })) },
);

function mutate(example: Json, m: Mutation): Json {
  if (m.kind === 'keep') return example;
  if (m.kind === 'replace') return m.value;
  const body = structuredClone(example);
  const places = containers(body);
  const place = places[m.where % places.length] ?? [];
  const target = at(body, place);
  if (target === null || typeof target !== 'object') return body;
  const keys = Array.isArray(target) ? target.map((_, i) => i) : Object.keys(target);
  const key = keys.length === 0 ? undefined : keys[m.pick % keys.length];
  const slot = target as Record<string | number, Json>;
  if (m.kind === 'set' && key !== undefined) slot[key] = m.value;
  else if (m.kind === 'delete' && key !== undefined) {
    if (Array.isArray(target)) target.splice(Number(key), 1);
    else delete slot[key];
  } else if (Array.isArray(target)) target.push(m.value);
  else slot[m.key] = m.value;
  return body;
}

// ---- the bytes on the wire ----

type Encoding =
  | { kind: 'json' }
  | { kind: 'duplicate-key'; value: Json }
  | { kind: 'proto' }
  | { kind: 'truncate'; at: number }
  | { kind: 'bad-utf8'; at: number }
  | { kind: 'nested'; depth: number }
  | { kind: 'raw'; text: string };

const encoding: fc.Arbitrary<Encoding> = fc.oneof(
  { weight: 10, arbitrary: fc.constant({ kind: 'json' as const }) },
  { weight: 1, arbitrary: value.map((v) => ({ kind: 'duplicate-key' as const, value: v })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'proto' as const }) },
  { weight: 1, arbitrary: fc.nat().map((n) => ({ kind: 'truncate' as const, at: n })) },
  { weight: 1, arbitrary: fc.nat().map((n) => ({ kind: 'bad-utf8' as const, at: n })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 20_000 }).map((d) => ({ kind: 'nested' as const, depth: d })) },
  {
    weight: 1,
    arbitrary: fc
      .oneof(printable, oddText, fc.constantFrom('', 'null', '[]', '"x"', '1', '{', '{}}', 'true'))
      .map((text) => ({ kind: 'raw' as const, text })),
  },
);

function encode(body: Json, e: Encoding): string | Buffer {
  const text = JSON.stringify(body);
  switch (e.kind) {
    case 'json':
      return text;
    case 'duplicate-key': {
      if (!text.startsWith('{') || text === '{}') return text;
      const first = Object.keys(body as object)[0] ?? 'x';
      return `{${JSON.stringify(first)}:${JSON.stringify(e.value)},${text.slice(1)}`;
    }
    case 'proto':
      return text.startsWith('{') && text !== '{}' ? `{"__proto__":{"isAdmin":true},${text.slice(1)}` : text;
    case 'truncate':
      return text.slice(0, e.at % (text.length + 1));
    case 'bad-utf8': {
      const bytes = Buffer.from(text, 'utf8');
      const i = e.at % (bytes.length + 1);
      return Buffer.concat([bytes.subarray(0, i), Buffer.from([0xff, 0xc3, 0x28]), bytes.subarray(i)]);
    }
    case 'nested':
      return `{"title":${'['.repeat(e.depth)}${']'.repeat(e.depth)}}`;
    case 'raw':
      return e.text;
  }
}

// ---- headers and query ----

const KEYS = ['fuzz-key-1', 'fuzz-key-2', 'fuzz-key-3'];
const idempotencyKey = fc.oneof(
  { weight: 6, arbitrary: fc.uuid().map((u) => u as string | undefined) },
  { weight: 2, arbitrary: fc.constantFrom<string | undefined>(...KEYS) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<string | undefined>(
      undefined,
      '',
      ' ',
      'a'.repeat(201),
      'k\u00e9y',
      'a b',
      '../x',
      '%00',
    ),
  },
  { weight: 1, arbitrary: printable.map((s) => s as string | undefined) },
);
const ifMatch = fc.oneof(
  { weight: 6, arbitrary: fc.constant<string | undefined>(undefined) },
  { weight: 2, arbitrary: fc.nat(5).map((n) => `"${n}"` as string | undefined) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<string | undefined>(
      '"-1"',
      'W/"1"',
      '*',
      '"1", "2"',
      '""',
      '"99999999999999999999999999"',
      '1',
      '"0x1"',
      '" 1"',
    ),
  },
  { weight: 1, arbitrary: printable.map((s) => s as string | undefined) },
);
const occurredAt = fc.oneof(
  { weight: 6, arbitrary: fc.constant<string | undefined>(undefined) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<string | undefined>(
      '2021-12-28',
      '2021-12-28T10:00:00+07:00',
      '2099-01-01',
      '1900-01-01',
      '2021-02-30',
      encodeURIComponent('๒๘ ธันวาคม ๒๕๖๔'),
      encodeURIComponent('๓๒ ธันวาคม ๒๕๖๔'),
      '%E0%B8',
      '%ZZ',
      'yesterday',
      '2021-12-28T24:00:00Z',
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .date({ min: new Date('1940-01-01'), max: new Date('2110-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString() as string | undefined),
  },
  { weight: 1, arbitrary: printable.map((s) => s as string | undefined) },
);
const contentType = fc.oneof(
  { weight: 14, arbitrary: fc.constant<string | undefined>('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom<string | undefined>(
      undefined,
      'application/json; charset=utf-8',
      'application/json; charset=UTF-8',
      'application/json;charset="utf-8"',
      'application/json; charset=latin1',
      'application/json; charset=utf-16le',
      'application/json; charset=',
      'application/json; boundary=x',
      'APPLICATION/JSON',
      'application/problem+json',
      'application/merge-patch+json',
      'text/plain',
      'text/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      '',
      'application',
      ';;;',
    ),
  },
  { weight: 1, arbitrary: printable.map((s) => s as string | undefined) },
);
type Who = 'admin' | 'negotiator-OAG' | 'officer-RTP' | 'auditor' | 'none' | 'garbage';
const who = fc.oneof(
  { weight: 8, arbitrary: fc.constant<Who>('admin') },
  { weight: 3, arbitrary: fc.constantFrom<Who>('negotiator-OAG', 'officer-RTP', 'auditor') },
  { weight: 1, arbitrary: fc.constantFrom<Who>('none', 'garbage') },
);
const query = fc.oneof(
  { weight: 10, arbitrary: fc.constant('') },
  {
    weight: 2,
    arbitrary: fc
      .dictionary(printable, printable, { maxKeys: 3 })
      .map((d) => (Object.keys(d).length === 0 ? '' : `?${new URLSearchParams(d).toString()}`)),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '?',
      '?%ZZ',
      '?a&a=1&a=2',
      '?__proto__[x]=1',
      '?constructor=1',
      `?x=${'y'.repeat(5000)}`,
      '?asOf=2021-12-28',
      '?%00=%00',
    ),
  },
);

// ---- paths ----

interface Fixtures {
  processId: string;
  sessionId: string;
  issueId: string;
  endorsedIssueId: string;
  consultationId: string;
}

const pathValue = fc.oneof(
  { weight: 6, arbitrary: fc.constant<string | null>(null) }, // an existing id of the right kind
  {
    weight: 1,
    arbitrary: fc.constantFrom<string | null>(
      'nope',
      'ahc',
      randomUUID(),
      '00000000-0000-0000-0000-000000000000',
      'UPPER',
      'a--b',
      '%2e%2e',
      '%00',
      '%E0%A4%A',
      '%',
      'x'.repeat(300),
      '$all',
    ),
  },
  { weight: 1, arbitrary: printable.map((s) => encodeURIComponent(s) as string | null) },
);

function urlFor(template: string, fixtures: Fixtures, pick: string | null): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (pick !== null) return pick;
    if (name === 'processId') return fixtures.processId;
    if (name === 'sessionId') return fixtures.sessionId;
    if (name === 'consultationId') return fixtures.consultationId;
    if (name === 'issueId')
      return template.includes('/position/') && !template.endsWith('/drafts')
        ? fixtures.endorsedIssueId
        : fixtures.issueId;
    return name;
  });
}

// ---- the run ----

async function fixturesIn(api: Api, token: string): Promise<Fixtures> {
  const post = async (url: string, body: object): Promise<void> => {
    const res = await api.post(url, body, { token });
    if (res.statusCode !== 201) throw new Error(`fixture ${url}: ${res.statusCode} ${res.body}`);
  };
  // The ids the documented examples refer to exist, so an example and its mutations reach the domain.
  const processId = 'ahc';
  await post('/v1/processes', bodies.process(processId));
  const sessionId = 'ahc-concluding';
  await post('/v1/sessions', bodies.session(sessionId, processId));
  await post('/v1/sessions', bodies.session('ahc-7', processId));
  const issueId = 'ahc-jurisdiction';
  await post('/v1/issues', bodies.issue(issueId, processId));
  const endorsedIssueId = 'ahc-scope';
  await post('/v1/issues', bodies.issue(endorsedIssueId, processId));
  await post(`/v1/issues/${endorsedIssueId}/position/drafts`, bodies.draft());
  await post(`/v1/issues/${endorsedIssueId}/position/endorsements`, bodies.endorsement(1, 'mfa'));
  const consultationId = randomUUID();
  await post('/v1/consultations', { consultationId, ...bodies.consultation('MFA', issueId) });
  return { processId, sessionId, issueId, endorsedIssueId, consultationId };
}

t.test(
  `${RUNS} generated requests to every write route: never a 5xx, never an append on a refused request, never a crash`,
  async (t) => {
    const api = await openApi(t);
    const doc = (await api.get('/openapi.json')).json<{
      paths: Record<
        string,
        { post?: { requestBody?: { content?: Record<string, { example?: Json; schema?: { example?: Json } }> } } }
      >;
    }>();
    const routes = writeCases.map((w) => {
      const media = doc.paths[w.path]?.post?.requestBody?.content?.['application/json'];
      const example = media?.example ?? media?.schema?.example;
      if (example === undefined) throw new Error(`${w.path} documents no example`);
      return { template: w.path, example };
    });
    const tokens: Record<Who, string | undefined> = {
      admin: await api.tokenFor('admin', 'MFA', 'top-secret'),
      'negotiator-OAG': await api.tokenFor('negotiator', 'OAG', 'confidential'),
      'officer-RTP': await api.tokenFor('agency-officer', 'RTP'),
      auditor: await api.tokenFor('auditor', 'OAG', 'top-secret'),
      none: undefined,
      garbage: 'pl_not-a-token',
    };
    const fixtures = await fixturesIn(api, tokens.admin ?? '');
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    t.teardown(() => void process.off('unhandledRejection', onUnhandled));

    const byStatus = new Map<number, number>();
    const codes = new Set<string>();
    const request = fc.record({
      route: fc.nat(routes.length - 1),
      mutation,
      encoding,
      path: pathValue,
      query,
      key: idempotencyKey,
      ifMatch,
      occurredAt,
      contentType,
      who,
    });

    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const route = routes[r.route] ?? routes[0];
        if (route === undefined) return;
        const url = `${urlFor(route.template, fixtures, r.path)}${r.query}`;
        const headers: Record<string, string> = {};
        const token = tokens[r.who];
        if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
        if (r.key !== undefined) headers['idempotency-key'] = r.key;
        if (r.ifMatch !== undefined) headers['if-match'] = r.ifMatch;
        if (r.occurredAt !== undefined) headers['occurred-at'] = r.occurredAt;
        if (r.contentType !== undefined) headers['content-type'] = r.contentType;
        const payload = encode(mutate(route.example, r.mutation), r.encoding);
        const before = await api.store.headPosition();
        let res: LightMyRequestResponse;
        try {
          res = await api.app.inject({ method: 'POST', url, headers, payload });
        } catch (error) {
          // light-my-request refuses what no HTTP client could send (e.g. a header it cannot encode).
          if (error instanceof TypeError && /header|Invalid character/i.test(error.message)) return;
          throw error;
        }
        const after = await api.store.headPosition();
        byStatus.set(res.statusCode, (byStatus.get(res.statusCode) ?? 0) + 1);
        if (res.statusCode >= 500) throw new Error(`${res.statusCode} for POST ${url}: ${res.body.slice(0, 500)}`);
        if (res.statusCode === 201) return;
        if (!/^application\/problem\+json/.test(String(res.headers['content-type'])))
          throw new Error(`${res.statusCode} without problem+json: ${String(res.headers['content-type'])}`);
        const problem = res.json<{ code?: unknown; status?: unknown }>();
        if (typeof problem.code !== 'string' || !CODE.test(problem.code))
          throw new Error(`${res.statusCode} without a stable code: ${res.body.slice(0, 300)}`);
        if (problem.status !== res.statusCode)
          throw new Error(`problem status ${String(problem.status)} on a ${res.statusCode}`);
        codes.add(`${res.statusCode} ${problem.code}`);
        if (
          JSON.stringify(after, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) !==
          JSON.stringify(before, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
        ) {
          throw new Error(`a refused request (${res.statusCode} ${problem.code}) moved the store's head`);
        }
      }),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
    );

    t.comment(`answers by status: ${JSON.stringify(Object.fromEntries([...byStatus].sort(([a], [b]) => a - b)))}`);
    t.comment(`problem codes seen: ${[...codes].sort().join(', ')}`);
    t.ok((byStatus.get(201) ?? 0) > 0, 'some generated requests were valid and written');
    t.ok(
      [...byStatus.keys()].some((s) => s >= 400),
      'some were refused',
    );
    t.same(unhandled, [], 'no unhandled rejection');
    const alive = await api.post('/v1/processes', bodies.process(`after-fuzz-${randomUUID().slice(0, 8)}`), {
      token: tokens.admin,
    });
    t.equal(alive.statusCode, 201, 'the app still writes afterwards');
  },
);
