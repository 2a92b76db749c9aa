// A session brief and a consultation kept serialized (ADR 0074) are the answer only until "now" reaches a
// date inside them: a session's start and end (its status), a consultation's day (upcoming or held), a
// follow-up's due date (overdue). The read side's clock is moved past each one here; every answer asked
// about "now" is compared with a fresh one asked with that instant as asOf (never kept before): the same
// bytes and ETag. Writes are seen by the next read, and a reader is never sent what was kept for another
// clearance.
import t, { type Test } from 'tap';
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { bodies, slug } from '../helpers/writes.js';
import { openReadApi, type ReadApi } from './read-api.js';

const RED_LINE = 'no mandatory traffic-data retention';

/** A day this many days from today (UTC). */
const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The start of a day in Bangkok (UTC+7, no daylight saving). */
const bangkokMidnight = (day: string): string => new Date(Date.parse(`${day}T00:00:00.000+07:00`)).toISOString();

/** The answer without the instant "now" resolved to, or asOf typed (asOf, asOfDate, validAt). */
const withoutNow = (res: LightMyRequestResponse): string =>
  res.body.replace(/"(asOf|asOfDate|validAt)":"[^"]*"/g, '"$1":"now"');

interface Setting {
  readonly api: ReadApi;
  /** Sets what "now" is for the read side (null: the wall clock). */
  at(instant: string | null): void;
  /** How many times each question was answered by folding (not from what was kept). */
  readonly made: { brief: number; briefText: number; consultation: number };
  ok(url: string, body: object): Promise<string>;
  /** A new process with one issue, both written and read back. */
  issue(): Promise<{ processId: string; issueId: string }>;
}

async function setting(t: Test): Promise<Setting> {
  let now: Date | null = null;
  const api = await openReadApi(t, { readClock: () => now ?? new Date() });
  const made = { brief: 0, briefText: 0, consultation: 0 };
  const read = api.read;
  const { brief, briefText, consultation } = read;
  read.brief = (...args) => ((made.brief += 1), brief(...args));
  read.briefText = (...args) => ((made.briefText += 1), briefText(...args));
  read.consultation = (...args) => ((made.consultation += 1), consultation(...args));
  const admin = await api.tokenFor('admin', 'MFA', 'top-secret');
  const ok = async (url: string, body: object): Promise<string> => {
    const res = await api.post(url, body, admin);
    t.equal(res.statusCode, 201, `${url}: ${res.body.slice(0, 200)}`);
    const commit = res.json<{ position: { commit: string } }>().position.commit;
    t.ok(await api.read.projector.waitFor(BigInt(commit), 10_000), 'the read side has the write');
    return commit;
  };
  return {
    api,
    at: (instant) => (now = instant === null ? null : new Date(instant)),
    made,
    ok,
    async issue() {
      const processId = slug('proc');
      const issueId = slug('issue');
      await ok('/v1/processes', bodies.process(processId));
      await ok('/v1/issues', bodies.issue(issueId, processId));
      return { processId, issueId };
    },
  };
}

/**
 * A process with an issue whose position in force has secret red lines, and a session of it on days `from` to `to` in
 * New York.
 */
async function sessionStory(s: Setting, from: string, to: string) {
  const { processId, issueId } = await s.issue();
  const sessionId = slug('sess');
  await s.ok(`/v1/issues/${issueId}/position/drafts`, {
    ...bodies.draft(),
    redLines: { level: 'secret', value: [{ th: 'เส้นต้องห้าม', en: RED_LINE }] },
  });
  await s.ok(`/v1/issues/${issueId}/position/endorsements`, bodies.endorsement());
  await s.ok('/v1/sessions', { ...bodies.session(sessionId, processId), from, to });
  return { processId, issueId, sessionId };
}

/**
 * Asks `url` about "now" twice (the second from what was kept, if anything was) and with `instant` as asOf (fresh): the
 * three are the same bytes and ETag. Returns the answer.
 */
