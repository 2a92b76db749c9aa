// A batch of events as it crosses to the integrity worker (ADR 0044, ADR 0047): one flat array, FIELDS
// slots an event, holding only what the checks read. The copy (structured clone) is paid on the
// projector's thread for every event, so it carries no record time, no object per event or position,
// and for an event the checks only pass over (neither a ledger event nor a checkpoint: its position is
// all they note) no id, type, stream, data or metadata.
import { isCheckpointEvent, isLeafEvent } from '../integrity/index.js';
import type { CheckedEvent } from './integrity-check.js';

/** id, type, stream, revision, commit, prepare, data, metadata. */
const FIELDS = 8;

export type WireBatch = unknown[];

/** Whether the checks read more of the event than its position. */
const checked = (event: CheckedEvent): boolean => isLeafEvent(event) || isCheckpointEvent(event);

export function toWire(events: readonly CheckedEvent[]): WireBatch {
  // Filled by push, never with holes: V8 copies a holey array as a sparse one (each index turned into a key,
  // each element set by key on the other side), measured at 0.3-0.4 µs an event more on the projector's thread
  // (ADR 0058).
  const wire: unknown[] = [];
  for (const e of events) {
    if (checked(e))
      wire.push(e.id, e.type, e.streamName, e.revision, e.position.commit, e.position.prepare, e.data, e.metadata);
    else wire.push(null, null, null, null, e.position.commit, e.position.prepare, null, null);
  }
  return wire;
}

/** An event the checks only pass over, as the worker sees it: its position (it is neither a leaf nor a checkpoint). */
const passedOver = (commit: bigint, prepare: bigint): CheckedEvent => ({
  id: '',
  type: '$passed-over',
  streamName: '',
  revision: 0n,
  position: { commit, prepare },
  data: null,
  metadata: {},
});

export function fromWire(wire: WireBatch): CheckedEvent[] {
  const events: CheckedEvent[] = [];
  for (let at = 0; at + FIELDS <= wire.length; at += FIELDS) {
    const commit = wire[at + 4] as bigint;
    const prepare = wire[at + 5] as bigint;
    if (wire[at] === null) {
      events.push(passedOver(commit, prepare));
      continue;
    }
    events.push({
      id: wire[at] as string,
      type: wire[at + 1] as string,
      streamName: wire[at + 2] as string,
      revision: wire[at + 3] as bigint,
      position: { commit, prepare },
      data: wire[at + 6],
      metadata: wire[at + 7] as Record<string, unknown>,
    });
  }
  return events;
}
