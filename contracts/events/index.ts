// The event catalogue: every event type with its current schema version, its schema and the upcasters
// that lift older stored versions to the current one. Events read back from the store go through
// parseStoredEvent; nothing downstream ever sees an old shape.
import { z } from 'zod';
import { ContractError, issuesText } from '../errors.js';
import type { StreamKind } from '../streams.js';
import {
  MilestoneRecorded,
  MilestoneRecordedV1,
  NegotiationProcessRegistered,
  upcastMilestoneRecordedV1,
} from './process.js';
import { SessionConcluded, SessionRescheduled, SessionScheduled } from './session.js';
import {
  DraftTextStatusChanged,
  FollowUpRecorded,
  FollowUpStatusChanged,
  IssueClosed,
  IssueRegistered,
  IssueRetitled,
} from './issue.js';
import {
  AgencyViewRecorded,
  ConsultationClosed,
  ConsultationConvened,
  ConsultationOutcomeRecorded,
} from './consultation.js';
import {
  PositionDrafted,
  PositionEndorsed,
  PositionOutcomeRecorded,
  PositionWithdrawn,
  StatementDelivered,
} from './position.js';
import { EntryRetracted } from './retraction.js';

export * from './common.js';
export * from './process.js';
export * from './session.js';
export * from './issue.js';
export * from './consultation.js';
export * from './position.js';
export * from './retraction.js';

/** Current schema per event type. */
export const eventSchemas = {
  NegotiationProcessRegistered,
  MilestoneRecorded,
  SessionScheduled,
  SessionRescheduled,
  SessionConcluded,
  IssueRegistered,
  IssueRetitled,
  DraftTextStatusChanged,
  IssueClosed,
  FollowUpRecorded,
  FollowUpStatusChanged,
  ConsultationConvened,
  AgencyViewRecorded,
  ConsultationOutcomeRecorded,
  ConsultationClosed,
  PositionDrafted,
  PositionEndorsed,
  PositionWithdrawn,
  StatementDelivered,
  PositionOutcomeRecorded,
  EntryRetracted,
} as const;

export type LedgerEventType = keyof typeof eventSchemas;
export const LEDGER_EVENT_TYPES = Object.keys(eventSchemas) as LedgerEventType[];
export type EventData<T extends LedgerEventType> = z.infer<(typeof eventSchemas)[T]>;

/** `{ type, data }` for every event type: a discriminated union on `type`. */
export type LedgerEvent = { [T in LedgerEventType]: { type: T; data: EventData<T> } }[LedgerEventType];
export type EventOf<T extends LedgerEventType> = Extract<LedgerEvent, { type: T }>;

/** An event with its id, as a stream (the deciders) or a key of the read index (envelopes) holds it. */
export interface RecordedEvent {
  readonly eventId: string;
  readonly event: LedgerEvent;
}

/** Lifts stored data of version n to version n + 1. */
export type Upcaster = (data: unknown) => unknown;

export interface CatalogEntry {
  /** The schema version written today. */
  readonly version: number;
  readonly schema: z.ZodType;
  /** upcast[n] lifts version n to n + 1 (validating version n first). */
  readonly upcast?: Readonly<Record<number, Upcaster>>;
  /** The stream kinds this event is appended to. */
  readonly streams: readonly StreamKind[];
  /** Paths (dot-separated, `[]` for arrays) of `{ level, value }` classified fields. */
  readonly classifiedFields: readonly string[];
}

function entry(
  streams: StreamKind[],
  schema: z.ZodType,
  more: Partial<Pick<CatalogEntry, 'version' | 'upcast' | 'classifiedFields'>> = {},
): CatalogEntry {
  return {
    version: more.version ?? 1,
    schema,
    streams,
    classifiedFields: more.classifiedFields ?? [],
    ...(more.upcast ? { upcast: more.upcast } : {}),
  };
}

