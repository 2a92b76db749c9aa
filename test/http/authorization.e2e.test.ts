// Who may write what, against the API as production builds it (buildApp over a real ledger and store).
// No token or a bad one is 401 with a challenge. The matrix: every role x every write route x a caller of
// the coordinating agency (MFA) and of another (OAG) x the request speaking for the caller's own agency
// or for another one. Each cell is allowed (201, the events appended) or 403 with one code
// (`role_not_allowed`: the role may not issue the command; `agency_mismatch`: only the coordinating
// agency acts for another agency, docs/adr/0014-coordinating-agency.md), and a refused write leaves the
// store as it was. Then the agency rule's particular cases, and COORDINATING_AGENCY from the
// environment through to a listening server.
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { ROLES, type Agency, type CommandType, type Role } from '../../contracts/index.js';
import { loadConfig } from '../../src/config.js';
import { allowedRoles } from '../../src/domain/index.js';
import { startLedger } from '../../src/server.js';
import { openApi } from './helpers/api.js';
import { OTHER_AGENCY, bodies, newConsultation, newIssue, slug, writeCases } from './helpers/writes.js';

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

/** The coordinating agency when COORDINATING_AGENCY is not set. */
const COORDINATING: Agency = 'MFA';
/** Callers: one of the coordinating agency, one of another agency. */
const CALLER_AGENCIES: readonly Agency[] = [COORDINATING, 'OAG'];

type Expected = 'written' | 'role_not_allowed' | 'agency_mismatch';

/** The rule under test, stated once: the role must allow the command; only the coordinating agency speaks for another agency. */
function expected(type: CommandType, role: Role, caller: Agency, spokenFor: Agency | null): Expected {
  if (!allowedRoles[type].includes(role)) return 'role_not_allowed';
  if (spokenFor !== null && spokenFor !== caller && caller !== COORDINATING) return 'agency_mismatch';
  return 'written';
}

const article = (role: Role) => (/^[aeiou]/.test(role) ? 'an' : 'a');

t.test('every role x every write route x own or another agency: written, or 403 with its code and nothing written', async (t) => {
  const api = await openApi(t);
  for (const write of writeCases) {
    for (const role of ROLES) {
      for (const caller of CALLER_AGENCIES) {
        const actor = { roles: [role], agency: caller };
        for (const spokenFor of write.speaksFor?.(actor) ?? [null]) {
          const outcome = expected(write.type, role, caller, spokenFor);
          const as = spokenFor === null ? '' : spokenFor === caller ? ' for its own agency' : ` for ${spokenFor}`;
          const verdict = outcome === 'written' ? 'may' : `may not (${outcome})`;
          t.test(`${article(role)} ${role} of ${caller} ${verdict} ${write.type}${as}`, async (t) => {
            const req = await write.prepare(api, actor, spokenFor);
            const token = await api.tokenFor(actor.roles, caller);
            const before = await api.readStream(req.stream);
            const res = await api.post(req.url, req.body, { token });
            const after = await api.readStream(req.stream);
            if (outcome === 'written') {
              t.equal(res.statusCode, 201, res.body);
              t.equal(after.length, before.length + (res.json().eventIds ?? []).length);
            } else {
              t.equal(res.statusCode, 403, res.body);
              t.equal(res.json().code, outcome);
              t.same(after, before, 'nothing written');
            }
          });
        }
      }
    }
  }
});

