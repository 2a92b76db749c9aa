// A hash must not reveal what redaction hides (issue 9, item 5; ADR 0020): an auditor below a red
// line's level sees it as { level, redacted, commitment } and can still verify the chain, but cannot
// confirm a guess of it from anything it reads: the chain hash, the request hash, the event id or the
// commitment.
import t from 'tap';
import { createHash } from 'node:crypto';
import { LedgerCommand } from '../../../contracts/index.js';
import { canonicalJson } from '../../../src/store/canonical-json.js';
import { eventIdFor } from '../../../src/application/idempotency.js';
import { checkLink, committedForm } from '../../../src/store/chain.js';
import { commitmentOf, isSealedField } from '../../../src/store/commitment.js';
import { bodies, slug } from '../helpers/writes.js';
import { openReadApi, type ReadApi } from './read-api.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface RawEvent {
  eventId: string;
  streamName: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

const RED_LINES = [{ th: 'ไม่ยอมรับการเก็บข้อมูลจราจรภาคบังคับ', en: 'no mandatory traffic-data retention' }];
const FALLBACKS = [{ th: 'เกณฑ์อาชญากรรมร้ายแรง', en: 'serious crime threshold' }];

/** A position drafted with secret red lines and confidential fallbacks; returns the issue and the draft body. */
async function draftWithRedLines(api: ReadApi) {
  const admin = await api.tokenFor('admin', 'MFA', 'top-secret');
  const ok = async (url: string, body: object) => {
    const res = await api.post(url, body, admin);
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json<{ eventIds: string[]; position: { commit: string } }>();
  };
  const processId = slug('proc');
  const issueId = slug('issue');
  await ok('/v1/processes', bodies.process(processId));
  await ok('/v1/issues', bodies.issue(issueId, processId));
  const body = {
    ...bodies.draft(),
    redLines: { level: 'secret', value: RED_LINES },
    fallbacks: { level: 'confidential', value: FALLBACKS },
  };
  const drafted = await ok(`/v1/issues/${issueId}/position/drafts`, body);
  return { issueId, body, position: drafted.position.commit };
}

async function rawEvents(api: ReadApi, stream: string, token: string, minPosition: string): Promise<RawEvent[]> {
  const res = await api.get(`/v1/audit/events?stream=${stream}&minPosition=${minPosition}`, token);
  if (res.statusCode !== 200) throw new Error(`audit: ${res.statusCode} ${res.body}`);
  return res.json<{ events: RawEvent[] }>().events;
}

// One ledger for the file: each test drafts on an issue of its own and reads that issue and its streams.
const api = await openReadApi(t);

t.test(
  'an auditor below secret cannot confirm a guess of a redacted red line from the hash, the request hash or the event id',
  async (t) => {
    const { issueId, body, position } = await draftWithRedLines(api);
    const auditor = await api.tokenFor('auditor', 'OAG', 'confidential');
    const events = await rawEvents(api, `position-${issueId}`, auditor, position);
    const draft = events.find((e) => e.type === 'PositionDrafted');
    if (draft === undefined) throw new Error('no draft in the audit answer');
    t.notOk(JSON.stringify(events).includes(RED_LINES[0]?.en ?? '?'), 'the red line itself is not shown');
    t.match(draft.data['redLines'], { level: 'secret', redacted: true });
    t.notOk(Object.hasOwn(draft.data['redLines'] as object, 'salt'), 'nor its salt');

    // The guess is right: the auditor substitutes it into what it reads and recomputes.
    const guessed = { ...draft.data, redLines: { level: 'secret', value: RED_LINES } };
    const { hash, ...withoutHash } = draft.metadata;
    const guessedHash = sha256(
      canonicalJson({ prev: withoutHash['prev'] ?? null, type: draft.type, data: guessed, metadata: withoutHash }),
    );
    t.not(guessedHash, hash, 'the chain hash does not confirm the right guess');

    // Every public way of hashing the request (the command alone, as before; with its headers, as now).
    const command = LedgerCommand.parse({ type: 'DraftPosition', issueId, ...body });
    const actor = draft.metadata['actor'] as { principalId: string };
    for (const candidate of [
      sha256(canonicalJson(command)),
      sha256(`position-ledger/request/v2\n${canonicalJson({ command })}`),
    ]) {
      t.not(candidate, draft.metadata['requestHash'], 'the request hash does not confirm it');
      t.not(
        eventIdFor(actor.principalId, String(draft.metadata['idempotencyKey']), `position-${issueId}`, candidate, 0),
        draft.eventId,
        'the event id does not confirm it',
      );
    }
  },
);

