// Who may write what: no token or a bad one is 401 with a challenge; every role against every write
// route is either allowed (201) or 403, and a refused write leaves the store as it was; an agency
// officer cannot act for another agency.
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '../../contracts/index.js';
import { allowedRoles } from '../../src/domain/index.js';
import { openApi } from './helpers/api.js';
import { bodies, newConsultation, slug, writeCases } from './helpers/writes.js';

t.test('authentication', async (t) => {
  const api = await openApi(t);
  const body = bodies.process(slug('proc'));

  t.test('a write without a token answers 401 with a Bearer challenge and appends nothing', async (t) => {
    const before = await api.readAll();
    const res = await api.post('/v1/processes', body);
    t.equal(res.statusCode, 401);
    t.equal(res.headers['www-authenticate'], 'Bearer realm="position-ledger"');
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    t.equal(res.json().code, 'unauthorized');
    t.equal((await api.readAll()).length, before.length);
  });

  t.test('an unknown token answers 401 invalid_token', async (t) => {
    const res = await api.post('/v1/processes', body, { token: `pl_${randomUUID()}` });
    t.equal(res.statusCode, 401);
    t.match(res.headers['www-authenticate'], /error="invalid_token"/);
  });

  t.test('a revoked token answers 401', async (t) => {
    const token = await api.tokenFor('negotiator');
    const [info] = (await api.tokens.list()).slice(-1);
    t.ok(info && (await api.tokens.revoke(info.id)));
    const res = await api.post('/v1/processes', bodies.process(slug('proc')), { token });
    t.equal(res.statusCode, 401);
  });

  t.test('an Authorization header that is not a bearer token answers 401', async (t) => {
    const res = await api.post('/v1/processes', body, { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    t.equal(res.statusCode, 401);
    t.match(res.headers['www-authenticate'], /error="invalid_request"/);
  });

  t.test('an unauthenticated caller learns nothing about the body: 401 comes before validation', async (t) => {
    const res = await api.postRaw('/v1/processes', '{not json', 'application/json');
    t.equal(res.statusCode, 401);
  });

  t.test('the token never appears in the log', async (t) => {
    const token = await api.tokenFor('negotiator');
    await api.post('/v1/processes', bodies.process(slug('proc')), { token });
    t.notMatch(api.log.text(), token);
  });
});

t.test('every role against every write route: allowed and written, or 403 and nothing written', async (t) => {
  const api = await openApi(t);
  for (const write of writeCases) {
    for (const role of ROLES) {
      const allowed = allowedRoles[write.type].includes(role);
      t.test(`${role} ${allowed ? 'may' : 'may not'} ${write.type}`, async (t) => {
        const actor = { roles: [role] satisfies Role[], agency: role === 'agency-officer' ? ('NCSA' as const) : ('MFA' as const) };
        const req = await write.prepare(api, actor);
        const token = await api.tokenFor(actor.roles, actor.agency);
        const before = await api.readStream(req.stream);
        const res = await api.post(req.url, req.body, { token });
        const after = await api.readStream(req.stream);
        if (allowed) {
          t.equal(res.statusCode, 201, res.body);
          t.equal(after.length, before.length + res.json().eventIds.length);
        } else {
          t.equal(res.statusCode, 403, res.body);
          t.equal(res.json().code, 'role_not_allowed');
          t.equal(after.length, before.length, 'nothing written');
        }
      });
    }
  }
});

t.test('agencies', async (t) => {
  const api = await openApi(t);

  t.test("an agency officer cannot record another agency's view: 403 agency_mismatch, nothing written", async (t) => {
    const { consultationId, issueId } = await newConsultation(api, 'MFA');
    const token = await api.tokenFor('agency-officer', 'OAG');
    const before = await api.readStream(`consultation-${consultationId}`);
    const res = await api.post(`/v1/consultations/${consultationId}/views`, bodies.view(issueId, 'RTP'), { token });
    t.equal(res.statusCode, 403);
    t.equal(res.json().code, 'agency_mismatch');
    t.same(await api.readStream(`consultation-${consultationId}`), before);
  });

  t.test('an agency officer records their own agency view', async (t) => {
    const { consultationId, issueId } = await newConsultation(api, 'MFA');
    const token = await api.tokenFor('agency-officer', 'OAG');
    const res = await api.post(`/v1/consultations/${consultationId}/views`, bodies.view(issueId, 'OAG'), { token });
    t.equal(res.statusCode, 201, res.body);
  });

  t.test('an agency officer cannot convene a consultation in the name of another agency', async (t) => {
    const token = await api.tokenFor('agency-officer', 'OAG');
    const consultationId = randomUUID();
    const res = await api.post('/v1/consultations', { consultationId, ...bodies.consultation('MFA', slug('issue')) }, { token });
    t.equal(res.statusCode, 403);
    t.equal(res.json().code, 'agency_mismatch');
    t.same(await api.readStream(`consultation-${consultationId}`), []);
  });

  t.test('a negotiator of MFA may transcribe any participant view from the minutes', async (t) => {
    const { consultationId, issueId } = await newConsultation(api, 'MFA');
    const token = await api.tokenFor('negotiator', 'MFA');
    const res = await api.post(`/v1/consultations/${consultationId}/views`, bodies.view(issueId, 'RTP'), { token });
    t.equal(res.statusCode, 201, res.body);
    const [event] = (await api.readStream(`consultation-${consultationId}`)).slice(-1);
    t.match(event?.data, { agency: 'RTP', attestation: 'minutes' });
  });

  t.test('an agency officer cannot close a consultation another agency convened (domain rule, 403)', async (t) => {
    const { consultationId } = await newConsultation(api, 'MFA');
    const token = await api.tokenFor('agency-officer', 'OAG');
    const before = await api.readStream(`consultation-${consultationId}`);
    const res = await api.post(`/v1/consultations/${consultationId}/close`, { on: '2021-12-28' }, { token });
    t.equal(res.statusCode, 403);
    t.same(await api.readStream(`consultation-${consultationId}`), before);
  });
});
