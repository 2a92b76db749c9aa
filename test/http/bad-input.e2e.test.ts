// Bad input gets a clear problem and changes nothing: each case reads $all before and after.
import t, { type Test } from 'tap';
import { openApi, type Api } from './helpers/api.js';
import { bodies, newConsultation, newIssue, newProcess, slug } from './helpers/writes.js';

async function unchanged(t: Test, api: Api, send: () => Promise<{ statusCode: number; body: string }>) {
  const before = await api.readAll();
  const res = await send();
  const after = await api.readAll();
  t.equal(after.length, before.length, 'the store is unchanged');
  t.same(after.at(-1)?.id, before.at(-1)?.id);
  return res;
}

t.test('bad input', async (t) => {
  const api = await openApi(t, { config: { bodyLimitBytes: 16 * 1024 } });
  const negotiator = await api.tokenFor('negotiator');
  const { processId } = await newProcess(api);
  const { issueId } = await newIssue(api);

  t.test('a field of the wrong type answers 400 invalid_request pointing at it', async (t) => {
    const res = await unchanged(t, api, () =>
      api.post('/v1/sessions', { ...bodies.session(slug('sess'), processId), number: 'one' }, { token: negotiator }),
    );
    t.equal(res.statusCode, 400);
    const problem = JSON.parse(res.body);
    t.equal(problem.code, 'invalid_request');
    t.match(problem.errors, [{ in: 'body', pointer: '/number' }]);
  });

  t.test('an unknown field answers 400 naming it', async (t) => {
    const res = await unchanged(t, api, () =>
      api.post('/v1/processes', { ...bodies.process(slug('proc')), secretNote: 'x' }, { token: negotiator }),
    );
    t.equal(res.statusCode, 400);
    t.match(JSON.parse(res.body).detail, /secretNote/);
  });

  t.test('an id repeated in the body of a nested route is an unknown field', async (t) => {
    const res = await unchanged(t, api, () =>
      api.post(
        `/v1/processes/${processId}/milestones`,
        { processId: 'other', milestone: 'signed', on: '2025-10-25' },
        { token: negotiator },
      ),
    );
    t.equal(res.statusCode, 400);
  });

  t.test('a missing required field answers 400', async (t) => {
    const { title: _title, ...noTitle } = bodies.process(slug('proc'));
    const res = await unchanged(t, api, () => api.post('/v1/processes', noTitle, { token: negotiator }));
    t.equal(res.statusCode, 400);
    t.match(JSON.parse(res.body).errors, [{ pointer: '/title' }]);
  });

  t.test('a bad path parameter answers 400 (a consultation id is a UUID)', async (t) => {
    const res = await unchanged(t, api, () =>
      api.post('/v1/consultations/not-a-uuid/close', { on: '2021-12-28' }, { token: negotiator }),
    );
    t.equal(res.statusCode, 400);
    t.match(JSON.parse(res.body).errors, [{ in: 'params', pointer: '/consultationId' }]);
  });

  t.test('an impossible Thai date answers 400', async (t) => {
    const res = await unchanged(t, api, () =>
      api.post(
        `/v1/processes/${processId}/milestones`,
        { milestone: 'signed', on: '๓๑ กุมภาพันธ์ ๒๕๖๘' },
        { token: negotiator },
      ),
    );
    t.equal(res.statusCode, 400);
  });

  t.test('malformed JSON answers 400 malformed_json', async (t) => {
    const res = await unchanged(t, api, () =>
      api.postRaw('/v1/processes', '{"processId": "x",', 'application/json', { token: negotiator }),
    );
    t.equal(res.statusCode, 400);
    t.equal(JSON.parse(res.body).code, 'malformed_json');
  });

  t.test('an empty JSON body answers 400 malformed_json', async (t) => {
    const res = await unchanged(t, api, () =>
      api.postRaw('/v1/processes', '', 'application/json', { token: negotiator }),
    );
    t.equal(res.statusCode, 400);
    t.equal(JSON.parse(res.body).code, 'malformed_json');
  });

  t.test('a body that is not JSON answers 415', async (t) => {
    const res = await unchanged(t, api, () =>
      api.postRaw('/v1/processes', 'processId=x', 'application/x-www-form-urlencoded', { token: negotiator }),
    );
    t.equal(res.statusCode, 415);
    t.equal(JSON.parse(res.body).code, 'unsupported_media_type');
  });

  t.test('a plain-text body answers 415 saying to send JSON', async (t) => {
    const res = await unchanged(t, api, () =>
      api.postRaw('/v1/processes', '{"processId":"x"}', 'text/plain', { token: negotiator }),
    );
    t.equal(res.statusCode, 415);
    t.match(JSON.parse(res.body), { code: 'unsupported_media_type', detail: /application\/json/ });
  });

  t.test('an oversized body answers 413 payload_too_large', async (t) => {
    const huge = { ...bodies.process(slug('proc')), title: { th: 'ก'.repeat(6000), en: 'x'.repeat(8000) } };
    const res = await unchanged(t, api, () => api.post('/v1/processes', huge, { token: negotiator }));
    t.equal(res.statusCode, 413);
    t.match(JSON.parse(res.body), { code: 'payload_too_large', detail: /BODY_LIMIT_BYTES/ });
  });

  t.test('a text longer than its schema allows answers 400 even under the body limit', async (t) => {
    const res = await unchanged(t, api, () =>
      api.post('/v1/processes', { ...bodies.process(slug('proc')), forum: 'f'.repeat(301) }, { token: negotiator }),
    );
    t.equal(res.statusCode, 400);
  });

  t.test('a view for another agency by an agency officer answers 403 and changes nothing', async (t) => {
    const { consultationId } = await newConsultation(api, 'MFA');
    const officer = await api.tokenFor('agency-officer', 'RTP');
    const res = await unchanged(t, api, () =>
      api.post(`/v1/consultations/${consultationId}/views`, bodies.view(issueId, 'OAG'), { token: officer }),
    );
    t.equal(res.statusCode, 403);
  });

  t.test('a prototype-polluting body is refused', async (t) => {
    const res = await unchanged(t, api, () =>
      api.postRaw(
        '/v1/processes',
        `{"__proto__": {"admin": true}, "processId": "${slug('proc')}"}`,
        'application/json',
        {
          token: negotiator,
        },
      ),
    );
    t.equal(res.statusCode, 400);
  });
});
