// Every write route end to end: HTTP -> ledger -> store, and what the answer promises (201, event ids,
// ETag, Location, commit position) checked against the stream itself. Then the write-side rules that are
// the API's own: Idempotency-Key (required, replay, reuse) and If-Match.
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { openApi } from './helpers/api.js';
import { bodies, newConsultation, newDraft, newIssue, newProcess, slug, writeCases } from './helpers/writes.js';
import type { Role } from '../../contracts/index.js';
import { allowedRoles } from '../../src/domain/index.js';

t.test('write routes', async (t) => {
  const api = await openApi(t);

  for (const write of writeCases) {
    // The first role the domain allows (not admin, to show the narrow roles work).
    const role: Role = allowedRoles[write.type].find((r) => r !== 'admin') ?? 'admin';
    t.test(
      `${write.type}: ${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role} gets 201 with the appended event ids, ETag, position and Location`,
      async (t) => {
        const actor = { roles: [role], agency: role === 'agency-officer' ? ('OAG' as const) : ('MFA' as const) };
        const req = await write.prepare(api, actor);
        const before = await api.readStream(req.stream);
        const token = await api.tokenFor(actor.roles, actor.agency);
        const res = await api.post(req.url, req.body, { token });
        t.equal(res.statusCode, 201, res.body);
        const body = res.json();
        t.equal(body.streamName, req.stream);
        t.equal(res.headers['etag'], `"${body.revision}"`);
        t.match(body.position, { commit: /^\d+$/, prepare: /^\d+$/ });
        const after = await api.readStream(req.stream);
        const appended = after.slice(before.length);
        t.same(
          appended.map((e) => e.id),
          body.eventIds,
          'the answer names exactly the events appended',
        );
        t.equal(after.at(-1)?.revision.toString(), body.revision);
        t.equal(after.at(-1)?.position.commit.toString(), body.position.commit);
        const actorMeta = appended[0]?.metadata['actor'];
        t.match(actorMeta, { agency: actor.agency, role }, 'the event names who wrote it');
        const readable =
          write.type !== 'RetractEntry' && write.type !== 'RegisterProcess' && write.type !== 'RecordMilestone';
        if (readable)
          t.match(
            res.headers['location'],
            /^\/v1\/(issues\/[^/]+\/position|sessions\/[^/]+\/brief|consultations\/[^/]+|follow-ups\?issueId=[^&]+)$/,
          );
        else t.equal(res.headers['location'], undefined, 'no Location where no read route serves the resource');
      },
    );
  }

  t.test('a repeated Idempotency-Key with the same body returns the first answer and appends nothing', async (t) => {
    const { processId } = await newProcess(api);
    const token = await api.tokenFor('negotiator');
    const key = randomUUID();
    const body = { milestone: 'signed', on: '2025-10-25' };
    const first = await api.post(`/v1/processes/${processId}/milestones`, body, { token, key });
    t.equal(first.statusCode, 201);
    const before = await api.readAll();
    const again = await api.post(`/v1/processes/${processId}/milestones`, body, { token, key });
    t.equal(again.statusCode, 201);
    t.same(again.json(), first.json(), 'same answer');
    t.equal(again.headers['etag'], first.headers['etag']);
    t.equal(again.headers['idempotent-replayed'], 'true');
    t.equal((await api.readAll()).length, before.length, 'nothing appended');
  });

  t.test(
    'a repeated Idempotency-Key with another body answers 409 idempotency_key_reused and appends nothing',
    async (t) => {
      const { processId } = await newProcess(api);
      const token = await api.tokenFor('negotiator');
      const key = randomUUID();
      const url = `/v1/processes/${processId}/milestones`;
      t.equal((await api.post(url, { milestone: 'signed', on: '2025-10-25' }, { token, key })).statusCode, 201);
      const before = await api.readAll();
      const res = await api.post(url, { milestone: 'signed', on: '2025-10-26' }, { token, key });
      t.equal(res.statusCode, 409);
      t.equal(res.json().code, 'idempotency_key_reused');
      t.equal((await api.readAll()).length, before.length);
    },
  );

  t.test(
    'a repeated Idempotency-Key with another Occurred-At answers 409 idempotency_key_reused; the same date, written another way, replays',
    async (t) => {
      const { processId } = await newProcess(api);
      const token = await api.tokenFor('negotiator');
      const key = randomUUID();
      const url = `/v1/processes/${processId}/milestones`;
      const body = { milestone: 'signed', on: '2025-10-25' };
      const first = await api.post(url, body, { token, key, headers: { 'occurred-at': '2025-10-25' } });
      t.equal(first.statusCode, 201, first.body);
      const before = await api.readAll();
      const moved = await api.post(url, body, { token, key, headers: { 'occurred-at': '2025-10-26' } });
      t.equal(moved.statusCode, 409, moved.body);
      t.equal(moved.json().code, 'idempotency_key_reused');
      const none = await api.post(url, body, { token, key });
      t.equal(none.statusCode, 409, 'nor without the header');
      const same = await api.post(url, body, { token, key, headers: { 'occurred-at': '2025-10-25T00:00:00+07:00' } });
      t.equal(same.statusCode, 201, same.body);
      t.equal(same.headers['idempotent-replayed'], 'true');
      t.same(same.json(), first.json());
      t.equal((await api.readAll()).length, before.length, 'nothing appended');
    },
  );

  t.test(
    'an Idempotency-Key reused on another route answers 409 idempotency_key_reused and appends nothing',
    async (t) => {
      const { processId } = await newProcess(api);
      const token = await api.tokenFor('negotiator');
      const key = randomUUID();
      t.equal(
        (
          await api.post(
            `/v1/processes/${processId}/milestones`,
            { milestone: 'signed', on: '2025-10-25' },
            { token, key },
          )
        ).statusCode,
        201,
      );
      const before = await api.readAll();
      const res = await api.post('/v1/issues', bodies.issue(slug('issue'), processId), { token, key });
      t.equal(res.statusCode, 409, res.body);
      t.match(res.json(), { code: 'idempotency_key_reused', detail: /RecordMilestone on process-/ });
      t.equal((await api.readAll()).length, before.length, 'nothing appended');
    },
  );

  t.test(
    'a draft whose basis names an unknown consultation or event answers 404 with the field, and appends nothing',
    async (t) => {
      const { issueId } = await newIssue(api);
      const token = await api.tokenFor('negotiator');
      const before = await api.readAll();
      const unknownConsultation = randomUUID();
      const res = await api.post(
        `/v1/issues/${issueId}/position/drafts`,
        { ...bodies.draft(), basis: { consultationIds: [unknownConsultation] } },
        { token },
      );
      t.equal(res.statusCode, 404, res.body);
      t.match(res.json(), {
        code: 'consultation_not_found',
        details: { consultationId: unknownConsultation, field: 'basis/consultationIds/0' },
      });
      const invented = randomUUID();
      const res2 = await api.post(
        `/v1/issues/${issueId}/position/drafts`,
        { ...bodies.draft(), basis: { eventIds: [invented] } },
        { token },
      );
      t.equal(res2.statusCode, 404, res2.body);
      t.match(res2.json(), {
        code: 'basis_event_not_found',
        details: { eventId: invented, field: 'basis/eventIds/0' },
      });
      t.equal((await api.readAll()).length, before.length, 'nothing appended');
    },
  );

  t.test(
    'a consultation convened without an id gets one derived from the Idempotency-Key, so a retry writes nothing new',
    async (t) => {
      const { issueId } = await newIssue(api);
      const token = await api.tokenFor('negotiator');
      const key = randomUUID();
      const first = await api.post('/v1/consultations', bodies.consultation('MFA', issueId), { token, key });
      t.equal(first.statusCode, 201, first.body);
      t.match(first.headers['location'], /^\/v1\/consultations\/[0-9a-f-]{36}$/);
      const retry = await api.post('/v1/consultations', bodies.consultation('MFA', issueId), { token, key });
      t.equal(retry.statusCode, 201);
      t.equal(retry.headers['location'], first.headers['location']);
      t.same(retry.json().eventIds, first.json().eventIds);
    },
  );

  t.test('a POST without Idempotency-Key answers 400 idempotency_key_required and appends nothing', async (t) => {
    const token = await api.tokenFor('negotiator');
    const before = await api.readAll();
    const res = await api.post('/v1/processes', bodies.process(slug('proc')), { token, key: null });
    t.equal(res.statusCode, 400);
    t.equal(res.json().code, 'idempotency_key_required');
    const bad = await api.post('/v1/processes', bodies.process(slug('proc')), { token, key: 'has spaces in it' });
    t.equal(bad.statusCode, 400);
    t.equal(bad.json().code, 'invalid_idempotency_key');
    t.equal((await api.readAll()).length, before.length);
  });

  t.test(
    'a view logged weeks after the meeting carries the Occurred-At it was sent with as its valid time',
    async (t) => {
      const { consultationId, issueId } = await newConsultation(api, 'MFA');
      const token = await api.tokenFor('agency-officer', 'OAG');
      const res = await api.post(`/v1/consultations/${consultationId}/views`, bodies.view(issueId, 'OAG'), {
        token,
        headers: { 'occurred-at': encodeURIComponent('๒๘ ธันวาคม ๒๕๖๔') },
      });
      t.equal(res.statusCode, 201, res.body);
      const stream = await api.readStream(`consultation-${consultationId}`);
      t.equal(stream.at(-1)?.metadata['occurredAt'], '2021-12-27T17:00:00.000Z');
    },
  );

  t.test('a bad or future Occurred-At is refused and appends nothing', async (t) => {
    const { consultationId, issueId } = await newConsultation(api, 'MFA');
    const token = await api.tokenFor('agency-officer', 'OAG');
    const before = (await api.readAll()).length;
    const bad = await api.post(`/v1/consultations/${consultationId}/views`, bodies.view(issueId, 'OAG'), {
      token,
      headers: { 'occurred-at': 'last week' },
    });
    t.equal(bad.statusCode, 400);
    t.equal(bad.json().code, 'invalid_occurred_at');
    const future = await api.post(`/v1/consultations/${consultationId}/views`, bodies.view(issueId, 'OAG'), {
      token,
      headers: { 'occurred-at': '2090-01-01' },
    });
    t.equal(future.statusCode, 422, future.body);
    t.equal(future.json().code, 'occurred_at_in_future');
    t.equal((await api.readAll()).length, before);
  });

  t.test('If-Match with the current ETag writes; a stale one answers 412 and appends nothing', async (t) => {
    const { issueId } = await newDraft(api);
    const token = await api.tokenFor('approver');
    const negotiator = await api.tokenFor('negotiator');
    const drafted = await api.post(`/v1/issues/${issueId}/position/drafts`, bodies.draft(), { token: negotiator });
    t.equal(drafted.statusCode, 201, drafted.body);
    const etag = String(drafted.headers['etag']);
    const ok = await api.post(`/v1/issues/${issueId}/position/endorsements`, bodies.endorsement(2), {
      token,
      ifMatch: etag,
    });
    t.equal(ok.statusCode, 201, ok.body);
    const before = await api.readStream(`position-${issueId}`);
    const stale = await api.post(
      `/v1/issues/${issueId}/position/withdrawals`,
      { version: 2, reason: { th: 'ถอน', en: 'Withdrawn' } },
      { token, ifMatch: etag },
    );
    t.equal(stale.statusCode, 412);
    t.equal(stale.json().code, 'precondition_failed');
    t.equal(stale.headers['etag'], ok.headers['etag'], 'the 412 names the current ETag');
    t.equal((await api.readStream(`position-${issueId}`)).length, before.length);
  });

  t.test(
    'concurrent writers on one stream each get 201 or 409 stream_conflict, and exactly the 201s are appended',
    async (t) => {
      const { processId } = await newProcess(api);
      const token = await api.tokenFor('negotiator');
      const url = `/v1/processes/${processId}/milestones`;
      const answers = await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          api.post(
            url,
            { milestone: 'reservation-made', on: '2025-10-25', note: { th: `ข้อสงวน ${i}`, en: `Reservation ${i}` } },
            { token },
          ),
        ),
      );
      const created = answers.filter((r) => r.statusCode === 201);
      const conflicts = answers.filter((r) => r.statusCode === 409);
      t.equal(created.length + conflicts.length, answers.length, answers.map((r) => r.statusCode).join(','));
      for (const c of conflicts) t.equal(c.json().code, 'stream_conflict');
      const events = await api.readStream(`process-${processId}`);
      t.equal(events.length, 1 + created.length, 'one registration plus one milestone per 201');
      t.same(new Set(events.slice(1).map((e) => e.id)), new Set(created.flatMap((r) => r.json().eventIds)));
      t.same(
        new Set(created.map((r) => r.headers['etag'])).size,
        created.length,
        'each success names its own revision',
      );
    },
  );

  t.test('a malformed If-Match answers 400 invalid_if_match', async (t) => {
    const { processId } = await newProcess(api);
    const token = await api.tokenFor('negotiator');
    const res = await api.post(
      `/v1/processes/${processId}/milestones`,
      { milestone: 'signed', on: '2025-10-25' },
      { token, ifMatch: 'W/"0"' },
    );
    t.equal(res.statusCode, 400);
    t.equal(res.json().code, 'invalid_if_match');
  });

  t.test('a command on something that does not exist answers 404 with the domain code', async (t) => {
    const token = await api.tokenFor('negotiator');
    const res = await api.post(
      `/v1/processes/${slug('nowhere')}/milestones`,
      { milestone: 'signed', on: '2025-10-25' },
      { token },
    );
    t.equal(res.statusCode, 404);
    t.match(res.json(), {
      code: 'process_not_found',
      status: 404,
      type: 'urn:position-ledger:problem:process_not_found',
    });
  });

  t.test('a command that conflicts with the ledger answers 409 with the domain code and appends nothing', async (t) => {
    const { processId } = await newProcess(api);
    const token = await api.tokenFor('negotiator');
    const before = await api.readStream(`process-${processId}`);
    const res = await api.post('/v1/processes', bodies.process(processId), { token });
    t.equal(res.statusCode, 409);
    t.equal(res.json().code, 'process_already_registered');
    t.same(await api.readStream(`process-${processId}`), before);
  });

  t.test('a command that breaks a rule of the domain answers 422 with the domain code', async (t) => {
    const { processId } = await newProcess(api);
    const token = await api.tokenFor('negotiator');
    const sessionId = slug('sess');
    const res = await api.post(
      '/v1/sessions',
      { ...bodies.session(sessionId, processId), from: '2022-03-11', to: '2022-02-28' },
      { token },
    );
    t.equal(res.statusCode, 422);
    t.equal(res.json().code, 'session_ends_before_it_starts');
    t.same(await api.readStream(`session-${sessionId}`), []);
  });

  t.test("the request id is echoed and becomes the events' correlation id", async (t) => {
    const { processId } = await newProcess(api);
    const token = await api.tokenFor('negotiator');
    const requestId = `trace-${randomUUID()}`;
    const res = await api.post(
      `/v1/processes/${processId}/milestones`,
      { milestone: 'signed', on: '2025-10-25' },
      { token, headers: { 'x-request-id': requestId } },
    );
    t.equal(res.statusCode, 201, res.body);
    t.equal(res.headers['x-request-id'], requestId);
    const [event] = (await api.readStream(`process-${processId}`)).slice(-1);
    t.match(event?.metadata, { correlationId: requestId, idempotencyKey: /.+/ });
  });

  t.test('Thai official dates are accepted in bodies and stored as ISO dates', async (t) => {
    const { processId } = await newProcess(api);
    const token = await api.tokenFor('negotiator');
    const res = await api.post(
      `/v1/processes/${processId}/milestones`,
      { milestone: 'signed', on: '๒๕ ตุลาคม ๒๕๖๘' },
      { token },
    );
    t.equal(res.statusCode, 201, res.body);
    const events = await api.readStream(`process-${processId}`);
    t.match(events.at(-1)?.data, { milestone: 'signed', on: '2025-10-25' });
  });
});
