// Event bodies of a fixed serialised size, so every benchmark appends and reads comparable events.
import { jsonEvent } from '@eventstore/db-client';
import type { JSONEventData } from '@eventstore/db-client';

/** A JSON event whose data serialises to exactly `bytes` bytes (bytes >= 40). */
export function sizedEvent(type: string, seq: number, bytes: number): JSONEventData {
  const base = JSON.stringify({ seq, pad: '' }).length;
  return jsonEvent({ type, data: { seq, pad: 'x'.repeat(Math.max(0, bytes - base)) } });
}
