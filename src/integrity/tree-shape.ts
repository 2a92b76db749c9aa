// Arithmetic on the shape of an RFC 6962 tree, with no hashes and no storage (ADR 0022).
//
// A perfect subtree is named by (level, index): it covers the leaves [index·2^level, (index+1)·2^level).
// Every perfect subtree that exists at some tree size is stored once, at its postorder position: the
// order in which appending leaves one by one completes the subtrees. Appending leaf j writes the leaf
// and then every subtree it completes, lowest first, so the stored positions only ever grow:
//   position(level, index) = 2j − popcount(j) + level, where j = (index+1)·2^level − 1 (its last leaf)
//   nodes stored for n leaves = 2n − popcount(n)
// A proof is planned as a list of ranges [begin, end) of leaves, each an RFC 6962 subtree: either
// perfect (one stored node) or the right edge of a tree (end = tree size), whose hash folds the
// perfect subtrees that cover it (perfectSubtrees). Plans follow RFC 6962 §2.1.1 PATH and §2.1.2
// SUBPROOF; once a plan turns left every later range is perfect, so at most one range needs folding
// and a proof reads O(log n) nodes.
// Sizes and indexes are safe integers (< 2^53), so the arithmetic divides instead of shifting bits.

export interface NodeId {
  readonly level: number;
  readonly index: number;
}

/** Leaves [begin, end): an RFC 6962 subtree of some tree. */
export interface LeafRange {
  readonly begin: number;
  readonly end: number;
}

/** True for 0, 1, 2, ... up to Number.MAX_SAFE_INTEGER. */
export function isCount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

export function popcount(value: number): number {
  let count = 0;
  for (let v = value; v > 0; v = Math.floor(v / 2)) count += v % 2;
  return count;
}

export function isPowerOfTwo(value: number): boolean {
  return value > 0 && popcount(value) === 1;
}

/** Largest power of two strictly smaller than n (n ≥ 2): where RFC 6962 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Nodes stored for a tree of `size` leaves. */
export function nodeCount(size: number): number {
  return 2 * size - popcount(size);
}

/** The tree size whose node count is `count`, or null when no tree has that many nodes. */
export function sizeForNodeCount(count: number): number | null {
  // nodeCount grows strictly with size and size ≤ count, so a binary search finds it.
  let low = 0;
  let high = count;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (nodeCount(mid) < count) low = mid + 1;
    else high = mid;
  }
  return nodeCount(low) === count ? low : null;
}

/** Postorder position of the perfect subtree (level, index). */
export function nodePosition(node: NodeId): number {
  const lastLeaf = (node.index + 1) * 2 ** node.level - 1;
  return 2 * lastLeaf - popcount(lastLeaf) + node.level;
}

/** The perfect subtrees covering [begin, end), left to right, each as large as alignment allows. */
export function perfectSubtrees(begin: number, end: number): NodeId[] {
  const nodes: NodeId[] = [];
  let at = begin;
  while (at < end) {
    let level = 0;
    while (at % 2 ** (level + 1) === 0 && at + 2 ** (level + 1) <= end) level += 1;
    nodes.push({ level, index: at / 2 ** level });
    at += 2 ** level;
  }
  return nodes;
}

/** RFC 6962 PATH(index, D[0:size]): the ranges whose hashes prove leaf `index`, lowest first. */
export function inclusionPlan(index: number, size: number): LeafRange[] {
  const ranges: LeafRange[] = [];
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (index < lo + k) {
      ranges.push({ begin: lo + k, end: hi });
      hi = lo + k;
    } else {
      ranges.push({ begin: lo, end: lo + k });
      lo += k;
    }
  }
  return ranges.reverse();
}

/** RFC 6962 PROOF(size1, D[0:size2]) for 0 < size1 < size2: the ranges, lowest first. */
export function consistencyPlan(size1: number, size2: number): LeafRange[] {
  const ranges: LeafRange[] = [];
  let lo = 0;
  let hi = size2;
  let isOldRoot = true; // the range [lo, hi) is the whole old tree, whose root the verifier holds
  while (size1 !== hi) {
    const k = splitPoint(hi - lo);
    if (size1 <= lo + k) {
      ranges.push({ begin: lo + k, end: hi });
      hi = lo + k;
    } else {
      ranges.push({ begin: lo, end: lo + k });
      lo += k;
      isOldRoot = false;
    }
  }
  if (!isOldRoot) ranges.push({ begin: lo, end: hi });
  return ranges.reverse();
}
