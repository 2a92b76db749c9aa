// Builds envelopes for projection tests: event data is validated through contracts (so a fixture
// cannot drift from the schemas), both clocks are explicit, positions increase in call order.
import { randomUUID } from 'node:crypto';
import {
  currentSchemaVersion,
  parseStoredEvent,
  type EventData,
  type LedgerEventType,
} from '../../contracts/events/index.js';
import type { Envelope } from '../../projections/envelope.js';
import { validTimeOf } from '../../projections/valid-time.js';

export interface At {
  /** Valid time (metadata.occurredAt); the event's own date fields still win (valid-time.ts). */
  occurredAt: string;
  /** Record time. */
  recordedAt: string;
  eventId?: string;
  streamName?: string;
  timeZone?: string;
  /** The writer named no time: occurredAt is when it was typed in (metadata.occurredAtDefaulted). */
  defaulted?: boolean;
}

export function createLog() {
  let position = 100n;
  const envelopes: Envelope[] = [];
  function add<T extends LedgerEventType>(type: T, data: EventData<T>, at: At): Envelope {
    position += 100n;
    const event = parseStoredEvent(type, data, currentSchemaVersion(type));
    const metadata = {
      actor: { principalId: 'officer-1', agency: 'MFA' as const, role: 'negotiator' as const },
      occurredAt: new Date(at.occurredAt).toISOString(),
      ...(at.timeZone === undefined ? {} : { timeZone: at.timeZone }),
      ...(at.defaulted === true ? { occurredAtDefaulted: true } : {}),
      correlationId: 'c',
      causationId: 'c',
      schema: currentSchemaVersion(type),
    };
    const envelope: Envelope = {
      eventId: at.eventId ?? randomUUID(),
      streamName: at.streamName ?? streamFor(type, data),
      revision: BigInt(envelopes.length),
      commit: position,
      prepare: position,
      recordedAt: new Date(at.recordedAt).toISOString(),
      validAt: validTimeOf(event, metadata),
      event,
      metadata,
    };
    envelopes.push(envelope);
    return envelope;
  }
  return { add, envelopes };
}

function streamFor(type: LedgerEventType, data: unknown): string {
  const get = (k: string): string => {
    const v: unknown = typeof data === 'object' && data !== null ? Reflect.get(data, k) : undefined;
    return typeof v === 'string' ? v : 'unknown';
  };
  if (type.startsWith('Position') || type === 'StatementDelivered') return `position-${get('issueId')}`;
  if (type.startsWith('Issue') || type === 'DraftTextStatusChanged') return `issue-${get('issueId')}`;
  if (type.startsWith('Consultation') || type === 'AgencyViewRecorded') return `consultation-${get('consultationId')}`;
  if (type.startsWith('Session')) return `session-${get('sessionId')}`;
  return `process-${get('processId')}`;
}

export const bi = (en: string) => ({ th: `ไทย ${en}`, en });
export const points = (level: 'unclassified' | 'confidential' | 'secret' | 'top-secret', ...items: string[]) => ({
  level,
  value: items.map(bi),
});

export function draft(
  issueId: string,
  version: number,
  stance: EventData<'PositionDrafted'>['stance'],
  more: Partial<EventData<'PositionDrafted'>> = {},
): EventData<'PositionDrafted'> {
  return {
    issueId,
    version,
    stance,
    summary: bi(`v${version} ${stance}`),
    flexibility: 'medium',
    redLines: points('secret', 'no data retention mandate'),
    fallbacks: points('confidential', 'accept serious crime threshold'),
    allies: ['ASEAN'],
    basis: { consultationIds: [], eventIds: [] },
    substantive: true,
    ...more,
  };
}

export function endorse(
  issueId: string,
  version: number,
  effectiveFrom: string,
  authority: EventData<'PositionEndorsed'>['authority'] = 'mfa',
): EventData<'PositionEndorsed'> {
  return { issueId, version, authority, decisionRef: `กต 0001/${version}`, decidedOn: effectiveFrom, effectiveFrom };
}

export function issue(issueId: string, processId = 'ahc'): EventData<'IssueRegistered'> {
  return { issueId, processId, code: issueId.toUpperCase(), title: bi(`Issue ${issueId}`), refs: { articles: ['1'] } };
}
