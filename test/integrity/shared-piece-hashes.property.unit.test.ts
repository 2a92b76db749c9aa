// Hashing two texts around a piece they share, the piece made UTF-8 once (src/integrity/shared-piece-hashes.ts),
// gives exactly hash('sha256', head + piece + tail) of each joined string: for any strings (Thai, emoji, lone
// surrogates, NULs), for texts larger than the kept scratch buffer, and call after call (the buffer is reused).
import { hash } from 'node:crypto';
import fc from 'fast-check';
import t from 'tap';
import { sharedPieceHashes } from '../../src/integrity/shared-piece-hashes.js';

const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...'ร่างที่เส้นต้องห้าม กต "{}'), maxLength: 60 }),
);
const around = fc.record({ head: text, tail: text });
const joined = (head: string, piece: string, tail: string): Buffer => hash('sha256', head + piece + tail, 'buffer');

t.test('each hash is the hash of its head, the piece and its tail joined', async (t) => {
  t.plan(1);
  fc.assert(
    fc.property(text, around, around, (piece, first, second) => {
      const [a, b] = sharedPieceHashes(piece, first, second);
      return a.equals(joined(first.head, piece, first.tail)) && b.equals(joined(second.head, piece, second.tail));
    }),
    { numRuns: 2000 },
  );
  t.pass('2000 random pairs of texts agree');
});

t.test('a text larger than the scratch buffer, and the calls after it, hash the same', async (t) => {
  const big = 'ร่าง'.repeat(400_000); // 1.6M code units, 4.8 MB of UTF-8: more than the buffer kept
  const first = { head: '\u0000{"data":', tail: '}' };
  const second = { head: '{"data":', tail: ',"x":1}' };
  for (const piece of [big, 'เส้น', big.slice(0, 30_000), '']) {
    const [a, b] = sharedPieceHashes(piece, first, second);
    t.ok(a.equals(joined(first.head, piece, first.tail)), `first text of ${piece.length} units`);
    t.ok(b.equals(joined(second.head, piece, second.tail)), `second text of ${piece.length} units`);
  }
});

t.test('a changed piece, head or tail changes the hash', async (t) => {
  const first = { head: 'a', tail: 'ร' };
  const second = { head: 'b', tail: 'ท' };
  const [a, b] = sharedPieceHashes('เส้นต้องห้าม', first, second);
  const [a2, b2] = sharedPieceHashes('เส้นต้องห้าn', first, second);
  t.notOk(a.equals(a2));
  t.notOk(b.equals(b2));
  const [a3] = sharedPieceHashes('เส้นต้องห้าม', { head: 'a', tail: 'ท' }, second);
  t.notOk(a.equals(a3));
});
