import t from 'tap';
import { randomUUID } from 'node:crypto';
import { CLASSIFICATION_LEVELS } from '../../../contracts/classification.js';
import { ROLES } from '../../../contracts/principal.js';
import { bodies, slug } from '../helpers/writes.js';
import { openReadApi, type ReadApi } from './read-api.js';

interface Written {
  issueId: string;
  sessionId: string;
  consultationId: string;
  position: string;
}

/** An issue with a consultation, two views, a draft with secret red lines, endorsed. */
async function writeStory(api: ReadApi): Promise<Written> {
  const admin = await api.tokenFor('admin', 'MFA', 'top-secret');
  const ok = async (url: string, body: object) => {
    const res = await api.post(url, body, admin);
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json<{ eventIds: string[]; position: { commit: string } }>();
  };
  const processId = slug('proc');
  const issueId = slug('issue');
  const sessionId = slug('sess');
  const consultationId = randomUUID();
  await ok('/v1/processes', bodies.process(processId));
  await ok('/v1/sessions', { ...bodies.session(sessionId, processId), from: '2030-02-28', to: '2030-03-11' });
  await ok('/v1/issues', bodies.issue(issueId, processId));
  await ok('/v1/consultations', { consultationId, ...bodies.consultation('MFA', issueId) });
  const view = await ok(`/v1/consultations/${consultationId}/views`, bodies.view(issueId, 'OAG'));
  await ok(`/v1/consultations/${consultationId}/views`, { ...bodies.view(issueId, 'RTP'), stance: 'listening' });
  await ok(`/v1/issues/${issueId}/position/drafts`, {
    ...bodies.draft(),
    redLines: { level: 'secret', value: [{ th: 'เส้นต้องห้าม', en: 'no mandatory data retention' }] },
    fallbacks: { level: 'confidential', value: [{ th: 'ทางถอย', en: 'serious crime threshold' }] },
    allies: ['ASEAN'],
    basis: { consultationIds: [consultationId], eventIds: view.eventIds },
  });
  const endorsed = await ok(`/v1/issues/${issueId}/position/endorsements`, bodies.endorsement());
  return { issueId, sessionId, consultationId, position: endorsed.position.commit };
}

// One ledger for the file: each test writes its own process, issue, session and consultation (writeStory),
// and reads them by id or filters to them; the lists it reads may hold the other tests' subjects too.
const api = await openReadApi(t);

t.test('a read with minPosition sees the write it follows (read-your-writes)', async (t) => {
  const w = await writeStory(api);
  const reader = await api.tokenFor('negotiator');
  const res = await api.get(`/v1/issues/${w.issueId}/position?minPosition=${w.position}`, reader);
  t.equal(res.statusCode, 200, res.body);
  const body = res.json<{
    position: { inForce: { version: number; stance: string; basis: { inputs: Array<{ agency: string }> } } | null };
  }>();
  t.equal(body.position.inForce?.version, 1);
  t.equal(body.position.inForce?.stance, 'listening');
  t.same(
    body.position.inForce?.basis.inputs.map((i) => i.agency),
    ['OAG'],
  );
});

t.test('a read waiting for a position the read side never reaches answers 503 with Retry-After', async (t) => {
  const reader = await api.tokenFor('negotiator');
  const res = await api.get('/v1/positions?minPosition=99999999999999', reader);
  t.equal(res.statusCode, 503);
  t.equal(res.headers['retry-after'], '1');
  t.equal(res.json<{ code: string }>().code, 'not_ready');
});