async function askedNow(t: Test, s: Setting, token: string, url: string, instant: string) {
  const now = await s.api.get(url, token);
  t.equal(now.statusCode, 200, `${url}: ${now.body.slice(0, 200)}`);
  const again = await s.api.get(url, token);
  const sep = url.includes('?') ? '&' : '?';
  const fresh = await s.api.get(`${url}${sep}asOf=${encodeURIComponent(instant)}`, token);
  t.equal(withoutNow(again), withoutNow(now), `${url} at ${instant}: asked again, the same bytes`);
  t.equal(withoutNow(fresh), withoutNow(now), `${url} at ${instant}: the bytes of a fresh answer for that instant`);
  t.equal(again.headers['etag'], now.headers['etag'], 'and the same ETag asked again');
  t.equal(fresh.headers['etag'], now.headers['etag'], 'and as a fresh answer');
  return now;
}

const statusOf = (res: LightMyRequestResponse): string => res.json<{ brief: { status: string } }>().brief.status;

t.test('a brief asked again is sent what was kept: folded once, the same bytes and ETag as a fresh one', async (t) => {
  const s = await setting(t);
  const { sessionId } = await sessionStory(s, inDays(30), inDays(32));
  const reader = await s.api.tokenFor('negotiator', 'MFA', 'secret');
  const url = `/v1/sessions/${sessionId}/brief`;
  const first = await s.api.get(url, reader);
  t.equal(first.statusCode, 200, first.body);
  const folds = s.made.brief;
  const kept = await s.api.get(url, reader);
  t.equal(s.made.brief, folds, 'the brief asked again is not made again');
  t.equal(withoutNow(kept), withoutNow(first), 'the same bytes');
  t.equal(kept.headers['etag'], first.headers['etag'], 'the same ETag');
  t.equal(kept.headers['content-type'], first.headers['content-type'], 'the same content type');
  const fresh = await s.api.get(`${url}?format=json`, reader);
  t.equal(withoutNow(fresh), withoutNow(kept), 'the bytes of a brief made afresh (another URL)');
  t.equal(fresh.headers['etag'], kept.headers['etag'], 'and its ETag');
  const unchanged = await s.api.get(url, reader, { 'if-none-match': String(first.headers['etag']) });
  t.equal(unchanged.statusCode, 304, 'If-None-Match with its ETag: 304');

  const text = await s.api.get(`${url}?format=text`, reader);
  t.equal(text.statusCode, 200, text.body);
  const textFolds = s.made.briefText;
  const keptText = await s.api.get(`${url}?format=text`, reader);
  t.equal(s.made.briefText, textFolds, 'the brief as text asked again is not made again');
  t.equal(keptText.body, text.body, 'the same text');
  t.equal(keptText.headers['content-type'], 'text/plain; charset=utf-8', 'sent as plain text');
  t.equal(keptText.headers['content-length'], text.headers['content-length'], 'of the same length');
  t.match(keptText.body, RED_LINE, 'showing the red lines to the cleared reader');
});

t.test('a brief kept before its session starts is not sent once the start has passed, nor after its end', async (t) => {
  const s = await setting(t);
  const { sessionId } = await sessionStory(s, inDays(10), inDays(12));
  const reader = await s.api.tokenFor('negotiator', 'MFA', 'secret');
  const url = `/v1/sessions/${sessionId}/brief`;
  const today = new Date().toISOString();
  s.at(today);
  const upcoming = await askedNow(t, s, reader, url, today);
  t.equal(statusOf(upcoming), 'upcoming');
  const text = (await s.api.get(`${url}?format=text`, reader)).body;
  // The session opens at midnight in New York: the instant its positions are taken at.
  const positionsAsOf = upcoming.json<{ brief: { positionsAsOf: string } }>().brief.positionsAsOf;
  const start = new Date(Date.parse(positionsAsOf)).toISOString();

  const justBefore = new Date(Date.parse(start) - 1).toISOString();
  s.at(justBefore);
  t.equal(statusOf(await askedNow(t, s, reader, url, justBefore)), 'upcoming', 'a millisecond before it opens');
  s.at(start);
  t.equal(statusOf(await askedNow(t, s, reader, url, start)), 'in-session', 'in session from the instant it opens');
  t.equal((await s.api.get(`${url}?format=text`, reader)).body, text, 'the text brief (no status in it) alike');
  const during = `${inDays(11)}T17:00:00.000Z`;
  s.at(during);
  t.equal(statusOf(await askedNow(t, s, reader, url, during)), 'in-session', 'during its days');
  const after = `${inDays(14)}T00:00:00.000Z`;
  s.at(after);
  t.equal(statusOf(await askedNow(t, s, reader, url, after)), 'ended', 'ended after its last day');
  s.at(today);
  t.equal(statusOf(await askedNow(t, s, reader, url, today)), 'upcoming', 'and upcoming again, asked for before');
});

