// Dates a person sends are bounded (ADR 0021): every calendar date from 1945-01-01 to 2099-12-31,
// a date of a command at most five years ahead of today, Occurred-At and asOf likewise bounded; years
// 0000-0099 are refused, never moved to the 1900s. Each refusal is a 400 naming the field.
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { openApi } from './helpers/api.js';
import { openReadApi } from './read/read-api.js';
import { bodies, newIssue, newProcess, newSession, slug } from './helpers/writes.js';
import { dateInZone } from '../../contracts/index.js';

t.test('dates in writes', async (t) => {
  const api = await openApi(t);
  const token = await api.tokenFor(['negotiator', 'approver'], 'MFA', 'secret');

  t.test(
    'a consultation held in 0050, 1899, 2200 or 9999 is refused 400 naming heldOn, and nothing is appended',
    async (t) => {
      const { issueId } = await newIssue(api);
      for (const heldOn of ['0050-03-01', '0024-12-24', '1899-12-31', '2200-01-01', '9999-12-31']) {
        const consultationId = randomUUID();
        const res = await api.post(
          '/v1/consultations',
          { consultationId, ...bodies.consultation('MFA', issueId), heldOn },
          { token },
        );
        t.equal(res.statusCode, 400, `${heldOn}: ${res.body}`);
        t.equal(res.json().code, 'invalid_request');
        t.match(
          res.json().errors,
          [{ in: 'body', pointer: '/heldOn', message: /out of range.*1945-01-01 to 2099-12-31/ }],
          heldOn,
        );
        t.same(await api.readStream(`consultation-${consultationId}`), [], 'nothing appended');
      }
    },
  );

  t.test('an endorsement decided in year 0024 is refused 400 naming decidedOn', async (t) => {
    const { issueId } = await newIssue(api);
    await api.post(`/v1/issues/${issueId}/position/drafts`, bodies.draft(), { token });
    const res = await api.post(
      `/v1/issues/${issueId}/position/endorsements`,
      { ...bodies.endorsement(), decidedOn: '0024-01-20' },
      { token },
    );
    t.equal(res.statusCode, 400, res.body);
    t.match(res.json().errors, [{ pointer: '/decidedOn', message: /out of range/ }]);
  });

  t.test('a follow-up due in 9999 is refused 400 naming it', async (t) => {
    const { issueId } = await newIssue(api);
    const consultationId = randomUUID();
    t.equal(
      (await api.post('/v1/consultations', { consultationId, ...bodies.consultation('MFA', issueId) }, { token }))
        .statusCode,
      201,
    );
    const res = await api.post(
      `/v1/consultations/${consultationId}/outcomes`,
      {
        issueId,
        outcome: 'deferred',
        summary: { th: 'เลื่อน', en: 'Deferred' },
        followUps: [{ id: 'brief', action: { th: 'ทำ', en: 'Do' }, owner: 'MFA', due: '9999-12-31' }],
      },
      { token },
    );
    t.equal(res.statusCode, 400, res.body);
    t.match(res.json().errors, [{ pointer: '/followUps/0/due', message: /out of range/ }]);
  });

  t.test('Occurred-At in year 0050 is refused 400 invalid_occurred_at, not recorded as 1950', async (t) => {
    const { processId } = await newProcess(api);
    for (const occurredAt of ['0050-03-01', '0050-03-01T00:00:00Z']) {
      const res = await api.post(
        `/v1/processes/${processId}/milestones`,
        { milestone: 'signed', on: '2025-10-25' },
        { token, headers: { 'occurred-at': occurredAt } },
      );
      t.equal(res.statusCode, 400, `${occurredAt}: ${res.body}`);
      t.equal(res.json().code, 'invalid_occurred_at');
      t.match(res.json().detail, /out of range/);
    }
    t.equal((await api.readStream(`process-${processId}`)).length, 1, 'only the registration');
  });

  t.test(
    'a session scheduled more than five years ahead is refused 400 date_out_of_range naming from; one a year ahead is fine',
    async (t) => {
      const { processId } = await newProcess(api);
      const today = dateInZone(new Date().toISOString());
      const year = Number(today.slice(0, 4));
      const ahead = (years: number, day: string) => `${year + years}${day}`;
      const far = { ...bodies.session(slug('sess'), processId), from: ahead(6, '-01-10'), to: ahead(6, '-01-20') };
      const res = await api.post('/v1/sessions', far, { token });
      t.equal(res.statusCode, 400, res.body);
      t.equal(res.json().code, 'date_out_of_range');
      t.match(res.json().errors, [
        {
          in: 'body',
          pointer: '/from',
          code: 'date_out_of_range',
          message: new RegExp(`${ahead(6, '-01-10')}.*more than 5 years ahead`),
        },
      ]);
      t.same(await api.readStream(`session-${far.sessionId}`), [], 'nothing appended');
      const near = { ...bodies.session(slug('sess'), processId), from: ahead(1, '-01-10'), to: ahead(1, '-01-20') };
      t.equal((await api.post('/v1/sessions', near, { token })).statusCode, 201);
    },
  );

  t.test('a reschedule to a date more than five years ahead names the field', async (t) => {
    const { sessionId } = await newSession(api);
    const year = Number(dateInZone(new Date().toISOString()).slice(0, 4));
    const res = await api.post(
      `/v1/sessions/${sessionId}/reschedule`,
      { from: `${year + 1}-03-07`, to: `${year + 9}-03-18` },
      { token },
    );
    t.equal(res.statusCode, 400, res.body);
    t.match(res.json().errors, [{ pointer: '/to', code: 'date_out_of_range' }]);
  });
});

t.test('asOf out of range is 400 naming what was sent and the range, not a date the reader never typed', async (t) => {
  const api = await openReadApi(t);
  const token = await api.tokenFor('negotiator');
  for (const asOf of ['9999-12-31', '0050-03-01', '0050-03-01T00:00:00Z']) {
    const res = await api.get(`/v1/positions?asOf=${encodeURIComponent(asOf)}`, token);
    t.equal(res.statusCode, 400, `${asOf}: ${res.body}`);
    t.equal(res.json().code, 'invalid_request');
    t.ok(res.json().detail.includes(asOf), res.json().detail);
    t.notMatch(res.json().detail, /10000/);
    t.match(res.json().detail, /1945-01-01 to 2099-12-31/);
  }
  t.equal((await api.get('/v1/positions?asOf=2099-12-31', token)).statusCode, 200);
});
