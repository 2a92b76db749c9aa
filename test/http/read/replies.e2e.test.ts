// Every reply is serialized through its route's reply schema (contracts/read/, ADR 0033), and a schema
// leaves out any key it does not declare. On the demo data, read by readers of every clearance, at
// several points on both clocks, for the probes and for a write of every route, each answer must
// validate against its schema and hold exactly what the handler produced (captured before
// serialization): nothing lost.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t, { type Test } from 'tap';
import type { z } from 'zod';
import type { LightMyRequestResponse } from 'fastify';
import type { Principal } from '../../../contracts/index.js';
import { CLASSIFICATION_LEVELS } from '../../../contracts/classification.js';
import * as replies from '../../../contracts/read/index.js';
import { ledgerApi } from '../../../src/http/app.js';
import { createInstance } from '../../../src/http/instance.js';
import { createLedger } from '../../../src/application/ledger.js';
import { createLedgerStore } from '../../../src/store/adapter.js';
import { createTokenStore } from '../../../src/auth/tokens.js';
import { demoSeed, loadSeed } from '../../../src/seed/demo.js';
import { openTestStore } from '../../helpers/esdb.js';
import { captureLog } from '../helpers/log-capture.js';
import { defaultHttpConfig, type Api } from '../helpers/api.js';
import { writeCases } from '../helpers/writes.js';

