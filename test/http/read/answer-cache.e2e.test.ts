// Read answers kept serialized (src/http/routes/read/answer-cache.ts, ADR 0045): a position, the list
// of positions, a history and the alignment read again are sent from what was kept, and what a reader
// is sent is what the ledger holds: a write is seen by the next read, read-your-writes with minPosition
// included, a kept answer has the bytes and ETag of a fresh one, and a reader is never sent an answer
// kept for another clearance.
import t, { type Test } from 'tap';
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { bodies, slug } from '../helpers/writes.js';
import { openReadApi, type ReadApi } from './read-api.js';

const RED_LINE = 'no mandatory traffic-data retention';

async function story(t: Test, api: ReadApi) {
  const admin = await api.tokenFor('admin', 'MFA', 'top-secret');
  const ok = async (url: string, body: object) => {
    const res = await api.post(url, body, admin);
    t.equal(res.statusCode, 201, `${url}: ${res.body.slice(0, 200)}`);
    const commit = res.json<{ position: { commit: string } }>().position.commit;
    t.ok(await api.read.projector.waitFor(BigInt(commit), 10_000), 'the read side has the write');
    return commit;
  };
  const processId = slug('proc');
  const issueId = slug('issue');
  await ok('/v1/processes', bodies.process(processId));
  await ok('/v1/issues', bodies.issue(issueId, processId));
  /** A draft whose summary and secret red lines name `word`. */
  const draft = (word: string) =>
    ok(`/v1/issues/${issueId}/position/drafts`, {
      ...bodies.draft(),
      summary: { th: `ร่าง ${word}`, en: `draft ${word}` },
      redLines: { level: 'secret', value: [{ th: 'เส้นต้องห้าม', en: RED_LINE }] },
    });
  return { issueId, draft };
}

/** The answer without the instant "now" resolved to (asOf, asOfDate, validAt). */
const withoutNow = (res: LightMyRequestResponse): string =>
  res.body.replace(/"(asOf|asOfDate|validAt)":"[^"]*"/g, '"$1":"now"');

t.test('a read asked again is sent what was kept, and a write is seen by the next read', async (t) => {
  const api = await openReadApi(t);
  const { issueId, draft } = await story(t, api);
  const reader = await api.tokenFor('negotiator', 'MFA', 'secret');
  const first = randomUUID();
  await draft(first);
  const urls = ['/v1/positions', `/v1/issues/${issueId}/position`, `/v1/issues/${issueId}/history`, '/v1/alignment'];
  for (const url of urls) {
    const made = await api.get(url, reader);
    const kept = await api.get(url, reader);
    t.equal(kept.statusCode, 200, url);
    t.equal(withoutNow(kept), withoutNow(made), `${url}: asked again, the same bytes`);
    t.equal(kept.headers['etag'], made.headers['etag'], `${url}: and the same ETag`);
    t.equal(kept.headers['content-type'], made.headers['content-type'], `${url}: and content type`);
    const unchanged = await api.get(url, reader, { 'if-none-match': String(made.headers['etag']) });
    t.equal(unchanged.statusCode, 304, `${url}: If-None-Match with its ETag: 304`);
  }
  const before = await api.get('/v1/positions', reader);
  t.match(before.body, `draft ${first}`);

  const second = randomUUID();
  await draft(second);
  const after = await api.get('/v1/positions', reader);
  t.match(after.body, `draft ${second}`, 'the list asked again shows the draft written since');
  t.not(after.headers['etag'], before.headers['etag'], 'with another ETag');
  t.match((await api.get(`/v1/issues/${issueId}/position`, reader)).body, `draft ${second}`, 'so does the position');

  // Read-your-writes: the write's position as minPosition, asked right after the write.
  const admin = await api.tokenFor('admin', 'MFA', 'top-secret');
  const third = randomUUID();
  const written = await api.post(
    `/v1/issues/${issueId}/position/drafts`,
    { ...bodies.draft(), summary: { th: `ร่าง ${third}`, en: `draft ${third}` } },
    admin,
  );
  const q = `minPosition=${written.json<{ position: { commit: string } }>().position.commit}`;
  const mine = await api.get(`/v1/issues/${issueId}/position?${q}`, reader);
  t.match(mine.body, `draft ${third}`, 'a read with the write position shows the write');
  t.match((await api.get(`/v1/issues/${issueId}/position`, reader)).body, `draft ${third}`, 'and so does the next');
});

t.test('an answer kept for one clearance is never sent to a reader of another', async (t) => {
  const api = await openReadApi(t);
  const { issueId, draft } = await story(t, api);
  await draft(randomUUID());
  const secret = await api.tokenFor('negotiator', 'MFA', 'secret');
  const confidential = await api.tokenFor('negotiator', 'OAG', 'confidential');
  for (const url of ['/v1/positions', `/v1/issues/${issueId}/position`, `/v1/issues/${issueId}/history`]) {
    t.match((await api.get(url, secret)).body, RED_LINE, `${url}: the secret reader is shown the red lines`);
    t.match((await api.get(url, secret)).body, RED_LINE, `${url}: again`);
    const below = await api.get(url, confidential);
    t.notMatch(below.body, RED_LINE, `${url}: the confidential reader, asking the same, is not`);
    t.match(below.body, '"redacted":true', `${url}: they are redacted for it`);
  }
});