t.test('every read route answers, with an ETag that turns a repeat into 304', async (t) => {
  const w = await writeStory(api);
  const reader = await api.tokenFor('negotiator');
  const q = `minPosition=${w.position}`;
  for (const url of [
    `/v1/positions?${q}`,
    `/v1/issues/${w.issueId}/position?${q}`,
    `/v1/issues/${w.issueId}/history?${q}`,
    `/v1/alignment?issueId=${w.issueId}&${q}`,
    `/v1/consultations?${q}`,
    `/v1/consultations/${w.consultationId}?${q}`,
    `/v1/sessions/${w.sessionId}/brief?${q}`,
  ]) {
    const res = await api.get(url, reader);
    t.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 200)}`);
    const etag = res.headers['etag'];
    t.type(etag, 'string', url);
    const again = await api.get(url, reader, { 'if-none-match': String(etag) });
    t.equal(again.statusCode, 304, `${url} again`);
  }
});

t.test("the ETag of an issue's position changes with a new draft and with its endorsement", async (t) => {
  const w = await writeStory(api);
  const admin = await api.tokenFor('admin', 'MFA', 'top-secret');
  const reader = await api.tokenFor('negotiator');
  const url = `/v1/issues/${w.issueId}/position`;
  const read = async (minPosition: string) => {
    const res = await api.get(`${url}?minPosition=${minPosition}`, reader);
    t.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 200)}`);
    return {
      etag: String(res.headers['etag']),
      body: res.json<{ position: { pendingDraft: { version: number } | null; inForce: { version: number } | null } }>(),
    };
  };
  const endorsed = await read(w.position);
  t.equal(endorsed.body.position.inForce?.version, 1);

  const drafted = await api.post(`${url}/drafts`, { ...bodies.draft(), stance: 'support' }, admin);
  t.equal(drafted.statusCode, 201, drafted.body);
  const afterDraft = await read(drafted.json<{ position: { commit: string } }>().position.commit);
  t.equal(afterDraft.body.position.pendingDraft?.version, 2, 'the new draft is shown');
  t.not(afterDraft.etag, endorsed.etag, 'a new draft gives a new ETag');
  const stale = await api.get(url, reader, { 'if-none-match': endorsed.etag });
  t.equal(stale.statusCode, 200, 'the ETag read before the draft does not answer 304');

  const endorsement = await api.post(`${url}/endorsements`, bodies.endorsement(2), admin);
  t.equal(endorsement.statusCode, 201, endorsement.body);
  const afterEndorsement = await read(endorsement.json<{ position: { commit: string } }>().position.commit);
  t.equal(afterEndorsement.body.position.inForce?.version, 2, 'version 2 is in force');
  t.not(afterEndorsement.etag, afterDraft.etag, 'its endorsement gives a new ETag');
});

t.test('alignment and the session brief show the agency that disagrees', async (t) => {
  const w = await writeStory(api);
  const reader = await api.tokenFor('negotiator');
  const alignment = (await api.get(`/v1/alignment?issueId=${w.issueId}&minPosition=${w.position}`, reader)).json<{
    alignment: Array<{ agency: string; diverges: boolean }>;
  }>();
  t.same(
    alignment.alignment.map((r) => [r.agency, r.diverges]),
    [
      ['OAG', true],
      ['RTP', false],
    ],
  );
  const brief = (await api.get(`/v1/sessions/${w.sessionId}/brief?minPosition=${w.position}`, reader)).json<{
    brief: { issues: Array<{ disagreements: Array<{ agency: string }> }> };
  }>();
  t.same(
    brief.brief.issues[0]?.disagreements.map((d) => d.agency),
    ['OAG'],
  );
});

t.test(
  'asOf and axis: before the consultation nothing is known; Thai dates are accepted; a bad date is a 400',
  async (t) => {
    const w = await writeStory(api);
    const reader = await api.tokenFor('negotiator');
    const early = await api.get(
      `/v1/consultations/${w.consultationId}?asOf=2021-12-01&minPosition=${w.position}`,
      reader,
    );
    t.equal(early.statusCode, 404, 'not held yet on 1 Dec 2021');
    const thai = await api.get(
      `/v1/consultations/${w.consultationId}?asOf=${encodeURIComponent('๒๘ ธันวาคม ๒๕๖๔')}`,
      reader,
    );
    t.equal(thai.statusCode, 200, 'held on 28 Dec 2021 (valid axis)');
    const recorded = await api.get(`/v1/consultations/${w.consultationId}?asOf=2021-12-28&axis=recorded`, reader);
    t.equal(recorded.statusCode, 404, 'but recorded only now');
    const bad = await api.get(
      '/v1/positions?asOf=31%20%E0%B8%81%E0%B8%B8%E0%B8%A1%E0%B8%A0%E0%B8%B2%E0%B8%9E%E0%B8%B1%E0%B8%99%E0%B8%98%E0%B9%8C%202567',
      reader,
    );
    t.equal(bad.statusCode, 400);
    t.match(bad.json<{ detail: string }>().detail, /asOf/);
    const badAxis = await api.get('/v1/positions?axis=sideways', reader);
    t.equal(badAxis.statusCode, 400);
  },
);