t.test('every reply holds what its handler produced and validates against its schema', async (t) => {
  const testStore = await openTestStore();
  const dir = await mkdtemp(path.join(tmpdir(), 'ledger-replies-'));
  const log = captureLog('warn');
  const store = createLedgerStore(testStore.client);
  const ledger = createLedger({ store, logger: log.logger });
  const tokens = createTokenStore(path.join(dir, 'tokens.json'));

  // The app as buildApp makes it, with one hook first so every route inherits it: what each handler
  // sent, as JSON, before the reply schema serialized it.
  const app = createInstance(log.logger, defaultHttpConfig);
  const produced = new Map<string, unknown>();
  app.addHook('preSerialization', async (request, _reply, payload) => {
    produced.set(request.id, JSON.parse(JSON.stringify(payload)));
    return payload;
  });
  await app.register(ledgerApi, {
    deps: {
      ledger,
      tokens,
      store,
      read: { store, dataDir: dir, storeConnection: testStore.connectionString },
      logger: log.logger,
      config: defaultHttpConfig,
    },
    version: 'test',
  });
  await app.ready();
  const read = app.readSide;
  t.teardown(async () => {
    await app.close();
    await testStore.close();
    await rm(dir, { recursive: true, force: true });
  });

  let last = 0n;
  await loadSeed(demoSeed(), async (command, ctx) => {
    const result = await ledger.execute(command, ctx);
    if (BigInt(result.position.commit) > last) last = BigInt(result.position.commit);
    return result;
  });
  t.ok(await read.projector.waitFor(last, 30_000), 'the read side has the demo data');
  const beforeLoad = '2020-01-01T00:00:00+07:00';

  let principals = 0;
  const tokenFor: Api['tokenFor'] = async (roles, agency = 'MFA', clearance = 'secret') => {
    principals += 1;
    const principal: Principal = {
      id: `replies-${principals}`,
      agency,
      roles: Array.isArray(roles) ? roles : [roles],
      clearance,
    };
    return (await tokens.create(principal, 'replies e2e test')).token;
  };
  const inject = (
    method: 'GET' | 'POST',
    url: string,
    token: string | undefined,
    payload?: object,
    headers: Record<string, string> = {},
  ) =>
    app.inject({
      method,
      url,
      headers: {
        ...headers,
        'x-request-id': randomUUID(),
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      ...(payload === undefined ? {} : { payload }),
    });

  let checked = 0;
  /** The answer validates against `schema`, and holds exactly what the handler produced. */
  const holds = (t: Test, what: string, res: LightMyRequestResponse, status: number, schema: z.ZodType): void => {
    t.equal(res.statusCode, status, `${what}: ${res.body.slice(0, 300)}`);
    if (res.statusCode !== status) return;
    const body: unknown = res.json();
    const parsed = schema.safeParse(body);
    t.ok(
      parsed.success,
      `${what} validates against its schema${parsed.success ? '' : `: ${JSON.stringify(parsed.error.issues.slice(0, 3))}`}`,
    );
    const id = res.headers['x-request-id'];
    t.ok(typeof id === 'string' && produced.has(id), `${what}: the handler's answer was captured`);
    if (typeof id === 'string') t.strictSame(body, produced.get(id), `${what}: nothing the handler produced is lost`);
    checked += 1;
  };

  // What the demo data holds, from the raw log: every issue, session and consultation on it.
  const ids = { issue: new Set<string>(), session: new Set<string>(), consultation: new Set<string>() };
  {
    const auditor = await tokenFor('auditor', 'MFA', 'top-secret');
    const events = (await inject('GET', '/v1/audit/events?limit=1000', auditor)).json<{
      events: Array<{ type: string; data: Record<string, string> }>;
    }>().events;
    for (const e of events) {
      if (e.type === 'IssueRegistered' && e.data['issueId'] !== undefined) ids.issue.add(e.data['issueId']);
      if (e.type === 'SessionScheduled' && e.data['sessionId'] !== undefined) ids.session.add(e.data['sessionId']);
      if (e.type === 'ConsultationConvened' && e.data['consultationId'] !== undefined)
        ids.consultation.add(e.data['consultationId']);
    }
  }
  t.ok(
    ids.issue.size >= 10 && ids.session.size >= 6 && ids.consultation.size >= 2,
    `the demo data: ${ids.issue.size} issues, ${ids.session.size} sessions, ${ids.consultation.size} consultations`,
  );

  await t.test('the read routes, for readers of every clearance, on both clocks', async (t) => {
    const routes: Array<[string, z.ZodType]> = [
      ['/v1/positions', replies.PositionsReply],
      ...[...ids.issue].flatMap((id): Array<[string, z.ZodType]> => [
        [`/v1/issues/${id}/position`, replies.PositionReply],
        [`/v1/issues/${id}/history`, replies.HistoryReply],
      ]),
      ['/v1/alignment', replies.AlignmentReply],
      ['/v1/consultations', replies.ConsultationsReply],
      ...[...ids.consultation].map((id): [string, z.ZodType] => [`/v1/consultations/${id}`, replies.ConsultationReply]),
      ...[...ids.session].map((id): [string, z.ZodType] => [`/v1/sessions/${id}/brief`, replies.BriefReply]),
    ];
    const points = [
      '',
      'asOf=2021-12-27',
      'asOf=2022-01-01',
      'asOf=2024-02-01',
      `asOf=${encodeURIComponent(beforeLoad)}&axis=recorded`,
      'axis=recorded',
    ];
    for (const clearance of CLASSIFICATION_LEVELS) {
      const token = await tokenFor('negotiator', 'OAG', clearance);
      for (const [url, schema] of routes) {
        for (const point of points) {
          const res = await inject('GET', `${url}${url.includes('?') ? '&' : '?'}${point}`, token);
          // An issue or session not on the ledger yet as of that point is 404, a problem: not a 200 reply.
          if (res.statusCode === 404) continue;
          holds(t, `${clearance}: GET ${url}?${point}`, res, 200, schema);
        }
      }
    }
  });

  await t.test('the audit routes, for auditors of every clearance', async (t) => {
    for (const clearance of CLASSIFICATION_LEVELS) {
      const token = await tokenFor('auditor', 'MFA', clearance);
      let after = '';
      for (let page = 0; page < 100; page++) {
        const res = await inject('GET', `/v1/audit/events?limit=200${after}`, token);
        holds(t, `${clearance}: GET /v1/audit/events page ${page}`, res, 200, replies.AuditEventsReply);
        const next = res.json<{ next: string | null }>().next;
        if (next === null) break;
        after = `&after=${encodeURIComponent(next)}`;
      }
      holds(
        t,
        `${clearance}: GET /v1/audit/events?axis=valid`,
        await inject('GET', '/v1/audit/events?axis=valid&from=2021-01-01T00:00:00Z&limit=50', token),
        200,
        replies.AuditEventsReply,
      );
      holds(
        t,
        `${clearance}: POST /v1/audit/replay`,
        await inject('POST', '/v1/audit/replay', token, { asOf: '2024-02-01' }),
        200,
        replies.AuditReplayReply,
      );
    }
  });

  await t.test('the probes', async (t) => {
    holds(t, 'GET /healthz', await inject('GET', '/healthz', undefined), 200, replies.HealthReply);
    holds(t, 'GET /readyz', await inject('GET', '/readyz', undefined), 200, replies.ReadinessReply);
  });

  await t.test('a write of every route', async (t) => {
    const post: Api['post'] = (url, body, options = {}) =>
      inject('POST', url, options.token, body, {
        'idempotency-key': options.key ?? randomUUID(),
        ...(options.ifMatch === undefined ? {} : { 'if-match': options.ifMatch }),
      });
    const api = {
      app,
      store,
      tokens,
      log,
      tokenFile: '',
      stopStore: async () => undefined,
      tokenFor,
      post,
    } as unknown as Api;
    const admin = await tokenFor('admin', 'MFA', 'top-secret');
    for (const write of writeCases) {
      const request = await write.prepare(api, { roles: ['admin'], agency: 'MFA' });
      holds(t, `POST ${write.path}`, await post(request.url, request.body, { token: admin }), 201, replies.WriteReply);
    }
  });

  t.ok(checked > 500, `${checked} answers checked`);
});
