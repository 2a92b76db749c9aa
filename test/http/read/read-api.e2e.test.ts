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

t.test('a read with minPosition sees the write it follows (read-your-writes)', async (t) => {
  const api = await openReadApi(t);
  const w = await writeStory(api);
  const reader = await api.tokenFor('negotiator');
  const res = await api.get(`/v1/issues/${w.issueId}/position?minPosition=${w.position}`, reader);
  t.equal(res.statusCode, 200, res.body);
  const body = res.json<{ position: { inForce: { version: number; stance: string; basis: { inputs: Array<{ agency: string }> } } | null } }>();
  t.equal(body.position.inForce?.version, 1);
  t.equal(body.position.inForce?.stance, 'listening');
  t.same(body.position.inForce?.basis.inputs.map((i) => i.agency), ['OAG']);
});

t.test('a read waiting for a position the read side never reaches answers 503 with Retry-After', async (t) => {
  const api = await openReadApi(t);
  const reader = await api.tokenFor('negotiator');
  const res = await api.get('/v1/positions?minPosition=99999999999999', reader);
  t.equal(res.statusCode, 503);
  t.equal(res.headers['retry-after'], '1');
  t.equal(res.json<{ code: string }>().code, 'not_ready');
});

t.test('every read route answers, with an ETag that turns a repeat into 304', async (t) => {
  const api = await openReadApi(t);
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

t.test('alignment and the session brief show the agency that disagrees', async (t) => {
  const api = await openReadApi(t);
  const w = await writeStory(api);
  const reader = await api.tokenFor('negotiator');
  const alignment = (await api.get(`/v1/alignment?issueId=${w.issueId}&minPosition=${w.position}`, reader)).json<{ alignment: Array<{ agency: string; diverges: boolean }> }>();
  t.same(alignment.alignment.map((r) => [r.agency, r.diverges]), [['OAG', true], ['RTP', false]]);
  const brief = (await api.get(`/v1/sessions/${w.sessionId}/brief?minPosition=${w.position}`, reader)).json<{ brief: { issues: Array<{ disagreements: Array<{ agency: string }> }> } }>();
  t.same(brief.brief.issues[0]?.disagreements.map((d) => d.agency), ['OAG']);
});

t.test('asOf and axis: before the consultation nothing is known; Thai dates are accepted; a bad date is a 400', async (t) => {
  const api = await openReadApi(t);
  const w = await writeStory(api);
  const reader = await api.tokenFor('negotiator');
  const early = await api.get(`/v1/consultations/${w.consultationId}?asOf=2021-12-01&minPosition=${w.position}`, reader);
  t.equal(early.statusCode, 404, 'not held yet on 1 Dec 2021');
  const thai = await api.get(`/v1/consultations/${w.consultationId}?asOf=${encodeURIComponent('๒๘ ธันวาคม ๒๕๖๔')}`, reader);
  t.equal(thai.statusCode, 200, 'held on 28 Dec 2021 (valid axis)');
  const recorded = await api.get(`/v1/consultations/${w.consultationId}?asOf=2021-12-28&axis=recorded`, reader);
  t.equal(recorded.statusCode, 404, 'but recorded only now');
  const bad = await api.get('/v1/positions?asOf=31%20%E0%B8%81%E0%B8%B8%E0%B8%A1%E0%B8%A0%E0%B8%B2%E0%B8%9E%E0%B8%B1%E0%B8%99%E0%B8%98%E0%B9%8C%202567', reader);
  t.equal(bad.statusCode, 400);
  t.match(bad.json<{ detail: string }>().detail, /asOf/);
  const badAxis = await api.get('/v1/positions?axis=sideways', reader);
  t.equal(badAxis.statusCode, 400);
});

t.test('classified red lines and fallbacks are redacted for every role below their level, in reads and raw audit events', async (t) => {
  const api = await openReadApi(t);
  const w = await writeStory(api);
  for (const role of ROLES) {
    for (const clearance of CLASSIFICATION_LEVELS) {
      const token = await api.tokenFor(role, 'MFA', clearance);
      const res = await api.get(`/v1/issues/${w.issueId}/position?minPosition=${w.position}`, token);
      t.equal(res.statusCode, 200);
      const inForce = res.json<{ position: { inForce: { redLines: Record<string, unknown>; fallbacks: Record<string, unknown> } } }>().position.inForce;
      const seesSecret = clearance === 'secret' || clearance === 'top-secret';
      const seesConfidential = clearance !== 'unclassified';
      t.equal('value' in inForce.redLines, seesSecret, `${role}/${clearance}: red lines ${seesSecret ? 'shown' : 'redacted'}`);
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
});

t.test('auditors page raw events with both clocks and filters', async (t) => {
  const api = await openReadApi(t);
  const w = await writeStory(api);
  const auditor = await api.tokenFor('auditor', 'OAG', 'top-secret');
  const first = await api.get(`/v1/audit/events?limit=2&minPosition=${w.position}`, auditor);
  const page = first.json<{ events: Array<{ recordedAt: string; validAt: string; position: { commit: string }; metadata: { actor: unknown } }>; next: string | null }>();
  t.equal(page.events.length, 2);
  t.ok(page.next);
  t.ok(page.events[0]?.recordedAt && page.events[0]?.validAt && page.events[0]?.metadata.actor);
  const second = await api.get(`/v1/audit/events?limit=2&after=${page.next ?? ''}`, auditor);
  const later = second.json<{ events: Array<{ position: { commit: string } }> }>().events;
  t.ok(BigInt(later[0]?.position.commit ?? '0') > BigInt(page.events[1]?.position.commit ?? '0'), 'the next page starts after the first');
  const views = await api.get(`/v1/audit/events?stream=consultation-${w.consultationId}&type=AgencyViewRecorded`, auditor);
  t.equal(views.json<{ events: unknown[] }>().events.length, 2);
  const valid = await api.get(`/v1/audit/events?stream=consultation-${w.consultationId}&axis=valid&from=2021-12-01T00:00:00Z&to=2021-12-31T00:00:00Z`, auditor);
  t.ok(valid.json<{ events: unknown[] }>().events.length >= 1, 'the backdated consultation is in December 2021 on the valid axis');
  const recorded = await api.get(`/v1/audit/events?stream=consultation-${w.consultationId}&axis=recorded&from=2021-12-01T00:00:00Z&to=2021-12-31T00:00:00Z`, auditor);
  t.equal(recorded.json<{ events: unknown[] }>().events.length, 0, 'but it was recorded now');
});

t.test('an audit replay rebuilds every read model from position 0 and finds it equal to the live one', async (t) => {
  const api = await openReadApi(t);
  const w = await writeStory(api);
  const auditor = await api.tokenFor('auditor', 'OAG', 'top-secret');
  await api.read.projector.waitFor(BigInt(w.position), 5000);
  const res = await api.app.inject({ method: 'POST', url: '/v1/audit/replay', headers: { authorization: `Bearer ${auditor}` }, payload: {} });
  t.equal(res.statusCode, 200, res.body);
  const replay = res.json<{ replay: { equal: boolean; eventsReplayed: number; eventsLive: number; differences: unknown[] } }>().replay;
  t.equal(replay.equal, true, JSON.stringify(replay.differences));
  t.equal(replay.eventsReplayed, replay.eventsLive);
  const negotiator = await api.tokenFor('negotiator');
  const refused = await api.app.inject({ method: 'POST', url: '/v1/audit/replay', headers: { authorization: `Bearer ${negotiator}` }, payload: {} });
  t.equal(refused.statusCode, 403);
});
