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
  // Every event of a stream asks this again: remembered (bounded, cleared when full).
  const known = homeKeys.get(streamName);
  if (known !== undefined) return known ?? undefined;
  const home = homeKeyOfStream(streamName);
  if (homeKeys.size >= 50_000) homeKeys.clear();
  homeKeys.set(streamName, home ?? null);
  return home;
}

const homeKeys = new Map<string, string | null>();

function homeKeyOfStream(streamName: string): string | undefined {
  const stream = parseStreamName(streamName);
  if (stream === undefined) return undefined;
  if (stream.kind === 'position' || stream.kind === 'issue') return issueKey(stream.id);
  if (stream.kind === 'consultation') return consultationKey(stream.id);
  if (stream.kind === 'session') return sessionKey(stream.id);
  return processKey(stream.id);
}

/** The event types filed under keys besides their own stream's (keysOf's switch). */
const filedElsewhereToo: ReadonlySet<string> = new Set(['IssueRegistered', 'SessionScheduled', 'ConsultationConvened', 'AgencyViewRecorded', 'ConsultationOutcomeRecorded', 'EntryRetracted']);

export function keysOf(envelope: Envelope, keysOfEvent: (eventId: string) => readonly string[]): string[] {
  const home = homeKeyOf(envelope.streamName);
  const { event } = envelope;
  // Most events (drafts, endorsements, statements, ...) go to their stream's key alone.
  if (!filedElsewhereToo.has(event.type)) return home === undefined ? [] : [home];
  const keys = new Set<string>();
  if (home !== undefined) keys.add(home);
  switch (event.type) {
    case 'IssueRegistered':
      keys.add(processKey(event.data.processId));
      break;
    case 'SessionScheduled':
      keys.add(processKey(event.data.processId));
      break;
    case 'ConsultationConvened':
      // Views and outcomes on an agenda issue are dated by the meeting (valid-time.ts): the issue's
      // key holds the meeting too.
      for (const issueId of event.data.agenda) keys.add(issueKey(issueId));
      break;
    case 'AgencyViewRecorded':
    case 'ConsultationOutcomeRecorded':
      keys.add(issueKey(event.data.issueId));
      break;
    case 'EntryRetracted':
      for (const key of keysOfEvent(event.data.targetEventId)) keys.add(key);
      break;
    default:
      break;
  }
  return [...keys];
}
