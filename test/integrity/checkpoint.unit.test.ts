// Checkpoints: the text is C2SP's tlog-checkpoint (origin, size, base64 root, then our two extension
// lines), signed as a note; what one key signed opens with its verifier key and nothing else, and
// any changed line stops it opening.
import t from 'tap';
import {
  checkpointText,
  openCheckpoint,
  parseCheckpointText,
  signCheckpoint,
  type Checkpoint,
} from '../../src/integrity/checkpoint.js';
import { leafHash } from '../../src/integrity/hash.js';
import { parseVerifierKey } from '../../src/integrity/signed-note.js';
import { generateSigningKey } from '../../src/integrity/signing-key.js';
import { memoryMerkleTree } from '../../src/integrity/tree.js';

const ORIGIN = 'ledger.example/positions';

function sampleCheckpoint(): Checkpoint {
  const tree = memoryMerkleTree();
  tree.append([leafHash(Buffer.from('a')), leafHash(Buffer.from('b')), leafHash(Buffer.from('c'))], {
    commit: 1234n,
    prepare: 1200n,
  });
  return {
    origin: ORIGIN,
    treeSize: tree.size(),
    rootHash: tree.root(),
    lastPosition: tree.lastPosition(),
    time: '2026-12-06T03:09:00.000Z',
  };
}

t.test('a checkpoint reads as origin, tree size and base64 root, then position and time', async (t) => {
  const checkpoint = sampleCheckpoint();
  t.equal(
    checkpointText(checkpoint),
    `${ORIGIN}\n3\n${checkpoint.rootHash.toString('base64')}\nposition 1234 1200\ntime 2026-12-06T03:09:00.000Z\n`,
  );
  t.equal(
    checkpointText({ ...checkpoint, treeSize: 0, lastPosition: null }).split('\n')[3],
    'time 2026-12-06T03:09:00.000Z',
    'no position line when the position is unknown',
  );
});

t.test("a signed checkpoint opens with the signer's verifier key and reads back the same", async (t) => {
  const { key } = generateSigningKey(ORIGIN);
  const checkpoint = sampleCheckpoint();
  const note = signCheckpoint(checkpoint, key);
  t.match(note, new RegExp(`\\n\\n— ${ORIGIN} [A-Za-z0-9+/]+=*\\n$`));
  t.same(openCheckpoint(note, [parseVerifierKey(key.verifierKey)]), { ok: true, checkpoint });
  t.same(openCheckpoint(note, [key.verifier()], ORIGIN), { ok: true, checkpoint });
  t.match(openCheckpoint(note, [key.verifier()], 'other.example/log'), { ok: false, reason: /not other.example/ });
  t.match(openCheckpoint(note, [generateSigningKey(ORIGIN).key.verifier()]), { ok: false, reason: /no known key/ });
});

t.test('a signed checkpoint with any line changed does not open', async (t) => {
  const { key } = generateSigningKey(ORIGIN);
  const checkpoint = sampleCheckpoint();
  const note = signCheckpoint(checkpoint, key);
  const root = checkpoint.rootHash.toString('base64');
  const otherRoot = Buffer.from(checkpoint.rootHash.map((b) => b ^ 1)).toString('base64');
  for (const [what, changed] of <Array<[string, string]>>[
    ['tree size', note.replace('\n3\n', '\n2\n')],
    ['root', note.replace(root, otherRoot)],
    ['position', note.replace('1234 1200', '1235 1200')],
    ['time', note.replace('03:09:00', '03:09:01')],
    ['origin', note.replace(`${ORIGIN}\n`, 'ledger.example/other\n')],
  ]) {
    t.match(openCheckpoint(changed, [key.verifier()]), { ok: false, reason: /does not verify/ }, what);
  }
});

t.test('checkpoint texts that are not in our one form are refused', async (t) => {
  const good = checkpointText(sampleCheckpoint());
  const [origin, size, root, position, time] = good.slice(0, -1).split('\n');
  const lines = (...l: Array<string | undefined>): string => `${l.join('\n')}\n`;
  t.equal(parseCheckpointText(good).ok, true);
  for (const [what, text] of [
    ['a leading zero in the size', lines(origin, `0${size}`, root, position, time)],
    ['a root that is not 32 bytes', lines(origin, size, Buffer.alloc(31).toString('base64'), position, time)],
    ['no time', lines(origin, size, root, position)],
    ['time before position', lines(origin, size, root, time, position)],
    ['an unknown extension line', lines(origin, size, root, position, time, 'note hello')],
    ['a time that is not UTC', lines(origin, size, root, position, 'time 2026-12-06T10:09:00.000+07:00')],
    ['a negative position', lines(origin, size, root, 'position -1 0', time)],
    ['an origin with a space', lines('ledger example', size, root, position, time)],
    ['no final newline', good.slice(0, -1)],
  ] as const) {
    t.equal(parseCheckpointText(text).ok, false, what);
  }
});

t.test('a checkpoint that cannot be written as text is refused before it is signed', async (t) => {
  const checkpoint = sampleCheckpoint();
  t.throws(() => checkpointText({ ...checkpoint, origin: 'two words' }), { code: 'invalid_checkpoint' });
  t.throws(() => checkpointText({ ...checkpoint, time: '2026-12-06' }), { code: 'invalid_checkpoint' });
  t.throws(() => checkpointText({ ...checkpoint, treeSize: -1 }), { code: 'invalid_checkpoint' });
  t.throws(() => checkpointText({ ...checkpoint, rootHash: Buffer.alloc(3) }), { code: 'invalid_checkpoint' });
});
