// Envelopes to and from plain JSON (bigints as decimal strings), for the read index file.
import type { Envelope } from '../../projections/envelope.js';

export interface EnvelopeJson {
  eventId: string;
  streamName: string;
  revision: string;
  position: string;
  prepare: string;
  recordedAt: string;
  validAt: string;
  event: Envelope['event'];
  metadata: Envelope['metadata'];
}

// The file keeps an envelope's commit position under `position`, as written before ADR 0032 named it
// `commit`: the same files stay readable.
export function envelopeToJson(e: Envelope): EnvelopeJson {
  const { eventId, streamName, recordedAt, validAt, event, metadata } = e;
  return {
    eventId,
    streamName,
    revision: e.revision.toString(),
    position: e.commit.toString(),
    prepare: e.prepare.toString(),
    recordedAt,
    validAt,
    event,
    metadata,
  };
}

export function envelopeFromJson(json: EnvelopeJson): Envelope {
  const { eventId, streamName, recordedAt, validAt, event, metadata } = json;
  return {
    eventId,
    streamName,
    revision: BigInt(json.revision),
    commit: BigInt(json.position),
    prepare: BigInt(json.prepare),
    recordedAt,
    validAt,
    event,
    metadata,
  };
}
