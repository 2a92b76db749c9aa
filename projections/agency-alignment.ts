// Agency alignment, per issue: each agency's latest view (canonical order: the last view valid by
// the query's date wins) and whether it diverges from the position in force. It is computed from two
// folds of the issue's envelopes: `agencyViews` below and the current position (whose cached fold the
// read models reuse), never a fold of its own. Each agency's earlier views are kept behind its latest
// (a shared chain, O(1) per view): a reader who may not see the consultation of the latest view gets
// the latest one they may see (ADR 0018).
import type { Agency } from '../contracts/principal.js';
import type { Stance } from '../contracts/enums.js';
import type { Envelope } from './envelope.js';
import { agencyViewOf, type AgencyViewRecord } from './agency-view.js';
import type { Projection } from './projection.js';
import { endorsementInForce, type CurrentPositionState } from './current-position.js';

/** An agency's views on the issue, latest first. */
export interface ViewLink {
  readonly view: AgencyViewRecord;
  readonly earlier: ViewLink | null;
}

/** Each agency's views on the issue, latest first. */
export type AgencyViews = Readonly<Partial<Record<Agency, ViewLink>>>;

/** The two folds alignment is computed from, over the same envelopes. */
export interface AlignmentFolds {
  readonly views: AgencyViews;
  readonly position: CurrentPositionState;
}

function withView(views: AgencyViews, envelope: Envelope): AgencyViews {
  const { event } = envelope;
  if (event.type !== 'AgencyViewRecorded') return views;
  const view = agencyViewOf(envelope, event.data);
  return { ...views, [view.agency]: { view, earlier: views[view.agency] ?? null } };
}

/** The views half of agency alignment (the position half is the current position's fold). */
export const agencyViews: Projection<AgencyViews> = {
  name: 'agency-views',
  version: 3,
  handles: ['AgencyViewRecorded'],
  initialState: () => ({}),
  evolve: withView,
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

/**
 * One row per agency with a view: its latest view, or with `sees`, its latest view whose consultation
 * the reader may see (an agency with none of those has no row).
 */
export function alignmentRows(
  issueId: string,
  state: AlignmentFolds,
  sees: (consultationId: string) => boolean = () => true,
): AlignmentRow[] {
  const inForce = endorsementInForce(state.position);
  const rows: AlignmentRow[] = [];
  for (const latest of Object.values(state.views)) {
    let link: ViewLink | null = latest ?? null;
    while (link !== null && !sees(link.view.consultationId)) link = link.earlier;
    if (link === null) continue;
    const { view } = link;
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
