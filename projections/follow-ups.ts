// Follow-ups, per issue: each thing to be done recorded on the issue (a commitment of an outcome
// document, a task a session leaves), its area, owner and due date, and where it stands now. A
// retracted entry is simply not among those folded (as-of.ts), so its follow-up or status change is gone.
import type { Agency } from '../contracts/principal.js';
import type { EventData } from '../contracts/events/index.js';
import type { FollowUpStatus } from '../contracts/enums.js';
import type { Bilingual } from '../contracts/text.js';
import { sourceOf, type Source } from '../contracts/source.js';
import type { Envelope } from './envelope.js';
import type { Projection } from './projection.js';

export interface FollowUpEntry {
  readonly eventId: string;
  readonly issueId: string;
  readonly followUpId: string;
  readonly area: EventData<'FollowUpRecorded'>['area'] | null;
  readonly action: Bilingual;
  readonly owner: Agency | null;
  readonly due: string | null;
  readonly reference: string | null;
  readonly recordedAt: string;
  readonly status: FollowUpStatus;
  /** The day of the last status change; null while it is as recorded. */
  readonly statusOn: string | null;
  readonly statusNote: Bilingual | null;
  /** Where the follow-up comes from (ADR 0038). */
  readonly source: Source;
}

export interface FollowUpsState {
  /** In the order recorded. */
  readonly items: readonly FollowUpEntry[];
}

export const followUps: Projection<FollowUpsState> = {
  name: 'follow-ups',
  version: 1,
  handles: ['FollowUpRecorded', 'FollowUpStatusChanged'],
  initialState: () => ({ items: [] }),
  evolve(state, envelope: Envelope) {
    const { event } = envelope;
    switch (event.type) {
      case 'FollowUpRecorded': {
        const d = event.data;
        const entry: FollowUpEntry = {
          eventId: envelope.eventId,
          issueId: d.issueId,
          followUpId: d.followUpId,
          area: d.area ?? null,
          action: d.action,
          owner: d.owner ?? null,
          due: d.due ?? null,
          reference: d.reference ?? null,
          recordedAt: envelope.validAt,
          status: 'open',
          statusOn: null,
          statusNote: null,
          source: sourceOf(envelope.metadata),
        };
        return { items: [...state.items.filter((i) => i.followUpId !== d.followUpId), entry] };
      }
      case 'FollowUpStatusChanged': {
        const d = event.data;
        return {
          items: state.items.map((i) =>
            i.followUpId === d.followUpId ? { ...i, status: d.status, statusOn: d.on, statusNote: d.note ?? null } : i,
          ),
        };
      }
      default:
        return state;
    }
  },
};

export interface FollowUpView extends FollowUpEntry {
  /** Still open or in progress after its due date (the query's day). */
  readonly overdue: boolean;
}

export function followUpViews(state: FollowUpsState, asOfDate: string): FollowUpView[] {
  return state.items.map((i) => ({
    ...i,
    overdue: i.due !== null && i.due < asOfDate && (i.status === 'open' || i.status === 'in-progress'),
  }));
}