t.test('agencies', async (t) => {
  const api = await openApi(t);
  const view = async (consultationId: string, issueId: string, agency: Agency, token: string) =>
    api.post(`/v1/consultations/${consultationId}/views`, bodies.view(issueId, agency), { token });
  const retract = async (kind: string, id: string, targetEventId: string, token: string) =>
    api.post('/v1/retractions', { stream: { kind, id }, targetEventId, reason: { th: 'บันทึกผิด', en: 'Recorded in error' } }, { token });

  t.test('an OAG negotiator cannot record a view as RTP: 403 agency_mismatch, nothing written', async (t) => {
    const { consultationId, issueId } = await newConsultation(api, 'MFA');
    const before = await api.readStream(`consultation-${consultationId}`);
    const res = await view(consultationId, issueId, 'RTP', await api.tokenFor('negotiator', 'OAG'));
    t.equal(res.statusCode, 403, res.body);
    t.equal(res.json().code, 'agency_mismatch');
    t.same(await api.readStream(`consultation-${consultationId}`), before);
  });

  t.test("an OAG negotiator cannot retract NCSA's view in MFA's consultation", async (t) => {
    const { consultationId, issueId } = await newConsultation(api, 'MFA');
    const desk = await api.tokenFor('negotiator', 'MFA');
    const recorded = await view(consultationId, issueId, 'NCSA', desk);
    t.equal(recorded.statusCode, 201, recorded.body);
    const before = await api.readStream(`consultation-${consultationId}`);
    const res = await retract('consultation', consultationId, recorded.json().eventIds[0], await api.tokenFor('negotiator', 'OAG'));
    t.equal(res.statusCode, 403, res.body);
    t.equal(res.json().code, 'agency_mismatch');
    t.same(await api.readStream(`consultation-${consultationId}`), before);
  });

  t.test('an OAG negotiator cannot convene a consultation as MFA', async (t) => {
    const { issueId } = await newIssue(api);
    const consultationId = randomUUID();
    const res = await api.post('/v1/consultations', { consultationId, ...bodies.consultation('MFA', issueId) }, { token: await api.tokenFor('negotiator', 'OAG') });
    t.equal(res.statusCode, 403, res.body);
    t.equal(res.json().code, 'agency_mismatch');
    t.same(await api.readStream(`consultation-${consultationId}`), []);
  });

  t.test('the MFA desk transcribes a participant view from the minutes, marked as such; an agency typing its own view is marked as its own', async (t) => {
    const { consultationId, issueId } = await newConsultation(api, 'MFA');
    for (const [role, agency, by] of [
      ['negotiator', 'RTP', 'MFA'],
      ['admin', 'NCSA', 'MFA'],
      ['agency-officer', 'OAG', 'MFA'],
      ['agency-officer', 'RTP', 'RTP'],
      ['negotiator', 'MFA', 'MFA'],
    ] as const) {
      const res = await view(consultationId, issueId, agency, await api.tokenFor(role, by));
      t.equal(res.statusCode, 201, res.body);
      const [event] = (await api.readStream(`consultation-${consultationId}`)).slice(-1);
      t.match(event?.data, { agency, attestation: agency === by ? 'agency' : 'minutes' }, `${role} of ${by} recording ${agency}'s view`);
    }
  });

  t.test("the convener's own officers record the outcome and close; another participant cannot, the coordinating agency can", async (t) => {
    const { consultationId, issueId } = await newConsultation(api, 'OAG');
    const outcome = { issueId, outcome: 'deferred', summary: { th: 'เลื่อน', en: 'Deferred' } };
    const refused = await api.post(`/v1/consultations/${consultationId}/outcomes`, outcome, { token: await api.tokenFor('agency-officer', 'RTP') });
    t.equal(refused.statusCode, 403, refused.body);
    t.equal(refused.json().code, 'agency_mismatch');
    const own = await api.post(`/v1/consultations/${consultationId}/outcomes`, outcome, { token: await api.tokenFor('agency-officer', 'OAG') });
    t.equal(own.statusCode, 201, own.body);
    const close = await api.post(`/v1/consultations/${consultationId}/close`, { on: '2021-12-28' }, { token: await api.tokenFor('negotiator', 'RTP') });
    t.equal(close.statusCode, 403, close.body);
    t.equal(close.json().code, 'agency_mismatch');
    const desk = await api.post(`/v1/consultations/${consultationId}/close`, { on: '2021-12-28' }, { token: await api.tokenFor('negotiator', 'MFA') });
    t.equal(desk.statusCode, 201, desk.body);
  });

  t.test("a view is its agency's to correct: not even the consultation's convener retracts another agency's view", async (t) => {
    const { consultationId, issueId } = await newConsultation(api, 'OAG');
    const recorded = await view(consultationId, issueId, OTHER_AGENCY, await api.tokenFor('agency-officer', OTHER_AGENCY));
    t.equal(recorded.statusCode, 201, recorded.body);
    const target = recorded.json().eventIds[0];
    const convener = await retract('consultation', consultationId, target, await api.tokenFor('agency-officer', 'OAG'));
    t.equal(convener.statusCode, 403, convener.body);
    t.equal(convener.json().code, 'agency_mismatch');
    const own = await retract('consultation', consultationId, target, await api.tokenFor('agency-officer', OTHER_AGENCY));
    t.equal(own.statusCode, 201, own.body);
    const reinstate = await api.post(
      '/v1/retractions',
      { stream: { kind: 'consultation', id: consultationId }, targetEventId: own.json().eventIds[0], reinstate: true, reason: { th: 'คืน', en: 'Reinstated' } },
      { token: await api.tokenFor('agency-officer', 'OAG') },
    );
    t.equal(reinstate.statusCode, 403, 'reinstating the view is the view agency\'s too');
    t.equal(reinstate.json().code, 'agency_mismatch');
  });

  t.test('MFA and Cabinet authority is recorded by the coordinating agency only: an approver or admin of OAG endorses interagency only', async (t) => {
    for (const role of ['approver', 'admin'] as const) {
      for (const authority of ['mfa', 'cabinet'] as const) {
        const { issueId } = await newIssueWithDraft();
        const res = await api.post(`/v1/issues/${issueId}/position/endorsements`, bodies.endorsement(1, authority), { token: await api.tokenFor(role, 'OAG') });
        t.equal(res.statusCode, 403, `${role} of OAG, authority ${authority}: ${res.body}`);
        t.equal(res.json().code, 'agency_mismatch');
      }
    }
    const { issueId } = await newIssueWithDraft();
    const interagency = await api.post(`/v1/issues/${issueId}/position/endorsements`, bodies.endorsement(1, 'interagency'), { token: await api.tokenFor('approver', 'OAG') });
    t.equal(interagency.statusCode, 201, interagency.body);
  });

  async function newIssueWithDraft(): Promise<{ issueId: string }> {
    const { issueId } = await newIssue(api);
    const res = await api.post(`/v1/issues/${issueId}/position/drafts`, bodies.draft(), { token: await api.tokenFor('negotiator', 'MFA') });
    if (res.statusCode !== 201) throw new Error(`draft answered ${res.statusCode}: ${res.body}`);
    return { issueId };
  }
});

