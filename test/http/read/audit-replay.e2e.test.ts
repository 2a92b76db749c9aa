import t from 'tap';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { bodies, slug } from '../helpers/writes.js';
import { openReadApi } from './read-api.js';

t.test(
  'a second audit replay while one runs answers 409 replay_in_progress with where the running one is',
  async (t) => {
    const api = await openReadApi(t);
    const admin = await api.tokenFor('admin', 'MFA', 'top-secret');
    const processId = slug('proc');
    await api.post('/v1/processes', bodies.process(processId), admin);
    const written = await api.post('/v1/issues', bodies.issue(slug('issue'), processId), admin);
    await api.read.projector.waitFor(BigInt(written.json<{ position: { commit: string } }>().position.commit), 5000);
    const auditor = await api.tokenFor('auditor', 'OAG', 'secret');
    const replay = () =>
      api.app.inject({ method: 'POST', url: '/v1/audit/replay', headers: { authorization: `Bearer ${auditor}` } });

    let settled = false;
    const first = replay().finally(() => (settled = true));
    // Turn by turn (no clock) until the first has started; it reads the whole store before it is done.
    while (api.read.replays.running() === null && !settled) await nextTurn();
    const second = await replay();
    t.equal(second.statusCode, 409, second.body);
    const problem = second.json<{
      code: string;
      detail: string;
      details: { phase: string; startedAt: string; eventsReplayed: number; eventsToReplay: number };
    }>();
    t.equal(problem.code, 'replay_in_progress');
    t.match(problem.details, {
      phase: /^(rebuilding|comparing)$/,
      startedAt: String,
      eventsReplayed: Number,
      eventsToReplay: Number,
    });
    t.ok(problem.details.eventsToReplay >= 2, 'how many events the running one replays');
    t.match(problem.detail, /already running/);
    t.ok(second.headers['retry-after'], 'and when to ask again');
    const done = await first;
    t.equal(done.statusCode, 200, done.body);
    t.equal((await replay()).statusCode, 200, 'once it is done, the next one runs');
  },
);
