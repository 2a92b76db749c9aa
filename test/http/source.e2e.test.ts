// The source of an entry over HTTP (ADR 0038): an optional top-level `source` in every write body goes
// into the metadata of every event the write appends, is checked with its own code, and is part of what
// an Idempotency-Key stands for.
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { openApi } from './helpers/api.js';
import { newProcess } from './helpers/writes.js';

t.test('the source of a write', async (t) => {
  const api = await openApi(t);
  const token = await api.tokenFor('negotiator');

  t.test('an illustrative milestone carries its source, with the document and note, in its metadata', async (t) => {
    const { processId } = await newProcess(api);
    const source = {
      kind: 'illustrative',
      documentRef: 'seed 004',
      note: { th: 'วันที่ไม่ปรากฏในเอกสาร', en: 'The day is not in the source' },
    };
    const res = await api.post(
      `/v1/processes/${processId}/milestones`,
      { milestone: 'signed', on: '2025-10-25', source },
      { token },
    );
    t.equal(res.statusCode, 201, res.body);
    const events = await api.readStream(`process-${processId}`);
    const written = events.find((e) => e.id === res.json().eventIds[0]);
    t.same(written?.metadata['source'], source);
    t.notOk('source' in (written?.data as object), 'the source is not part of the event data');
  });

  t.test('a write without a source stores none: it reads as record', async (t) => {
    const { processId } = await newProcess(api);
    const res = await api.post(
      `/v1/processes/${processId}/milestones`,
      { milestone: 'signed', on: '2025-10-25' },
      { token },
    );
    t.equal(res.statusCode, 201, res.body);
    const events = await api.readStream(`process-${processId}`);
    t.equal(events.at(-1)?.metadata['source'], undefined);
  });

  t.test('an unknown kind of source is 400 invalid_source naming the field, and nothing is appended', async (t) => {
    const { processId } = await newProcess(api);
    const before = await api.readAll();
    const res = await api.post(
      `/v1/processes/${processId}/milestones`,
      { milestone: 'signed', on: '2025-10-25', source: { kind: 'rumour' } },
      { token },
    );
    t.equal(res.statusCode, 400);
    t.equal(res.json().code, 'invalid_source');
    t.match(res.json().errors, [{ in: 'body', pointer: '/source/kind' }]);
    const extra = await api.post(
      `/v1/processes/${processId}/milestones`,
      { milestone: 'signed', on: '2025-10-25', source: { kind: 'record', page: 3 } },
      { token },
    );
    t.equal(extra.statusCode, 400);
    t.equal(extra.json().code, 'invalid_source', 'an unknown member of source too');
    t.equal((await api.readAll()).length, before.length);
  });

  t.test(
    'the same Idempotency-Key with another source is 409 idempotency_key_reused; with the same source it replays',
    async (t) => {
      const { processId } = await newProcess(api);
      const key = randomUUID();
      const url = `/v1/processes/${processId}/milestones`;
      const body = { milestone: 'signed', on: '2025-10-25' };
      const first = await api.post(url, { ...body, source: { kind: 'uncertain' } }, { token, key });
      t.equal(first.statusCode, 201, first.body);
      const before = await api.readAll();
      const again = await api.post(url, { ...body, source: { kind: 'uncertain' } }, { token, key });
      t.equal(again.statusCode, 201);
      t.equal(again.headers['idempotent-replayed'], 'true');
      const other = await api.post(url, body, { token, key });
      t.equal(other.statusCode, 409);
      t.equal(other.json().code, 'idempotency_key_reused');
      t.equal((await api.readAll()).length, before.length);
    },
  );

  t.test('every write route documents source in its body in /openapi.json', async (t) => {
    const doc = (await api.get('/openapi.json')).json();
    let posts = 0;
    for (const [path, item] of Object.entries<
      Record<
        string,
        { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } }
      >
    >(doc.paths)) {
      const post = item['post'];
      if (post?.requestBody === undefined || !path.startsWith('/v1/') || path.startsWith('/v1/audit')) continue;
      posts++;
      t.ok(post.requestBody.content['application/json']?.schema.properties?.['source'], path);
    }
    t.ok(posts >= 19, `${posts} write routes`);
  });
});