t.test(
  'classified red lines and fallbacks are redacted for every role below their level, in reads and raw audit events',
  async (t) => {
    const w = await writeStory(api);
    for (const role of ROLES) {
      for (const clearance of CLASSIFICATION_LEVELS) {
        const token = await api.tokenFor(role, 'MFA', clearance);
        const res = await api.get(`/v1/issues/${w.issueId}/position?minPosition=${w.position}`, token);
        t.equal(res.statusCode, 200);
        const inForce = res.json<{
          position: { inForce: { redLines: Record<string, unknown>; fallbacks: Record<string, unknown> } };
        }>().position.inForce;
        const seesSecret = clearance === 'secret' || clearance === 'top-secret';
        const seesConfidential = clearance !== 'unclassified';
        t.equal(
          'value' in inForce.redLines,
          seesSecret,
          `${role}/${clearance}: red lines ${seesSecret ? 'shown' : 'redacted'}`,
        );
        t.equal(inForce.redLines['redacted'], seesSecret ? undefined : true);
        t.equal('value' in inForce.fallbacks, seesConfidential, `${role}/${clearance}: fallbacks`);
        t.notMatch(JSON.stringify(res.json()).includes('no mandatory data retention'), seesSecret ? false : true);
        const brief = await api.get(`/v1/sessions/${w.sessionId}/brief`, token);
        t.equal(brief.body.includes('no mandatory data retention'), seesSecret, `${role}/${clearance}: brief`);
        const history = await api.get(`/v1/issues/${w.issueId}/history`, token);
        t.equal(history.body.includes('no mandatory data retention'), seesSecret, `${role}/${clearance}: history`);
        const audit = await api.get(`/v1/audit/events?stream=position-${w.issueId}`, token);
        if (role === 'auditor' || role === 'admin') {
          t.equal(audit.statusCode, 200);
          t.equal(audit.body.includes('no mandatory data retention'), seesSecret, `${role}/${clearance}: raw events`);
        } else {
          t.equal(audit.statusCode, 403, `${role} may not read raw events`);
        }
      }
    }
  },
);

t.test('auditors page raw events with both clocks and filters', async (t) => {
  const w = await writeStory(api);
  const auditor = await api.tokenFor('auditor', 'OAG', 'top-secret');
  const first = await api.get(`/v1/audit/events?limit=2&minPosition=${w.position}`, auditor);
  const page = first.json<{
    events: Array<{ recordedAt: string; validAt: string; position: { commit: string }; metadata: { actor: unknown } }>;
    next: string | null;
  }>();
  t.equal(page.events.length, 2);
  t.ok(page.next);
  t.ok(page.events[0]?.recordedAt && page.events[0]?.validAt && page.events[0]?.metadata.actor);
  const second = await api.get(`/v1/audit/events?limit=2&after=${page.next ?? ''}`, auditor);
  const later = second.json<{ events: Array<{ position: { commit: string } }> }>().events;
  t.ok(
    BigInt(later[0]?.position.commit ?? '0') > BigInt(page.events[1]?.position.commit ?? '0'),
    'the next page starts after the first',
  );
  const views = await api.get(
    `/v1/audit/events?stream=consultation-${w.consultationId}&type=AgencyViewRecorded`,
    auditor,
  );
  t.equal(views.json<{ events: unknown[] }>().events.length, 2);
  const valid = await api.get(
    `/v1/audit/events?stream=consultation-${w.consultationId}&axis=valid&from=2021-12-01T00:00:00Z&to=2021-12-31T00:00:00Z`,
    auditor,
  );
  t.ok(
    valid.json<{ events: unknown[] }>().events.length >= 1,
    'the backdated consultation is in December 2021 on the valid axis',
  );
  const recorded = await api.get(
    `/v1/audit/events?stream=consultation-${w.consultationId}&axis=recorded&from=2021-12-01T00:00:00Z&to=2021-12-31T00:00:00Z`,
    auditor,
  );
  t.equal(recorded.json<{ events: unknown[] }>().events.length, 0, 'but it was recorded now');
});

t.test('an audit replay rebuilds every read model from position 0 and finds it equal to the live one', async (t) => {
  const w = await writeStory(api);
  const auditor = await api.tokenFor('auditor', 'OAG', 'top-secret');
  await api.read.projector.waitFor(BigInt(w.position), 5000);
  const res = await api.app.inject({
    method: 'POST',
    url: '/v1/audit/replay',
    headers: { authorization: `Bearer ${auditor}` },
    payload: {},
  });
  t.equal(res.statusCode, 200, res.body);
  const replay = res.json<{
    replay: { equal: boolean; eventsReplayed: number; eventsLive: number; differences: unknown[] };
  }>().replay;
  t.equal(replay.equal, true, JSON.stringify(replay.differences));
  t.equal(replay.eventsReplayed, replay.eventsLive);
  const negotiator = await api.tokenFor('negotiator');
  const bodiless = await api.app.inject({
    method: 'POST',
    url: '/v1/audit/replay',
    headers: { authorization: `Bearer ${auditor}` },
  });
  t.equal(bodiless.statusCode, 200, 'a POST without a body compares as of now');
  t.equal(bodiless.json<{ replay: { equal: boolean } }>().replay.equal, true);
  const refused = await api.app.inject({
    method: 'POST',
    url: '/v1/audit/replay',
    headers: { authorization: `Bearer ${negotiator}` },
    payload: {},
  });
  t.equal(refused.statusCode, 403);
});

