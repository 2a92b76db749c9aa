// Which keys of the read index an envelope is filed under (ADR 0009). An issue's key gathers its
// issue stream, its position stream, the consultations with it on their agenda and the agency views
// and outcomes on it;
// a retraction goes wherever its target went.
import { parseStreamName } from '../contracts/streams.js';
import type { Envelope } from './envelope.js';

export type KeyKind = 'issue' | 'consultation' | 'session' | 'process';

/** Bump when an event is filed under other keys: a persisted read index is then rebuilt (index.ts). */
export const routingVersion = 2;

export const issueKey = (id: string): string => `issue:${id}`;
export const consultationKey = (id: string): string => `consultation:${id}`;
export const sessionKey = (id: string): string => `session:${id}`;
export const processKey = (id: string): string => `process:${id}`;

/** The key a stream's events are filed under first (its own): position and issue streams -> the issue. */
export function homeKeyOf(streamName: string): string | undefined {
  const stream = parseStreamName(streamName);
  if (stream === undefined) return undefined;
  if (stream.kind === 'position' || stream.kind === 'issue') return issueKey(stream.id);
  if (stream.kind === 'consultation') return consultationKey(stream.id);
  if (stream.kind === 'session') return sessionKey(stream.id);
  return processKey(stream.id);
}

/** Adds a key once (the lists are a handful of keys long: no Set for them). */
function addKey(keys: string[], key: string): void {
  if (!keys.includes(key)) keys.push(key);
}

/**
 * The keys an envelope is filed under. `keysOfEvent` gives those of an earlier event (a retraction's
 * target); `homeKey` is homeKeyOf or the same answers remembered (the read side's, src/read/interning.ts).
 */
export function keysOf(
  envelope: Envelope,
  keysOfEvent: (eventId: string) => readonly string[],
  homeKey: (streamName: string) => string | undefined = homeKeyOf,
): string[] {
  const home = homeKey(envelope.streamName);
  const keys: string[] = home === undefined ? [] : [home];
  const { event } = envelope;
  switch (event.type) {
    case 'IssueRegistered':
      addKey(keys, processKey(event.data.processId));
      break;
    case 'SessionScheduled':
      addKey(keys, processKey(event.data.processId));
      break;
    case 'ConsultationConvened':
      // Views and outcomes on an agenda issue are dated by the meeting (valid-time.ts): the issue's
      // key holds the meeting too.
      for (const issueId of event.data.agenda) addKey(keys, issueKey(issueId));
      break;
    case 'AgencyViewRecorded':
    case 'ConsultationOutcomeRecorded':
      addKey(keys, issueKey(event.data.issueId));
      break;
    case 'EntryRetracted':
      for (const key of keysOfEvent(event.data.targetEventId)) addKey(keys, key);
      break;
    default:
      break;
  }
  return keys;
}
