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

export function envelopeToJson(e: Envelope): EnvelopeJson {
  return { ...e, revision: e.revision.toString(), position: e.position.toString(), prepare: e.prepare.toString() };
}

export function envelopeFromJson(json: EnvelopeJson): Envelope {
  return { ...json, revision: BigInt(json.revision), position: BigInt(json.position), prepare: BigInt(json.prepare) };
}
