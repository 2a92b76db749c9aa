// Checks RFC 6962 proofs the way RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency) spell the
// algorithms out: walk the path from the leaf (or the old root) up, pairing each proof hash on the
// side the index bits say, and accept only if the path is used up exactly where the tree's root is
// and the computed roots equal the given ones. Every hash must be 32 bytes, except that two trees of
// the same size are consistent exactly when their roots are the same bytes and the proof is empty.
// A consistency proof from the empty tree proves nothing and is refused.
import { HASH_SIZE, nodeHash, sameBytes } from './hash.js';
import { isCount, isPowerOfTwo } from './tree-shape.js';

export type ProofCheck = { ok: true } | { ok: false; reason: string };

const fail = (reason: string): ProofCheck => ({ ok: false, reason });
const half = (n: number): number => Math.floor(n / 2);
const odd = (n: number): boolean => n % 2 === 1;

function badHash(hashes: readonly Uint8Array[], what: string): ProofCheck | null {
  const bad = hashes.findIndex((h) => h.length !== HASH_SIZE);
  return bad < 0 ? null : fail(`${what}${hashes.length > 1 ? ` [${bad}]` : ''} is not ${HASH_SIZE} bytes`);
}

/** Does `proof` show the leaf with hash `leaf` at `index` in the tree of `size` leaves with `root`? */
export function verifyInclusion(
  leaf: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): ProofCheck {
  if (!isCount(index) || !isCount(size)) return fail('index and size must be non-negative integers');
  if (index >= size) return fail(`leaf ${index} is not in a tree of ${size}`);
  const malformed = badHash([leaf], 'leaf hash') ?? badHash([root], 'root') ?? badHash(proof, 'proof hash');
  if (malformed) return malformed;
  let fn = index;
  let sn = size - 1;
  let r: Uint8Array = leaf;
  for (const p of proof) {
    if (sn === 0) return fail('the proof is longer than the path to the root');
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!odd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      r = nodeHash(r, p);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  if (sn !== 0) return fail('the proof is shorter than the path to the root');
  return sameBytes(r, root) ? { ok: true } : fail('the proof leads to another root');
}

/** Does `proof` show that the tree of `size1` leaves with `root1` is a prefix of the one of `size2` with `root2`? */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): ProofCheck {
  if (!isCount(size1) || !isCount(size2)) return fail('sizes must be non-negative integers');
  if (size1 === 0) return fail('a consistency proof from the empty tree proves nothing');
  if (size1 > size2) return fail(`the old size ${size1} is larger than the new size ${size2}`);
  if (size1 === size2) {
    if (proof.length > 0) return fail('trees of the same size need an empty proof');
    return sameBytes(root1, root2) ? { ok: true } : fail('trees of the same size have different roots');
  }
  const malformed = badHash([root1], 'old root') ?? badHash([root2], 'new root') ?? badHash(proof, 'proof hash');
  if (malformed) return malformed;
  if (proof.length === 0) return fail('the proof is empty');
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (odd(fn)) [fn, sn] = [half(fn), half(sn)];
  let fr = path[0] as Uint8Array;
  let sr = fr;
  for (const c of path.slice(1)) {
    if (sn === 0) return fail('the proof is longer than the path to the new root');
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!odd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      sr = nodeHash(sr, c);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  if (sn !== 0) return fail('the proof is shorter than the path to the new root');
  if (!sameBytes(fr, root1)) return fail('the proof leads to another old root');
  return sameBytes(sr, root2) ? { ok: true } : fail('the proof leads to another new root');
}
