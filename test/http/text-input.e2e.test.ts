// Text that could repaint a reader's terminal or hide what it says is refused at the edge, with the
// field named and nothing appended; bodies are UTF-8 JSON and nothing else (docs/adr/0017-text-hygiene.md).
import t, { type Test } from 'tap';
import type { LightMyRequestResponse } from 'fastify';
import { openApi, type Api } from './helpers/api.js';
import { bodies, newConsultation, newProcess, slug } from './helpers/writes.js';

async function unchanged(
  t: Test,
  api: Api,
  send: () => Promise<LightMyRequestResponse>,
): Promise<LightMyRequestResponse> {
  const before = await api.readAll();
  const res = await send();
  t.equal((await api.readAll()).length, before.length, 'nothing appended');
  return res;
}

t.test('text hygiene', async (t) => {
  const api = await openApi(t);
  const negotiator = await api.tokenFor('negotiator');
  const { processId } = await newProcess(api);

  const refused: Array<[string, string, string]> = [
    ['an escape sequence (C0)', 'Scope\u001b[2J\u001b[H', 'control_character'],
    ['NUL', 'Scope\u0000', 'control_character'],
    ['a carriage return', 'Scope\rOppose', 'control_character'],
    ['a C1 control (CSI)', 'Scope\u009b2J', 'control_character'],
    ['DEL', 'Scope\u007f', 'control_character'],
    ['a right-to-left override', 'Scope \u202Etxt.exe', 'bidi_control'],
    ['a left-to-right embedding', 'Scope \u202Ax', 'bidi_control'],
    ['a first-strong isolate', 'Scope \u2068x\u2069', 'bidi_control'],
    ['a lone high surrogate', 'Scope \ud800', 'lone_surrogate'],
    ['a lone low surrogate', 'Scope \udfff x', 'lone_surrogate'],
  ];
  for (const [what, en, code] of refused) {
    t.test(`a title with ${what} is refused with 400 naming the field`, async (t) => {
      const body = { ...bodies.issue(slug('issue'), processId), title: { th: 'ขอบเขต', en } };
      const res = await unchanged(t, api, () => api.post('/v1/issues', body, { token: negotiator }));
      t.equal(res.statusCode, 400, res.body);
      t.match(res.headers['content-type'], /^application\/problem\+json/);
      const problem = res.json();
      t.equal(problem.code, 'invalid_text');
      t.match(problem.errors, [{ in: 'body', pointer: '/title/en', code }]);
      t.match(problem.detail, /\/title\/en/);
    });
  }

  t.test('a summary with a bidi override is refused too, wherever it is nested', async (t) => {
    const { consultationId, issueId } = await newConsultation(api, 'MFA');
    const view = { ...bodies.view(issueId, 'MFA'), summary: { th: 'สนับสนุน', en: 'Supports \u2067the\u2069 text' } };
    const res = await unchanged(t, api, () =>
      api.post(`/v1/consultations/${consultationId}/views`, view, { token: negotiator }),
    );
    t.equal(res.statusCode, 400);
    t.match(res.json(), { code: 'invalid_text', errors: [{ pointer: '/summary/en', code: 'bidi_control' }] });
  });

  t.test('a title is one line: a line break or a tab in it is refused, in a summary they are kept', async (t) => {
    const title = { ...bodies.issue(slug('issue'), processId), title: { th: 'ขอบเขต', en: 'Scope\nv2: support' } };
    const res = await unchanged(t, api, () => api.post('/v1/issues', title, { token: negotiator }));
    t.equal(res.statusCode, 400);
    t.match(res.json(), { code: 'invalid_text', errors: [{ pointer: '/title/en', code: 'line_break' }] });

    const { consultationId, issueId } = await newConsultation(api, 'MFA');
    const summary = { th: 'สนับสนุน', en: 'Supports.\n\n\tWith two conditions.' };
    const ok = await api.post(
      `/v1/consultations/${consultationId}/views`,
      { ...bodies.view(issueId, 'MFA'), summary },
      { token: negotiator },
    );
    t.equal(ok.statusCode, 201, ok.body);
    const [event] = await api
      .readStream(ok.json<{ streamName: string }>().streamName)
      .then((events) => events.filter((e) => e.type === 'AgencyViewRecorded'));
    t.hasStrict(event, { data: { summary } });
  });

  t.test('text is stored in NFC', async (t) => {
    const issueId = slug('issue');
    const res = await api.post(
      '/v1/issues',
      { ...bodies.issue(issueId, processId), title: { th: 'ก\u0E48\u0E39', en: 'Cafe\u0301' } },
      { token: negotiator },
    );
    t.equal(res.statusCode, 201, res.body);
    const [event] = await api.readStream(`issue-${issueId}`);
    t.hasStrict(event, { data: { title: { th: 'ก\u0E39\u0E48', en: 'Caf\u00e9' } } });
  });

  t.test('a body that is not valid UTF-8 is refused with 400 invalid_utf8 instead of stored as U+FFFD', async (t) => {
    const json = JSON.stringify({ ...bodies.issue(slug('issue'), processId), title: { th: 'ขอบเขต', en: 'Scope XX' } });
    const bytes = Buffer.from(json, 'utf8');
    const at = bytes.indexOf('XX');
    bytes[at] = 0xff;
    bytes[at + 1] = 0xfe;
    const res = await unchanged(t, api, () =>
      api.app.inject({
        method: 'POST',
        url: '/v1/issues',
        headers: {
          authorization: `Bearer ${negotiator}`,
          'idempotency-key': slug('key'),
          'content-type': 'application/json',
        },
        payload: bytes,
      }),
    );
    t.equal(res.statusCode, 400);
    t.equal(res.json().code, 'invalid_utf8');
  });

  t.test('a body declared in another charset is refused with 415 unsupported_charset', async (t) => {
    const body = JSON.stringify(bodies.issue(slug('issue'), processId));
    const res = await unchanged(t, api, () =>
      api.postRaw('/v1/issues', body, 'application/json; charset=iso-8859-1', { token: negotiator }),
    );
    t.equal(res.statusCode, 415);
    t.match(res.json(), { code: 'unsupported_charset', detail: /UTF-8/ });
    const utf8 = await api.postRaw('/v1/issues', body, 'application/json; charset="UTF-8"', { token: negotiator });
    t.equal(utf8.statusCode, 201, 'charset=utf-8 (any case, quoted or not) is fine');
  });

  t.test('__proto__ and constructor keys answer 400 forbidden_json_key, not malformed_json', async (t) => {
    const issue = JSON.stringify(bodies.issue(slug('issue'), processId));
    for (const [key, payload] of [
      ['__proto__', `${issue.slice(0, -1)},"__proto__":{"isAdmin":true}}`],
      ['constructor', `${issue.slice(0, -1)},"title":{"th":"ก","en":"a","constructor":{"prototype":{"x":1}}}}`],
    ] as const) {
      const res = await unchanged(t, api, () =>
        api.postRaw('/v1/issues', payload, 'application/json', { token: negotiator }),
      );
      t.equal(res.statusCode, 400, key);
      t.match(res.json(), { code: 'forbidden_json_key', errors: [{ in: 'body', code: 'forbidden_key' }] });
      t.match(res.json().detail, key);
    }
  });
});
