// A place in the store's log ($all): the commit position, then the prepare position that orders the
// events of one commit. Record time is ordered by it (ADR 0009). The one type and the one order for
// every part that holds or compares a position: the store adapter, the application's answers, the
// read side's checkpoints and envelopes, the integrity log.
import { z } from 'zod';

export interface LogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** A LogPosition as JSON (bigints do not serialise): decimal strings, as the API answers it. */
export const LogPositionJson = z.object({ commit: z.string(), prepare: z.string() });
export type LogPositionJson = z.infer<typeof LogPositionJson>;

/** Log order: negative when a comes first, 0 for the same position, positive when b does. */
export function compareLog(a: LogPosition, b: LogPosition): number {
  return compareLogAt(a.commit, a.prepare, b.commit, b.prepare);
}

/**
 * compareLog over the two numbers of each position, for a record that holds them under other names
 * (the read side's Envelope: `position`, `prepare`) without building a LogPosition per comparison.
 */
export function compareLogAt(commitA: bigint, prepareA: bigint, commitB: bigint, prepareB: bigint): number {
  if (commitA !== commitB) return commitA < commitB ? -1 : 1;
  if (prepareA === prepareB) return 0;
  return prepareA < prepareB ? -1 : 1;
}

export function logPositionToJson(position: LogPosition): LogPositionJson {
  return { commit: position.commit.toString(), prepare: position.prepare.toString() };
}

export function logPositionFromJson(json: LogPositionJson): LogPosition {
  return { commit: BigInt(json.commit), prepare: BigInt(json.prepare) };
}
