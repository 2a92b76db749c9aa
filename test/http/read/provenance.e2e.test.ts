// Provenance on the demo data, as a negotiator reads it (ADR 0038): what the sources do not state reads
// as illustrative wherever it shows (the alignment matrix, a brief's disagreements, a position and its
// endorsement), and what they state reads as on record.
import t from 'tap';
import { seedDemo } from '../../../src/seed/load.js';
import { openReadApi } from './read-api.js';

t.test('provenance on the demo data', async (t) => {
  const api = await openReadApi(t);
  await seedDemo(api.app.ledger);
  const token = await api.tokenFor('negotiator', 'MFA', 'secret');
  // Every read waits for the last demo write (minPosition).
  let last = '0';
  for await (const e of api.store.readAll()) last = e.position.commit.toString();
  const get = async (url: string) => api.get(`${url}${url.includes('?') ? '&' : '?'}minPosition=${last}`, token);

  t.test('an illustrative agency stance is marked illustrative in the alignment matrix', async (t) => {
    const res = await get('/v1/alignment?issueId=ahc-offences');
    t.equal(res.statusCode, 200, res.body);
    const rows: Array<{
      agency: string;
      view: { stance: string; source: { kind: string; note?: { th: string; en: string } } };
    }> = res.json().alignment;
    const oag = rows.find((r) => r.agency === 'OAG');
    t.match(oag?.view, { stance: 'reserve', source: { kind: 'illustrative', note: { en: /which agency said what/ } } });
    t.ok(rows.length >= 3, `${rows.length} agencies`);
    for (const row of rows) t.not(row.view.source.kind, undefined, `${row.agency} has a source`);
  });

  t.test("a brief's disagreement says the agency's stance is illustrative", async (t) => {
    const res = await get('/v1/sessions/ahc-concluding/brief');
    t.equal(res.statusCode, 200, res.body);
    const issue = res.json().brief.issues.find((i: { issueId: string }) => i.issueId === 'ahc-evidence-scope');
    t.match(issue?.disagreements, [{ agency: 'RTP', stance: 'support', source: { kind: 'illustrative' } }]);
  });

  t.test('the position agreed on 28 Dec 2021 is on record, its endorsement that day is illustrative', async (t) => {
    const res = await get('/v1/issues/ahc-scope/position?asOf=2022-01-15&axis=valid');
    t.equal(res.statusCode, 200, res.body);
    const inForce = res.json().position.inForce;
    t.match(inForce, {
      version: 1,
      source: { kind: 'record', documentRef: /๑๐๐๒\/๔/ },
      endorsementSource: { kind: 'illustrative', note: { en: /not an endorsement/ } },
    });
    t.match(
      inForce.basis.inputs,
      [{ kind: 'outcome', source: { kind: 'record' } }],
      'the outcome it rests on is on record',
    );
  });

  t.test(
    'history entries and raw audit events carry their source; events written without one read as record',
    async (t) => {
      const history = (await get('/v1/issues/ahc-evidence-scope/history')).json().history as Array<{
        type: string;
        source: { kind: string };
      }>;
      t.ok(
        history.every((e) => typeof e.source.kind === 'string'),
        'every entry has a source',
      );
      t.match(
        history.find((e) => e.type === 'IssueRegistered'),
        { source: { kind: 'record' } },
      );
      t.match(
        history.find((e) => e.type === 'PositionDrafted'),
        { source: { kind: 'illustrative' } },
      );
      const auditor = await api.tokenFor('auditor', 'OAG', 'top-secret');
      const audit = await api.get('/v1/audit/events?stream=issue-ahc-scope', auditor);
      t.equal(audit.statusCode, 200, audit.body);
      const [registered] = audit.json().events as Array<{ metadata: Record<string, unknown>; source: unknown }>;
      t.equal(registered?.metadata['source'], undefined, 'the stored metadata holds no source');
      t.same(registered?.source, { kind: 'record' });
    },
  );

  t.test(
    'the 26 commitments of the Bangkok Joint Statement are open follow-ups in their 5 areas, and one can be moved on',
    async (t) => {
      const res = await get('/v1/follow-ups?issueId=gpos-joint-statement');
      t.equal(res.statusCode, 200, res.body);
      const items = res.json().followUps as Array<{
        followUpId: string;
        status: string;
        area: { id: string };
        source: { kind: string };
      }>;
      t.equal(items.length, 26);
      t.equal(new Set(items.map((f) => f.area.id)).size, 5);
      t.ok(
        items.every((f) => f.status === 'open' && f.source.kind === 'record'),
        'all open, all on record',
      );
      const mfa = await api.tokenFor('negotiator', 'MFA', 'secret');
      const moved = await api.post(
        '/v1/issues/gpos-joint-statement/follow-ups/commitment-23/status',
        { status: 'in-progress', on: '2026-01-15', source: { kind: 'illustrative' } },
        mfa,
      );
      t.equal(moved.statusCode, 201, moved.body);
      const after = await api.get(
        `/v1/follow-ups?issueId=gpos-joint-statement&status=in-progress&minPosition=${moved.json().position.commit}`,
        token,
      );
      t.match(after.json().followUps, [{ followUpId: 'commitment-23', status: 'in-progress', statusOn: '2026-01-15' }]);
      const before = await get('/v1/follow-ups?issueId=gpos-joint-statement&status=in-progress&asOf=2026-01-01');
      t.same(before.json().followUps, [], 'on 1 January 2026 it was still open');
    },
  );

  t.test(
    "a basis names each consultation (title, day, convener, participants) and each input's agency in Thai and English",
    async (t) => {
      const res = await get('/v1/issues/ahc-scope/position?asOf=2022-01-15&axis=valid');
      const basis = res.json().position.inForce.basis;
      t.match(basis.consultations, [
        {
          consultationId: '5e2a8c1d-2021-4c28-9d12-28122021a001',
          title: { en: /Interagency consultation to prepare Thailand's initial position/ },
          heldOn: '2021-12-28',
          convener: { code: 'MFA', th: 'กระทรวงการต่างประเทศ', en: 'Ministry of Foreign Affairs' },
        },
      ]);
      t.same(
        basis.consultations[0].participants.map((p: { code: string }) => p.code),
        ['MFA', 'OAG', 'RTP', 'NSC', 'NCSA', 'MOJ', 'MDES'],
      );
      t.match(basis.consultations[0].participants[1], {
        code: 'OAG',
        th: 'สำนักงานอัยการสูงสุด',
        en: 'Office of the Attorney General',
      });
      const offences = (await get('/v1/issues/ahc-offences/position?asOf=2024-02-01&axis=valid')).json().position
        .inForce.basis;
      t.match(offences.inputs, [
        {
          kind: 'view',
          agency: 'NCSA',
          agencyName: {
            th: 'สำนักงานคณะกรรมการการรักษาความมั่นคงปลอดภัยไซเบอร์แห่งชาติ',
            en: 'National Cyber Security Agency',
          },
        },
      ]);
    },
  );

  t.test("a reader below a consultation's marking gets a marker for it in the basis, never its title", async (t) => {
    const unclassified = await api.tokenFor('negotiator', 'MFA', 'unclassified');
    const res = await api.get(
      `/v1/issues/ahc-offences/position?asOf=2024-02-01&axis=valid&minPosition=${last}`,
      unclassified,
    );
    t.equal(res.statusCode, 200, res.body);
    const consultations = res.json().position.inForce.basis.consultations;
    t.match(consultations, [
      { consultationId: '5e2a8c1d-2021-4c28-9d12-28122021a001', heldOn: '2021-12-28' },
      { consultationId: '7b3f9e2a-2023-4b15-8e11-15112023b002', classification: 'confidential', redacted: true },
    ]);
    t.notOk('title' in consultations[1], 'no title of the withheld consultation');
  });
});
