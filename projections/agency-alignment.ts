// Agency alignment, per issue: each agency's latest view (canonical order: the last view valid by
// the query's date wins) and whether it diverges from the position in force.
import type { Agency } from '../contracts/principal.js';
import type { Stance } from '../contracts/enums.js';
import type { Bilingual } from '../contracts/text.js';
import type { EventData } from '../contracts/events/index.js';
import type { Envelope } from './envelope.js';
import type { Projection } from './projection.js';
import { currentPosition, endorsementInForce, evolveCurrentPosition, type CurrentPositionState } from './current-position.js';

export interface AgencyViewRecord {
  readonly eventId: string;
  readonly consultationId: string;
  readonly agency: Agency;
  readonly stance: Stance;
  readonly summary: Bilingual;
  readonly conditions: EventData<'AgencyViewRecorded'>['conditions'] | null;
  readonly domesticLawRefs: readonly string[];
  readonly validAt: string;
  readonly recordedAt: string;
}

export interface AgencyAlignmentState {
  readonly views: Readonly<Partial<Record<Agency, AgencyViewRecord>>>;
  readonly position: CurrentPositionState;
}

export function evolveAgencyAlignment(state: AgencyAlignmentState, envelope: Envelope): AgencyAlignmentState {
  const position = currentPosition.handles.includes(envelope.event.type) ? evolveCurrentPosition(state.position, envelope) : state.position;
  const { event } = envelope;
  if (event.type !== 'AgencyViewRecorded') return position === state.position ? state : { ...state, position };
  const d = event.data;
  const view: AgencyViewRecord = {
    eventId: envelope.eventId,
    consultationId: d.consultationId,
    agency: d.agency,
    stance: d.stance,
    summary: d.summary,
    conditions: d.conditions ?? null,
    domesticLawRefs: d.domesticLawRefs,
    validAt: envelope.validAt,
    recordedAt: envelope.recordedAt,
  };
  return { views: { ...state.views, [d.agency]: view }, position };
}

export const agencyAlignment: Projection<AgencyAlignmentState> = {
  name: 'agency-alignment',
  version: 2,
  handles: currentPosition.handles,
  initialState: () => ({ views: {}, position: currentPosition.initialState() }),
  evolve: evolveAgencyAlignment,
};

export interface AlignmentRow {
  readonly issueId: string;
  readonly agency: Agency;
  readonly view: AgencyViewRecord;
  readonly positionVersion: number | null;
  readonly positionStance: Stance | null;
  /** null when no position is in force to diverge from. */
  readonly diverges: boolean | null;
}

export function alignmentRows(issueId: string, state: AgencyAlignmentState): AlignmentRow[] {
  const inForce = endorsementInForce(state.position);
  const rows: AlignmentRow[] = [];
  for (const view of Object.values(state.views)) {
    if (view === undefined) continue;
    rows.push({
      issueId,
      agency: view.agency,
      view,
      positionVersion: inForce?.draft.version ?? null,
      positionStance: inForce?.draft.stance ?? null,
      diverges: inForce === null ? null : inForce.draft.stance !== view.stance,
    });
  }
  return rows.sort((a, b) => (a.agency < b.agency ? -1 : a.agency > b.agency ? 1 : 0));
}
