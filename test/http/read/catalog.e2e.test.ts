// Processes, sessions and issues listed and filtered on the demo data (issue 11 §1).
import t from 'tap';
import { pino } from 'pino';
import { createLedger } from '../../../src/application/ledger.js';
import { seedDemo } from '../../../src/seed/load.js';
import { bodies, slug } from '../helpers/writes.js';
import { openReadApi } from './read-api.js';

const api = await openReadApi(t);
await seedDemo(createLedger({ store: api.store, logger: pino({ level: 'silent' }) }));
// One write after the demo data: reading at its position reads all of it.
const after = await api.post('/v1/processes', bodies.process(slug('proc')), await api.tokenFor('admin'));
const q = `minPosition=${after.json<{ position: { commit: string } }>().position.commit}`;
const reader = await api.tokenFor('negotiator');
const get = async <T>(url: string): Promise<T> => {
  const res = await api.get(`${url}${url.includes('?') ? '&' : '?'}${q}`, reader);
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
};

interface Milestone {
  milestone: string;
  on: string;
  place?: string;
}
interface Process {
  processId: string;
  title: { th: string; en: string };
  milestones: Milestone[];
  issueIds: string[];
  sessionIds: string[];
}
interface Session {
  sessionId: string;
  processId: string;
  status: string;
  venue: { city: string };
  from: string;
  issueIds: string[];
  brief: string;
}
interface Issue {
  issueId: string;
  processId: string;
  inForce: { stance: string } | null;
  pendingDraft: { version: number } | null;
  divergingAgencies: string[];
}

t.test("the cybercrime convention is listed with its milestones up to Thailand's signature in Hanoi", async (t) => {
  const { processes } = await get<{ processes: Process[] }>('/v1/processes');
  const ahc = processes.find((p) => p.processId === 'ahc');
  t.ok(ahc, 'the AHC process is in the list');
  const { process } = await get<{ process: Process }>('/v1/processes/ahc');
  const kinds = process.milestones.map((m) => m.milestone);
  t.ok(
    kinds.includes('mandate-adopted') && kinds.includes('text-adopted') && kinds.includes('signed'),
    kinds.join(', '),
  );
  t.match(
    process.milestones.find((m) => m.milestone === 'signed'),
    { on: '2025-10-25', place: 'Hanoi' },
  );
  t.same(
    process.milestones.map((m) => m.on),
    [...process.milestones.map((m) => m.on)].sort(),
    'milestones by date',
  );
  t.ok(process.issueIds.includes('ahc-scope') && process.sessionIds.includes('ahc-1'));

  const before = await get<{ process: Process }>('/v1/processes/ahc?asOf=2024-01-01');
  t.notOk(
    before.process.milestones.some((m) => m.milestone === 'signed'),
    'as of 2024 there was no signature yet',
  );
  const missing = await api.get(`/v1/processes/no-such-process?${q}`, reader);
  t.equal(missing.statusCode, 404);
  t.equal(missing.json<{ code: string }>().code, 'process_not_found');
});

t.test(
  'sessions are listed by date with status and agenda, filtered by venue, upcoming or past, and lead to their brief',
  async (t) => {
    const { sessions } = await get<{ sessions: Session[] }>('/v1/sessions?processId=ahc');
    t.ok(sessions.length >= 8, `${sessions.length} AHC sessions`);
    t.same(
      sessions.map((s) => s.from),
      [...sessions.map((s) => s.from)].sort(),
      'by date',
    );
    const first = sessions.find((s) => s.sessionId === 'ahc-1');
    t.match(first, { status: 'ended', venue: { city: 'New York' }, brief: '/v1/sessions/ahc-1/brief' });
    t.ok(first?.issueIds.includes('ahc-scope'), 'its agenda holds the issues of the convention');
    const brief = await api.get(`${first?.brief ?? ''}?${q}`, reader);
    t.equal(brief.statusCode, 200, 'the brief is reachable from the list');

    const vienna = (await get<{ sessions: Session[] }>('/v1/sessions?processId=ahc&venue=vienna')).sessions;
    t.ok(vienna.length > 0 && vienna.every((s) => s.venue.city === 'Vienna'), 'venue filter, whatever the case');
    const asOf2022 = (await get<{ sessions: Session[] }>('/v1/sessions?processId=ahc&when=upcoming&asOf=2022-06-01'))
      .sessions;
    t.notOk(
      asOf2022.some((s) => s.sessionId === 'ahc-1'),
      'on 1 June 2022 the first session is past',
    );
    t.ok(
      asOf2022.some((s) => s.sessionId === 'ahc-2' && s.status === 'in-session'),
      'the second is in session (Vienna, 30 May to 10 June)',
    );
    const past = (await get<{ sessions: Session[] }>('/v1/sessions?processId=ahc&when=past&asOf=2022-06-01')).sessions;
    t.same(
      past.map((s) => s.sessionId),
      ['ahc-1'],
    );
    const one = await get<{ session: Session }>('/v1/sessions/ahc-2');
    t.match(one.session, { sessionId: 'ahc-2', venue: { city: 'Vienna' }, brief: '/v1/sessions/ahc-2/brief' });
  },
);

t.test(
  'issues are filtered by process, stance in force, pending draft and divergence: where we have open disagreements',
  async (t) => {
    const all = (await get<{ issues: Issue[] }>('/v1/issues?processId=ahc')).issues;
    t.ok(all.length >= 9 && all.every((i) => i.processId === 'ahc'), `${all.length} issues of the convention`);
    const diverging = (await get<{ issues: Issue[] }>('/v1/issues?processId=ahc&diverges=true')).issues;
    t.ok(diverging.length > 0, 'the demo data has agencies diverging from positions in force');
    t.ok(
      diverging.every((i) => i.divergingAgencies.length > 0),
      'each diverging issue names its agencies',
    );
    t.same(
      diverging.map((i) => i.issueId),
      all.filter((i) => i.divergingAgencies.length > 0).map((i) => i.issueId),
      'diverges=true keeps exactly the issues with a diverging agency',
    );
    const agreeing = (await get<{ issues: Issue[] }>('/v1/issues?processId=ahc&diverges=false')).issues;
    t.equal(diverging.length + agreeing.length, all.length, 'true and false split the list');

    const pending = (await get<{ issues: Issue[] }>('/v1/issues?pendingDraft=true')).issues;
    t.ok(
      pending.length > 0 && pending.every((i) => i.pendingDraft !== null),
      'pendingDraft=true: issues with a draft awaiting endorsement',
    );
    const stance = all.find((i) => i.inForce !== null)?.inForce?.stance;
    if (stance !== undefined) {
      const same = (await get<{ issues: Issue[] }>(`/v1/issues?processId=ahc&stance=${stance}`)).issues;
      t.ok(same.length > 0 && same.every((i) => i.inForce?.stance === stance), `stance=${stance}`);
    }
    const bad = await api.get(`/v1/issues?stance=maybe&${q}`, reader);
    t.equal(bad.statusCode, 400, 'an unknown stance is refused');
  },
);