t.test('a write to the session or to an issue of its brief is seen by the next read', async (t) => {
  const s = await setting(t);
  const { sessionId, issueId } = await sessionStory(s, inDays(10), inDays(12));
  const reader = await s.api.tokenFor('negotiator', 'MFA', 'secret');
  const url = `/v1/sessions/${sessionId}/brief`;
  const before = await s.api.get(url, reader);
  t.equal((await s.api.get(url, reader)).body.length, before.body.length, 'kept');
  const textBefore = (await s.api.get(`${url}?format=text`, reader)).body;
  t.notMatch(textBefore, 'Draft awaiting endorsement', 'no draft pending in the text brief');
  t.equal((await s.api.get(`${url}?format=text`, reader)).body, textBefore, 'kept too');

  const word = randomUUID();
  await s.ok(`/v1/issues/${issueId}/position/drafts`, {
    ...bodies.draft(),
    summary: { th: `ร่าง ${word}`, en: `draft ${word}` },
  });
  const drafted = await s.api.get(url, reader);
  t.match(drafted.body, `draft ${word}`, 'a draft on an issue of the brief is in the next brief');
  t.not(drafted.headers['etag'], before.headers['etag'], 'with another ETag');
  const textDrafted = (await s.api.get(`${url}?format=text`, reader)).body;
  t.match(textDrafted, 'Draft awaiting endorsement (version 2)', 'and in the next text brief');

  await s.ok(`/v1/sessions/${sessionId}/reschedule`, { from: inDays(20), to: inDays(21) });
  t.match((await s.api.get(url, reader)).json(), { brief: { from: inDays(20), to: inDays(21) } }, 'rescheduled');

  // Read-your-writes: the write's position as minPosition, asked right after the write.
  const admin = await s.api.tokenFor('admin', 'MFA', 'top-secret');
  const other = randomUUID();
  const written = await s.api.post(
    `/v1/issues/${issueId}/position/drafts`,
    { ...bodies.draft(), summary: { th: `ร่าง ${other}`, en: `draft ${other}` } },
    admin,
  );
  const q = `minPosition=${written.json<{ position: { commit: string } }>().position.commit}`;
  t.match((await s.api.get(`${url}?${q}`, reader)).body, `draft ${other}`, 'a read with the write position has it');
  t.match(
    (await s.api.get(`${url}?format=text&${q}`, reader)).body,
    'Draft awaiting endorsement (version 3)',
    'so has the text brief (the third draft pending)',
  );
  t.match((await s.api.get(url, reader)).body, `draft ${other}`, 'and so does the next');
});

t.test('a consultation kept while upcoming is not sent once its day has begun in Bangkok', async (t) => {
  const s = await setting(t);
  const { issueId } = await s.issue();
  const consultationId = randomUUID();
  const heldOn = inDays(5);
  await s.ok('/v1/consultations', { consultationId, ...bodies.consultation('MFA', issueId), heldOn });
  const reader = await s.api.tokenFor('negotiator');
  const url = `/v1/consultations/${consultationId}`;
  const status = (res: LightMyRequestResponse) => res.json<{ consultation: { status: string } }>().consultation.status;
  const today = new Date().toISOString();
  s.at(today);
  t.equal(status(await askedNow(t, s, reader, url, today)), 'upcoming');
  const folds = s.made.consultation;
  await s.api.get(url, reader);
  t.equal(s.made.consultation, folds, 'asked again, it is sent what was kept');
  const day = bangkokMidnight(heldOn);
  const justBefore = new Date(Date.parse(day) - 1).toISOString();
  s.at(justBefore);
  t.equal(status(await askedNow(t, s, reader, url, justBefore)), 'upcoming', 'a millisecond before its day');
  s.at(day);
  t.equal(status(await askedNow(t, s, reader, url, day)), 'held', 'held from the start of its day');

  const word = randomUUID();
  await s.ok(`/v1/consultations/${consultationId}/views`, {
    ...bodies.view(issueId, 'OAG'),
    summary: { th: `ความเห็น ${word}`, en: `view ${word}` },
  });
  t.match((await s.api.get(url, reader)).body, `view ${word}`, 'a view recorded on it is in the next read');
});

