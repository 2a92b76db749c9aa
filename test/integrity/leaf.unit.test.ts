// Leaves: one per event, the hash of its canonical record; a tree of the ledger's events in commit
// order then shows any deleted stream, dropped tail, reordering or edit against a signed checkpoint.
import t from 'tap';
import { createHash } from 'node:crypto';
import { eventLeafHash, leafEntry, type LeafRecord } from '../../src/integrity/leaf.js';
import { treeHolds, createSealer } from '../../src/integrity/sealer.js';
import { generateSigningKey } from '../../src/integrity/signing-key.js';
import { memoryMerkleTree, type MerkleTree } from '../../src/integrity/tree.js';
import type { Checkpoint } from '../../src/integrity/checkpoint.js';

const record: LeafRecord = {
  stream: 'position-ahc-scope',
  revision: 2,
  eventId: '0f8c5f2e-3d7a-4c51-9a3e-6d2b1c0a9e11',
  type: 'PositionDrafted',
  data: { version: 3, stance: 'support', summary: { th: 'สนับสนุน', en: 'Support' } },
  metadata: { schema: 1, correlationId: 'c-1', prev: 'ab', hash: 'cd' },
};

t.test("a leaf commits to the event's canonical record: sorted keys, no spaces, UTF-8", async (t) => {
  const expected =
    '{"data":{"stance":"support","summary":{"en":"Support","th":"สนับสนุน"},"version":3},' +
    '"eventId":"0f8c5f2e-3d7a-4c51-9a3e-6d2b1c0a9e11",' +
    '"metadata":{"correlationId":"c-1","hash":"cd","prev":"ab","schema":1},' +
    '"revision":2,"stream":"position-ahc-scope","type":"PositionDrafted"}';
  t.equal(leafEntry(record).toString('utf8'), expected);
  const sha = createHash('sha256')
    .update(Buffer.from([0]))
    .update(expected, 'utf8')
    .digest();
  t.same(eventLeafHash(record), sha, 'leaf hash = SHA-256(0x00 || entry)');
});

t.test('the same event gives the same leaf however its fields were ordered or its revision typed', async (t) => {
  const reordered: LeafRecord = {
    metadata: record.metadata,
    data: { summary: { en: 'Support', th: 'สนับสนุน' }, stance: 'support', version: 3 },
    type: record.type,
    eventId: record.eventId,
    revision: 2n,
    stream: record.stream,
  };
  t.same(eventLeafHash(reordered), eventLeafHash(record));
  t.notSame(eventLeafHash({ ...record, revision: 3 }), eventLeafHash(record), 'another revision is another leaf');
  t.throws(() => leafEntry({ ...record, revision: -1 }), { code: 'invalid_leaf_record' });
  t.throws(() => leafEntry({ ...record, revision: 2n ** 60n }), { code: 'invalid_leaf_record' });
});

interface StoredEvent extends LeafRecord {
  readonly commit: bigint;
}

function ledger(): StoredEvent[] {
  const events: StoredEvent[] = [];
  const revisions = new Map<string, number>();
  const streams = ['issue-ahc-scope', 'consultation-6b0d3c1e-0000-4000-8000-000000000001', 'position-ahc-scope'];
  for (let i = 0; i < 30; i += 1) {
    const stream = streams[i % streams.length] as string;
    const revision = revisions.get(stream) ?? 0;
    revisions.set(stream, revision + 1);
    events.push({
      stream,
      revision,
      eventId: `e-${i}`,
      type: 'Something',
      data: { n: i },
      metadata: { schema: 1 },
      commit: BigInt(100 * (i + 1)),
    });
  }
  return events;
}

function sealAll(events: readonly StoredEvent[]): Checkpoint {
  const tree = memoryMerkleTree();
  const last = events.at(-1);
  tree.append(events.map(eventLeafHash), last ? { commit: last.commit, prepare: last.commit } : null);
  const sealer = createSealer({
    tree,
    signer: generateSigningKey('ledger.example/x').key,
    origin: 'ledger.example/x',
    policy: { everyLeaves: 1, everyMs: 1 },
    last: null,
  });
  const sealed = sealer.seal(new Date(0));
  if (sealed === null) throw new Error('a checkpoint should have been signed');
  return sealed.checkpoint;
}

function rebuilt(events: readonly StoredEvent[]): MerkleTree {
  const tree = memoryMerkleTree();
  tree.append(events.map(eventLeafHash));
  return tree;
}

t.test('a ledger rebuilt unchanged holds its signed checkpoint; a tampered one does not', async (t) => {
  const events = ledger();
  const checkpoint = sealAll(events);
  t.same(treeHolds(rebuilt(events), checkpoint), { ok: true });
  const swapped = [...events];
  [swapped[3], swapped[4]] = [swapped[4] as StoredEvent, swapped[3] as StoredEvent];
  for (const [what, tampered] of [
    ['a whole stream deleted', events.filter((e) => !e.stream.startsWith('consultation-'))],
    ['the tail dropped', events.slice(0, -1)],
    ['two events of different streams swapped', swapped],
    ['one value edited', events.map((e, i) => (i === 17 ? { ...e, data: { n: 1017 } } : e))],
    [
      'one event re-filed under another revision',
      events.map((e, i) => (i === 5 ? { ...e, revision: Number(e.revision) + 1 } : e)),
    ],
  ] as const) {
    t.equal(treeHolds(rebuilt(tampered), checkpoint).ok, false, what);
  }
});
