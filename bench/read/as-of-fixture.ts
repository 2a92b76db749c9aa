// The as-of benchmark's index file: synthetic PositionDrafted / PositionEndorsed envelopes (one issue's
// events parsed through the contracts once, copied per issue with fresh ids and positions), written
// through the read index as the projector writes them.
import { randomUUID } from 'node:crypto';
import { openIndexFile } from '../../src/read/index-file.js';
import { createFileIndex } from '../../src/read/read-index.js';
import { toEnvelope } from '../../src/read/to-envelope.js';
import { createInterning } from '../../src/read/interning.js';
import type { Envelope } from '../../projections/index.js';
import { PER_ISSUE, issueEvents } from './ledger-events.js';

/** One issue's envelopes, parsed once through the contracts; copied per issue with fresh ids and positions. */
function template(): Envelope[] {
  const interning = createInterning();
  return issueEvents('template').map((e, i) => {
    const parsed = toEnvelope(
      {
        id: randomUUID(),
        type: e.type,
        streamName: 'position-template',
        revision: BigInt(i),
        position: { commit: 0n, prepare: 0n },
        recordedAt: new Date(0),
        data: e.data,
        metadata: e.metadata as Record<string, unknown>,
      },
      interning,
    );
    if (!parsed.ok) throw parsed.error;
    return parsed.envelope;
  });
}

/** Writes `total` events (PER_ISSUE per issue) to a new index file at `path`; returns the issue ids. */
export function buildFile(path: string, total: number): string[] {
  const file = openIndexFile(path, 'bench');
  const index = createFileIndex(file, { cachedEnvelopes: 0 });
  const events = template();
  const issues: string[] = [];
  const recordedBase = Date.UTC(2024, 0, 1);
  let position = 0n;
  for (let i = 0; i < total / PER_ISSUE; i += 1) {
    const issueId = `bench-${i}`;
    issues.push(issueId);
    for (const e of events) {
      position += 1n;
      const data = { ...e.event.data, issueId };
      index.add({
        ...e,
        eventId: randomUUID(),
        streamName: `position-${issueId}`,
        commit: position,
        prepare: position,
        recordedAt: new Date(recordedBase + Number(position) * 1000).toISOString(),
        event: { ...e.event, data } as Envelope['event'],
      });
    }
    if (i % 100 === 99) index.flush({ commit: position, prepare: position });
  }
  index.flush({ commit: position, prepare: position });
  file.close();
  return issues;
}

/** The issue ids buildFile writes for `total` events. */
export function issueIds(total: number): string[] {
  return Array.from({ length: total / PER_ISSUE }, (_, i) => `bench-${i}`);
}
