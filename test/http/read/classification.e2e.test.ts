// A consultation marked as a whole (ConsultationConvened.classification) is withheld from readers
// below its marking in every read and in the raw audit events (ADR 0018).
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { bodies, slug } from '../helpers/writes.js';
import { openReadApi, type ReadApi } from './read-api.js';

/** Words written only into the secret consultation: none may reach a reader below secret. */
const SECRET_WORDS = [
  'Closed-door talks on jurisdiction',
  'OAG secret stance',
  'RTP secret stance',
  'secret outcome summary',
  'withdrawn at the closed meeting',
  'secret follow-up action',
];

interface Story {
  issueId: string;
  sessionId: string;
  open: string;
  secret: string;
  openView: string;
  secretView: string;
  position: string;
}

/**
 * An issue with an open consultation (OAG's view) and a later secret one (OAG's and RTP's views, an outcome, a
 * retraction), a draft resting on both, endorsed.
 */
async function writeStory(api: ReadApi): Promise<Story> {
  const admin = await api.tokenFor('admin', 'MFA', 'top-secret');
  const ok = async (url: string, body: object, headers: Record<string, string> = {}) => {
    const res = await api.post(url, body, admin, headers);
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json<{ eventIds: string[]; position: { commit: string } }>();
  };
  const processId = slug('proc');
  const issueId = slug('issue');
  const sessionId = slug('sess');
  const open = randomUUID();
  const secret = randomUUID();
  await ok('/v1/processes', bodies.process(processId));
  await ok('/v1/sessions', { ...bodies.session(sessionId, processId), from: '2030-02-28', to: '2030-03-11' });
  await ok('/v1/issues', bodies.issue(issueId, processId));
  await ok('/v1/consultations', { consultationId: open, ...bodies.consultation('MFA', issueId) });
  const openView = (await ok(`/v1/consultations/${open}/views`, bodies.view(issueId, 'OAG'))).eventIds[0] ?? '';
  await ok('/v1/consultations', {
    consultationId: secret,
    ...bodies.consultation('MFA', issueId),
    title: { th: 'การหารือลับ', en: SECRET_WORDS[0] },
    heldOn: '2022-01-10',
    classification: 'secret',
  });
  const secretView =
    (
      await ok(`/v1/consultations/${secret}/views`, {
        ...bodies.view(issueId, 'OAG'),
        stance: 'oppose',
        summary: { th: 'ลับ', en: SECRET_WORDS[1] },
      })
    ).eventIds[0] ?? '';
  const rtpView =
    (
      await ok(`/v1/consultations/${secret}/views`, {
        ...bodies.view(issueId, 'RTP'),
        stance: 'oppose',
        summary: { th: 'ลับ', en: SECRET_WORDS[2] },
      })
    ).eventIds[0] ?? '';
  await ok(`/v1/consultations/${secret}/outcomes`, {
    issueId,
    outcome: 'majority',
    recommendedStance: 'oppose',
    summary: { th: 'ลับ', en: SECRET_WORDS[3] },
    supporting: ['OAG', 'RTP'],
    dissenting: [],
    followUps: [{ id: 'fu-1', action: { th: 'ลับ', en: SECRET_WORDS[5] }, owner: 'OAG' }],
  });
  await ok('/v1/retractions', {
    stream: { kind: 'consultation', id: secret },
    targetEventId: rtpView,
    reason: { th: 'ลับ', en: SECRET_WORDS[4] },
  });
  await ok(`/v1/issues/${issueId}/position/drafts`, {
    ...bodies.draft(),
    basis: { consultationIds: [open, secret], eventIds: [openView, secretView] },
  });
  const endorsed = await ok(`/v1/issues/${issueId}/position/endorsements`, bodies.endorsement());
  return { issueId, sessionId, open, secret, openView, secretView, position: endorsed.position.commit };
}

function readsOf(s: Story): string[] {
  const q = `minPosition=${s.position}`;
  return [
    `/v1/consultations?${q}`,
    `/v1/consultations/${s.secret}?${q}`,
    `/v1/positions?${q}`,
    `/v1/issues/${s.issueId}/position?${q}`,
    `/v1/issues/${s.issueId}/history?${q}`,
    `/v1/alignment?${q}`,
    `/v1/alignment?issueId=${s.issueId}&${q}`,
    `/v1/sessions/${s.sessionId}/brief?${q}`,
    `/v1/issues/${s.issueId}/position?asOf=2022-01-10&${q}`,
    `/v1/consultations?asOf=2022-01-10&axis=valid&${q}`,
  ];
}

t.test(
  'a secret consultation is withheld from readers below secret, participants included, in every read',
  async (t) => {
    const api = await openReadApi(t);
    const s = await writeStory(api);
    const readers = [
      [
        'an unclassified officer of an agency that did not take part',
        await api.tokenFor('agency-officer', 'NCSA', 'unclassified'),
      ],
      [
        'an unclassified officer of an agency that took part',
        await api.tokenFor('agency-officer', 'OAG', 'unclassified'),
      ],
      ['a confidential negotiator of the convening agency', await api.tokenFor('negotiator', 'MFA', 'confidential')],
    ] as const;
    for (const [who, token] of readers) {
      for (const url of readsOf(s)) {
        const res = await api.get(url, token);
        t.equal(res.statusCode, 200, `${who}: ${url}`);
        for (const word of SECRET_WORDS) t.notOk(res.body.includes(word), `${who}: ${url} does not show "${word}"`);
      }
    }
    const cleared = await api.tokenFor('negotiator', 'NCSA', 'secret');
    const seen = (await Promise.all(readsOf(s).map((url) => api.get(url, cleared)))).map((r) => r.body).join('\n');
    // RTP's view is retracted: no read shows it to anyone (the raw events do).
    for (const word of SECRET_WORDS.filter((w) => w !== SECRET_WORDS[2]))
      t.ok(seen.includes(word), `a secret reader of any agency sees "${word}"`);
  },
);

