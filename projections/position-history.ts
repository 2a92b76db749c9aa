// Position history, per issue: every draft, endorsement, withdrawal, statement, outcome in the
// final text, issue change and retraction, in canonical order, with what changed between versions.
import { withoutSalt } from '../contracts/classification.js';
import { sameJson } from '../contracts/json.js';
import type { EventData } from '../contracts/events/index.js';
import { sourceOf, type Source } from '../contracts/source.js';
import { latestDraftOf, withDraft, type DraftsSoFar } from './drafts.js';
import type { Envelope } from './envelope.js';
import type { Projection } from './projection.js';

export type ChangedField =
  'stance' | 'summary' | 'rationale' | 'flexibility' | 'redLines' | 'fallbacks' | 'allies' | 'authority';

export interface Change {
  readonly field: ChangedField;
  readonly from: unknown;
  readonly to: unknown;
}

export interface PositionHistoryEntry {
  readonly eventId: string;
  /**
   * The stream it was appended to: the or position's own, or a consultation's (a retraction of a view on the
   * issue).
   */
  readonly streamName: string;
  readonly type: string;
  readonly validAt: string;
  readonly recordedAt: string;
  readonly position: string;
  readonly actor: { readonly principalId: string; readonly agency: string; readonly role: string };
  readonly version: number | null;
  /** Against the previous draft (drafts) or the previous endorsement (endorsements). */
  readonly changes: readonly Change[];
  readonly comparedWith: number | null;
  readonly data: unknown;
  /** Where the entry comes from (ADR 0038). */
  readonly source: Source;
}

export interface PositionHistoryState {
  /**
   * The entries, shared append-only between successive states so a fold costs O(n), not O(n^2):
   * this state sees only the first `length` of them (historyEntries). Appending to a state that is
   * not the latest of its log copies its part first, so every state stays what it was.
   */
  readonly log: PositionHistoryEntry[];
  readonly length: number;
  /** Every draft so far (drafts.ts). */
  readonly drafts: DraftsSoFar<EventData<'PositionDrafted'>> | null;
  readonly lastDraftVersion: number | null;
  readonly lastEndorsement: EventData<'PositionEndorsed'> | null;
}

const handles = [
  'IssueRegistered',
  'IssueRetitled',
  'DraftTextStatusChanged',
  'IssueClosed',
  'PositionDrafted',
  'PositionEndorsed',
  'PositionWithdrawn',
  'StatementDelivered',
  'PositionOutcomeRecorded',
  'EntryRetracted',
] as const;

const DRAFT_FIELDS = ['stance', 'summary', 'rationale', 'flexibility', 'redLines', 'fallbacks', 'allies'] as const;

export function draftChanges(before: EventData<'PositionDrafted'>, after: EventData<'PositionDrafted'>): Change[] {
  const changes: Change[] = [];
  for (const field of DRAFT_FIELDS) {
    // An absent rationale reads as null, as in the API. Red lines and fallbacks are compared without
    // their salts (ADR 0020): each draft has its own, whether the points changed or not.
    const from = before[field] ?? null;
    const to = after[field] ?? null;
    if (!sameJson(withoutSalt(from), withoutSalt(to))) changes.push({ field, from, to });
  }
  return changes;
}

/** The entries of the history, in canonical order. */
export function historyEntries(state: PositionHistoryState): readonly PositionHistoryEntry[] {
  return state.log.length === state.length ? state.log : state.log.slice(0, state.length);
}

/** The state with one more entry (and, for drafts and endorsements, what they change besides). */
function withEntry(
  state: PositionHistoryState,
  entry: PositionHistoryEntry,
  drafts = state.drafts,
  lastDraftVersion = state.lastDraftVersion,
  lastEndorsement = state.lastEndorsement,
): PositionHistoryState {
  const log = state.log.length === state.length ? state.log : state.log.slice(0, state.length);
  log.push(entry);
  return { log, length: state.length + 1, drafts, lastDraftVersion, lastEndorsement };
}

function entryOf(
  envelope: Envelope,
  version: number | null,
  changes: Change[],
  comparedWith: number | null,
): PositionHistoryEntry {
  return {
    eventId: envelope.eventId,
    streamName: envelope.streamName,
    type: envelope.event.type,
    validAt: envelope.validAt,
    recordedAt: envelope.recordedAt,
    position: envelope.commit.toString(),
    actor: envelope.metadata.actor,
    version,
    changes,
    comparedWith,
    data: envelope.event.data,
    source: sourceOf(envelope.metadata),
  };
}

export function evolvePositionHistory(state: PositionHistoryState, envelope: Envelope): PositionHistoryState {
  const { event } = envelope;
  switch (event.type) {
    case 'PositionDrafted': {
      const d = event.data;
      const baseVersion =
        d.previousVersion !== undefined && latestDraftOf(state.drafts, d.previousVersion) !== undefined
          ? d.previousVersion
          : state.lastDraftVersion;
      const base = baseVersion === null ? undefined : latestDraftOf(state.drafts, baseVersion);
      const changes = base === undefined ? [] : draftChanges(base, d);
      const entry = entryOf(envelope, d.version, changes, base === undefined ? null : baseVersion);
      return withEntry(state, entry, withDraft(state.drafts, d), d.version);
    }
    case 'PositionEndorsed': {
      const d = event.data;
      const prev = state.lastEndorsement;
      const changes: Change[] =
        prev !== null && prev.authority !== d.authority
          ? [{ field: 'authority', from: prev.authority, to: d.authority }]
          : [];
      return withEntry(
        state,
        entryOf(envelope, d.version, changes, prev?.version ?? null),
        state.drafts,
        state.lastDraftVersion,
        d,
      );
    }
    case 'PositionWithdrawn':
      return withEntry(state, entryOf(envelope, event.data.version, [], null));
    case 'StatementDelivered':
      return withEntry(state, entryOf(envelope, event.data.version ?? null, [], null));
    case 'IssueRegistered':
    case 'IssueRetitled':
    case 'DraftTextStatusChanged':
    case 'IssueClosed':
    case 'PositionOutcomeRecorded':
    case 'EntryRetracted':
      return withEntry(state, entryOf(envelope, null, [], null));
    default:
      return state;
  }
}

export const positionHistory: Projection<PositionHistoryState> = {
  name: 'position-history',
  version: 4,
  handles,
  initialState: () => ({ log: [], length: 0, drafts: null, lastDraftVersion: null, lastEndorsement: null }),
  evolve: evolvePositionHistory,
};
