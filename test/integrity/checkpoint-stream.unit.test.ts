// The ledger-checkpoints stream's contract: which events are leaves, what a checkpoint event holds, and
// that what the server stores is what a verifier reads back.
import t from 'tap';
import {
  CHECKPOINT_EVENT_TYPE,
  CHECKPOINT_STREAM,
  checkpointEvent,
  checkpointEventId,
  isCheckpointEvent,
  isLeafEvent,
  readCheckpointEvent,
} from '../../src/integrity/checkpoint-stream.js';
import { leafHash } from '../../src/integrity/hash.js';
import { createSealer } from '../../src/integrity/sealer.js';
import { generateSigningKey } from '../../src/integrity/signing-key.js';
import { memoryMerkleTree } from '../../src/integrity/tree.js';

const ORIGIN = 'ledger.example/positions';

t.test('ledger events are leaves; checkpoints, system events and other streams are not', async (t) => {
  t.equal(isLeafEvent({ streamName: 'position-ahc-scope', type: 'PositionDrafted' }), true);
  t.equal(isLeafEvent({ streamName: 'process-ahc', type: 'ProcessOpened' }), true);
  t.equal(
    isLeafEvent({ streamName: CHECKPOINT_STREAM, type: CHECKPOINT_EVENT_TYPE }),
    false,
    'a checkpoint is about the tree, not in it',
  );
  t.equal(isLeafEvent({ streamName: 'position-ahc-scope', type: '$metadata' }), false);
  t.equal(isLeafEvent({ streamName: '$stats-0', type: 'x' }), false);
  t.equal(isLeafEvent({ streamName: 'elsewhere-1', type: 'Thing' }), false);
  t.equal(isCheckpointEvent({ streamName: CHECKPOINT_STREAM, type: CHECKPOINT_EVENT_TYPE }), true);
});

t.test('a sealed checkpoint stored as an event reads back as the same checkpoint with the same key', async (t) => {
  const tree = memoryMerkleTree();
  const { key } = generateSigningKey(ORIGIN);
  const sealer = createSealer({
    tree,
    signer: key,
    origin: ORIGIN,
    policy: { everyLeaves: 10, everyMs: 1000 },
    last: null,
  });
  tree.append([leafHash(Buffer.from('a')), leafHash(Buffer.from('b'))], { commit: 42n, prepare: 42n });
  const sealed = sealer.seal(new Date(Date.UTC(2026, 11, 6)));
  if (sealed === null) throw new Error('nothing sealed');
  const event = checkpointEvent(ORIGIN, sealed.checkpoint.treeSize, sealed.note);
  t.same(event.data, { note: sealed.note }, 'the data holds the signed note and nothing else');
  t.equal(event.id, checkpointEventId(ORIGIN, 2), 'one id per origin and tree size');
  t.not(event.id, checkpointEventId(ORIGIN, 3));
  const stored = JSON.parse(JSON.stringify(event)) as { type: string; data: unknown };
  const read = readCheckpointEvent(stored, [key.verifier()], ORIGIN);
  t.ok(read.ok);
  if (read.ok) {
    t.equal(read.checkpoint.treeSize, 2);
    t.same(read.checkpoint.lastPosition, { commit: 42n, prepare: 42n }, 'the position of the last leaf covered');
    t.ok(read.checkpoint.rootHash.equals(tree.root()));
    t.equal(read.note, sealed.note);
  }
  const other = generateSigningKey(ORIGIN).key;
  t.match(readCheckpointEvent(stored, [other.verifier()]), { ok: false }, 'another key does not open it');
  t.match(
    readCheckpointEvent({ type: CHECKPOINT_EVENT_TYPE, data: { note: sealed.note, extra: 1 } }, [key.verifier()]),
    { ok: false },
  );
  t.match(readCheckpointEvent({ type: 'Other', data: { note: sealed.note } }, [key.verifier()]), { ok: false });
});

t.test('a leaf commits to the committed form: the salt and value of a classified field are not in it', async (t) => {
  const { eventLeafHash, leafEntry } = await import('../../src/integrity/leaf.js');
  const { leafRecordOf } = await import('../../src/integrity/checkpoint-stream.js');
  const { commitmentOf } = await import('../../src/store/commitment.js');
  const field = { level: 'secret', value: ['a red line'], salt: 'c2FsdA' };
  const stored = {
    streamName: 'position-x',
    revision: 3n,
    id: 'e1',
    type: 'PositionDrafted',
    data: { redLines: field },
    metadata: { prev: 'p', hash: 'h' },
  };
  const entry = leafEntry(leafRecordOf(stored)).toString('utf8');
  t.notMatch(entry, 'a red line');
  t.match(entry, commitmentOf(field));
  t.match(entry, '"revision":3');
  const edited = { ...stored, data: { redLines: { ...field, value: ['another'] } } };
  t.not(
    eventLeafHash(leafRecordOf(edited)).toString('hex'),
    eventLeafHash(leafRecordOf(stored)).toString('hex'),
    'an edited value changes the leaf',
  );
});