t.test('COORDINATING_AGENCY=NSC makes NSC the desk that acts for others, and MFA one agency among the others', async (t) => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ledger-coordinating-'));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', SEED_DEMO: 'false', COORDINATING_AGENCY: 'NSC' });
  const running = await startLedger(config, pino({ level: 'silent' }));
  t.teardown(async () => {
    await running.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  const tokenFor = async (agency: Agency, roles: Role[]) =>
    (await running.tokens.create({ id: `${agency}-${randomUUID().slice(0, 8)}`, agency, roles, clearance: 'secret' }, 'coordinating agency test')).token;
  const post = async (url: string, body: unknown, token: string) => {
    const res = await fetch(`${running.url}${url}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { code?: string; eventIds?: string[] } };
  };
  const nsc = await tokenFor('NSC', ['negotiator']);
  const processId = slug('proc');
  t.equal((await post('/v1/processes', bodies.process(processId), nsc)).status, 201);
  const issueId = slug('issue');
  t.equal((await post('/v1/issues', bodies.issue(issueId, processId), nsc)).status, 201);
  const consultationId = randomUUID();
  const convened = await post('/v1/consultations', { consultationId, ...bodies.consultation('MFA', issueId) }, nsc);
  t.equal(convened.status, 201, 'NSC convenes in MFA\'s name');
  const transcribed = await post(`/v1/consultations/${consultationId}/views`, bodies.view(issueId, 'RTP'), nsc);
  t.equal(transcribed.status, 201, 'NSC transcribes RTP\'s view');
  const mfa = await post(`/v1/consultations/${consultationId}/views`, bodies.view(issueId, 'OAG'), await tokenFor('MFA', ['negotiator']));
  t.equal(mfa.status, 403, 'an MFA negotiator no longer speaks for OAG');
  t.equal(mfa.body.code, 'agency_mismatch');
  const own = await post(`/v1/consultations/${consultationId}/views`, bodies.view(issueId, 'MFA'), await tokenFor('MFA', ['negotiator']));
  t.equal(own.status, 201, 'MFA still speaks for itself');
});
