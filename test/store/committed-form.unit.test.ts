// The committed form an event's hash covers (ADR 0020): classified values enter as commitments over a
// random salt, so the chain verifies from a redacted copy and no hash confirms a guess of a value.
import t from 'tap';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { CLASSIFICATION_LEVELS, canRead, type Classification } from '../../contracts/classification.js';
import { parseStoredEvent, redactEventData, sealEvent, type EventOf } from '../../contracts/index.js';
import { newSalt } from '../../src/application/salts.js';
import { canonicalJson } from '../../src/store/canonical-json.js';
import { chainMetadata, checkLink, committedForm } from '../../src/store/chain.js';
import { commitmentOf } from '../../src/store/commitment.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** The chain hash as the ledger computed it before salts: over the data as written. */
const plainHash = (type: string, data: unknown, metadata: Record<string, unknown>) =>
  sha256(canonicalJson({ prev: metadata['prev'] ?? null, type, data, metadata }));

const bilingual = fc.record({ th: fc.stringMatching(/^[ก-ฮ]{1,12}$/), en: fc.stringMatching(/^[a-z]{1,12}$/) });
const points = fc.array(bilingual, { maxLength: 3 });
const level = fc.constantFrom(...CLASSIFICATION_LEVELS);

/** A view as the domain decides it (no salt), with its conditions. */
function view(conditions: {
  level: Classification;
  value: Array<{ th: string; en: string }>;
}): EventOf<'AgencyViewRecorded'> {
  const event = parseStoredEvent(
    'AgencyViewRecorded',
    {
      consultationId: '0b7a4e2d-9c11-4e2d-9c11-0b7a4e2d9c11',
      issueId: 'scope',
      agency: 'OAG',
      stance: 'support',
      summary: { th: 'สนับสนุน', en: 'Supports' },
      conditions,
      domesticLawRefs: [],
      attestation: 'agency',
    },
    1,
  );
  if (event.type !== 'AgencyViewRecorded') throw new Error('not a view');
  return event;
}

const metadata = {
  actor: { principalId: 'p', agency: 'OAG', role: 'agency-officer' },
  occurredAt: '2026-01-01T00:00:00.000Z',
  schema: 1,
};

t.test(
  'a sealed event verifies, and so does its copy redacted for any clearance, over one committed form',
  async () => {
    fc.assert(
      fc.property(level, points, level, (marked, value, clearance) => {
        const sealed = sealEvent(view({ level: marked, value }), newSalt);
        const stored = chainMetadata('0'.repeat(64), sealed.type, sealed.data, metadata);
        if (!checkLink('0'.repeat(64), sealed.type, sealed.data, stored).ok) return false;
        const copy = redactEventData(sealed.type, sealed.data, clearance, commitmentOf);
        if (!checkLink('0'.repeat(64), sealed.type, copy, stored, { from: 'redacted' }).ok) return false;
        const same =
          canonicalJson(committedForm({ type: sealed.type, data: copy, metadata: stored }, 'redacted')) ===
          canonicalJson(committedForm({ type: sealed.type, data: sealed.data, metadata: stored }));
        const hidden = canRead(clearance, marked) || !JSON.stringify(copy).includes('"value"');
        return same && hidden;
      }),
      { numRuns: 300 },
    );
  },
);

t.test('no hash a reader below the level sees confirms a guess of the value, not even the right one', async () => {
  fc.assert(
    fc.property(points, points, (secret, other) => {
      const sealed = sealEvent(view({ level: 'secret', value: secret }), newSalt);
      const stored = chainMetadata(null, sealed.type, sealed.data, metadata);
      const copy = redactEventData(sealed.type, sealed.data, 'confidential', commitmentOf) as {
        conditions: { commitment: string };
      };
      for (const guess of [secret, other]) {
        const guessed = { ...sealed.data, conditions: { level: 'secret', value: guess } };
        if (plainHash(sealed.type, guessed, { ...stored, hash: undefined }) === stored['hash']) return false;
        if (commitmentOf({ value: guess, salt: '' }) === copy.conditions.commitment) return false;
      }
      // The same value sealed again: nothing the reader sees is the same, so equal values cannot be spotted either.
      const again = sealEvent(view({ level: 'secret', value: secret }), newSalt);
      const againCopy = redactEventData(again.type, again.data, 'confidential', commitmentOf) as {
        conditions: { commitment: string };
      };
      return againCopy.conditions.commitment !== copy.conditions.commitment;
    }),
    { numRuns: 200 },
  );
});