t.test(
  'readers below the marking get a marker for the consultation and for the basis inputs from it, and the latest view they may see',
  async (t) => {
    const api = await openReadApi(t);
    const s = await writeStory(api);
    const reader = await api.tokenFor('agency-officer', 'OAG', 'unclassified');
    const q = `minPosition=${s.position}`;
    const one = await api.get(`/v1/consultations/${s.secret}?${q}`, reader);
    t.same(one.json<{ consultation: unknown }>().consultation, {
      consultationId: s.secret,
      classification: 'secret',
      redacted: true,
    });
    const before = await api.get(`/v1/consultations/${s.secret}?asOf=2021-01-01&${q}`, reader);
    t.same(
      before.json<{ consultation: unknown }>().consultation,
      { consultationId: s.secret, classification: 'secret', redacted: true },
      'the same marker whatever the point asked for',
    );
    const register = (await api.get(`/v1/consultations?${q}`, reader)).json<{
      consultations: Array<{ consultationId: string }>;
      participation: Array<{ agency: string; consultations: number }>;
    }>();
    t.notOk(
      register.consultations.some((c) => c.consultationId === s.secret),
      'the register leaves it out',
    );
    t.equal(
      register.participation.find((p) => p.agency === 'OAG')?.consultations,
      1,
      'and participation counts only what the reader may see',
    );
    const position = (await api.get(`/v1/issues/${s.issueId}/position?${q}`, reader)).json<{
      position: { inForce: { basis: { consultationIds: string[]; inputs: unknown[] } } };
    }>();
    t.same(position.position.inForce.basis.consultationIds, [s.open, s.secret], "the draft's own text names both");
    t.match(position.position.inForce.basis.inputs, [
      { eventId: s.openView, agency: 'OAG', stance: 'support-with-amendments' },
      { eventId: s.secretView, consultationId: s.secret, classification: 'secret', redacted: true },
    ]);
    t.notOk('stance' in (position.position.inForce.basis.inputs[1] as object), 'the marker holds no stance');
    const alignment = (await api.get(`/v1/alignment?issueId=${s.issueId}&${q}`, reader)).json<{
      alignment: Array<{ agency: string; view: { eventId: string } }>;
    }>();
    t.same(
      alignment.alignment.map((r) => [r.agency, r.view.eventId]),
      [['OAG', s.openView]],
      "OAG's latest view the reader may see; RTP spoke only in secret",
    );
    const cleared = await api.tokenFor('agency-officer', 'OAG', 'secret');
    const full = (await api.get(`/v1/alignment?issueId=${s.issueId}&${q}`, cleared)).json<{
      alignment: Array<{ agency: string; view: { eventId: string } }>;
    }>();
    t.same(
      full.alignment.map((r) => [r.agency, r.view.eventId]),
      [['OAG', s.secretView]],
      'a secret reader sees the secret view as the latest',
    );
    const etags = await Promise.all(
      [reader, cleared].map(
        async (token) => (await api.get(`/v1/consultations/${s.secret}?${q}`, token)).headers['etag'],
      ),
    );
    t.not(etags[0], etags[1], 'the ETag is over what each reader sees');
  },
);

t.test(
  "auditors below the marking see the secret consultation's raw events as markers with their place in the log only",
  async (t) => {
    const api = await openReadApi(t);
    const s = await writeStory(api);
    const low = await api.tokenFor('auditor', 'OAG', 'confidential');
    const res = await api.get(`/v1/audit/events?stream=consultation-${s.secret}&minPosition=${s.position}`, low);
    t.equal(res.statusCode, 200);
    for (const word of SECRET_WORDS) t.notOk(res.body.includes(word), `raw events do not show "${word}"`);
    const events = res.json<{ events: Array<Record<string, unknown>> }>().events;
    t.equal(events.length, 5, 'every event of the stream is listed');
    for (const e of events) {
      t.same(
        Object.keys(e).sort(),
        ['classification', 'eventId', 'position', 'recordedAt', 'redacted', 'revision', 'streamName'],
        'a marker: where it is in the log, its marking, nothing else',
      );
      t.equal(e['classification'], 'secret');
    }
    const byType = await api.get(`/v1/audit/events?type=AgencyViewRecorded&agency=OAG&minPosition=${s.position}`, low);
    t.notOk(
      byType
        .json<{ events: Array<{ streamName: string }> }>()
        .events.some((e) => e.streamName === `consultation-${s.secret}`),
      'a filter on what a marker hides does not match it',
    );
    const high = await api.tokenFor('auditor', 'OAG', 'secret');
    const full = await api.get(`/v1/audit/events?stream=consultation-${s.secret}&minPosition=${s.position}`, high);
    t.ok(
      SECRET_WORDS.every((w) => full.body.includes(w)),
      'a secret auditor sees them whole',
    );
  },
);