t.test(
  'views typed in without Occurred-At count from the day the consultation was held; a view with Occurred-At keeps its own date',
  async (t) => {
    const w = await writeStory(api);
    const admin = await api.tokenFor('admin', 'MFA', 'top-secret');
    const late = await api.post(
      `/v1/consultations/${w.consultationId}/views`,
      { ...bodies.view(w.issueId, 'MFA'), stance: 'oppose' },
      admin,
      { 'occurred-at': '2022-01-05' },
    );
    t.equal(late.statusCode, 201, late.body);
    const reader = await api.tokenFor('negotiator');
    const minPosition = late.json<{ position: { commit: string } }>().position.commit;
    const agenciesOn = async (asOf: string) =>
      (await api.get(`/v1/alignment?issueId=${w.issueId}&asOf=${asOf}&minPosition=${minPosition}`, reader)).json<{
        alignment: Array<{ agency: string; view: { validAt: string } }>;
      }>().alignment;
    t.same(
      (await agenciesOn('2021-12-27')).map((r) => r.agency),
      [],
      'nothing before the meeting',
    );
    const onTheDay = await agenciesOn('2021-12-28');
    t.same(
      onTheDay.map((r) => r.agency),
      ['OAG', 'RTP'],
      'the views logged today stand at the meeting of 28 Dec 2021',
    );
    t.equal(onTheDay[0]?.view.validAt, '2021-12-28T00:00:00.000+07:00', 'the start of 28 Dec 2021 in Bangkok');
    t.same(
      (await agenciesOn('2022-01-05')).map((r) => r.agency),
      ['MFA', 'OAG', 'RTP'],
      'the view sent with Occurred-At 5 Jan 2022 counts from then',
    );
    const consultation = await api.get(`/v1/consultations/${w.consultationId}?asOf=2021-12-28`, reader);
    t.same(
      consultation
        .json<{ consultation: { views: Array<{ agency: string }> } }>()
        .consultation.views.map((v) => v.agency),
      ['OAG', 'RTP'],
      'the register agrees',
    );
    const auditor = await api.tokenFor('auditor', 'OAG', 'top-secret');
    const raw = await api.get(
      `/v1/audit/events?stream=consultation-${w.consultationId}&type=AgencyViewRecorded&axis=valid&from=2021-12-27T00:00:00Z&to=2021-12-31T00:00:00Z`,
      auditor,
    );
    const rawViews = raw.json<{
      events: Array<{ validAt: string; metadata: { occurredAt: string; occurredAtDefaulted?: boolean } }>;
    }>().events;
    t.equal(rawViews.length, 2, "the auditors' raw events date them the same way");
    t.ok(
      rawViews.every(
        (e) =>
          e.validAt === '2021-12-28T00:00:00.000+07:00' &&
          e.metadata.occurredAtDefaulted === true &&
          e.metadata.occurredAt > '2022',
      ),
      'with the time they were typed in kept in metadata',
    );
  },
);

t.test(
  'an issue registered after its endorsement took effect still shows the position in force on that date, as its history does',
  async (t) => {
    // The issue, draft and endorsement typed in today; the endorsement took effect on 20 Jan 2022.
    const w = await writeStory(api);
    const reader = await api.tokenFor('negotiator');
    const q = `asOf=2022-02-01&minPosition=${w.position}`;
    const history = await api.get(`/v1/issues/${w.issueId}/history?${q}`, reader);
    t.equal(history.statusCode, 200, history.body);
    t.ok(
      history.json<{ history: Array<{ type: string }> }>().history.some((e) => e.type === 'PositionEndorsed'),
      'the history shows the endorsement',
    );
    const position = await api.get(`/v1/issues/${w.issueId}/position?${q}`, reader);
    t.equal(position.statusCode, 200, position.body);
    const body = position.json<{
      position: { issue: { code: string } | null; inForce: { version: number; effectiveFrom: string } | null };
    }>().position;
    t.equal(body.inForce?.version, 1, 'version 1 was in force on 1 Feb 2022');
    t.equal(body.inForce?.effectiveFrom, '2022-01-20');
    t.equal(body.issue?.code, 'ART-24', 'with the issue it is a position on');
    const listed = (await api.get(`/v1/positions?${q}`, reader)).json<{ positions: Array<{ issueId: string }> }>()
      .positions;
    t.ok(
      listed.some((p) => p.issueId === w.issueId),
      'and /positions lists it',
    );
    const before = await api.get(`/v1/issues/${w.issueId}/position?asOf=2022-01-19&minPosition=${w.position}`, reader);
    t.equal(
      before.json<{ position: { inForce: unknown } }>().position.inForce,
      null,
      'the day before it took effect, nothing was in force',
    );
  },
);

