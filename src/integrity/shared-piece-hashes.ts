// Two SHA-256 hashes of two texts that hold one long piece in common, the piece turned into UTF-8 once (ADR 0060).
// An event's leaf text and its chain text both hold its committed data's canonical JSON. Node's hash() of a string
// first makes it UTF-8, and a text joined from a two-byte piece (the ledger's Thai) is flattened and converted whole:
// the shared piece was converted twice, and the metadata around it (ASCII, mostly) the slow, two-byte way. Here the
// piece is written as UTF-8 once into a scratch buffer and copied for the second text, the heads and tails written
// around it, and each text's bytes hashed: the same bytes, so the same hashes as hash('sha256', head + piece + tail).
// test/integrity/shared-piece-hashes.property.unit.test.ts checks that for any strings, lone surrogates included.
import { hash } from 'node:crypto';

/** The scratch buffer is kept up to this size; a larger text gets a buffer of its own. */
const KEPT_BYTES = 1 << 20;

let scratch = Buffer.allocUnsafe(64 * 1024);

/** Bytes enough for the UTF-8 of `units` UTF-16 code units: at most 3 each (a surrogate pair is 4 for 2 units). */
const room = (units: number): number => 3 * units;

export interface AroundPiece {
  readonly head: string;
  readonly tail: string;
}

/** [SHA-256(UTF-8(first.head + piece + first.tail)), SHA-256(UTF-8(second.head + piece + second.tail))]. */
export function sharedPieceHashes(piece: string, first: AroundPiece, second: AroundPiece): [Buffer, Buffer] {
  const need =
    room(2 * piece.length + first.head.length + first.tail.length + second.head.length + second.tail.length) + 1;
  if (scratch.length < need && need <= KEPT_BYTES) scratch = Buffer.allocUnsafe(need);
  const buf = scratch.length < need ? Buffer.allocUnsafe(need) : scratch;
  let at = buf.write(first.head, 0);
  const pieceAt = at;
  const pieceBytes = buf.write(piece, at);
  at += pieceBytes;
  at += buf.write(first.tail, at);
  const firstEnd = at;
  at += buf.write(second.head, at);
  at += buf.copy(buf, at, pieceAt, pieceAt + pieceBytes);
  at += buf.write(second.tail, at);
  return [hash('sha256', buf.subarray(0, firstEnd), 'buffer'), hash('sha256', buf.subarray(firstEnd, at), 'buffer')];
}