t.test('a follow-up kept as not yet due is overdue from the day after its due date', async (t) => {
  const s = await setting(t);
  const { issueId } = await s.issue();
  const consultationId = randomUUID();
  await s.ok('/v1/consultations', { consultationId, ...bodies.consultation('MFA', issueId), heldOn: inDays(-2) });
  const due = inDays(3);
  await s.ok(`/v1/consultations/${consultationId}/outcomes`, {
    issueId,
    outcome: 'consensus',
    recommendedStance: 'listening',
    summary: { th: 'รับฟัง', en: 'Listen' },
    supporting: ['MFA'],
    followUps: [
      { id: 'brief-oag', action: { th: 'ทำบันทึก', en: 'Write a note' }, owner: 'OAG', due },
      { id: 'later', action: { th: 'ทำบันทึก', en: 'Write a note' }, owner: 'RTP', due: inDays(40) },
    ],
  });
  const reader = await s.api.tokenFor('negotiator');
  const url = `/v1/consultations/${consultationId}`;
  const overdue = (res: LightMyRequestResponse) =>
    res
      .json<{ consultation: { openFollowUps: Array<{ id: string; overdue: boolean }> } }>()
      .consultation.openFollowUps.map((f) => `${f.id}:${String(f.overdue)}`);
  const today = new Date().toISOString();
  s.at(today);
  t.same(overdue(await askedNow(t, s, reader, url, today)), ['brief-oag:false', 'later:false']);
  const nextDay = bangkokMidnight(inDays(4));
  const justBefore = new Date(Date.parse(nextDay) - 1).toISOString();
  s.at(justBefore);
  t.same(overdue(await askedNow(t, s, reader, url, justBefore)), ['brief-oag:false', 'later:false'], 'on its day');
  s.at(nextDay);
  t.same(
    overdue(await askedNow(t, s, reader, url, nextDay)),
    ['brief-oag:true', 'later:false'],
    'overdue from the start of the next day in Bangkok',
  );
});

t.test('a brief or consultation kept for one clearance is never sent to a reader of another', async (t) => {
  const s = await setting(t);
  const { sessionId, issueId } = await sessionStory(s, inDays(10), inDays(12));
  const consultationId = randomUUID();
  await s.ok('/v1/consultations', {
    consultationId,
    ...bodies.consultation('MFA', issueId),
    heldOn: inDays(-1),
    classification: 'secret',
  });
  const secret = await s.api.tokenFor('negotiator', 'MFA', 'secret');
  const confidential = await s.api.tokenFor('negotiator', 'OAG', 'confidential');
  const brief = `/v1/sessions/${sessionId}/brief`;
  for (const url of [brief, `${brief}?format=text`]) {
    t.match((await s.api.get(url, secret)).body, RED_LINE, `${url}: the secret reader is shown the red lines`);
    t.match((await s.api.get(url, secret)).body, RED_LINE, `${url}: again`);
    const below = await s.api.get(url, confidential);
    t.equal(below.statusCode, 200);
    t.notMatch(below.body, RED_LINE, `${url}: the confidential reader, asking the same, is not`);
  }
  const url = `/v1/consultations/${consultationId}`;
  const title = bodies.consultation('MFA', issueId).title.en;
  t.match((await s.api.get(url, secret)).body, title, 'the secret reader is shown the secret consultation');
  t.match((await s.api.get(url, secret)).body, title, 'again');
  const below = await s.api.get(url, confidential);
  t.notMatch(below.body, title, 'the confidential reader is not');
  t.match(below.body, '"redacted":true', 'it is a marker for it');
});