t.test('a read of something not on the ledger answers 404 with the same code the write side uses', async (t) => {
  const w = await writeStory(api);
  const reader = await api.tokenFor('negotiator');
  const cases: Array<[string, string, Record<string, string>]> = [
    [`/v1/issues/no-such-issue/position`, 'issue_not_found', { issueId: 'no-such-issue' }],
    [`/v1/issues/no-such-issue/history`, 'issue_not_found', { issueId: 'no-such-issue' }],
    [`/v1/consultations/${randomUUID()}`, 'consultation_not_found', {}],
    [`/v1/sessions/no-such-session/brief`, 'session_not_found', { sessionId: 'no-such-session' }],
    [`/v1/issues/${w.issueId}/position?asOf=2021-12-01`, 'issue_not_found', { issueId: w.issueId }],
  ];
  for (const [url, code, details] of cases) {
    const res = await api.get(url, reader);
    t.equal(res.statusCode, 404, url);
    t.match(res.json(), { code, details }, url);
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8', url);
  }
});

t.test(
  'a query parameter a read route does not take is refused with 400 unknown_query_parameter naming it',
  async (t) => {
    const reader = await api.tokenFor('negotiator');
    const auditor = await api.tokenFor('auditor', 'OAG', 'top-secret');
    for (const [url, token, name] of [
      ['/v1/positions?asof=2024-01-01', reader, 'asof'],
      ['/v1/alignment?issue=scope', reader, 'issue'],
      ['/v1/consultations?axis=valid&limit=5', reader, 'limit'],
      ['/v1/audit/events?streamName=x', auditor, 'streamName'],
    ] as const) {
      const res = await api.get(url, token);
      t.equal(res.statusCode, 400, url);
      const problem = res.json<{
        code: string;
        detail: string;
        details: { parameters: string[] };
        errors: Array<{ pointer: string }>;
      }>();
      t.equal(problem.code, 'unknown_query_parameter', url);
      t.same(problem.details.parameters, [name], url);
      t.match(problem.detail, `"${name}"`, url);
      t.same(
        problem.errors.map((e) => e.pointer),
        [`/${name}`],
      );
    }
    const known = await api.get('/v1/alignment?agency=OAG&axis=recorded', reader);
    t.equal(known.statusCode, 200, 'the parameters a route takes still work');
    const bad = await api.get('/v1/positions?axis=sideways', reader);
    t.equal(
      bad.json<{ code: string }>().code,
      'invalid_request',
      'a bad value of a known parameter is still invalid_request',
    );
  },
);

t.test(
  'the 503 for a minPosition not reached says which position was asked for and how far the read side has got',
  async (t) => {
    const w = await writeStory(api);
    await api.read.projector.waitFor(BigInt(w.position), 5000);
    const reader = await api.tokenFor('negotiator');
    const wanted = (BigInt(w.position) + 1_000_000n).toString();
    const res = await api.get(`/v1/positions?minPosition=${wanted}`, reader);
    t.equal(res.statusCode, 503);
    t.equal(res.headers['retry-after'], '1');
    const problem = res.json<{
      code: string;
      detail: string;
      details: { minPosition: string; position: string | null; eventsIndexed: number };
    }>();
    t.equal(problem.code, 'not_ready');
    t.equal(problem.details.minPosition, wanted);
    t.ok(
      problem.details.position !== null && BigInt(problem.details.position) >= BigInt(w.position),
      'the position reached, at or past the last write',
    );
    t.ok(problem.details.eventsIndexed > 0);
    t.match(problem.detail, wanted);
    t.match(problem.detail, `at ${problem.details.position ?? ''}`);
  },
);