t.test(
  'an auditor below secret verifies the chain over the redacted events; a cleared auditor recomputes each commitment',
  async (t) => {
    const { issueId, position } = await draftWithRedLines(api);
    const stream = `position-${issueId}`;
    for (const clearance of ['unclassified', 'confidential', 'secret', 'top-secret'] as const) {
      const auditor = await api.tokenFor('auditor', 'OAG', clearance);
      const events = await rawEvents(api, stream, auditor, position);
      t.ok(events.length > 0);
      let head: string | null = null;
      for (const e of events) {
        t.same(
          checkLink(head, e.type, e.data, e.metadata, { from: 'redacted' }),
          { ok: true },
          `${clearance}: ${e.type} links`,
        );
        head = String(e.metadata['hash']);
      }
      const draft = events.find((e) => e.type === 'PositionDrafted');
      const redLines = draft?.data['redLines'];
      if (clearance === 'secret' || clearance === 'top-secret') {
        t.match(
          redLines,
          { level: 'secret', value: RED_LINES, salt: /^[A-Za-z0-9_-]{43}$/ },
          `${clearance} sees value and salt`,
        );
        t.ok(isSealedField(redLines));
        if (isSealedField(redLines) && draft !== undefined) {
          t.same(
            committedForm(draft, 'stored'),
            committedForm(draft, 'redacted'),
            'the same committed form either way',
          );
          const forOthers = (
            await rawEvents(api, stream, await api.tokenFor('auditor', 'OAG', 'unclassified'), position)
          ).find((e) => e.type === 'PositionDrafted');
          t.equal(
            Reflect.get(forOthers?.data['redLines'] as object, 'commitment'),
            commitmentOf(redLines),
            'the commitment others get is the one of this value and salt',
          );
        }
      } else {
        t.match(
          redLines,
          { level: 'secret', redacted: true, commitment: /^[0-9a-f]{64}$/ },
          `${clearance} gets the commitment`,
        );
      }
    }
  },
);

t.test('read answers show a red line above the reader as redacted with its commitment, and never a salt', async (t) => {
  const { issueId, position } = await draftWithRedLines(api);
  const low = await api.tokenFor('negotiator', 'MFA', 'confidential');
  const high = await api.tokenFor('negotiator', 'MFA', 'secret');
  const seen = await api.get(`/v1/issues/${issueId}/position?minPosition=${position}`, low);
  t.equal(seen.statusCode, 200, seen.body);
  const pending = seen.json<{ position: { pendingDraft: { redLines: unknown; fallbacks: unknown } } }>().position
    .pendingDraft;
  t.match(pending.redLines, { level: 'secret', redacted: true, commitment: /^[0-9a-f]{64}$/ });
  t.same(pending.fallbacks, { level: 'confidential', value: FALLBACKS }, 'a cleared field without its salt');
  const cleared = await api.get(`/v1/issues/${issueId}/position?minPosition=${position}`, high);
  t.same(cleared.json<{ position: { pendingDraft: { redLines: unknown } } }>().position.pendingDraft.redLines, {
    level: 'secret',
    value: RED_LINES,
  });
  for (const url of [`/v1/issues/${issueId}/position`, `/v1/issues/${issueId}/history`]) {
    for (const token of [low, high])
      t.notOk((await api.get(url, token)).body.includes('"salt"'), `${url}: no salt in a read answer`);
  }
});

t.test(
  'a redraft with the same red lines does not list them as changed, though each draft has its own salt',
  async (t) => {
    const { issueId, body } = await draftWithRedLines(api);
    const admin = await api.tokenFor('admin', 'MFA', 'top-secret');
    const redraft = await api.post(`/v1/issues/${issueId}/position/drafts`, { ...body, stance: 'support' }, admin);
    t.equal(redraft.statusCode, 201, redraft.body);
    const history = await api.get(
      `/v1/issues/${issueId}/history?minPosition=${redraft.json<{ position: { commit: string } }>().position.commit}`,
      admin,
    );
    const drafts = history
      .json<{ history: Array<{ type: string; changes: Array<{ field: string }> }> }>()
      .history.filter((e) => e.type === 'PositionDrafted');
    t.equal(drafts.length, 2);
    t.same(
      drafts[1]?.changes.map((c) => c.field),
      ['stance'],
      'only the stance changed',
    );
  },
);