t.test('an event written before salts verifies as it was hashed, for a reader cleared for it', async (t) => {
  const legacy = view({ level: 'secret', value: [{ th: 'ก', en: 'a' }] });
  const withHash = { ...metadata, hash: plainHash(legacy.type, legacy.data, metadata) };
  t.same(checkLink(null, legacy.type, legacy.data, withHash), { ok: true });
  t.same(
    checkLink(null, legacy.type, legacy.data, withHash, { from: 'redacted' }),
    { ok: true },
    'a cleared auditor, from the audit route',
  );
  const copy = redactEventData(legacy.type, legacy.data, 'confidential', commitmentOf);
  t.same(copy, { ...legacy.data, conditions: { level: 'secret', redacted: true } }, 'no commitment to give');
  t.match(checkLink(null, legacy.type, copy, withHash, { from: 'redacted' }), {
    ok: false,
    reason: /written before salts.*cleared/,
  });
});

t.test("the store's own events never hold a redacted or committed value: such an event fails its check", async (t) => {
  const sealed = sealEvent(view({ level: 'secret', value: [{ th: 'ก', en: 'a' }] }), newSalt);
  const stored = chainMetadata(null, sealed.type, sealed.data, metadata);
  const redacted = redactEventData(sealed.type, sealed.data, 'unclassified', commitmentOf) as {
    conditions: { level: string; commitment: string };
  };
  t.match(
    checkLink(null, sealed.type, redacted, stored),
    { ok: false, reason: /stored redacted/ },
    'the value erased, its commitment kept',
  );
  const committedOnly = {
    ...redacted,
    conditions: { level: redacted.conditions.level, commitment: redacted.conditions.commitment },
  };
  t.match(checkLink(null, sealed.type, committedOnly, stored, { from: 'redacted' }), {
    ok: false,
    reason: /only by its commitment/,
  });
  const otherSalt = { ...sealed.data, conditions: { ...sealed.data.conditions, salt: newSalt() } };
  t.match(
    checkLink(null, sealed.type, otherSalt, stored),
    { ok: false, reason: /does not match/ },
    'the salt is covered too',
  );
});

t.test(
  'the committed form is the event with each salted value as { level, commitment } and without hash',
  async (t) => {
    const sealed = sealEvent(
      view({ level: 'confidential', value: [{ th: 'ก', en: 'a' }] }),
      () => 'fixed-salt-for-this-test-0123456789',
    );
    const stored = chainMetadata('f'.repeat(64), sealed.type, sealed.data, metadata);
    const form = committedForm({ type: sealed.type, data: sealed.data, metadata: stored });
    const { hash: _hash, ...withoutHash } = stored;
    t.same(form, {
      prev: 'f'.repeat(64),
      type: 'AgencyViewRecorded',
      data: {
        ...sealed.data,
        conditions: {
          level: 'confidential',
          commitment: commitmentOf({ value: [{ th: 'ก', en: 'a' }], salt: 'fixed-salt-for-this-test-0123456789' }),
        },
      },
      metadata: withoutHash,
    });
    t.equal(
      commitmentOf({ value: [{ th: 'ก', en: 'a' }], salt: 'fixed-salt-for-this-test-0123456789' }),
      sha256(
        `position-ledger/classified-value/v1\u0000fixed-salt-for-this-test-0123456789\u0000${canonicalJson([{ th: 'ก', en: 'a' }])}`,
      ),
    );
    t.equal(stored['hash'], sha256(canonicalJson(form)));
  },
);
