// The pass `ledger verify` makes over $all: an untouched ledger holds every chain and every checkpoint;
// each way of changing it afterwards is a break named at the first event (or checkpoint) that shows it.
import t from 'tap';
import { chainMetadata } from '../../src/store/chain.js';
import {
  CHECKPOINT_STREAM,
  checkpointEvent,
  isLeafEvent,
  leafRecordOf,
} from '../../src/integrity/checkpoint-stream.js';
import { signCheckpoint } from '../../src/integrity/checkpoint.js';
import {
  createLedgerVerifier,
  type ExpectedCheckpoint,
  type VerifiableEvent,
} from '../../src/integrity/ledger-verifier.js';
import { readLedgerCheckpoints } from '../../src/integrity/ledger-checkpoints.js';
import { generateSigningKey } from '../../src/integrity/signing-key.js';
import { eventLeafHash } from '../../src/integrity/leaf.js';
import { memoryMerkleTree } from '../../src/integrity/tree.js';

const ORIGIN = 'ledger.example/verify';
const key = generateSigningKey(ORIGIN).key;
const STREAMS = ['issue-ahc-scope', 'position-ahc-scope', 'consultation-6b0d3c1e-0000-4000-8000-000000000001'];

/** 40 chained ledger events over three streams, a checkpoint every 10 leaves, as the server writes them. */
function ledger(): VerifiableEvent[] {
  const events: VerifiableEvent[] = [];
  const heads = new Map<string, { revision: bigint; hash: string | null }>();
  const tree = memoryMerkleTree();
  let commit = 100n;
  const append = (
    streamName: string,
    type: string,
    data: Record<string, unknown>,
    id: string,
    base: Record<string, unknown>,
  ): VerifiableEvent => {
    const head = heads.get(streamName);
    const metadata = chainMetadata(head?.hash ?? null, type, data, base);
    const revision = head === undefined ? 0n : head.revision + 1n;
    heads.set(streamName, { revision, hash: String(metadata['hash']) });
    commit += 7n;
    const event = { id, type, streamName, revision, position: { commit, prepare: commit }, data, metadata };
    events.push(event);
    return event;
  };
  for (let i = 0; i < 40; i += 1) {
    const stream = STREAMS[(i * 7) % 3] as string;
    const data = { n: i, secret: { level: 'secret', value: `red line ${i}`, salt: `salt-${i}` } };
    const event = append(stream, 'Noted', data, `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, {
      schema: 1,
    });
    tree.append([eventLeafHash(leafRecordOf(event))], event.position);
    if ((i + 1) % 10 === 0) {
      const note = signCheckpoint(
        {
          origin: ORIGIN,
          treeSize: tree.size(),
          rootHash: tree.root(),
          lastPosition: event.position,
          time: '2026-12-06T00:00:00.000Z',
        },
        key,
      );
      const stored = checkpointEvent(ORIGIN, tree.size(), note);
      append(CHECKPOINT_STREAM, stored.type, stored.data, stored.id, stored.metadata);
    }
  }
  return events;
}

function verify(events: readonly VerifiableEvent[], extra: readonly ExpectedCheckpoint[] = []) {
  const checkpoints = readLedgerCheckpoints(
    events.filter((e) => e.streamName === CHECKPOINT_STREAM),
    [key.verifier()],
  );
  const verifier = createLedgerVerifier({ expected: [...checkpoints.expected, ...extra] });
  for (const b of checkpoints.breaks) verifier.report(b);
  for (const e of events) verifier.event(e);
  return verifier.finish();
}

const at = (events: VerifiableEvent[], stream: string, revision: bigint): number =>
  events.findIndex((e) => e.streamName === stream && e.revision === revision);

t.test('an untouched ledger holds every chain and meets every checkpoint', async (t) => {
  const summary = verify(ledger());
  t.same(summary.breaks, []);
  t.equal(summary.leaves, 40);
  t.equal(summary.events, 44);
  t.equal(summary.checkpoints.length, 4);
  t.ok(summary.checkpoints.every((c) => c.met));
});

t.test("an event's data edited is named by its stream and revision, then by the checkpoint after it", async (t) => {
  const events = ledger();
  const i = at(events, 'position-ahc-scope', 3n);
  const edited = events[i] as VerifiableEvent;
  events[i] = { ...edited, data: { ...(edited.data as object), n: 999 } };
  const { breaks } = verify(events);
  t.match(breaks[0], {
    kind: 'chain_link',
    stream: 'position-ahc-scope',
    revision: 3n,
    what: /hash does not match the content/,
  });
  t.match(breaks[1], { kind: 'checkpoint_root', stream: CHECKPOINT_STREAM });
  t.equal(breaks.length, 1 + summaryCheckpointsAfter(events, i), 'every later checkpoint fails, nothing else');
});

function summaryCheckpointsAfter(events: VerifiableEvent[], i: number): number {
  return events.slice(i).filter((e) => e.streamName === CHECKPOINT_STREAM).length;
}

t.test('a classified value edited is caught through its commitment', async (t) => {
  const events = ledger();
  const i = at(events, 'issue-ahc-scope', 1n);
  const edited = events[i] as VerifiableEvent;
  events[i] = {
    ...edited,
    data: { ...(edited.data as object), secret: { level: 'secret', value: 'another red line', salt: 'salt-x' } },
  };
  t.match(verify(events).breaks[0], { kind: 'chain_link', stream: 'issue-ahc-scope', revision: 1n });
});

t.test('one event deleted is a revision gap in its stream', async (t) => {
  const events = ledger();
  events.splice(at(events, 'consultation-6b0d3c1e-0000-4000-8000-000000000001', 2n), 1);
  const { breaks } = verify(events);
  t.match(breaks[0], {
    kind: 'revision_gap',
    stream: 'consultation-6b0d3c1e-0000-4000-8000-000000000001',
    revision: 3n,
    what: /revision 2 is missing/,
  });
  t.ok(breaks.some((b) => b.kind === 'checkpoint_root'));
});

t.test('a whole stream deleted leaves every chain whole and is caught by the first checkpoint after it', async (t) => {
  const events = ledger().filter((e) => e.streamName !== 'issue-ahc-scope');
  const { breaks } = verify(events);
  t.notOk(
    breaks.some((b) => b.kind === 'chain_link' || b.kind === 'revision_gap'),
    'the chains alone cannot see it',
  );
  t.match(breaks[0], {
    kind: 'checkpoint_root',
    stream: CHECKPOINT_STREAM,
    revision: 0n,
    what: /tree size 10.*leaves 1 to 10/,
  });
});

t.test('the last events dropped (checkpoints kept) are beyond the ledger', async (t) => {
  const events = ledger();
  const leaves = events.filter((e) => isLeafEvent(e));
  const dropped = new Set(leaves.slice(-3));
  const { breaks } = verify(events.filter((e) => !dropped.has(e)));
  t.match(breaks, [
    { kind: 'checkpoint_beyond_ledger', stream: CHECKPOINT_STREAM, what: /covers 40 events, the ledger holds 37/ },
  ]);
});

t.test('two events of different streams swapped in $all order are caught by the tree alone', async (t) => {
  const events = ledger();
  const [a, b] = [at(events, 'issue-ahc-scope', 2n), at(events, 'position-ahc-scope', 2n)].sort((x, y) => x - y) as [
    number,
    number,
  ];
  t.ok(b > a);
  const [ea, eb] = [events[a] as VerifiableEvent, events[b] as VerifiableEvent];
  events[a] = { ...eb, position: ea.position };
  events[b] = { ...ea, position: eb.position };
  const { breaks } = verify(events);
  t.notOk(breaks.some((x) => x.kind === 'chain_link' || x.kind === 'revision_gap'));
  t.match(breaks[0], { kind: 'checkpoint_root' });
});

t.test('a checkpoint signed by another key is a signature break, and its root is not relied on', async (t) => {
  const events = ledger();
  const i = at(events, CHECKPOINT_STREAM, 1n);
  const cp = events[i] as VerifiableEvent;
  const other = generateSigningKey(ORIGIN).key;
  const note = String((cp.data as { note: string }).note);
  const resigned = `${note.slice(0, note.lastIndexOf('\n\n') + 1)}`;
  events[i] = { ...cp, data: { note: signCheckpoint(parseText(resigned), other) } };
  const { breaks } = verify(events);
  t.match(breaks[0], { kind: 'checkpoint_signature', stream: CHECKPOINT_STREAM, revision: 1n });
});

function parseText(text: string) {
  const [origin, size, root, position, time] = text.trimEnd().split('\n');
  const [commit, prepare] = (position ?? '').slice('position '.length).split(' ');
  return {
    origin: origin ?? '',
    treeSize: Number(size),
    rootHash: Buffer.from(root ?? '', 'base64'),
    lastPosition: { commit: BigInt(commit ?? 0), prepare: BigInt(prepare ?? 0) },
    time: (time ?? '').slice('time '.length),
  };
}

t.test('checkpoints that do not grow are a sequence break', async (t) => {
  const events = ledger();
  const [first, second] = [at(events, CHECKPOINT_STREAM, 0n), at(events, CHECKPOINT_STREAM, 1n)];
  events[second] = { ...(events[second] as VerifiableEvent), data: (events[first] as VerifiableEvent).data };
  const { breaks } = verify(events);
  t.ok(breaks.some((b) => b.kind === 'checkpoint_sequence' && b.revision === 1n));
});

t.test('a checkpoint kept outside is met by the same ledger and not by a rewritten one', async (t) => {
  const events = ledger();
  const tree = memoryMerkleTree();
  const leaves = events.filter((e) => isLeafEvent(e)).slice(0, 25);
  tree.append(leaves.map((e) => eventLeafHash(leafRecordOf(e))));
  const kept: ExpectedCheckpoint = {
    checkpoint: {
      origin: ORIGIN,
      treeSize: 25,
      rootHash: tree.root(),
      lastPosition: (leaves.at(-1) as VerifiableEvent).position,
      time: '2026-12-06T00:00:00.000Z',
    },
    source: 'trusted',
    label: 'trusted checkpoint kept.checkpoint',
    stream: null,
    revision: null,
    eventId: null,
    position: null,
  };
  t.same(verify(events, [kept]).breaks, []);
  const rewritten = events.filter((e) => e !== leaves[4]);
  t.ok(
    verify(rewritten, [kept]).breaks.some(
      (b) => b.kind === 'checkpoint_root' && /trusted checkpoint kept\.checkpoint/.test(b.what),
    ),
  );
  // The tail dropped with the ledger's own checkpoints: only the kept one still shows it.
  const tail = new Set(events.filter((e) => isLeafEvent(e)).slice(20));
  const truncated = events.filter((e) => !tail.has(e) && e.streamName !== CHECKPOINT_STREAM);
  t.same(verify(truncated).breaks, [], 'without the kept checkpoint nothing shows');
  t.match(verify(truncated, [kept]).breaks, [
    { kind: 'checkpoint_beyond_ledger', position: null, what: /covers 25 events, the ledger holds 20/ },
  ]);
});
