// Where in `$all` the last leaf of a tree was committed: the store's log position (the one type:
// contracts/log-position.ts). The tree keeps it with its leaves so a sealer resumes after the last
// leaf, and a checkpoint states it. Text form (a checkpoint's `position` line): "<commit> <prepare>",
// decimal.
import type { LogPosition } from '../../contracts/log-position.js';

const DECIMAL = /^(0|[1-9][0-9]*)$/;
const MAX = 2n ** 63n - 1n; // the store keeps positions as signed 64-bit integers

export function positionText(position: LogPosition): string {
  return `${position.commit} ${position.prepare}`;
}

/** The position a `positionText` wrote, or null for anything else. */
export function parsePositionText(text: string): LogPosition | null {
  const parts = text.split(' ');
  if (parts.length !== 2 || !parts.every((p) => DECIMAL.test(p))) return null;
  const [commit, prepare] = parts.map((p) => BigInt(p));
  if (commit === undefined || prepare === undefined || commit > MAX || prepare > MAX) return null;
  return { commit, prepare };
}
