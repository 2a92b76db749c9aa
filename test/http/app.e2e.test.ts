// The API the tests build is the whole API (ADR 0031): the write and the read routes under /v1 over
// one read side (`app.readSide`), which /readyz reports on and which the app stops when it closes.
import t from 'tap';
import { openApi } from './helpers/api.js';
import { bodies, slug } from './helpers/writes.js';

t.test('a write through the API the tests build is read back through the same API', async (t) => {
  const api = await openApi(t);
  const token = await api.tokenFor(['negotiator', 'approver']);
  const processId = slug('process');
  const write = await api.post('/v1/processes', bodies.process(processId), { token });
  t.equal(write.statusCode, 201);
  const issueId = slug('issue');
  const issue = await api.post('/v1/issues', bodies.issue(issueId, processId), { token });
  t.equal(issue.statusCode, 201);
  const commit = String(issue.json<{ position: { commit: string } }>().position.commit);
  const read = await api.get(`/v1/issues/${issueId}/position?minPosition=${commit}`, token);
  t.equal(read.statusCode, 200);
  t.equal(read.json<{ position: { issueId: string } }>().position.issueId, issueId);
});

t.test('/readyz of the API the tests build reports the projector of its read side', async (t) => {
  const api = await openApi(t);
  const ready = await api.get('/readyz');
  t.equal(ready.statusCode, 200);
  t.match(ready.json(), {
    status: 'ready',
    checks: { store: { ok: true }, projector: { ok: true, lag: { caughtUp: true } } },
  });
});

t.test('closing the app stops its read side', async (t) => {
  const api = await openApi(t);
  const { projector } = api.app.readSide;
  t.equal(projector.status().running, true, 'the projector follows the store while the app runs');
  await api.app.close();
  t.equal(projector.status().running, false, 'and no longer once the app is closed');
});