export const eventCatalog: Readonly<Record<LedgerEventType, CatalogEntry>> = {
  NegotiationProcessRegistered: entry(['process'], NegotiationProcessRegistered),
  MilestoneRecorded: entry(['process'], MilestoneRecorded, {
    version: 2,
    upcast: { 1: (data) => upcastMilestoneRecordedV1(MilestoneRecordedV1.parse(data)) },
  }),
  SessionScheduled: entry(['session'], SessionScheduled),
  SessionRescheduled: entry(['session'], SessionRescheduled),
  SessionConcluded: entry(['session'], SessionConcluded),
  IssueRegistered: entry(['issue'], IssueRegistered),
  IssueRetitled: entry(['issue'], IssueRetitled),
  DraftTextStatusChanged: entry(['issue'], DraftTextStatusChanged),
  IssueClosed: entry(['issue'], IssueClosed),
  FollowUpRecorded: entry(['issue'], FollowUpRecorded),
  FollowUpStatusChanged: entry(['issue'], FollowUpStatusChanged),
  ConsultationConvened: entry(['consultation'], ConsultationConvened),
  AgencyViewRecorded: entry(['consultation'], AgencyViewRecorded, { classifiedFields: ['conditions'] }),
  ConsultationOutcomeRecorded: entry(['consultation'], ConsultationOutcomeRecorded),
  ConsultationClosed: entry(['consultation'], ConsultationClosed),
  PositionDrafted: entry(['position'], PositionDrafted, { classifiedFields: ['redLines', 'fallbacks'] }),
  PositionEndorsed: entry(['position'], PositionEndorsed),
  PositionWithdrawn: entry(['position'], PositionWithdrawn),
  StatementDelivered: entry(['position'], StatementDelivered),
  PositionOutcomeRecorded: entry(['position'], PositionOutcomeRecorded),
  EntryRetracted: entry(['process', 'session', 'issue', 'consultation', 'position'], EntryRetracted),
};

export function isLedgerEventType(type: string): type is LedgerEventType {
  return Object.hasOwn(eventSchemas, type);
}

/** The schema version to write in metadata for a new event of this type. */
export function currentSchemaVersion(type: LedgerEventType): number {
  return eventCatalog[type].version;
}

/**
 * Parse an event read back from the store: upcast from its stored schema version to the current one,
 * then validate. Throws ContractError (unknown_event_type, unsupported_schema_version, invalid_event_data).
 */
const compiledSchemas = new Map<LedgerEventType, z.ZodType>();

/**
 * The current schema of an event type compiled by zod (z.compile): the same results and issues as the
 * interpreted schema, several times faster. parseStoredEvent tries it first; whatever it refuses is
 * parsed again by the interpreted schema, so errors are unchanged (ADR 0011).
 */
export function compiledEventSchema(type: LedgerEventType): z.ZodType {
  let schema = compiledSchemas.get(type);
  if (schema === undefined) {
    schema = z.compile(eventCatalog[type].schema);
    compiledSchemas.set(type, schema);
  }
  return schema;
}

export function parseStoredEvent(type: string, data: unknown, schemaVersion: number): LedgerEvent {
  if (!isLedgerEventType(type)) {
    throw new ContractError('unknown_event_type', `unknown event type "${type}"`, { type });
  }
  const catalog = eventCatalog[type];
  if (schemaVersion === catalog.version) {
    const fast = compiledEventSchema(type).safeParse(data);
    if (fast.success) return makeEvent(type, fast.data);
  }
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > catalog.version) {
    throw new ContractError(
      'unsupported_schema_version',
      `${type} has no schema version ${schemaVersion} (current ${catalog.version})`,
      { type, schemaVersion },
    );
  }
  let current = data;
  try {
    for (let v = schemaVersion; v < catalog.version; v++) {
      const up = catalog.upcast?.[v];
      if (!up)
        throw new ContractError('unsupported_schema_version', `${type} v${v} cannot be upcast to v${v + 1}`, {
          type,
          schemaVersion,
        });
      current = up(current);
    }
  } catch (error) {
    if (error instanceof z.ZodError) {
      throw new ContractError('invalid_event_data', `${type} v${schemaVersion}: ${issuesText(error)}`, {
        type,
        schemaVersion,
      });
    }
    throw error;
  }
  const parsed = catalog.schema.safeParse(current);
  if (!parsed.success) {
    throw new ContractError('invalid_event_data', `${type} v${schemaVersion}: ${issuesText(parsed.error)}`, {
      type,
      schemaVersion,
    });
  }
  return makeEvent(type, parsed.data);
}

// The schema was chosen by `type`, so the parsed data has that type's shape.
function makeEvent(type: LedgerEventType, data: unknown): LedgerEvent {
  return { type, data } as LedgerEvent;
}

/** Validate an event about to be written (the deciders' output), returning it unchanged. */
export function validateEvent(event: LedgerEvent): LedgerEvent {
  return parseStoredEvent(event.type, event.data, currentSchemaVersion(event.type));
}
